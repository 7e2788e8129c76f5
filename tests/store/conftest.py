"""Fixtures for the store tests: every test runs on SQLite and on a real PostgreSQL.

The PostgreSQL server is started once per session (``tests/pgserver.py``) and each
test gets a fresh database. Without the server binaries the PostgreSQL cases skip,
unless ``CI`` is set or ``CROSSCHECK_REQUIRE_PG=1``: then they fail and say to run
``make setup``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from crosscheck.store import open_store
from crosscheck.store.base import Store


def _load_pgserver() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "pgserver.py"
    spec = importlib.util.spec_from_file_location("crosscheck_tests_pgserver", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pgserver = _load_pgserver()


def _pg_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("CROSSCHECK_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A running throwaway PostgreSQL server (skips, or fails in CI, when not installed)."""
    try:
        server = pgserver.PgServer()
    except pgserver.PgUnavailable as exc:
        if _pg_required():
            pytest.fail(f"PostgreSQL tests required (CI or CROSSCHECK_REQUIRE_PG=1) but {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        server.start()
    except RuntimeError as exc:
        if _pg_required():
            pytest.fail(f"cannot start PostgreSQL for tests: {exc}")
        pytest.skip(f"cannot start PostgreSQL for tests: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store, once per backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, migrated store on each backend."""
    st = open_store(store_url)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def reopen(store_url: str) -> Callable[[], Store]:
    """Open another connection to the same store (closed by the caller)."""
    return lambda: open_store(store_url)
