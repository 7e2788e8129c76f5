"""Extraction scored against gold: our own annotated reports, and the shared dev corpus.

The annotated reports under ``tests/data/annotated`` were written for these tests; the
dev corpus under ``../shared`` is used only when present.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.analysis.lang.en.extractor import EnglishExtractor
from crosscheck.config import Settings
from crosscheck.evaluate import EvalReport, evaluate, load_gold
from crosscheck.model import Claim, Document

ANNOTATED = Path(__file__).resolve().parent.parent / "data" / "annotated"


@pytest.fixture(scope="module")
def extractor() -> EnglishExtractor:
    return EnglishExtractor(Settings())


def _score(extractor: EnglishExtractor, gold_path: Path, folder: Path) -> EvalReport:
    gold = load_gold(gold_path)
    docs: list[Document] = []
    claims: list[Claim] = []
    for key, meta in gold["documents"].items():
        path = folder / meta["file"]
        sidecar = path.with_suffix(".meta.json")
        info: dict[str, Any] = json.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
        doc = Document(
            id=f"d-{key}",
            content_hash=key,
            text=path.read_text("utf-8"),
            path=str(path),
            published=info.get("published"),
            outlet=info.get("outlet"),
            title=info.get("title"),
        )
        docs.append(doc)
        claims.extend(extractor.extract(doc).claims)
    return evaluate(gold, docs, claims, [])


def _explain(report: EvalReport) -> str:
    lines = [
        f"miss {m['doc']} {m['measure']} {m['low']}-{m['high']}: {m['text']}" for m in report.misses
    ]
    lines += [
        f"noise {n['doc']} {n['measure']} {n['low']}-{n['high']}: {n['text']!r}"
        for n in report.noise
    ]
    return "\n".join(lines)


def test_claims_gold_annotated_reports(extractor: EnglishExtractor) -> None:
    report = _score(extractor, ANNOTATED / "gold.json", ANNOTATED)
    assert report.unmatched_documents == []
    assert report.recall is not None and report.recall >= 0.9, _explain(report)
    assert report.precision is not None and report.precision >= 0.9, _explain(report)


def test_claims_gold_dev_corpus(extractor: EnglishExtractor, shared_dir: Path) -> None:
    report = _score(extractor, shared_dir / "gold" / "dev.json", shared_dir / "corpus" / "dev")
    assert report.unmatched_documents == []
    assert report.recall is not None and report.recall >= 0.9, _explain(report)
    assert report.precision is not None and report.precision >= 0.9, _explain(report)
