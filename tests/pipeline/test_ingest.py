"""The ingest pipeline: languages without an extractor, re-processing that keeps corrections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crosscheck.config import Settings
from crosscheck.pipeline.claims import list_claims
from crosscheck.pipeline.corrections import correct_claim
from crosscheck.pipeline.ingest import ingest_paths, reprocess
from crosscheck.store import Store, open_store

GERMAN = (
    "Am Freitagabend eröffneten Unbekannte in einer Konzerthalle das Feuer. Nach Angaben der "
    "Ermittler wurden mindestens vierzig Menschen getötet und hundert weitere verletzt."
)
ENGLISH = (
    "Officials in the harbour town of Ostrava said on Sunday that 14 people were killed and "
    "at least 30 were injured when a truck exploded near the station."
)


def test_ingest_language_without_extractor_is_stored_and_marked(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    report = ingest_paths(store, [str(tmp_path)], settings)
    assert report.ok and len(report.new) == 2
    assert len(report.no_extractor) == 1
    docs = {d.language: d for d in store.documents(with_text=True)}
    assert docs["de"].status == "no extractor for de"
    assert "getötet" in docs["de"].text
    # Never guessed at with English rules: "vierzig Menschen getötet" gives no figure.
    assert store.claims(doc=docs["de"].id) == []
    assert [d.id for d in store.search("Konzerthalle")] == [docs["de"].id]
    (note,) = report.notes
    assert "de.txt" in note and "de" in note and "\n" not in note
    assert docs["en"].status == "ok" and store.claims(doc=docs["en"].id)


def test_reprocess_keeps_analyst_corrections(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    ingest_paths(store, [str(tmp_path)], settings)
    killed = next(c for c in list_claims(store) if c["measure"] == "killed")
    correct_claim(store, killed["id"], "edit", {"low": 15, "high": 15}, reason="later count")
    assert reprocess(store, settings) == 1
    after = {c["id"]: c for c in list_claims(store)}
    assert after[killed["id"]]["low"] == 15 and after[killed["id"]].get("corrected")
    groups = [g for g in store.groups() if killed["id"] in g.claims]
    assert groups and groups[0].estimate.best == 15


def test_ingest_same_text_under_two_paths_is_one_document(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    shutil.copy(tmp_path / "a.txt", tmp_path / "b.txt")
    report = ingest_paths(store, [str(tmp_path)], settings)
    assert len(report.new) == 1 and len(report.unchanged) == 1
    assert store.count_documents() == 1


def test_reports_with_one_body_and_two_headlines_are_two_documents(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    """A paywall page gives every report the same body; the headlines still differ."""
    wall = "Subscribe to keep reading.\n\nAlready a member? Sign in."
    heads = {
        "a": "Three people hurt in shooting at Dunmore bowling alley",
        "b": "Teen killed in Pellston shooting, police say",
    }
    for key, title in heads.items():
        (tmp_path / f"{key}.txt").write_text(wall, encoding="utf-8")
        (tmp_path / f"{key}.meta.json").write_text(json.dumps({"title": title}), "utf-8")
    report = ingest_paths(store, [str(tmp_path)], settings)
    assert len(report.new) == 2 and not report.unchanged
    assert {d.title for d in store.documents()} == set(heads.values())
    figures = {(c.measure, c.low) for c in store.claims()}
    assert {("injured", 3), ("killed", 1)} <= figures
    # Read again, both are known: nothing new, nothing lost.
    again = ingest_paths(store, [str(tmp_path)], settings)
    assert not again.new and len(again.unchanged) == 2
    assert store.count_documents() == 2


def test_one_body_under_one_headline_twice_is_one_document(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    for key in ("a", "b"):
        (tmp_path / f"{key}.txt").write_text(ENGLISH, encoding="utf-8")
        meta = {"title": "Truck blast in Ostrava ", "outlet": f"Outlet {key}"}
        (tmp_path / f"{key}.meta.json").write_text(json.dumps(meta), "utf-8")
    report = ingest_paths(store, [str(tmp_path)], settings)
    assert len(report.new) == 1 and len(report.unchanged) == 1


def test_ingest_a_report_another_writer_just_stored_is_unchanged(
    store: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another ingest stores the same report between our look-up and our write: that one
    report is "unchanged", and the rest of the batch is stored (no UNIQUE failure)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "b.txt").write_text(ENGLISH.replace("Ostrava", "Brnov"), encoding="utf-8")
    other = open_store(settings.db)
    ingest_paths(other, [str(folder / "a.txt")], settings)  # the other writer's run
    other.close()
    # Our look-up ran before the other writer stored it: it saw nothing.
    monkeypatch.setattr(store, "document_by_hash", lambda digest: None)
    report = ingest_paths(store, [str(folder)], settings)
    assert report.ok
    assert len(report.new) == 1 and len(report.unchanged) == 1
    hashes = [d.content_hash for d in store.documents()]
    assert len(hashes) == 2 == len(set(hashes))
    assert store.pending_documents() == []
