"""Web sessions: a login is known to the server, and a logout ends it for every copy."""

from __future__ import annotations

import re
import time
from typing import Any

from fastapi.testclient import TestClient

from crosscheck.web.auth import SESSION_COOKIE, new_session
from crosscheck.web.server import Sessions


def _csrf(client: TestClient, path: str = "/upload") -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert match, f"{path} carries a CSRF field once logged in"
    return match.group(1)


def test_auth_logout_ends_the_session_for_a_copied_cookie(client: TestClient, login: Any) -> None:
    login(client)
    stolen = client.cookies.get(SESSION_COOKIE)
    assert stolen
    csrf = _csrf(client)
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    client.cookies.set(SESSION_COOKIE, stolen)  # a copy kept from before the logout
    page = client.get("/upload").text
    assert "Log out" not in page and 'name="csrf" value="' not in page
    body = b"Harbour police in Tessel said 4 people were arrested after a night raid."
    response = client.post(
        "/upload",
        data={"csrf": csrf},
        files=[("files", ("t.txt", body, "text/plain"))],
        follow_redirects=False,
    )
    assert response.status_code == 401


def test_auth_a_cookie_the_server_never_issued_is_no_session(
    client: TestClient, write_token: str
) -> None:
    """Even correctly signed with the token: the server must have started it."""
    client.cookies.set(SESSION_COOKIE, new_session(write_token))
    assert "Log out" not in client.get("/").text


def test_auth_sessions_expire() -> None:
    sessions = Sessions(lifetime=0.05)
    sessions.start("n1")
    assert sessions.active("n1")
    time.sleep(0.1)
    assert not sessions.active("n1")
    sessions.start("n2")
    sessions.end("n2")
    assert not sessions.active("n2")
