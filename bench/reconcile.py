"""Reconciliation benchmark (issue: cross-checking).

On a synthetic corpus with known groups and verdicts (``crosscheck.synth``):

* extract and store N documents (not timed as reconciliation);
* rebuild the whole picture from scratch, timed in a process limited to one core (goal < 60 s
  for 10,000 documents), and score it against the corpus' expected groups;
* add four more reports one at a time (statistics reports and incident reports) and time each
  incremental update (goal < 1 s; the median and the worst are reported);
* add the first of them to a copy of the store in a new process, which reads and recomputes
  everything before updating (the cold case: ``crosscheck ingest`` run once).

Writes ``bench/results/reconcile.json``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, write_result

#: Reports held out of the corpus and added one at a time after the rebuild.
HELD_OUT = 4

# A fresh process: store the document, then time the picture update alone.
_COLD_UPDATE = """
import sys, time
from crosscheck.config import load_settings
from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
from crosscheck.store import open_store
db, extra = sys.argv[1], sys.argv[2]
store = open_store(db)
ingest_paths(store, [extra], load_settings({"db": db}, environ={}), workers=1, reconcile=False)
started = time.perf_counter()
reconcile_pending(store)
print(time.perf_counter() - started)
"""


def _copy_sqlite(src: str, dst: str) -> None:
    """A consistent copy of a SQLite store, read through its own connection."""
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _cold_update(db: str, extra: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _COLD_UPDATE, db, str(extra)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def run(n_docs: int, workers: int) -> dict[str, Any]:
    from crosscheck.config import load_settings
    from crosscheck.pipeline.evaluation import evaluate_store
    from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
    from crosscheck.pipeline.picture import rebuild_picture
    from crosscheck.store import open_store
    from crosscheck.synth import generate, write_corpus

    work = Path(tempfile.mkdtemp(prefix="crosscheck-reconcile-"))
    try:
        corpus_dir = work / "corpus"
        corpus = generate(n_docs + HELD_OUT, seed=11)
        write_corpus(corpus, corpus_dir)
        files = sorted(corpus_dir.glob("*.txt"))
        # The last reports are added one at a time after the rebuild: statistics reports and
        # incident reports (a trial), which touch different parts of the picture.
        held: list[Path] = []
        for last in files[-HELD_OUT:]:
            extra = work / "extra" / last.stem
            extra.mkdir(parents=True)
            shutil.move(str(last), extra / last.name)
            meta = last.with_name(last.stem + ".meta.json")
            if meta.exists():
                shutil.move(str(meta), extra / meta.name)
            held.append(extra)

        db = str(work / "bench.db")
        settings = load_settings({"db": db}, environ={})
        store = open_store(db)
        started = time.perf_counter()
        ingest_paths(store, [str(corpus_dir)], settings, workers=workers, reconcile=False)
        extract_s = time.perf_counter() - started
        store.clear_pending(store.pending_documents())

        # One core for the reconcile itself, as the goal states.
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        started = time.perf_counter()
        picture = rebuild_picture(store)
        full_s = time.perf_counter() - started

        expected = corpus_dir / "expected.json"
        scores: dict[str, Any] = {}
        if expected.exists():
            report = evaluate_store(store, expected).to_dict()
            scores = {k: v for k, v in report.items() if not isinstance(v, (list, dict))}

        copy = str(work / "cold.db")
        _copy_sqlite(db, copy)
        each: list[dict[str, Any]] = []
        for extra in held:
            ingest_paths(store, [str(extra)], settings, workers=1, reconcile=False)
            title = store.documents_by_ids(store.pending_documents())[0].title
            started = time.perf_counter()
            reconcile_pending(store)
            each.append({"report": title, "seconds": round(time.perf_counter() - started, 3)})
        claims = len(store.claims())
        store.close()
        cold_s = _cold_update(copy, held[0])
        times = sorted(e["seconds"] for e in each)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "documents": n_docs,
        "claims": claims,
        "groups": len(picture.groups),
        "extract_and_store_seconds": round(extract_s, 2),
        "full_reconcile_seconds": round(full_s, 3),
        "full_reconcile_goal": "< 60 s on one core",
        "add_one_document_seconds": times[len(times) // 2],
        "add_one_document_worst_seconds": times[-1],
        "add_one_document_each": each,
        "add_one_document_goal": "< 1 s to update the picture after storing it (median of the"
        " reports added one at a time; the worst is reported too)",
        "add_one_document_new_process_seconds": round(cold_s, 3),
        "scores": scores,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS / "reconcile.json")
    args = parser.parse_args(argv)
    result = run(args.docs, args.workers)
    write_result(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
