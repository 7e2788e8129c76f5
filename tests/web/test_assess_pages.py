"""The ACH matrix, alerts, grades and warnings pages; forms need a session and its CSRF."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _setup(client: TestClient, auth: dict[str, str]) -> None:
    client.post(
        "/api/ach", json={"id": "q", "title": "Who did it?", "event": "Crocus"}, headers=auth
    )
    client.post(
        "/api/ach/q/hypotheses",
        json={"label": "ISKP", "key": "iskp", "names": ["ISKP"]},
        headers=auth,
    )
    client.post("/api/ach/q/evidence", json={"suggested": True}, headers=auth)
    client.post(
        "/api/ach/q/evidence", json={"note": "<script>alert(1)</script> typed"}, headers=auth
    )


def test_matrix_page_read_only_without_login(client: TestClient, auth: dict[str, str]) -> None:
    _setup(client, auth)
    page = client.get("/ach/q")
    assert page.status_code == 200
    assert "Who did it?" in page.text and "suggested CC" in page.text
    assert "<select" not in page.text and "Log in</a> to rate" in page.text
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    assert "Content-Security-Policy" in page.headers


def test_rating_needs_a_session(client: TestClient, auth: dict[str, str]) -> None:
    _setup(client, auth)
    item = client.get("/api/ach/q").json()["evidence"][0]["key"]
    r = client.post("/ach/q/ratings", data={f"cell:{item}:iskp": "II"}, follow_redirects=False)
    assert r.status_code == 401
    assert client.get("/api/ach/q").json()["cells"][item]["iskp"]["suggested"]


def test_rating_from_the_page(client: TestClient, auth: dict[str, str], login: Any) -> None:
    _setup(client, auth)
    login(client, "/ach/q")
    page = client.get("/ach/q").text
    item = client.get("/api/ach/q").json()["evidence"][0]["key"]
    assert f'name="cell:{item}:iskp"' in page and 'aria-label="Rating of' in page
    r = client.post(
        "/ach/q/ratings",
        data={"csrf": _csrf(page), f"cell:{item}:iskp": "II", "reason": "checked"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    cell = client.get("/api/ach/q").json()["cells"][item]["iskp"]
    assert (cell["rating"], cell["suggested"], cell["reason"]) == ("II", False, "checked")
    bad = client.post("/ach/q/ratings", data={"csrf": "stale", f"cell:{item}:iskp": "C"})
    assert bad.status_code == 403


def test_alerts_feed_grades_warnings_pages(client: TestClient, auth: dict[str, str]) -> None:
    client.post(
        "/api/rules", json={"kind": "pair", "entities": ["ISKP", "Tajikistan"]}, headers=auth
    )
    page = client.get("/alerts")
    assert page.status_code == 200 and "pair: ISKP + Tajikistan" in page.text
    empty = client.get("/alerts.atom")
    assert empty.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in empty.text and "urn:crosscheck:alerts" in empty.text
    assert "<entry>" not in empty.text
    # An upload naming both raises an alert, and the feed at the same URL carries it.
    report = (
        "Investigators in Dushanbe said on Monday that ISKP recruiters had been active in"
        " Tajikistan for months before the arrests."
    )
    files = [("files", ("recruiters.txt", report, "text/plain"))]
    assert client.post("/api/documents", headers=auth, files=files).status_code < 300
    alerts = client.get("/api/alerts").json()["items"]
    feed = client.get("/alerts.atom").text
    assert len(alerts) == 1 and feed.count("<entry>") == 1
    assert alerts[0]["id"] in feed and "recruiters" in feed
    assert "Reuters" in client.get("/grades").text
    warnings = client.get("/warnings").text
    assert "warned" in warnings and "days before" in warnings
    event = client.get("/events/Crocus City Hall").text
    assert "Warned before" in event and re.search(r'class="badge grade"[^>]*>[A-F][1-6]<', event)


def test_question_hypothesis_evidence_rule_and_grade_forms(client: TestClient, login: Any) -> None:
    login(client, "/ach")
    csrf = _csrf(client.get("/ach").text)
    r = client.post(
        "/ach",
        data={"csrf": csrf, "question": "kabul", "title": "Who bombed the embassy?"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/ach/kabul"
    assert "No evidence yet" in client.get("/ach/kabul").text
    client.post(
        "/ach/kabul/hypotheses",
        data={"csrf": csrf, "label": "Islamic State did it", "names": "Islamic State, IS"},
    )
    client.post("/ach/kabul/evidence", data={"csrf": csrf, "note": "A typed note"})
    view = client.get("/api/ach/kabul").json()
    assert view["hypotheses"][0]["names"][:2] == ["Islamic State", "IS"]
    assert [e["kind"] for e in view["evidence"]] == ["note"]
    client.post("/rules", data={"csrf": csrf, "kind": "warning", "place": "Kabul"})
    rules = client.get("/api/rules").json()
    assert [r["kind"] for r in rules] == ["warning"]
    client.post(f"/rules/{rules[0]['id']}/remove", data={"csrf": csrf})
    assert client.get("/api/rules").json() == []
    client.post("/grades", data={"csrf": csrf, "kind": "outlet", "target": "TASS", "value": "C"})
    tass = next(g for g in client.get("/api/grades/outlets").json() if g["outlet"] == "TASS")
    assert tass["grade"]["value"] == "C" and tass["grade"]["source"] == "analyst"
