"""Map points, timelines and the link graph on the sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.errors import ConfigError, NotFoundError
from crosscheck.pipeline.filters import Filters, Scope
from crosscheck.pipeline.graph import neighbourhood
from crosscheck.pipeline.mapdata import map_points
from crosscheck.pipeline.timeline import event_timeline, store_timeline
from crosscheck.pipeline.views import find_event
from crosscheck.store import Store, open_store

# Where the sample corpus's three incidents happened (public geography, degrees).
PLACES = {
    "Crocus": (55.82, 37.39),  # Crocus City Hall, Krasnogorsk, by Moscow
    "Kerman": (30.28, 57.08),
    "Kabul": (34.53, 69.17),
}

#: The sample corpus's reports of the Crocus attack, in English and in Russian.
CROCUS_REPORTS = sum(
    1
    for f in (Path(__file__).resolve().parents[2] / "examples").iterdir()
    if "crocus" in f.name and not f.name.endswith(".meta.json")
)


@pytest.fixture
def sample(example_db: Path) -> Iterator[Store]:
    with open_store(str(example_db)) as store:
        yield store


def test_map_places_the_three_incidents_where_they_happened(sample: Store) -> None:
    data = map_points(Scope(sample, Filters()))
    for word, (lat, lon) in PLACES.items():
        point = max((p for p in data["points"] if word in p["name"]), key=lambda p: p["reports"])
        assert abs(point["lat"] - lat) < 0.5 and abs(point["lon"] - lon) < 0.5, point
        assert point["reports"] >= 2 and point["toll"] and point["href"] == f"/events/{point['id']}"
    crocus = next(p for p in data["points"] if "Crocus" in p["name"])
    kabul = next(p for p in data["points"] if "Kabul" in p["name"] and p["toll"])
    assert crocus["toll"] > kabul["toll"]  # the marker sizes follow the death tolls


def test_map_follows_the_filters(sample: Store) -> None:
    iran = map_points(Scope(sample, Filters(place="Iran")))
    assert iran["points"] and all("Iran" in p["place"] for p in iran["points"])
    assert iran["filters"] == {"place": "Iran"}


def test_event_timeline_orders_the_crocus_reports_by_date(sample: Store) -> None:
    crocus = find_event(sample, "Crocus City Hall")
    data = event_timeline(Scope(sample, Filters()), crocus["id"])
    reports = [e for e in data["entries"] if e["lane"] == "report"]
    dates = [e["date"] for e in reports]
    assert len(reports) == CROCUS_REPORTS and dates == sorted(dates)
    assert dates[0] == "2024-03-22" and dates[-1] == "2024-03-30"
    kinds = {e["lane"] for e in data["entries"]}
    assert {"incident", "report", "figure"} <= kinds
    killed = [e["label"] for e in data["entries"] if e["label"].startswith("people killed")]
    # The first night's figures (40 and, later that night, 60) open the series; 144 ends it.
    (first,) = [k for k in killed if "first reported" in k]
    assert first.endswith(("at least 40", "at least 60")) and killed[-1].endswith("144")


def test_store_timeline_shows_detail_only_while_readable(sample: Store) -> None:
    data = store_timeline(Scope(sample, Filters()))
    assert data["detail"] and {e["lane"] for e in data["entries"]} >= {"incident", "report"}
    days = [e["date"] for e in data["entries"]]
    assert days == sorted(days)


def test_graph_opens_on_an_incident_and_expands_an_actor(sample: Store) -> None:
    crocus = find_event(sample, "Crocus City Hall")
    graph = neighbourhood(sample, f"event:{crocus['id']}")
    assert graph["center"] == f"event:{crocus['id']}"
    kinds = {n["kind"] for n in graph["nodes"]}
    assert kinds == {"event", "actor", "outlet", "statement"}
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert "outlet:TASS" in ids and "actor:isis-k" in ids
    actor = neighbourhood(sample, "actor:isis-k")
    events = {n["id"] for n in actor["nodes"] if n["kind"] == "event"}
    assert f"event:{crocus['id']}" in events and len(events) >= 2  # more than where we came from


def test_graph_refuses_unknown_nodes(sample: Store) -> None:
    with pytest.raises(ConfigError, match="is not KIND:ID"):
        neighbourhood(sample, "person:someone")
    with pytest.raises(NotFoundError, match="outlet 'Nobody Daily'"):
        neighbourhood(sample, "outlet:Nobody Daily")
