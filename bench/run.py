"""Run every benchmark and collect the results in bench/results/.

``make bench`` runs this. Sizes are modest by default so it finishes on a
2-core machine; pass ``--full`` for the 100,000-document growth run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="include the 100,000-document run")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args(argv)
    plan = {
        "ingest": [sys.executable, str(HERE / "ingest.py")],
        "ingest_ru": [sys.executable, str(HERE / "ingest_ru.py")],
        "reconcile": [sys.executable, str(HERE / "reconcile.py")],
        "api": [sys.executable, str(HERE / "api_latency.py")],
        "assess": [sys.executable, str(HERE / "assess.py")],
        "pages": [sys.executable, str(HERE / "pages.py")],
        "exports": [sys.executable, str(HERE / "exports.py")],
        "soak": [sys.executable, str(HERE / "soak.py")],
        "scale": [sys.executable, str(HERE / "scale.py")] + (["--full"] if args.full else []),
        "realnews": [sys.executable, str(HERE / "realnews.py")],
    }
    failed = []
    for name, cmd in plan.items():
        if args.only and name not in args.only:
            continue
        if not Path(cmd[1]).exists():
            print(f"bench {name}: {cmd[1]} is missing, skipped", file=sys.stderr)
            continue
        print(f"== bench {name}", flush=True)
        if subprocess.run(cmd, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"benchmarks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"results in {HERE / 'results'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
