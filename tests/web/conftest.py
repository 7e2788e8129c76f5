"""Fixtures for the page and browser tests (the sample store and token are in the root conftest).

The browser tests run a real uvicorn server (``live_server``, or ``hostile_server`` over a
store with hostile names planted) and drive Debian's Chromium through Playwright
(``page``); screenshots go to test-artifacts/ for a human look.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from browsing import ARGS, ARTIFACTS, CHROMIUM, serve
from fastapi.testclient import TestClient
from planted import plant

LoginFn = Callable[..., httpx.Response]


@pytest.fixture
def login(write_token: str) -> LoginFn:
    """Log a client in through the real login form (CSRF cookie and field)."""

    def do(client: TestClient, next_url: str = "/", token: str = write_token) -> httpx.Response:
        form = client.get("/login", params={"next": next_url}).text
        match = re.search(r'name="csrf" value="([^"]+)"', form)
        assert match, "the login form carries a CSRF field"
        return client.post(
            "/login",
            data={"token": token, "csrf": match.group(1), "next": next_url},
            follow_redirects=False,
        )

    return do


@pytest.fixture
def live_server(tmp_path: Path, example_db: Path, write_token: str) -> Iterator[str]:
    """A uvicorn subprocess serving a private copy of the example store."""
    db = tmp_path / "live.db"
    shutil.copy(example_db, db)
    with serve(db, write_token) as base:
        yield base


@pytest.fixture
def hostile_server(
    tmp_path: Path, example_db: Path, write_token: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Like ``live_server``, with hostile names planted in the incidents and outlets."""
    db = tmp_path / "hostile.db"
    shutil.copy(example_db, db)
    planted = plant(db)
    with serve(db, write_token) as base:
        yield base, planted


@pytest.fixture
def page() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = "Chromium is missing at /usr/bin/chromium; run `make setup`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()
