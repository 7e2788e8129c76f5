"""``python -m crosscheck.synth --docs 1000 --out DIR --seed 0``: write a synthetic corpus."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from crosscheck.errors import CrosscheckError
from crosscheck.synth.corpus import generate
from crosscheck.synth.writer import LAYOUTS, write_corpus


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m crosscheck.synth",
        description="Write synthetic reports with sidecars and an expected.json gold file.",
    )
    parser.add_argument("--docs", type=int, default=1000, help="number of reports (default 1000)")
    parser.add_argument("--out", required=True, help="output folder (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    parser.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="txt",
        help="txt: NAME.txt + NAME.meta.json per report; jsonl: shards of 1,000 reports"
        " (much faster for large corpora)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the generator; return the process exit code."""
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        expected = write_corpus(generate(args.docs, seed=args.seed), args.out, layout=args.layout)
    except CrosscheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    elapsed = time.perf_counter() - started
    print(f"wrote {args.docs} reports to {args.out} in {elapsed:.1f}s; gold: {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
