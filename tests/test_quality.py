"""End-to-end quality gates: ingest a gold corpus through the CLI, score it with `crosscheck eval`.

These are the targets the extraction and cross-checking issues set. The dev corpus in
../shared is not ours and may be absent: those tests then skip. The sample corpus in
examples/ is ours and always scored, and so is a small synthetic corpus (our own templates,
``crosscheck.synth``): many incidents on nearby days in towns all over the world, reported
alike, which is where incident linking that trusts words over places goes wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.cli.app import main
from crosscheck.synth import generate, write_corpus

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exc:
        assert not exc.code, f"crosscheck {' '.join(args)} exited {exc.code}"


def _scores(corpus: Path, gold: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    _cli("--db", str(db), "ingest", str(corpus))
    capsys.readouterr()
    _cli("--db", str(db), "eval", str(gold), "--format", "json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_quality_dev_corpus_meets_the_targets(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _scores(
        shared_dir / "corpus" / "dev", shared_dir / "gold" / "dev.json", tmp_path / "d.db", capsys
    )
    assert report["recall"] >= 0.9, report["misses"]
    assert report["precision"] >= 0.9, report["noise"]
    assert report["grouping_f1"] >= 0.9
    assert report["verdict_accuracy"] == 1.0, report["wrong_verdicts"]


@pytest.mark.slow
def test_quality_sample_corpus_meets_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _scores(ROOT / "examples", ROOT / "examples" / "gold.json", tmp_path / "e.db", capsys)
    assert report["recall"] >= 0.9, report["misses"]
    assert report["precision"] >= 0.9, report["noise"]
    assert report["grouping_f1"] >= 0.9
    assert report["verdict_accuracy"] >= 0.9, report["wrong_verdicts"]


def test_quality_synthetic_corpus_meets_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 150 reports of some 50 incidents: enough for reports of different incidents to meet
    # on one day, small enough to ingest in seconds (bench/reconcile.py scores 10,000).
    corpus = tmp_path / "synth"
    write_corpus(generate(150, seed=11), corpus)
    report = _scores(corpus, corpus / "expected.json", tmp_path / "s.db", capsys)
    assert report["recall"] >= 0.95, report["misses"]
    assert report["precision"] >= 0.95, report["noise"]
    assert report["grouping_f1"] >= 0.9
    assert report["verdict_accuracy"] >= 0.9, report["wrong_verdicts"]


RU_DEV = ROOT / "tests" / "data" / "ru-dev"
MIXED_EN = ROOT / "tests" / "data" / "mixed-en"
#: The Russian reports of ru-dev that report the incidents of mixed-en.
MIXED_RU = ("01", "02", "03", "07", "08")


@pytest.mark.slow
def test_quality_russian_dev_gold_meets_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _scores(RU_DEV, RU_DEV / "gold.json", tmp_path / "ru.db", capsys)
    assert report["required"] >= 30
    assert report["recall"] >= 0.9, report["misses"]
    assert report["precision"] >= 0.9, report["noise"]
    assert report["grouping_f1"] >= 0.9
    assert report["verdict_accuracy"] >= 0.9, report["wrong_verdicts"]


@pytest.mark.slow
def test_quality_mixed_languages_group_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    for path in [*MIXED_EN.glob("e*"), *(p for k in MIXED_RU for p in RU_DEV.glob(f"{k}_*"))]:
        (corpus / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "mixed.db"
    report = _scores(corpus, MIXED_EN / "gold.json", db, capsys)
    assert report["recall"] >= 0.9, report["misses"]
    assert report["precision"] >= 0.9, report["noise"]
    assert report["grouping_f1"] >= 0.9
    assert report["verdict_accuracy"] >= 0.9, report["wrong_verdicts"]
    _cli("--db", str(db), "claims", "--measure", "killed", "--format", "json")
    claims = {c["id"]: c for c in json.loads(capsys.readouterr().out)}
    _cli("--db", str(db), "groups", "--format", "json")
    groups = [g for g in json.loads(capsys.readouterr().out) if g["measure"] == "killed"]
    languages = [{claims[c]["document"]["language"] for c in g["claims"]} for g in groups]
    # Each incident's toll is one group holding the English and the Russian reports.
    assert languages.count({"en", "ru"}) == 2
