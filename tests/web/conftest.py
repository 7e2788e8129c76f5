"""Fixtures for the page and browser tests (the sample store and token are in the root conftest)."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient

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
