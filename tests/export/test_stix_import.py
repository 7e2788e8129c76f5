"""STIX import: reports become documents through the ingest pipeline, without duplicates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.config import Settings, load_settings
from crosscheck.errors import ExportError
from crosscheck.export import export, import_file
from crosscheck.store import Store, open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(environ={})


@pytest.fixture
def fresh(tmp_path: Path) -> Store:
    store = open_store(str(tmp_path / "fresh.db"))
    yield store
    store.close()


def test_stix_import_opencti_bundle(fresh: Store, settings: Settings) -> None:
    summary = import_file(fresh, DATA / "opencti_bundle.json", settings)
    assert summary["new"] == 2
    assert len(summary["failed"]) == 1 and "has no text" in summary["failed"][0]
    docs = {d.title: d for d in fresh.documents(with_text=True)}
    first = docs["Bomb hits bus depot in Kabul"]
    assert first.outlet == "Harbour Gazette"
    assert first.published == "2023-07-14"
    assert first.url == "https://gazette.example/kabul-depot"
    assert "at least 14 people" in first.text
    # x_opencti_content is HTML: the script element is dropped, never kept as text to run.
    assert "alert" not in first.text
    second = docs["Depot attack toll climbs"]
    assert (second.outlet, second.language) == ("Valley Courier", "en")
    assert "climbed to 19" in second.text
    assert "Northern Shadow Collective" in summary["unmatched"]["actors"]
    assert fresh.claims()  # extraction ran like for any other input


def test_stix_import_is_idempotent(fresh: Store, settings: Settings) -> None:
    import_file(fresh, DATA / "opencti_bundle.json", settings)
    before = (fresh.document_ids(), [c.id for c in fresh.claims()], fresh.stats()["groups"])
    summary = import_file(fresh, DATA / "opencti_bundle.json", settings)
    assert summary["new"] == 0 and summary["unchanged"] == 2
    assert (fresh.document_ids(), [c.id for c in fresh.claims()], fresh.stats()["groups"]) == before


def test_stix_import_of_our_export_gives_same_documents(
    hand_store: Store, fresh: Store, settings: Settings, tmp_path: Path
) -> None:
    bundle = tmp_path / "ours.json"
    export(hand_store, "stix", bundle)
    summary = import_file(fresh, bundle, settings)
    assert summary["new"] == 3
    fields = ("id", "text", "path", "url", "title", "outlet", "published", "language")
    ours = [tuple(getattr(d, f) for f in fields) for d in hand_store.documents(with_text=True)]
    back = [tuple(getattr(d, f) for f in fields) for d in fresh.documents(with_text=True)]
    assert back == ours
    assert import_file(hand_store, bundle, settings)["new"] == 0


def _write(tmp_path: Path, content: Any) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a JSON file"),
        ({"type": "report"}, "not a STIX bundle"),
        ([1, 2], "neither a STIX 2.1 bundle"),
        ({"type": "bundle", "objects": {"a": 1}}, "not a list"),
        ({"type": "bundle", "objects": [{"name": "x"}]}, "object 0 has no"),
        (
            {
                "type": "bundle",
                "objects": [{"type": "report", "id": "report--1", "spec_version": "2.0"}],
            },
            "only 2.1",
        ),
    ],
)
def test_stix_import_bad_bundles(
    fresh: Store, settings: Settings, tmp_path: Path, content: Any, message: str
) -> None:
    with pytest.raises(ExportError, match=message) as info:
        import_file(fresh, _write(tmp_path, content), settings)
    assert "\n" not in str(info.value)


def test_stix_import_missing_file(fresh: Store, settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        import_file(fresh, tmp_path / "nope.json", settings)
