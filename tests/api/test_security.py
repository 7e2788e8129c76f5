"""Hostile report text renders inert; headers, token file and error shapes are strict."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosscheck.config import Settings, load_settings
from crosscheck.web.server import ensure_token, token_path

HOSTILE = (
    b"<script>alert('pwned')</script> Rescue crews in the hill village of Dorsk said that "
    b"21 people were killed when a bridge collapsed. <img src=x onerror=alert(1)> "
    b'Details: <a href="javascript:alert(2)">click</a> and javascript:alert(3).'
)


@pytest.fixture
def hostile_doc(client: TestClient, auth: dict[str, str]) -> str:
    response = client.post(
        "/api/documents",
        headers=auth,
        files=[("files", ("hostile.txt", HOSTILE, "text/plain"))],
        data={"title": "<svg onload=alert(4)>", "url": "javascript:alert(5)", "outlet": "<b>X</b>"},
    )
    if response.status_code != 201:
        # A URL override with a non-http scheme may be refused outright; that is inert too.
        response = client.post(
            "/api/documents",
            headers=auth,
            files=[("files", ("hostile.txt", HOSTILE, "text/plain"))],
            data={"title": "<svg onload=alert(4)>", "outlet": "<b>X</b>"},
        )
    assert response.status_code == 201, response.text
    return str(response.json()["new_ids"][0])


ACTIVE = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"<svg[^>]*onload", re.I),
    re.compile(r"href=\"?javascript:", re.I),
    re.compile(r"<b>X</b>"),
]


def _pages(client: TestClient, doc_id: str) -> list[str]:
    paths = [f"/documents/{doc_id}", "/", "/documents", "/search?q=Dorsk", "/conflicts?show=all"]
    paths += [
        "/map",
        "/timeline",
        "/?outlet=%3Cb%3EX%3C/b%3E",
        "/graph?node=outlet:%3Cb%3EX%3C/b%3E",
    ]
    for claim in client.get("/api/claims", params={"doc": doc_id}).json()["items"]:
        if claim["subject"]["kind"] == "event" and claim["subject"]["id"]:
            event = claim["subject"]["id"]
            paths += [f"/events/{event}", f"/timeline?event={event}", f"/graph?node=event:{event}"]
    for group in client.get("/api/groups", params={"limit": 1000}).json()["items"]:
        if any(c["document"]["id"] == doc_id for c in group["claim_details"]):
            paths.append(f"/groups/{group['id']}")
    return paths


def test_security_hostile_text_is_inert_on_every_page(client: TestClient, hostile_doc: str) -> None:
    paths = _pages(client, hostile_doc)
    assert len(paths) > 5
    for path in paths:
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, path
        for pattern in ACTIVE:
            assert not pattern.search(response.text), (path, pattern.pattern)
    doc_page = client.get(f"/documents/{hostile_doc}").text
    assert "&lt;script&gt;" in doc_page


def test_security_hostile_text_is_inert_in_the_brief(client: TestClient, hostile_doc: str) -> None:
    html = client.get("/api/brief", params={"format": "html"}).text
    for pattern in ACTIVE[:4]:
        assert not pattern.search(html), pattern.pattern


def test_security_api_returns_text_as_json_strings(client: TestClient, hostile_doc: str) -> None:
    response = client.get(f"/api/documents/{hostile_doc}")
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>" in response.json()["text"]  # data, not markup: consumers must escape


@pytest.mark.parametrize("path", ["/", "/api/stats", "/conflicts", "/docs", "/nope"])
def test_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/", "/docs", "/conflicts", "/login", "/upload", "/search"])
def test_security_pages_load_nothing_from_the_network(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for tag in re.findall(r"<(?:script|link|img|iframe)[^>]*>", html, re.I):
        assert not re.search(r"(src|href)=\"(https?:)?//", tag), tag
    assert "<script>" not in html  # no inline scripts under the CSP


def test_security_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/does-not-exist")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/claims")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
    page = client.get("/no-page", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "not_found" in page.text


def test_security_generated_token_is_private_and_stable(tmp_path: Path) -> None:
    settings = load_settings({"db": str(tmp_path / "x.db")}, environ={})
    token, path, created = ensure_token(settings)
    assert created and path == token_path(settings.db) == tmp_path / "x.db.token"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(token) >= 32
    again, _, created_again = ensure_token(settings)
    assert again == token and not created_again


def test_security_env_token_wins(tmp_path: Path) -> None:
    settings = load_settings(
        {"db": str(tmp_path / "x.db")}, environ={"CROSSCHECK_TOKEN": "from-env"}
    )
    token, path, created = ensure_token(settings)
    assert (token, path, created) == ("from-env", None, False)
    assert not (tmp_path / "x.db.token").exists()


def test_security_store_path_is_not_shown(client: TestClient, api_settings: Settings) -> None:
    folder = str(Path(api_settings.db).resolve().parent)
    stats = client.get("/api/stats").json()
    info = client.get("/api/info").json()
    assert stats["store"] == info["store"] == info["settings"]["db"] == "cc.db"
    missing = client.get("/api/documents/no-such-document")
    assert missing.status_code == 404
    for response in (missing, client.get("/documents/no-such-document")):
        assert folder not in response.text and "cc.db" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/claims?offset=100000000000000000000000",
        "/api/groups?offset=100000000000000000000000",
        "/api/search?q=attack&offset=100000000000000000000000",
        "/api/alerts?offset=100000000000000000000000",
        "/claims?page=100000000000000000000000",
        "/conflicts?show=all&page=100000000000000000000000",
    ],
)
def test_security_offsets_past_any_listing_are_422(
    client: TestClient, api_settings: Settings, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert str(Path(api_settings.db).resolve().parent) not in response.text


def test_security_local_file_paths_are_not_shown(
    client: TestClient, api_settings: Settings, tmp_path: Path
) -> None:
    """A report ingested by its absolute path is shown relative to the folder given."""
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store

    folder = tmp_path / "private" / "reports"
    folder.mkdir(parents=True)
    (folder / "mill.txt").write_text(
        "Police in the mill town of Orsk said 6 people were killed and 9 injured in a blast.",
        encoding="utf-8",
    )
    with open_store(api_settings.db) as store:
        report = ingest_paths(store, [str(folder)], api_settings)
    (doc_id,) = report.new
    pages = [
        client.get(f"/api/documents/{doc_id}").text,
        client.get(f"/documents/{doc_id}").text,
        client.get("/api/documents", params={"limit": 1000}).text,
        client.get("/api/groups", params={"limit": 1000}).text,
        client.get("/api/brief", params={"format": "html"}).text,
        client.get("/api/brief").text,
    ]
    for text in pages:
        assert str(tmp_path) not in text
    assert client.get(f"/api/documents/{doc_id}").json()["path"] == "reports/mill.txt"
    assert "reports/mill.txt" in pages[1]
