"""The JSONL reader: a document per good line, an error per bad line."""

from __future__ import annotations

from pathlib import Path

from crosscheck.errors import EmptyInputError, InputError
from crosscheck.ingest.base import RawDocument
from crosscheck.ingest.readers.jsonl import read_jsonl


def test_read_jsonl_good_and_bad_lines(fixtures: Path) -> None:
    path = fixtures / "reports.jsonl"
    items = list(read_jsonl(path))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:4"]
    first, second = docs
    assert first.title == "Six held after riot"
    assert first.outlet == "Coastline Daily"
    assert first.url == "https://example.org/riot"
    assert first.author == "R. Alvarez"
    assert first.published == "2024-05-02"
    assert second.published == "2024-05-03"
    assert second.language == "en"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert "not valid JSON" in str(errors[0])
    assert "not an object" in str(errors[1])
    assert "no 'text'" in str(errors[2])


def test_read_jsonl_bom_and_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Bridge closed after a threat."}\n{"text": "  "}\n')
    first, second = list(read_jsonl(path))
    assert isinstance(first, RawDocument) and first.text == "Bridge closed after a threat."
    assert isinstance(second, EmptyInputError)
