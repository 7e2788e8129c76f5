"""What every benchmark script shares: where results go and how they are written."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def write_result(result: dict[str, Any], out: Path) -> None:
    """Write ``result`` as JSON to ``out`` and echo it to stdout.

    The machine's load when the run ended is recorded with it: on a shared machine a
    throughput or a latency means little without it.
    """
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    result = {
        **result,
        "machine": {"cpus": os.cpu_count(), "load_average_1m": load[0] if load else None},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    json.dump(result, sys.stdout, indent=2)
    print()
