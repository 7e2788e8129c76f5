"""Requests refused before the server reads a byte of their body; hosts; HEAD; caching.

The ASGI app is called directly with a ``receive`` that counts what it hands out, so the
tests see whether the server read the body (TestClient would send it all regardless).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crosscheck.api import create_app
from crosscheck.api.guard import FORM_CAP
from crosscheck.config import Settings

Message = dict[str, Any]


class Sent:
    """What the app answered: status, headers and body."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")


def _scope(method: str, path: str, headers: dict[str, str]) -> Message:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }


def _body_source(
    chunk: bytes, chunks: int | None, head: bytes = b""
) -> tuple[Callable[[], Awaitable[Message]], list[int]]:
    """A ``receive`` giving ``head`` then ``chunks`` chunks (None: without end), counting
    the bytes it handed out."""
    read = [0]
    total = None if chunks is None else len(head) + len(chunk) * chunks

    async def receive() -> Message:
        if total is not None and read[0] >= total:
            return {"type": "http.disconnect"}
        body = head if read[0] == 0 and head else chunk
        read[0] += len(body)
        return {"type": "http.request", "body": body, "more_body": total is None or read[0] < total}

    return receive, read


def _call(app: FastAPI, scope: Message, receive: Callable[[], Awaitable[Message]]) -> Sent:
    sent = Sent()

    async def run() -> None:
        app.state.server  # noqa: B018 - created with the app
        await app(scope, receive, sent)

    asyncio.run(run())
    return sent


@pytest.fixture
def app(api_settings: Settings) -> FastAPI:
    return create_app(api_settings)


@pytest.mark.parametrize(
    "path,headers",
    [
        ("/api/documents", {}),
        ("/api/documents", {"authorization": "Bearer wrong-token"}),
        ("/api/claims/c-1/review", {"content-type": "application/json"}),
        ("/upload", {}),
        ("/merge", {"cookie": "cc_session=forged.value"}),
    ],
)
def test_guard_body_without_credentials_is_never_read(
    app: FastAPI, path: str, headers: dict[str, str]
) -> None:
    """A 300 MB declared body without a token (or a session) gets 401/403 at once."""
    receive, read = _body_source(b"x" * 65536, None)
    headers = {"host": "testserver", "content-length": str(300 * 1024 * 1024), **headers}
    sent = _call(app, _scope("POST", path, headers), receive)
    assert sent.status in (401, 403)
    assert read[0] == 0, "the body was read before the request was refused"
    assert sent.headers.get("connection") == "close"


def test_guard_declared_length_over_the_cap_is_refused_unread(
    app: FastAPI, write_token: str
) -> None:
    receive, read = _body_source(b"x" * 65536, None)
    headers = {
        "host": "testserver",
        "authorization": f"Bearer {write_token}",
        "content-length": str(FORM_CAP + 1),
        "content-type": "application/json",
    }
    sent = _call(app, _scope("POST", "/api/merges", headers), receive)
    assert sent.status == 413 and read[0] == 0
    assert b'"too_large"' in sent.body


def test_guard_chunked_body_is_cut_at_the_cap(app: FastAPI, write_token: str) -> None:
    """Without a Content-Length, the body is counted while it streams: never buffered past
    the cap (the api_settings upload cap is 3 files of 0.05 MB plus 1 MB of framing)."""
    chunk = b"y" * 65536
    part = (
        b'--zzz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    receive, read = _body_source(chunk, None, head=part)
    headers = {
        "host": "testserver",
        "authorization": f"Bearer {write_token}",
        "transfer-encoding": "chunked",
        "content-type": "multipart/form-data; boundary=zzz",
    }
    sent = _call(app, _scope("POST", "/api/documents", headers), receive)
    assert sent.status == 413
    cap = 3 * int(0.05 * 1024 * 1024) + 1024 * 1024
    assert cap < read[0] <= cap + len(chunk) + len(part)
    assert b"upload limit" in sent.body


def test_guard_small_chunked_body_goes_through(app: FastAPI, write_token: str) -> None:
    body = b'{"kind": "entity", "refs": ["nothing-1", "nothing-2"]}'
    receive, _ = _body_source(body, 1)
    headers = {
        "host": "testserver",
        "authorization": f"Bearer {write_token}",
        "transfer-encoding": "chunked",
        "content-type": "application/json",
    }
    sent = _call(app, _scope("POST", "/api/merges", headers), receive)
    assert sent.status == 404  # read and handled: the refs name no entity


@pytest.mark.parametrize("path", ["/api/stats", "/api/documents", "/", "/documents"])
def test_guard_dns_rebinding_host_is_refused(client: TestClient, path: str) -> None:
    """A page of evil.example whose name now points at 127.0.0.1 reads nothing."""
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "documents" not in response.text and "claims" not in response.text
    assert "content-security-policy" in response.headers
    assert client.get(path, headers={"Host": "localhost:8000"}).status_code == 200


def test_guard_allowed_hosts_setting(api_settings: Settings) -> None:
    settings = api_settings.model_copy(update={"allowed_hosts": "crosscheck.example.org"})
    with TestClient(create_app(settings), base_url="http://crosscheck.example.org") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"Host": "testserver"}).status_code == 400


def test_guard_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/documents"):
        head = client.head(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == client.get(path).headers["content-type"]


@pytest.mark.parametrize("path", ["/", "/conflicts", "/documents", "/api/stats", "/login"])
def test_guard_pages_and_answers_are_not_cached(client: TestClient, path: str) -> None:
    assert client.get(path).headers["cache-control"] == "no-store"


def test_guard_static_assets_may_be_cached(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers.get("cache-control") != "no-store"
