"""Compare an export with its golden file; ``CROSSCHECK_UPDATE_GOLDEN=1`` rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(produced: Path, name: str) -> None:
    """Assert ``produced`` equals ``golden/<name>`` byte for byte (or rewrite it on request)."""
    golden = GOLDEN / name
    text = produced.read_bytes()
    if os.environ.get("CROSSCHECK_UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_bytes(text)
    assert text == golden.read_bytes(), f"{name} differs from its golden file"
