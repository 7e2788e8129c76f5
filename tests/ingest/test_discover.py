"""expand_inputs: files, directories, globs; skipping hidden files, sidecars, unknown suffixes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from crosscheck.errors import InputError
from crosscheck.ingest.discover import expand_inputs


def _tree(root: Path) -> None:
    for rel in [
        "b.txt",
        "a.md",
        "a.meta.json",
        "notes.docx",
        ".hidden.txt",
        ".git/config.txt",
        "sub/c.html",
        "sub/deeper/d.jsonl",
        "sub/deeper/e.rss",
        "sub/image.png",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def _rel(items: list[Path | InputError], root: Path) -> list[str]:
    return [Path(item).relative_to(root).as_posix() for item in items if isinstance(item, Path)]


def test_expand_directory_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(expand_inputs([str(tmp_path)]))
    assert _rel(items, tmp_path) == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/deeper/d.jsonl",
        "sub/deeper/e.rss",
    ]


def test_expand_keeps_paths_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    items = list(expand_inputs(["sub", "b.txt"]))
    assert [str(p) for p in items] == [
        os.path.join("sub", "c.html"),
        os.path.join("sub", "deeper", "d.jsonl"),
        os.path.join("sub", "deeper", "e.rss"),
        "b.txt",
    ]


def test_expand_explicit_file_with_any_suffix(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(expand_inputs([str(tmp_path / "notes.docx")]))
    assert items == [tmp_path / "notes.docx"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["b.txt"]),
        ("**/*.rss", ["sub/deeper/e.rss"]),
        ("sub/*", ["sub/c.html", "sub/deeper/d.jsonl", "sub/deeper/e.rss"]),
        ("**", ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.jsonl", "sub/deeper/e.rss"]),
    ],
)
def test_expand_glob(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    _tree(tmp_path)
    items = list(expand_inputs([str(tmp_path / pattern)]))
    assert sorted(_rel(items, tmp_path)) == expected
    assert not [i for i in items if isinstance(i, InputError)]


def test_expand_glob_without_match(tmp_path: Path) -> None:
    items = list(expand_inputs([str(tmp_path / "*.nothing")]))
    assert len(items) == 1
    assert isinstance(items[0], InputError)
    assert "no readable files match" in str(items[0])


def test_expand_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.txt")
    (error,) = list(expand_inputs([missing]))
    assert isinstance(error, InputError)
    assert str(error) == f"{missing}: no such file or directory; check the path"


def test_expand_deduplicates(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(expand_inputs([str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "*.txt")]))
    paths = _rel(items, tmp_path)
    assert paths.count("b.txt") == 1


def test_expand_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "only.png").write_bytes(b"x")
    (error,) = list(expand_inputs([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert "no readable reports" in str(error)


def test_expand_ten_thousand_files_quickly(tmp_path: Path) -> None:
    for i in range(100):
        folder = tmp_path / f"batch{i:03d}"
        folder.mkdir()
        for j in range(100):
            (folder / f"r{j:03d}.txt").write_bytes(b"x")
    start = time.perf_counter()
    items = list(expand_inputs([str(tmp_path)]))
    elapsed = time.perf_counter() - start
    assert len(items) == 10_000
    assert all(isinstance(i, Path) for i in items)
    assert items == sorted(items)
    assert elapsed < 3.0
