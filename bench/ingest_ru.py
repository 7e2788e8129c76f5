"""Russian ingest throughput against the raw Natasha pipeline on the same texts.

The corpus is our own Russian reports (examples/ and tests/data/ru-dev/), each repeated with
a different opening line until it has ``--docs`` reports. Two phases, each in a fresh
process with its models loaded and warmed up before the clock starts, alternated over
``ROUNDS`` rounds (the faster run of each counts):

* raw: Natasha's segmenter, morphology, syntax and NER over every text (what any
  Natasha-based extractor must pay);
* ingest: ``crosscheck ingest`` of the same files end to end (reading, extraction, store,
  reconcile).

The ratio is ingest throughput over raw throughput (goal >= 0.6). Writes
``bench/results/ingest_ru.json``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, write_result

from ingest import in_process

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "examples", ROOT / "tests" / "data" / "ru-dev")
#: Texts run through each pipeline before the clock starts (first calls are slower).
WARM_UP = 10
ROUNDS = 2


def make_corpus(folder: Path, n_docs: int) -> dict[str, Any]:
    """``n_docs`` Russian reports from our own texts, each with its own first line."""
    bases = [p for src in SOURCES for p in sorted(src.glob("*.txt")) if _russian(p)]
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n_docs):
        base = bases[i % len(bases)]
        text = f"Сводка номер {i + 1}.\n\n{base.read_text(encoding='utf-8')}"
        words += len(text.split())
        (folder / f"ru-{i:05d}.txt").write_text(text, encoding="utf-8")
        meta = base.with_name(base.stem + ".meta.json")
        if meta.exists():
            (folder / f"ru-{i:05d}.meta.json").write_bytes(meta.read_bytes())
    return {"docs": n_docs, "words": words}


def _russian(path: Path) -> bool:
    return sum("а" <= ch <= "я" for ch in path.read_text(encoding="utf-8").lower()) > 50


def phase_raw(folder: str) -> dict[str, Any]:
    from crosscheck.analysis.lang.ru.parse import natasha

    models = natasha()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    for text in texts[:WARM_UP]:
        models.doc(text)
    started = time.perf_counter()
    for text in texts:
        models.doc(text)
    return {"seconds": time.perf_counter() - started, "words": sum(len(t.split()) for t in texts)}


def phase_ingest(folder: str, db: str) -> dict[str, Any]:
    from crosscheck.analysis import get_extractor
    from crosscheck.config import load_settings
    from crosscheck.model import Document
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store

    settings = load_settings({"db": db}, environ={})
    extractor = get_extractor("ru", settings)  # models loaded before the clock, as for raw
    assert extractor is not None
    for path in sorted(Path(folder).glob("*.txt"))[:WARM_UP]:
        text = path.read_text(encoding="utf-8")
        extractor.extract(Document(id="warm-up", content_hash="", text=text, language="ru"))
    # The reconcile's tables and the city index load once per process, like the models:
    # a warm-up ingest into a scratch store keeps them off the clock too.
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(Path(folder).glob("*.txt"))[:WARM_UP]:
            (Path(scratch) / path.name).write_text(path.read_text(encoding="utf-8"))
        warm = open_store(str(Path(scratch) / "warm.db"))
        ingest_paths(warm, [scratch], settings)
        warm.close()
    store = open_store(db)
    started = time.perf_counter()
    report = ingest_paths(store, [folder], settings)
    seconds = time.perf_counter() - started
    claims = store.stats().get("claims")
    store.close()
    return {"seconds": seconds, "new": len(report.new), "words": report.words, "claims": claims}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        corpus = make_corpus(folder, args.docs)
        # Rounds alternate the two phases, each in a fresh process, and the faster run of
        # each counts: on a shared machine neither is penalised by when it happened to run.
        raws, ingests = [], []
        for k in range(ROUNDS):
            raws.append(in_process(phase_raw, str(folder)))
            ingests.append(in_process(phase_ingest, str(folder), str(Path(tmp) / f"ru{k}.db")))
        raw = min(raws, key=lambda r: r["seconds"])
        ingest = min(ingests, key=lambda r: r["seconds"])
    raw_wps = raw["words"] / raw["seconds"]
    ingest_wps = ingest["words"] / ingest["seconds"]
    result = {
        "corpus": corpus,
        "raw_natasha": {**raw, "words_per_s": round(raw_wps, 1)},
        "ingest": {**ingest, "words_per_s": round(ingest_wps, 1)},
        "ratio": round(ingest_wps / raw_wps, 3),
        "goal": ">= 0.6",
    }
    write_result(result, RESULTS / "ingest_ru.json")
    return 0 if result["ratio"] >= 0.6 else 1


if __name__ == "__main__":
    sys.exit(main())
