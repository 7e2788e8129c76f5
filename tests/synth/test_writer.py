"""Writing a synthetic corpus: files, sidecars, streamed gold, CLI entry point."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from crosscheck.errors import ConfigError
from crosscheck.synth import generate, write_corpus
from crosscheck.synth.__main__ import main


@pytest.mark.parametrize("n", [1, 25])
def test_writer_txt_layout_matches_gold(tmp_path: Path, n: int) -> None:
    corpus = generate(n, seed=4)
    expected = write_corpus(corpus, tmp_path / "out")
    gold = json.loads(expected.read_text(encoding="utf-8"))
    assert gold == corpus.gold()
    texts = sorted((tmp_path / "out").glob("*.txt"))
    assert len(texts) == n
    for key, entry in gold["documents"].items():
        path = tmp_path / "out" / entry["file"]
        meta = json.loads(path.with_suffix("").with_suffix(".meta.json").read_text())
        assert set(meta) == {"title", "outlet", "author", "url", "published", "language"}
        assert meta["published"] == entry["published"] and meta["outlet"] == entry["outlet"]
        assert key in entry["file"]
    assert not any(p.name.startswith(".synth-") for p in (tmp_path / "out").iterdir())


@pytest.mark.parametrize(("n", "shard"), [(7, 3), (6, 3), (10, 1000)])
def test_writer_jsonl_layout_names_lines(tmp_path: Path, n: int, shard: int) -> None:
    corpus = generate(n, seed=4)
    expected = write_corpus(corpus, tmp_path, layout="jsonl", shard_size=shard)
    gold = json.loads(expected.read_text(encoding="utf-8"))
    shards = sorted(tmp_path.glob("reports-*.jsonl"))
    assert len(shards) == -(-n // shard)
    docs = {d.key: d for d in corpus}
    for key, entry in gold["documents"].items():
        name, line = entry["file"].rsplit(":", 1)
        record = json.loads((tmp_path / name).read_text().splitlines()[int(line) - 1])
        assert record["id"] == key and record["text"] == docs[key].text
        assert record["url"] == entry["url"]
    assert gold["figures"] == corpus.gold()["figures"]


def test_writer_refuses_unknown_layout(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="layout 'xml'"):
        write_corpus(generate(1), tmp_path, layout="xml")  # type: ignore[arg-type]


def test_writer_main_writes_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--docs", "12", "--out", str(tmp_path / "c"), "--seed", "3"])
    assert code == 0
    assert "wrote 12 reports" in capsys.readouterr().out
    assert len(list((tmp_path / "c").glob("*.meta.json"))) == 12
    gold = json.loads((tmp_path / "c" / "expected.json").read_text())
    assert gold == generate(12, seed=3).gold()


def test_writer_main_reports_bad_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--docs", "2", "--out", str(blocker / "sub")]) != 0
    assert "cannot create the output folder" in capsys.readouterr().err


def test_writer_is_fast_enough_for_scale(tmp_path: Path) -> None:
    started = time.perf_counter()
    write_corpus(generate(5000, seed=1), tmp_path, layout="jsonl")
    # 100,000 reports must take well under a minute: 5,000 in a few seconds at most.
    assert time.perf_counter() - started < 5
