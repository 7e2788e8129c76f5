"""Derived tables are built once, read back after, and built again when their inputs change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.analysis.diskcache import cached


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(where))
    return where


def _counting(value: dict[str, int], calls: list[int]) -> Callable[[], dict[str, int]]:
    def build() -> dict[str, int]:
        calls.append(1)
        return dict(value)

    return build


def test_a_table_is_built_once_then_read(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "code.py"
    source.write_text("first version")
    calls: list[int] = []
    build = _counting({"north": 1, "south": 2}, calls)
    first = cached("towns", build, [source])
    again = cached("towns", build, [source])
    assert first == again == {"north": 1, "south": 2}
    assert len(calls) == 1
    assert len(list(cache.iterdir())) == 1


def test_a_changed_source_builds_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "code.py"
    source.write_text("first version")
    calls: list[int] = []
    cached("towns", _counting({"a": 1}, calls), [source])
    source.write_text("second version")
    assert cached("towns", _counting({"b": 2}, calls), [source]) == {"b": 2}
    assert len(calls) == 2


def test_a_damaged_file_is_built_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "code.py"
    source.write_text("v")
    calls: list[int] = []
    cached("towns", _counting({"a": 1}, calls), [source])
    for path in cache.iterdir():
        path.write_bytes(b"not a pickle")
    assert cached("towns", _counting({"a": 1}, calls), [source]) == {"a": 1}
    assert len(calls) == 2


def test_an_unwritable_cache_only_costs_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "code.py"
    source.write_text("v")
    calls: list[int] = []
    assert cached("towns", _counting({"a": 1}, calls), [source]) == {"a": 1}
    assert cached("towns", _counting({"a": 1}, calls), [source]) == {"a": 1}
    assert len(calls) == 2


def test_the_region_table_read_back_equals_the_one_built(cache: Path) -> None:
    """The subdivisions index is kept like the city index: read back, the same table, and
    named by the places data it was built from."""
    from crosscheck.analysis import geo

    geo._region_index.cache_clear()
    try:
        first = geo._region_index()
        names = [p.name for p in cache.iterdir() if p.name.startswith("regions-")]
        assert len(names) == 1
        geo._region_index.cache_clear()
        assert geo._region_index() == first == geo._build_region_index()
        assert any(place.kind == "region" for places in first.values() for place in places)
    finally:
        geo._region_index.cache_clear()
