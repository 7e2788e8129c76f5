"""Fixtures for the API tests: the sample corpus ingested once, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck.api import create_app
from crosscheck.config import Settings, load_settings
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-write-token-0123456789"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the sample corpus (ingested once per session)."""
    path = tmp_path_factory.mktemp("api-store") / "examples.db"
    settings = load_settings({"db": str(path)}, environ={})
    store = open_store(settings.db)
    try:
        report = ingest_paths(store, [str(EXAMPLES)], settings)
    finally:
        store.close()
    assert report.new, "the sample corpus should ingest"
    return path


@pytest.fixture
def api_settings(tmp_path: Path, example_db: Path) -> Settings:
    """Settings over a private copy of the example store, with a known token."""
    target = tmp_path / "cc.db"
    shutil.copy(example_db, target)
    return load_settings(
        {"db": str(target), "token": TOKEN, "upload_max_files": 3, "upload_max_mb": 0.05},
        environ={},
    )


@pytest.fixture
def client(api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
