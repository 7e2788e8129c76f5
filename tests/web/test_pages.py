"""Pages and forms through the test client: login, CSRF, corrections, upload, highlighting."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosscheck.web.highlight import Mark, highlight


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/conflicts",
        "/conflicts?show=all&sort=spread",
        "/events",
        "/claims",
        "/entities",
        "/documents",
        "/search?q=killed",
        "/audit",
        "/upload",
        "/login",
        "/docs",
    ],
)
def test_pages_render_with_nav(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<nav aria-label="Main">' in response.text
    assert '<html lang="en">' in response.text


def _event_conflict(client: TestClient) -> dict[str, Any]:
    """The first conflicting or evolving group about an incident (statistics come first)."""
    groups = client.get("/api/conflicts").json()["items"]
    return next(g for g in groups if g["subject"]["kind"] == "event")


def test_pages_event_shows_figures_with_sources(client: TestClient) -> None:
    group = _event_conflict(client)
    html = client.get(f"/events/{group['subject']['id']}").text
    for claim in group["claim_details"]:
        assert f'href="/documents/{claim["document"]["id"]}#{claim["id"]}"' in html
    assert 'data-chart data-spec="spec-' in html or len(group["claim_details"]) < 2
    assert f"s-{group['status']}" in html


def test_pages_document_marks_claims_linking_to_groups(client: TestClient) -> None:
    group = client.get("/api/conflicts").json()["items"][0]
    claim = group["claim_details"][0]
    html = client.get(f"/documents/{claim['document']['id']}").text
    anchor = re.search(rf'<a class="claim[^"]*" id="{claim["id"]}"[^>]*href="([^"]+)"', html)
    assert anchor and anchor.group(1) == f"/groups/{group['id']}"


def test_pages_login_sets_a_strict_httponly_cookie(client: TestClient, login: Any) -> None:
    response = login(client)
    cookie = response.headers["set-cookie"]
    assert "cc_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert response.status_code == 303


def test_pages_login_with_wrong_token_is_refused(client: TestClient) -> None:
    form = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    response = client.post(
        "/login", data={"token": "nope", "csrf": csrf, "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 403
    assert "cc_session" not in response.headers.get("set-cookie", "")


def test_pages_login_without_its_csrf_cookie_is_refused(client: TestClient) -> None:
    response = client.post(
        "/login",
        data={"token": "test-write-token-0123456789", "csrf": "forged"},
        follow_redirects=False,
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "target,expected",
    [("/audit", "/audit"), ("//evil.example", "/"), ("https://evil.example/", "/")],
)
def test_pages_login_redirects_only_within_the_site(
    client: TestClient, login: Any, target: str, expected: str
) -> None:
    assert login(client, next_url=target).headers["location"] == expected


def _review_form(client: TestClient, group_id: str) -> tuple[str, str, str]:
    html = client.get(f"/groups/{group_id}").text
    action = re.search(r'<form method="post" action="(/claims/[^"]+/review)"', html).group(1)
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    return html, action, csrf


def test_pages_review_needs_login_and_csrf(client: TestClient, login: Any) -> None:
    group = client.get("/api/conflicts").json()["items"][0]
    claim_id = group["claim_details"][0]["id"]
    anonymous = client.post(
        f"/claims/{claim_id}/review", data={"action": "confirm"}, follow_redirects=False
    )
    assert anonymous.status_code == 401
    login(client)
    forged = client.post(
        f"/claims/{claim_id}/review",
        data={"action": "confirm", "csrf": "x"},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    assert client.get("/api/corrections").json()["total"] == 0


def test_pages_edit_a_claim_and_see_it_kept(client: TestClient, login: Any) -> None:
    login(client)
    group = _event_conflict(client)
    _, action, csrf = _review_form(client, group["id"])
    claim_id = action.split("/")[2]
    response = client.post(
        action,
        data={
            "action": "edit",
            "low": "1,234",
            "high": "1234",
            "csrf": csrf,
            "reason": "analyst check",
            "next": f"/groups/{group['id']}",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/groups/{group['id']}?saved=claim#{claim_id}"
    assert client.get(f"/api/claims/{claim_id}").json()["low"] == 1234
    audit = client.get("/audit").text
    assert claim_id in audit and "analyst check" in audit
    html = client.get(f"/events/{group['subject']['id']}").text
    assert "edited by analyst" in html


def test_pages_upload_through_the_form(client: TestClient, login: Any) -> None:
    login(client)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/upload").text).group(1)
    body = b"Port police in Saltmere said 5 people were arrested after a warehouse raid."
    response = client.post(
        "/upload", data={"csrf": csrf}, files=[("files", ("../saltmere.txt", body, "text/plain"))]
    )
    assert response.status_code == 200
    assert "new: 1" in response.text


def test_pages_upload_refused_without_login(client: TestClient) -> None:
    response = client.post("/upload", files=[("files", ("a.txt", b"text here", "text/plain"))])
    assert response.status_code == 401


@pytest.mark.parametrize(
    "text,marks,expected",
    [
        (
            "a <b> c",
            [Mark(2, 5, "claim", href="/groups/g-1")],
            'a <a class="claim" href="/groups/g-1">&lt;b&gt;</a> c',
        ),
        (
            "12 killed in Oslo",
            [Mark(0, 9, "claim", priority=2), Mark(3, 17, "entity", priority=1)],
            '<mark class="claim">12 killed</mark> in Oslo',
        ),
        (
            'x"y',
            [Mark(0, 3, "entity", title='a"b')],
            '<mark class="entity" title="a&#34;b">x&#34;y</mark>',
        ),
        (
            "short",
            [Mark(3, 99, "entity"), Mark(-4, 1, "entity")],
            '<mark class="entity">s</mark>ho<mark class="entity">rt</mark>',
        ),
    ],
)
def test_pages_highlight_escapes_and_nests(text: str, marks: list[Mark], expected: str) -> None:
    assert str(highlight(text, marks)) == expected


def test_pages_claim_edit_that_moves_its_group_lands_on_the_new_group(
    client: TestClient, login: Any
) -> None:
    """The page the form came from shows a group whose id the edit retires: following the
    redirect leads to the group that now holds the claim, with a note that it was saved."""
    login(client)
    groups = client.get("/api/groups", params={"limit": 1000}).json()["items"]
    group = next(g for g in groups if len(g["claims"]) == 1 and g["measure"] != "injured")
    claim_id = group["claims"][0]
    _, _, csrf = _review_form(client, group["id"])
    response = client.post(
        f"/claims/{claim_id}/review",
        data={
            "action": "edit",
            "measure": "injured",
            "csrf": csrf,
            "next": f"/groups/{group['id']}",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    assert page.history and page.history[-1].status_code == 307, "the old group id redirects"
    assert page.url.path != f"/groups/{group['id']}"
    assert claim_id in page.text and "Saved:" in page.text
    assert "saved=" not in re.search(r'name="next" value="([^"]*)"', page.text).group(1)


def test_pages_merged_entity_id_redirects_to_the_survivor(
    client: TestClient, auth: dict[str, str]
) -> None:
    entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    a, b = [e for e in entities if e["label"] == "GPE"][:2]
    merged = client.post(
        "/api/merges", headers=auth, json={"kind": "entity", "refs": [a["id"], b["id"]]}
    )
    assert merged.status_code == 201
    landed = set()
    for old in (a["id"], b["id"]):
        for path in (f"/entities/{old}", f"/api/entities/{old}"):
            response = client.get(path)
            assert response.status_code == 200, path
            landed.add(response.url.path.rsplit("/", 1)[1])
    assert len(landed) == 1, "both ids lead to the one merged entity"


def test_pages_actor_links_on_event_pages_lead_somewhere(client: TestClient) -> None:
    events = client.get("/api/events", params={"all": "true", "limit": 1000}).json()["items"]
    links = 0
    for event in events:
        html = client.get(f"/events/{event['id']}").text
        for href in re.findall(r'href="(/entities/[^"]+)"', html):
            links += 1
            assert client.get(href).status_code == 200, (event["id"], href)
    assert links > 0


def test_pages_merge_form_says_saved(client: TestClient, login: Any) -> None:
    login(client)
    entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    a, b = [e for e in entities if e["label"] == "GPE"][:2]
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/entities/{a['id']}").text)
    assert csrf
    response = client.post(
        "/merge",
        data={"kind": "entity", "refs": f"{a['id']}, {b['id']}", "csrf": csrf.group(1)},
    )
    assert response.status_code == 200 and response.url.path == "/audit"
    assert "Saved: the merge is stored" in response.text
