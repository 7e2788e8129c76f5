"""Export benchmark: every export format over a synthetic 10,000-document store.

Builds a store from ``crosscheck.synth`` (extraction is not timed here), then runs
``crosscheck export --format F`` once per registered format, each in a new process, and
records its wall time, the largest resident memory of that process and the output size.
Goal (issue 17): the STIX bundle of 10,000 documents in under 60 s; before the fix it grew
quadratically with the corpus (2,000 real reports ran past 12 minutes).

Writes ``bench/results/exports.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, write_result

STIX_GOAL_S = 60.0

# One export in a fresh process; prints its own peak memory (ru_maxrss is in KB on Linux).
_EXPORT = """
import resource, sys, time
from crosscheck.cli.app import main
started = time.perf_counter()
try:
    main(["--db", sys.argv[1], "export", "--format", sys.argv[2], "--output", sys.argv[3]])
except SystemExit as exc:
    if exc.code:
        raise
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def _export(db: str, fmt: str, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _EXPORT, db, fmt, str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    seconds, rss_kb = done.stdout.strip().splitlines()[-1].split()
    return {
        "seconds": round(float(seconds), 2),
        "max_rss_mb": round(int(rss_kb) / 1024, 1),
        "output_mb": round(_size(out) / 1_000_000, 1),
    }


def build(n_docs: int, workers: int, work: Path) -> str:
    """A store of ``n_docs`` synthetic reports (extraction and reconciliation)."""
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store
    from crosscheck.synth import generate, write_corpus

    corpus = work / "corpus"
    write_corpus(generate(n_docs, seed=17), corpus)
    db = str(work / "bench.db")
    with open_store(db) as store:
        ingest_paths(store, [str(corpus)], load_settings({"db": db}, environ={}), workers=workers)
    return db


def run(n_docs: int, workers: int, reuse: Path | None) -> dict[str, Any]:
    from crosscheck.export.registry import exporter_names, get_exporter
    from crosscheck.store import open_store

    work = Path(tempfile.mkdtemp(prefix="crosscheck-exports-"))
    try:
        started = time.perf_counter()
        db = str(reuse) if reuse is not None else build(n_docs, workers, work)
        ingest_s = None if reuse is not None else round(time.perf_counter() - started, 1)
        with open_store(db) as store:
            stats = store.stats()
        formats = {}
        for fmt in exporter_names():
            out = work / f"export-{fmt}{get_exporter(fmt).suffix}"
            formats[fmt] = _export(db, fmt, out)
            print(f"{fmt}: {json.dumps(formats[fmt])}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stix = formats.get("stix", {}).get("seconds")
    return {
        "documents": stats["documents"],
        "claims": stats["claims"],
        "groups": stats["groups"],
        "events": stats["events"],
        "entities": stats["entities"],
        "ingest_seconds": ingest_s,
        "store": "reused (--db)" if reuse is not None else "built from crosscheck.synth",
        "formats": formats,
        "stix_goal": f"< {STIX_GOAL_S:g} s for 10,000 documents",
        "stix_goal_met": stix is not None and stix < STIX_GOAL_S,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="reuse this store instead of building one")
    parser.add_argument("--out", type=Path, default=RESULTS / "exports.json")
    args = parser.parse_args(argv)
    write_result(run(args.docs, args.workers, args.db), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
