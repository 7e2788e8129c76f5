"""The pages analysts look at rather than read: the map, the timeline, the link graph.

Each page renders its data server-side as a table or list (usable without JavaScript
and with a keyboard) and embeds the same data as inert JSON for the vendored
libraries in /static/vendor to draw: Leaflet for the map, Vega-Lite for the timeline,
Cytoscape.js for the graph. The data comes from the same library functions as the
JSON API (``/api/map``, ``/api/timeline``, ``/api/graph``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from crosscheck.pipeline.charts import timeline_counts_spec, timeline_spec
from crosscheck.pipeline.filters import Scope
from crosscheck.pipeline.graph import KINDS, neighbourhood
from crosscheck.pipeline.mapdata import map_points
from crosscheck.pipeline.timeline import event_timeline, store_timeline
from crosscheck.web.filtering import filter_context, filters_of
from crosscheck.web.pages import StoreDep
from crosscheck.web.templating import render

router = APIRouter(include_in_schema=False)
#: Rows of the table under the map; the map itself shows every point.
MAP_ROWS = 200
#: Incidents offered as starting points on the graph page without a node.
GRAPH_STARTS = 15


@router.get("/map")
def map_page(
    request: Request,
    store: StoreDep,
    focus: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    filters = filters_of(request)
    data = map_points(Scope(store, filters))
    rows = sorted(data["points"], key=lambda p: (-(p["toll"] or 0), -p["reports"], p["id"]))
    return render(
        request,
        "map.html",
        {
            "title": "Map",
            "data": data,
            "rows": rows[:MAP_ROWS],
            "focus": focus,
            **filter_context(store, filters),
        },
    )


@router.get("/timeline")
def timeline_page(
    request: Request,
    store: StoreDep,
    event: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    filters = filters_of(request)
    scope = Scope(store, filters)
    data = event_timeline(scope, event) if event else store_timeline(scope)
    title = f"Timeline: {data['event']['name']}" if data["event"] else "Timeline"
    return render(
        request,
        "timeline.html",
        {
            "title": title,
            "data": data,
            "spec": timeline_counts_spec(data["counts"])
            if data["counts"]
            else timeline_spec(data["entries"]),
            **filter_context(store, filters),
        },
    )


@router.get("/graph")
def graph_page(
    request: Request,
    store: StoreDep,
    node: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    if not node:
        counts = store.event_document_counts()
        busiest = sorted(counts, key=lambda e: (-counts[e], e))[:GRAPH_STARTS]
        events = sorted(store.events_by_ids(busiest), key=lambda e: (-counts[e.id], e.id))
        starts = [
            {"id": e.id, "name": e.name, "date": e.date, "documents": counts[e.id]} for e in events
        ]
        return render(
            request, "graph.html", {"title": "Link graph", "graph": None, "starts": starts}
        )
    graph = neighbourhood(store, node)
    center = next(n for n in graph["nodes"] if n["id"] == graph["center"])
    return render(
        request,
        "graph.html",
        {
            "title": f"Link graph: {center['label']}",
            "graph": graph,
            "center": center,
            "kinds": KINDS,
        },
    )


__all__ = ["router"]
