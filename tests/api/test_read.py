"""Read routes: listings, detail views, paging and filters, all in the documented shapes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

CONTRACT_KEYS = {
    "id",
    "document",
    "measure",
    "low",
    "high",
    "approximate",
    "vague",
    "label",
    "subject",
    "as_of",
    "attributed_to",
    "sentence",
    "span",
}


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents",
        "/api/claims",
        "/api/groups",
        "/api/conflicts",
        "/api/events",
        "/api/entities",
        "/api/statements",
        "/api/corrections",
    ],
)
def test_read_listings_are_paged(client: TestClient, path: str) -> None:
    full = client.get(path, params={"limit": 1000})
    assert full.status_code == 200
    body = full.json()
    # The event list also says how many bare incidents it left out (see ?all=true).
    extra = {"hidden"} if path == "/api/events" else set()
    assert set(body) == {"items", "total", "limit", "offset"} | extra
    assert body["limit"] == 1000
    page = client.get(path, params={"limit": 2, "offset": 1}).json()
    assert page["items"] == body["items"][1:3]


@pytest.mark.parametrize("limit", [0, 1001, -5])
def test_read_limit_outside_bounds_is_a_validation_error(client: TestClient, limit: int) -> None:
    response = client.get("/api/claims", params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert "limit" in response.json()["error"]["message"]


def test_read_claims_follow_the_contract(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"limit": 1000}).json()["items"]
    assert claims
    for claim in claims:
        assert set(claim) >= CONTRACT_KEYS
        start, end = claim["span"]
        assert 0 <= start < end
        assert claim["document"]["id"].startswith("d-")


def test_read_claim_span_points_into_the_document_text(client: TestClient) -> None:
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    doc = client.get(f"/api/documents/{claim['document']['id']}").json()
    start, end = claim["span"]
    assert doc["text"][start:end].strip()
    assert doc["text"][start:end] in claim["sentence"] or claim["sentence"] in doc["text"]


@pytest.mark.parametrize("measure", ["killed", "arrested"])
def test_read_claims_filter_by_measure(client: TestClient, measure: str) -> None:
    items = client.get("/api/claims", params={"measure": measure, "limit": 1000}).json()["items"]
    assert all(c["measure"] == measure for c in items)


def test_read_one_claim_and_unknown_claim(client: TestClient) -> None:
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/claims/{claim['id']}").json()["id"] == claim["id"]
    missing = client.get("/api/claims/c-doesnotexist")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_read_conflicts_only_hold_conflicts_and_evolving(client: TestClient) -> None:
    items = client.get("/api/conflicts").json()["items"]
    assert items, "the sample corpus has disagreeing figures"
    assert {g["status"] for g in items} <= {"conflict", "evolving"}
    only = client.get("/api/conflicts", params={"status": "conflict"}).json()["items"]
    assert all(g["status"] == "conflict" for g in only)


@pytest.mark.parametrize("sort", ["attention", "subject", "measure", "sources", "spread"])
def test_read_groups_sort_keeps_every_group(client: TestClient, sort: str) -> None:
    base = client.get("/api/groups", params={"limit": 1000}).json()["items"]
    got = client.get("/api/groups", params={"limit": 1000, "sort": sort}).json()["items"]
    assert sorted(g["id"] for g in got) == sorted(g["id"] for g in base)


def test_read_groups_bad_sort_is_refused(client: TestClient) -> None:
    response = client.get("/api/groups", params={"sort": "random"})
    assert response.status_code == 422
    assert "sort" in response.json()["error"]["message"]


def test_read_group_detail_lists_its_claims(client: TestClient) -> None:
    group = client.get("/api/conflicts").json()["items"][0]
    detail = client.get(f"/api/groups/{group['id']}").json()
    assert detail["id"] == group["id"]
    assert {c["id"] for c in detail["claim_details"]} <= set(detail["claims"])


def test_read_event_detail_has_figures_actors_and_place(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 1000}).json()["items"]
    assert events
    with_figures = None
    for ev in events:
        view = client.get(f"/api/events/{ev['id']}").json()
        assert view["event"]["id"] == ev["id"]
        assert {"groups", "actors", "place", "mentions"} <= set(view)
        if view["groups"]:
            with_figures = view
    assert with_figures is not None


def test_read_entity_detail_shows_where_aliases_come_from(client: TestClient) -> None:
    entity = client.get("/api/entities").json()["items"][0]
    view = client.get(f"/api/entities/{entity['id']}").json()
    assert view["entity"]["id"] == entity["id"]
    for alias in view["aliases"]:
        assert alias["documents"], "every alias names the documents that taught it"


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/no-such-event-xyz",
        "/api/entities/zzzz-nobody",
        "/api/documents/d-nope",
        "/api/groups/g-nope",
    ],
)
def test_read_unknown_refs_are_404_in_the_error_shape(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"error"}
    assert response.json()["error"]["code"] == "not_found"


def test_read_search_covers_documents_claims_and_entities(client: TestClient) -> None:
    claim = client.get("/api/claims", params={"measure": "killed", "limit": 1}).json()["items"][0]
    word = max(claim["sentence"].split(), key=len).strip(".,;:\"'()")
    result = client.get("/api/search", params={"q": word}).json()
    assert set(result) >= {"documents", "claims", "entities"}
    assert claim["document"]["id"] in {d["id"] for d in result["documents"]}
    only_docs = client.get("/api/search", params={"q": word, "kinds": "documents"}).json()
    assert only_docs["claims"] == [] and only_docs["entities"] == []


def test_read_search_finds_entities_by_alias(client: TestClient) -> None:
    entity = client.get("/api/entities").json()["items"][0]
    alias = entity["aliases"][0]
    result = client.get("/api/search", params={"q": alias, "kinds": "entities"}).json()
    assert entity["id"] in {e["id"] for e in result["entities"]}


def test_read_info_and_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] >= 10
    info = client.get("/api/info").json()
    assert "token" not in info["settings"]


@pytest.mark.parametrize("fmt,kind", [("md", "text/markdown"), ("html", "text/html")])
def test_read_brief_formats(client: TestClient, fmt: str, kind: str) -> None:
    response = client.get("/api/brief", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
    if fmt == "html":
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
