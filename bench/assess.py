"""Structured-analysis benchmark (issue 15): ACH scoring and the cost of watch rules.

* Score a 30-hypothesis x 2,000-item ACH matrix (random ratings, every cell rated, weights
  from the Admiralty tables): goal < 200 ms, median of repeated runs (the worst is reported).
* Ingest N synthetic documents (``crosscheck.synth``, 10,000 by default) into a store with
  watch rules of every kind in force, naming groups, places and incidents of that corpus;
  the time the rules take at the end of the ingest is measured inside the ingest. Goal: the
  rules add < 10% to the ingest time. The track-record refresh that runs beside them is
  reported too, as is the whole follow-up of a one-report ingest on the full store.

Writes ``bench/results/assess.json``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, write_result

HYPOTHESES = 30
ITEMS = 2000
RUNS = 15


def bench_scoring() -> dict[str, Any]:
    from crosscheck.assess.ach import item_weight, score
    from crosscheck.assess.records import RATINGS

    rng = random.Random(15)
    hyps = [f"h{j}" for j in range(HYPOTHESES)]
    items = [f"e{i}" for i in range(ITEMS)]
    weights = [
        item_weight(
            rng.choice("123456"), rng.choice("ABCDEF"), rng.choice(["high", "medium", "low"])
        )
        for _ in items
    ]
    ratings = {(i, h): rng.choice(RATINGS) for i in items for h in hyps}
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        result = score(hyps, items, weights, ratings)
        times.append((time.perf_counter() - began) * 1000)
    return {
        "hypotheses": HYPOTHESES,
        "items": ITEMS,
        "cells": len(ratings),
        "runs": RUNS,
        "median_ms": round(statistics.median(times), 1),
        "worst_ms": round(max(times), 1),
        "sensitive_items": len(result.sensitive),
        "goal": "< 200 ms",
        "ok": statistics.median(times) < 200,
    }


def _targets(corpus_dir: Path, work: Path) -> dict[str, list[str]]:
    """Names of the corpus to watch: taken from a scratch picture of its first reports."""
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store

    scratch = work / "scratch"
    scratch.mkdir()
    for f in sorted(corpus_dir.glob("*.txt"))[:150]:
        shutil.copy(f, scratch / f.name)
    db = str(work / "scratch.db")
    with open_store(db) as store:
        ingest_paths(store, [str(scratch)], load_settings({"db": db}, environ={}))
        entities = store.entities()
        groups = [e.name for e in entities if e.label in ("ARMED_GROUP", "ORG")][:6]
        places = [e.name for e in entities if e.label == "GPE"][:6]
        events = [e.location or e.name for e in store.events() if e.location][:3]
    return {"groups": groups, "places": places, "events": events}


def _add_rules(store: Any, names: dict[str, list[str]]) -> int:
    from crosscheck.assess.records import Target
    from crosscheck.pipeline.rules import add_rule

    groups, places, events = names["groups"], names["places"], names["events"]
    specs = [("report", [Target("entity", g)]) for g in groups[:4]]
    specs += [("report", [Target("place", p)]) for p in places[:2]]
    specs += [("figure", [Target("event", e)]) for e in events]
    specs += [("warning", [Target("place", p)]) for p in places[2:5]]
    specs += [
        ("pair", [Target("entity", g), Target("place", p)])
        for g, p in zip(groups[4:], places, strict=False)
    ]
    for kind, targets in specs:
        add_rule(store, kind, targets)
    return len(specs)


def bench_rules(n_docs: int, workers: int) -> dict[str, Any]:
    import crosscheck.pipeline.followup as followup
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store
    from crosscheck.synth import generate, write_corpus

    work = Path(tempfile.mkdtemp(prefix="crosscheck-assess-"))
    spent = {"rules": 0.0, "grading": 0.0}
    real_run, real_refresh = followup.run_rules, followup.refresh_outlet_records

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kw: Any) -> Any:
            began = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                spent[name] += time.perf_counter() - began

        return wrapper

    try:
        corpus_dir = work / "corpus"
        write_corpus(generate(n_docs + 1, seed=15), corpus_dir)
        files = sorted(corpus_dir.glob("*.txt"))
        extra = work / "extra"
        extra.mkdir()
        shutil.move(str(files[-1]), extra / files[-1].name)
        names = _targets(corpus_dir, work)
        db = str(work / "bench.db")
        settings = load_settings({"db": db}, environ={})
        store = open_store(db)
        rules = _add_rules(store, names)
        followup.run_rules = timed("rules", real_run)
        followup.refresh_outlet_records = timed("grading", real_refresh)
        began = time.perf_counter()
        report = ingest_paths(store, [str(corpus_dir)], settings, workers=workers)
        total = time.perf_counter() - began
        alerts = store.count_alerts()
        bulk = dict(spent)
        spent.update(rules=0.0, grading=0.0)
        began = time.perf_counter()
        ingest_paths(store, [str(extra)], settings, workers=1)
        one = time.perf_counter() - began
        store.close()
    finally:
        followup.run_rules, followup.refresh_outlet_records = real_run, real_refresh
        shutil.rmtree(work, ignore_errors=True)
    without = total - bulk["rules"]
    share = bulk["rules"] / without if without else 0.0
    return {
        "documents": len(report.new),
        "rules": rules,
        "rule_targets": names,
        "alerts": alerts,
        "ingest_seconds": round(total, 2),
        "rules_seconds": round(bulk["rules"], 3),
        "rules_share_of_ingest": round(share, 4),
        "goal": "rules add < 10% to the ingest time",
        "ok": share < 0.10,
        "track_records_seconds": round(bulk["grading"], 3),
        "one_more_report": {
            "ingest_seconds": round(one, 3),
            "rules_seconds": round(spent["rules"], 3),
            "track_records_seconds": round(spent["grading"], 3),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS / "assess.json")
    args = parser.parse_args(argv)
    result = {"ach_scoring": bench_scoring(), "watch_rules": bench_rules(args.docs, args.workers)}
    write_result(result, args.out)
    return 0 if result["ach_scoring"]["ok"] and result["watch_rules"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
