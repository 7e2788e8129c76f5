"""JSONL dump and restore: another store gets the same documents, claims and corrections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import check_golden

from crosscheck.errors import ExportError
from crosscheck.export import ExportOptions, export, import_file
from crosscheck.export.jsonl import restore_jsonl
from crosscheck.store import Store, open_store


def test_jsonl_golden(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dump.jsonl"
    export(hand_store, "jsonl", out)
    check_golden(out, "dump.jsonl")


def test_jsonl_restore_into_fresh_store(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dump.jsonl"
    export(hand_store, "jsonl", out)
    target = open_store(str(tmp_path / "copy.db"))
    try:
        report = restore_jsonl(target, out)
        assert len(report.new) == 3 and report.corrections == 2
        for attr in ("document_ids", "mentions", "event_mentions", "statements"):
            assert getattr(target, attr)() == getattr(hand_store, attr)()
        source_claims = [(c.id, c.low, c.high, c.sentence) for c in hand_store.claims()]
        assert [(c.id, c.low, c.high, c.sentence) for c in target.claims()] == source_claims
        docs = {d.id: d for d in hand_store.documents(with_text=True)}
        for doc in target.documents(with_text=True):
            original = docs[doc.id]
            assert (doc.text, doc.path, doc.outlet, doc.published) == (
                original.text,
                original.path,
                original.outlet,
                original.published,
            )
        keys = [(c.target, c.action, c.payload) for c in hand_store.corrections()]
        assert [(c.target, c.action, c.payload) for c in target.corrections()] == keys
        # Twice changes nothing.
        again = restore_jsonl(target, out)
        assert (again.new, again.corrections, len(again.unchanged)) == ([], 0, 3)
        assert target.count_documents() == 3 and len(target.corrections()) == 2
    finally:
        target.close()


def test_jsonl_filtered_dump(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dump.jsonl"
    result = export(hand_store, "jsonl", out, ExportOptions(since="2023-05-10"))
    assert result.counts["document"] == 1


def test_jsonl_keeps_hostile_text(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dump.jsonl"
    export(hand_store, "jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = [line["document"]["text"] for line in lines if line["type"] == "document"]
    assert any(t.endswith("<script>alert('x')</script>") for t in texts)


def _damage(lines: list[str], how: str) -> list[str]:
    if how == "not json":
        return [*lines[:1], "{oops", *lines[1:]]
    if how == "no header":
        return lines[1:]
    if how == "edited text":
        doc = json.loads(lines[1])
        doc["document"]["text"] += " extra"
        return [lines[0], json.dumps(doc), *lines[2:]]
    if how == "wrong version":
        head = json.loads(lines[0])
        head["version"] = 99
        return [json.dumps(head), *lines[1:]]
    if how == "empty":
        return []
    raise AssertionError(how)


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("not json", "not JSON"),
        ("no header", "first line is not a crosscheck-dump header"),
        ("edited text", "does not match its content hash"),
        ("wrong version", "version 1 dump"),
        ("empty", "empty dump"),
    ],
)
def test_jsonl_damaged_dump_is_refused(
    hand_store: Store, tmp_path: Path, how: str, message: str
) -> None:
    out = tmp_path / "dump.jsonl"
    export(hand_store, "jsonl", out)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(_damage(out.read_text().splitlines(), how)) + "\n")
    target = open_store(str(tmp_path / "t.db"))
    try:
        with pytest.raises(ExportError, match=message):
            import_file(target, bad, None)
        assert target.count_documents() == 0
    finally:
        target.close()
