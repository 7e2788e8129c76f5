"""The structured-analysis routes: reads open, writes with the token like every write route."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _question(client: TestClient, auth: dict[str, str]) -> None:
    body = {"id": "crocus", "title": "Who did it?", "event": "Crocus City Hall"}
    assert client.post("/api/ach", json=body, headers=auth).status_code == 201
    for key, names in (("iskp", ["ISKP"]), ("ua", ["Ukraine", "Kyiv"])):
        r = client.post(
            "/api/ach/crocus/hypotheses",
            json={"label": key, "key": key, "names": names},
            headers=auth,
        )
        assert r.status_code == 201 and r.json() == {"key": key}


def test_ach_round_trip(client: TestClient, auth: dict[str, str]) -> None:
    _question(client, auth)
    offered = client.get("/api/ach/crocus/suggestions").json()
    assert offered
    r = client.post("/api/ach/crocus/evidence", json={"suggested": True}, headers=auth)
    assert r.status_code == 201 and len(r.json()["keys"]) == len(offered)
    item = r.json()["keys"][0]
    r = client.put(
        "/api/ach/crocus/ratings",
        json={"evidence": item, "hypothesis": "ua", "rating": "II", "reason": "why"},
        headers=auth,
    )
    assert r.status_code == 200 and r.json()["payload"]["rating"] == "II"
    view: dict[str, Any] = client.get("/api/ach/crocus").json()
    assert view["cells"][item]["ua"] == view["cells"][item]["ua"] | {
        "rating": "II",
        "suggested": False,
    }
    assert {r["hypothesis"] for r in view["ranking"]} == {"iskp", "ua"}
    csv = client.get("/api/ach/crocus/matrix.csv")
    assert csv.headers["content-type"].startswith("text/csv") and "score," in csv.text
    assert client.post("/api/ach/crocus/confirm", json={}, headers=auth).json()["confirmed"] > 0
    assert client.get("/api/ach").json()[0]["id"] == "crocus"
    assert client.get("/api/ach/crocus/log").json()[-1]["action"] == "rate"


def test_writes_need_the_token(client: TestClient, auth: dict[str, str]) -> None:
    _question(client, auth)
    cell = {"evidence": "x", "hypothesis": "ua", "rating": "CC"}
    assert client.put("/api/ach/crocus/ratings", json=cell).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert client.put("/api/ach/crocus/ratings", json=cell, headers=wrong).status_code == 403
    assert (
        client.post("/api/rules", json={"kind": "report", "events": ["Crocus"]}).status_code == 401
    )
    grade = {"kind": "outlet", "target": "TASS", "value": "B"}
    assert client.put("/api/grades", json=grade).status_code == 401


def test_errors_in_one_shape(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/api/ach/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.post("/api/rules", json={"kind": "pair", "entities": ["ISKP"]}, headers=auth)
    assert r.status_code in (400, 422) and "names 2 targets" in r.json()["error"]["message"]


def test_rules_alerts_grades_warnings(client: TestClient, auth: dict[str, str]) -> None:
    body = {"kind": "pair", "entities": ["ISKP", "Tajikistan"], "name": "ISKP and Tajikistan"}
    r = client.post("/api/rules", json=body, headers=auth)
    assert r.status_code == 201
    rule = r.json()["id"]
    assert client.get("/api/rules").json()[0]["name"] == "ISKP and Tajikistan"
    assert client.get("/api/alerts").json()["total"] == 0
    grades = client.get("/api/grades/outlets").json()
    assert {g["outlet"] for g in grades} >= {"Reuters", "TASS"}
    r = client.put(
        "/api/grades", json={"kind": "outlet", "target": "TASS", "value": "D"}, headers=auth
    )
    assert r.status_code == 200
    tass = next(g for g in client.get("/api/grades/outlets").json() if g["outlet"] == "TASS")
    assert tass["grade"]["value"] == "D"
    assert any(w["links"] for w in client.get("/api/warnings").json())
    assert client.delete(f"/api/rules/{rule}", headers=auth).status_code == 200
    assert client.get("/api/rules").json() == []
