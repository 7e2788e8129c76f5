"""Real-news accuracy: ingest a folder of real local news with an incident gold and score it.

``make eval-real`` runs this on ``../shared/realnews/gvc-dev`` (2,753 articles about 1,609
US shooting incidents, with the Gun Violence Archive's final killed and injured counts) when
that folder is there, and skips when it is not: the project never needs it to build or test.

It ingests the folder into a fresh SQLite store through the same library calls as
``crosscheck ingest``, timing ingest and reconcile, then scores the picture with
``crosscheck.evaluate_incidents`` (the figures of the corpus's public scorer: coreference F1,
killed exact, injured exact) on all incidents and on the fixed held-out 30% the linking model
never saw (``scripts/train_linking.py``). When the corpus's own scorer sits beside it, its
line is recorded too. Results go to ``bench/results/realnews.json``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import RESULTS, write_result

from crosscheck.config import load_settings
from crosscheck.evaluate import read_gold_json
from crosscheck.evaluate_incidents import evaluate_incidents, validate_incident_gold
from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
from crosscheck.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "realnews" / "gvc-dev"
GOAL_SECONDS = 300


def _external_score(folder: Path, store_url: str, work: Path) -> str | None:
    """The corpus's own scorer on our claim and group listings, when it is there."""
    scorer = folder.parent / "score_gvc.py"
    if not scorer.exists():
        return None
    cli = [str(Path(sys.executable).with_name("crosscheck")), "--db", store_url]
    claims, groups = work / "claims.json", work / "groups.json"
    with claims.open("w") as fh:
        subprocess.run([*cli, "claims", "--format", "json"], stdout=fh, check=True)
    with groups.open("w") as fh:
        subprocess.run([*cli, "groups", "--format", "json"], stdout=fh, check=True)
    done = subprocess.run(
        [sys.executable, str(scorer), str(folder / "gold.json"), str(claims), str(groups)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=RESULTS / "realnews.json")
    args = parser.parse_args(argv)
    gold_path = args.folder / "gold.json"
    if not gold_path.exists():
        print(f"realnews: {args.folder} is not here; skipped", file=sys.stderr)
        return 0
    gold = read_gold_json(gold_path)
    validate_incident_gold(gold, str(gold_path))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = str(work / "realnews.db")
        settings = load_settings({"db": url}, environ={})
        with open_store(url) as store:
            started = time.perf_counter()
            report = ingest_paths(store, [str(args.folder)], settings, reconcile=False)
            extracted = time.perf_counter()
            reconcile_pending(store)
            finished = time.perf_counter()
            claims = store.claims()
            scores = evaluate_incidents(gold, store.documents(), claims, store.groups())
            listed = len(claims)
        external = _external_score(args.folder, url, work)
    result = {
        "corpus": str(args.folder.name),
        "documents": {
            "new": len(report.new),
            "unchanged": len(report.unchanged),
            "failed": len(report.failed),
        },
        "claims": listed,
        "ingest_seconds": round(extracted - started, 1),
        "reconcile_seconds": round(finished - extracted, 1),
        "total_seconds": round(finished - started, 1),
        "goal_seconds": GOAL_SECONDS,
        "all": scores.to_dict()["all"],
        "held_out": scores.to_dict()["held_out"],
        "goals": {"killed_exact": 0.85, "injured_exact": 0.75, "coreference_f1": 0.85},
        "public_scorer": external,
    }
    write_result(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
