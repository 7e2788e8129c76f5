"""Write routes: the token guards every one; corrections are stored, shown and survive re-processing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosscheck.config import Settings
from crosscheck.pipeline.ingest import reprocess
from crosscheck.store import open_store


def _write_operations(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    return [
        (method.upper(), path.replace("{claim_id}", "c-x"))
        for path, methods in spec["paths"].items()
        for method in methods
        if method in ("post", "put", "patch", "delete")
    ]


def test_write_openapi_declares_the_bearer_scheme(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    ops = _write_operations(client)
    assert len(ops) >= 4
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if method == "post":
                assert op.get("security"), f"{method} {path} must declare the token"


@pytest.mark.parametrize(
    "headers,status,code",
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong-token"}, 403, "forbidden"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, "unauthorized"),
    ],
)
def test_write_every_endpoint_needs_the_token(
    client: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    for method, path in _write_operations(client):
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == status, (method, path, response.text)
        assert response.json()["error"]["code"] == code
    assert client.get("/api/corrections").json()["total"] == 0


def _claim(client: TestClient, measure: str = "killed") -> dict[str, Any]:
    return client.get("/api/claims", params={"measure": measure, "limit": 1}).json()["items"][0]


@pytest.mark.parametrize("action,expected", [("confirm", "confirmed"), ("reject", "rejected")])
def test_write_confirm_and_reject(
    client: TestClient, auth: dict[str, str], action: str, expected: str
) -> None:
    claim = _claim(client)
    response = client.post(
        f"/api/claims/{claim['id']}/review",
        headers=auth,
        json={"action": action, "reason": "checked the wire copy"},
    )
    assert response.status_code == 201
    assert response.json()["action"] == action
    after = client.get(f"/api/claims/{claim['id']}").json()
    assert after["corrected"] is True and after["review"] == expected
    listed = {c["id"] for c in client.get("/api/claims", params={"limit": 1000}).json()["items"]}
    assert (claim["id"] in listed) is (action != "reject")
    audit = client.get("/api/corrections").json()["items"]
    assert audit[0]["target"] == claim["id"] and audit[0]["reason"] == "checked the wire copy"


def test_write_edit_survives_reprocessing(
    client: TestClient, auth: dict[str, str], api_settings: Settings
) -> None:
    claim = _claim(client)
    new_low = (claim["low"] or 0) + 7
    response = client.post(
        f"/api/claims/{claim['id']}/review",
        headers=auth,
        json={
            "action": "edit",
            "low": new_low,
            "high": new_low,
            "author": "desk",
            "reason": "typo in the report",
        },
    )
    assert response.status_code == 201, response.text
    assert client.get(f"/api/claims/{claim['id']}").json()["low"] == new_low
    store = open_store(api_settings.db)
    try:
        reprocess(store, api_settings, doc_refs=[claim["document"]["id"]])
    finally:
        store.close()
    after = client.get(f"/api/claims/{claim['id']}").json()
    assert after["low"] == new_low and after["review"] == "edited"


@pytest.mark.parametrize(
    "body,status",
    [
        ({"action": "edit"}, 409),
        ({"action": "edit", "low": 10, "high": 5}, 409),
        ({"action": "destroy"}, 422),
    ],
)
def test_write_bad_review_is_refused(
    client: TestClient, auth: dict[str, str], body: dict[str, Any], status: int
) -> None:
    claim = _claim(client)
    response = client.post(f"/api/claims/{claim['id']}/review", headers=auth, json=body)
    assert response.status_code == status
    assert set(response.json()["error"]) == {"code", "message"}


def test_write_review_of_unknown_claim_is_404(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/claims/c-unknown/review", headers=auth, json={"action": "confirm"})
    assert response.status_code == 404


def test_write_merge_and_split_entities(client: TestClient, auth: dict[str, str]) -> None:
    entities = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    a, b = entities[0], entities[1]
    merged = client.post(
        "/api/merges",
        headers=auth,
        json={"kind": "entity", "refs": [a["id"], b["id"]], "reason": "same body"},
    )
    assert merged.status_code == 201, merged.text
    assert merged.json()["action"] == "merge"
    view = client.get(f"/api/entities/{a['aliases'][0]}").json()
    aliases = {x["alias"] for x in view["aliases"]}
    assert set(b["aliases"]) <= aliases
    split = client.post(
        "/api/splits",
        headers=auth,
        json={
            "kind": "entity",
            "ref": view["entity"]["id"],
            "members": b["aliases"][:1],
            "reason": "different body",
        },
    )
    assert split.status_code == 201, split.text
    actions = [r["action"] for r in client.get("/api/corrections").json()["items"]]
    assert actions[:2] == ["split", "merge"]


def test_write_merge_needs_two_refs(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/merges", headers=auth, json={"kind": "entity", "refs": ["x"]})
    assert response.status_code == 422
