"""The workbench views through the test client: map, timeline, graph, filters, search."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from planted import plant

from crosscheck.api import create_app
from crosscheck.config import Settings


def _json_blocks(html: str) -> list[str]:
    return re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)


def test_workbench_pages_embed_their_data_as_inert_json(client: TestClient) -> None:
    crocus = client.get("/api/events", params={"limit": 100}).json()["items"]
    event_id = next(e["id"] for e in crocus if "Crocus" in e["name"])
    for path in [
        "/map",
        "/timeline",
        f"/timeline?event={event_id}",
        f"/graph?node=event:{event_id}",
    ]:
        html = client.get(path).text
        blocks = _json_blocks(html)
        assert blocks, path
        for block in blocks:
            json.loads(block)
            assert "<" not in block and ">" not in block, path  # \u003c, never a tag
        assert "<script>" not in html  # no inline code: the CSP would refuse it anyway
        for src in re.findall(r'<script src="([^"]+)"', html):
            assert src.startswith("/static/"), src


def test_map_page_lists_incidents_with_coordinates(client: TestClient) -> None:
    html = client.get("/map").text
    assert 'id="map"' in html and "countries-50m.json" in html
    rows = re.findall(r'<tr id="row-(e-[0-9a-f]+)">', html)
    data = client.get("/api/map").json()
    assert set(rows) == {p["id"] for p in data["points"]}
    assert "Crocus City Hall" in html and "Kabul" in html


def test_filters_narrow_the_home_page_and_stay_in_its_links(client: TestClient) -> None:
    everything = client.get("/").text
    narrowed = client.get("/", params={"outlet": "IRNA", "since": "2024-01-01"}).text
    assert "Showing reported by IRNA, from 2024-01-01." in narrowed
    assert 'value="IRNA"' in narrowed and 'value="2024-01-01"' in narrowed
    assert "Crocus" in everything and "Crocus" not in narrowed
    # The map, timeline and listing links keep the filters.
    for view in ("/map", "/timeline", "/events"):
        assert f'href="{view}?since=2024-01-01&amp;outlet=IRNA"' in narrowed


def test_conflicts_and_events_take_the_same_filters(client: TestClient) -> None:
    html = client.get("/conflicts", params={"show": "all", "place": "Kabul"}).text
    assert "near the Russian embassy" in html and "Crocus" not in html
    events = client.get("/events", params={"type": "bombing"}).text
    assert "Kabul" in events and "Crocus City Hall" not in events


@pytest.mark.parametrize(
    ("path", "message"),
    [("/?since=2024-02-30", "is not a date"), ("/map?status=x", "status='x' is not one of")],
)
def test_bad_filters_get_a_one_line_error_page(client: TestClient, path: str, message: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 400 and message in response.text.replace("&#39;", "'")


def test_search_shows_snippets_marks_words_and_names_incidents(client: TestClient) -> None:
    html = client.get("/search", params={"q": "death toll"}).text
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippets and all('<mark class="hit">' in s for s in snippets[:3])
    assert re.search(r'<p class="about"><small>About:</small> <a href="/events/e-', html)


def test_group_reasons_name_sources_not_claim_ids(client: TestClient) -> None:
    group = client.get("/api/conflicts").json()["items"][0]
    html = client.get(f"/groups/{group['id']}").text
    reason = re.search(r'<p class="reason">(.*?)</p>', html, re.S)
    assert reason and not re.search(r">c-[0-9a-f]{16}<|\bfrom c-[0-9a-f]{16}", reason.group(1))
    outlets = {c["outlet"] for c in group["claim_details"] if c["outlet"]}
    assert any(o in reason.group(1) for o in outlets)
    assert '<a class="cite" href="#c-' in reason.group(1)


def test_api_workbench_routes(client: TestClient) -> None:
    points = client.get("/api/map", params={"place": "Iran"}).json()["points"]
    assert points and all("Iran" in p["place"] for p in points)
    timeline = client.get("/api/timeline", params={"event": "Crocus City Hall"}).json()
    assert timeline["event"]["name"] == "attack at Crocus City Hall, 22 Mar 2024"
    graph = client.get("/api/graph", params={"node": "actor:isis-k"}).json()
    assert graph["center"] == "actor:isis-k" and graph["edges"]
    bad = client.get("/api/graph", params={"node": "nothing"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "config_error"
    missing = client.get("/api/graph", params={"node": "event:e-0000"})
    assert missing.status_code == 404


@pytest.fixture
def hostile_client(api_settings: Settings) -> Any:
    planted = plant(Path(api_settings.db))
    with TestClient(create_app(api_settings)) as c:
        yield c, planted


def test_hostile_names_stay_inert_in_map_timeline_graph_and_filters(hostile_client: Any) -> None:
    client, planted = hostile_client
    event = planted["event"]
    paths = [
        "/map",
        f"/map?focus={event}",
        "/timeline",
        f"/timeline?event={event}",
        f"/graph?node=event:{event}",
        f"/graph?node=outlet:{quote(planted['outlet'])}",
        f"/?outlet={quote(planted['outlet'])}",
        f"/events?place={quote(planted['markup'])}",
        "/search?q=Crocus",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        html = response.text
        assert "<img src=x" not in html and "<script>alert" not in html, path
        for block in _json_blocks(html):
            assert "<" not in block, path
    graph = client.get(f"/graph?node=event:{event}").text
    assert "&lt;img src=x onerror=alert(7)&gt;" in graph  # shown, as text


def test_claims_listing_takes_the_filters(client: TestClient) -> None:
    html = client.get("/claims", params={"outlet": "TASS", "status": "evolving"}).text
    rows = re.findall(r"<tr id=\"c-[0-9a-f]+\">(.*?)</tr>", html, re.S)
    assert rows
    for row in rows:
        assert "<td>TASS</td>" in row
    total = int(re.search(r"<p>(\d+) claim", html).group(1))  # type: ignore[union-attr]
    assert total == len(rows)
