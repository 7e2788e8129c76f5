"""Ingestion and extraction benchmarks (issues: foundation, extraction).

Measures, each phase in a fresh process so peak memory is its own:

* first ingest of a corpus: docs/s, words/s, peak memory;
* re-ingest of the unchanged corpus: time as a share of the first ingest (goal < 10%);
* raw ``nlp.pipe`` over the same texts, and the ratio of end-to-end ingest to it (goal >= 0.6);
* ``--workers 2`` against 1 worker (goal >= 1.7x on 2 cores);
* one document of 1,000,000 words: peak memory (goal < 2 GB) and claims kept at chunk borders.

Writes ``bench/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, write_result


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(fn: Callable[..., dict[str, Any]], args: tuple[Any, ...], queue: Any) -> None:
    result = fn(*args)
    result["peak_mb"] = round(_peak_mb(), 1)
    queue.put(result)


def in_process(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``fn`` in a fresh spawned process and return its result with its peak memory."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def make_corpus(folder: Path, n_docs: int, per_doc: int = 6) -> dict[str, Any]:
    """Reports of news-article length, each joined from ``per_doc`` synthetic dispatches.

    Synthetic dispatches (crosscheck.synth, our own templates) are ~60 words; articles run to
    hundreds, and per-document overheads would dominate a corpus of dispatches.
    """
    from crosscheck.synth import generate, write_corpus

    parts = folder.parent / "parts"
    write_corpus(generate(n_docs * per_doc, seed=7), parts)
    texts = sorted(parts.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n_docs):
        chunk = texts[i * per_doc : (i + 1) * per_doc]
        body = "\n\n".join(p.read_text(encoding="utf-8") for p in chunk)
        words += len(body.split())
        (folder / f"report-{i:05d}.txt").write_text(body, encoding="utf-8")
        meta = chunk[0].with_name(chunk[0].stem + ".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / f"report-{i:05d}.meta.json")
    shutil.rmtree(parts, ignore_errors=True)
    return {"docs": n_docs, "words": words}


def phase_ingest(folder: str, db: str, workers: int, reconcile: bool = True) -> dict[str, Any]:
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store

    settings = load_settings({"db": db, "workers": workers}, environ={})
    store = open_store(db)
    started = time.perf_counter()
    report = ingest_paths(store, [folder], settings, workers=workers, reconcile=reconcile)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "seconds": seconds,
        "new": len(report.new),
        "unchanged": len(report.unchanged),
        "failed": len(report.failed),
        "words": report.words,
    }


def phase_raw_pipe(folder: str) -> dict[str, Any]:
    import spacy

    from crosscheck.config import load_settings

    nlp = spacy.load(load_settings(environ={}).spacy_model)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {"seconds": time.perf_counter() - started, "words": sum(len(t.split()) for t in texts)}


def phase_big_document(words_target: int) -> dict[str, Any]:
    from crosscheck.analysis.lang.en.extractor import EnglishExtractor
    from crosscheck.config import load_settings
    from crosscheck.model import Document

    para = (
        "Officials said on Monday that 17 people were killed and 42 others injured when gunmen "
        "opened fire at a checkpoint. Police later detained nine suspects in the district.\n\n"
    )
    n = words_target // len(para.split()) + 1
    text = para * n
    extractor = EnglishExtractor(load_settings(environ={}))
    doc = Document(id="d-big", content_hash="big", text=text, published="2024-03-25")
    started = time.perf_counter()
    extraction = extractor.extract(doc)
    seconds = time.perf_counter() - started
    killed = sum(1 for c in extraction.claims if c.measure == "killed")
    return {
        "words": len(text.split()),
        "seconds": seconds,
        "paragraphs": n,
        "killed_claims": killed,
        "claims_lost_at_borders": n - killed,
    }


def run(n_docs: int, big_words: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    try:
        corpus = work / "corpus"
        info = make_corpus(corpus, n_docs)
        first = in_process(phase_ingest, str(corpus), str(work / "one.db"), 1)
        again = in_process(phase_ingest, str(corpus), str(work / "one.db"), 1)
        # Workers parallelise extraction; compare extraction + storage without the picture.
        one_x = in_process(phase_ingest, str(corpus), str(work / "one_x.db"), 1, False)
        two = in_process(phase_ingest, str(corpus), str(work / "two.db"), 2, False)
        raw = in_process(phase_raw_pipe, str(corpus))
        big = in_process(phase_big_document, big_words)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    e2e_wps = first["words"] / first["seconds"]
    raw_wps = raw["words"] / raw["seconds"]
    return {
        "corpus": info,
        "ingest": {
            "docs_per_s": round(first["new"] / first["seconds"], 2),
            "words_per_s": round(e2e_wps, 1),
            "seconds": round(first["seconds"], 2),
            "peak_mb": first["peak_mb"],
        },
        "reingest": {
            "seconds": round(again["seconds"], 3),
            "share_of_first": round(again["seconds"] / first["seconds"], 4),
            "goal": "< 0.10",
            "unchanged": again["unchanged"],
        },
        "raw_nlp_pipe": {"words_per_s": round(raw_wps, 1), "peak_mb": raw["peak_mb"]},
        "ingest_to_nlp_pipe_ratio": {"value": round(e2e_wps / raw_wps, 3), "goal": ">= 0.6"},
        "workers_2": {
            "what": "extract and store, without reconciliation, 2 processes vs 1",
            "seconds_1": round(one_x["seconds"], 2),
            "seconds_2": round(two["seconds"], 2),
            "speedup": round(one_x["seconds"] / two["seconds"], 3),
            "goal": ">= 1.7",
            "peak_mb_parent": two["peak_mb"],
        },
        "million_word_document": big | {"goal_peak_mb": "< 2048"},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--big-words", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=RESULTS / "ingest.json")
    args = parser.parse_args(argv)
    result = run(args.docs, args.big_words)
    write_result(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
