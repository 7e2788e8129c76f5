"""Undated versions of one file are ordered by when they were ingested, even within a second."""

from __future__ import annotations

from pathlib import Path

from crosscheck.config import Settings
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import open_store


def test_an_edited_file_ingested_in_the_same_second_is_the_newer_version(
    settings: Settings, tmp_path: Path
) -> None:
    report = tmp_path / "note.txt"
    texts = [
        "Police in Varna said on Monday that 3 people were hurt in a fire at a warehouse.",
        "Police in Varna said on Monday that 5 people were hurt in a fire at a warehouse.",
        "Police in Varna said on Monday that 4 people were hurt in a fire at a warehouse.",
    ]
    with open_store(settings.db) as store:
        ids = []
        for text in texts:  # well within one second of each other, with no stated date
            report.write_text(text, encoding="utf-8")
            (new,) = ingest_paths(store, [str(report)], settings, reconcile=False).new
            ids.append(new)
        latest = store.latest_version(path=str(report))
        assert latest is not None and latest.id == ids[-1]
        chain = {d.id: d.supersedes for d in store.documents()}
    # Each edit supersedes the one before it, whatever their content hashes say.
    assert chain == {ids[0]: None, ids[1]: ids[0], ids[2]: ids[1]}
