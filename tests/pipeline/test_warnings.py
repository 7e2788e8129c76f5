"""A warning linked to a later event, read from an ingested corpus of our own reports."""

from __future__ import annotations

from pathlib import Path

from assess_corpus import write_reports

from crosscheck.config import Settings
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.pipeline.warnings import warnings_view
from crosscheck.store import Store


def test_warning_linked_to_the_later_attack(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest_paths(store, [str(write_reports(tmp_path / "r", ["1-warning", "2-attack"]))], settings)
    (warning,) = warnings_view(store)
    assert warning["speaker"] == "The British embassy in Nairobi"
    assert (warning["date"], warning["precision"]) == ("2024-05-02", "day")
    assert warning["places"] == ["Nairobi"] and warning["targets"] == ["crowded venue"]
    (link,) = warning["links"]
    assert link["text"] == "warned 16 days before"
    assert "Amani Plaza" in link["name"] and link["date"] == "2024-05-18"
    assert warnings_view(store, event=link["event"])[0]["statement"] == warning["statement"]


def test_no_link_without_a_later_event(store: Store, settings: Settings, tmp_path: Path) -> None:
    ingest_paths(store, [str(write_reports(tmp_path / "r", ["1-warning"]))], settings)
    assert [w["links"] for w in warnings_view(store)] == [[]]
