"""The drop-folder helpers under `crosscheck watch`: which file events become reports to ingest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import watchfiles

from crosscheck.config import Settings
from crosscheck.errors import InputError
from crosscheck.pipeline.watch import (
    folder_reports,
    is_scratch_file,
    reports_to_ingest,
    watch_folder,
)
from crosscheck.store import Store

ADDED = watchfiles.Change.added
MODIFIED = watchfiles.Change.modified
DELETED = watchfiles.Change.deleted


@pytest.mark.parametrize(
    ("name", "scratch"),
    [
        ("report.txt", False),
        ("2025-03-01 market blast.html", False),
        ("feed.rss", False),
        ("report.txt~", True),
        (".report.txt.swp", True),
        ("report.txt.swp", True),
        ("report.pdf.part", True),
        ("report.PDF.PART", True),
        ("report.html.crdownload", True),
        ("upload.tmp", True),
        (".hidden.txt", True),
        ("~$memo.docx", True),
    ],
)
def test_is_scratch_file_tells_partial_and_editor_files(name: str, scratch: bool) -> None:
    assert is_scratch_file(name) is scratch


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("A short report.", encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "events", "expected", "by_sidecar"),
    [
        # a new report and a changed one are ingested; a deleted one is not
        (
            ["a.txt", "b.html"],
            [(ADDED, "a.txt"), (MODIFIED, "b.html"), (DELETED, "gone.txt")],
            ["a.txt", "b.html"],
            [],
        ),
        # partial downloads, editor files and dotfiles are never read
        (
            ["c.txt.part", ".c.txt.swp", "c.txt~", ".d.txt"],
            [(ADDED, "c.txt.part"), (ADDED, ".c.txt.swp"), (ADDED, "c.txt~"), (ADDED, ".d.txt")],
            [],
            [],
        ),
        # a sidecar written after its report re-reads the report
        (["e.txt", "e.meta.json"], [(ADDED, "e.meta.json")], ["e.txt"], ["e.txt"]),
        # report and sidecar in one burst: the report is simply new
        (["f.txt", "f.meta.json"], [(ADDED, "f.txt"), (ADDED, "f.meta.json")], ["f.txt"], []),
        # a sidecar alone (its report not there yet) asks for nothing
        (["g.meta.json"], [(ADDED, "g.meta.json")], [], []),
        # sub-folders count, but not hidden ones
        (
            ["sub/h.txt", ".git/i.txt"],
            [(ADDED, "sub/h.txt"), (ADDED, ".git/i.txt")],
            ["sub/h.txt"],
            [],
        ),
        # an event for a file that vanished before the batch ran is ignored
        ([], [(ADDED, "quick.txt")], [], []),
    ],
)
def test_reports_to_ingest_maps_events_to_report_paths(
    tmp_path: Path,
    files: list[str],
    events: list[tuple[watchfiles.Change, str]],
    expected: list[str],
    by_sidecar: list[str],
) -> None:
    _touch(tmp_path, *files)
    changes = [(change, str(tmp_path / name)) for change, name in events]
    paths, sidecars = reports_to_ingest(changes, str(tmp_path))
    assert paths == [os.path.join(str(tmp_path), p) for p in expected]
    assert sorted(sidecars) == [os.path.join(str(tmp_path), p) for p in by_sidecar]


def test_reports_to_ingest_spells_paths_as_the_folder_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _touch(tmp_path / "drop", "a.txt", "sub/b.txt")
    monkeypatch.chdir(tmp_path)
    changes = [(ADDED, str(tmp_path / "drop" / "a.txt")), (ADDED, str(tmp_path / "drop/sub/b.txt"))]
    # Stored paths must match what `crosscheck ingest drop/` stores, so versions link up.
    assert reports_to_ingest(changes, "drop/")[0] == ["drop/a.txt", "drop/sub/b.txt"]
    assert reports_to_ingest(changes, "drop", recursive=False)[0] == ["drop/a.txt"]


@pytest.mark.parametrize(
    ("files", "recursive", "expected"),
    [
        ([], True, []),
        (["notes.docx", ".x.txt"], True, []),
        (["a.txt"], True, ["{root}"]),
        (["a.txt", "sub/b.txt", "c.txt.part", "a.meta.json", "x.docx"], False, ["{root}/a.txt"]),
        (["sub/b.txt"], False, []),
    ],
)
def test_folder_reports_lists_what_the_initial_ingest_reads(
    tmp_path: Path, files: list[str], recursive: bool, expected: list[str]
) -> None:
    root = tmp_path / "drop"
    root.mkdir()
    _touch(root, *files)
    want = [e.format(root=root) for e in expected]
    assert folder_reports(str(root), recursive=recursive) == want


def test_watch_folder_refuses_a_missing_folder(
    tmp_path: Path, settings: Settings, store: Store
) -> None:
    with pytest.raises(InputError, match="not a directory"):
        watch_folder(store, str(tmp_path / "nope"), settings)
