"""Paging of the list endpoints: disjoint pages in a stable order, totals, the hidden count."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosscheck.web.present import GROUP_SORTS, sort_groups


def _walk(client: TestClient, path: str, size: int, **params: Any) -> tuple[list[Any], set[int]]:
    items: list[Any] = []
    totals: set[int] = set()
    offset = 0
    while True:
        body = client.get(path, params={**params, "limit": size, "offset": offset}).json()
        totals.add(body["total"])
        if not body["items"]:
            return items, totals
        items += body["items"]
        offset += size


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/claims", {}),
        ("/api/claims", {"measure": "killed"}),
        ("/api/groups", {}),
        ("/api/groups", {"sort": "spread"}),
        ("/api/conflicts", {}),
        ("/api/events", {}),
        ("/api/events", {"all": "true"}),
    ],
)
def test_pages_cover_the_listing_once(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    items, totals = _walk(client, path, 3, **params)
    ids = [i["id"] for i in items]
    assert ids and len(ids) == len(set(ids))
    assert totals == {len(ids)}
    assert _walk(client, path, 3, **params)[0] == items, "the order is stable"


@pytest.mark.parametrize("sort", GROUP_SORTS)
def test_group_sorts_match_the_presentation_order(client: TestClient, sort: str) -> None:
    subject_order, _ = _walk(client, "/api/groups", 1000, sort="subject")
    got, _ = _walk(client, "/api/groups", 4, sort=sort)
    assert [g["id"] for g in got] == [g["id"] for g in sort_groups(subject_order, sort)]


def test_events_say_how_many_bare_incidents_were_hidden(client: TestClient) -> None:
    some = client.get("/api/events").json()
    every = client.get("/api/events", params={"all": "true"}).json()
    assert some["hidden"] > 0 and every["hidden"] == 0
    assert some["total"] + some["hidden"] == every["total"]
    shown = {e["id"] for e in some["items"]}
    bare = next(e for e in every["items"] if e["id"] not in shown)
    assert client.get(f"/api/events/{bare['id']}").json()["event"]["id"] == bare["id"]


@pytest.mark.parametrize("path", ["/api/claims", "/api/groups", "/api/events"])
def test_negative_offset_is_a_validation_error(client: TestClient, path: str) -> None:
    response = client.get(path, params={"offset": -1})
    assert response.status_code == 422
    assert "offset" in response.json()["error"]["message"]
