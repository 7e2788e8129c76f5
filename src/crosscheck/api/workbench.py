"""JSON routes behind the workbench views: the map, the timeline, the link graph.

Each takes the workbench filters as query parameters (``since``, ``until``, ``outlet``,
``type``, ``place``, ``measure``, ``status``) and calls the same library function as
its page, so a script sees exactly what the analyst sees.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from crosscheck.api.deps import StoreDep
from crosscheck.pipeline.filters import Filters, Scope
from crosscheck.pipeline.graph import neighbourhood
from crosscheck.pipeline.mapdata import map_points
from crosscheck.pipeline.timeline import event_timeline, store_timeline

router = APIRouter(prefix="/api", tags=["workbench"])

Since = Annotated[str | None, Query(description="From this date (YYYY[-MM[-DD]])")]
Until = Annotated[str | None, Query(description="Up to this date (YYYY[-MM[-DD]])")]
Outlet = Annotated[str | None, Query(max_length=200, description="Reported by this outlet")]
Type = Annotated[str | None, Query(max_length=200, description="Incident type (attack, …)")]
Place = Annotated[str | None, Query(max_length=200, description="Part of the place or country")]
Measure = Annotated[str | None, Query(description="Figures of this measure (killed, …)")]
Status = Annotated[str | None, Query(description="Figures with this verdict (conflict, …)")]


def _scope(store: Any, **values: str | None) -> Scope:
    return Scope(store, Filters.parse(values))


@router.get("/map", summary="Incidents with coordinates, sized by toll (workbench filters)")
def get_map(
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    type: Type = None,
    place: Place = None,
    measure: Measure = None,
    status: Status = None,
) -> dict[str, Any]:
    return map_points(
        _scope(
            store,
            since=since,
            until=until,
            outlet=outlet,
            type=type,
            place=place,
            measure=measure,
            status=status,
        )
    )


@router.get("/timeline", summary="Incidents, warnings, reports and figure changes by date")
def get_timeline(
    store: StoreDep,
    event: Annotated[str | None, Query(max_length=200, description="One incident only")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Outlet = None,
    type: Type = None,
    place: Place = None,
    measure: Measure = None,
    status: Status = None,
) -> dict[str, Any]:
    scope = _scope(
        store,
        since=since,
        until=until,
        outlet=outlet,
        type=type,
        place=place,
        measure=measure,
        status=status,
    )
    return event_timeline(scope, event) if event else store_timeline(scope)


@router.get("/graph", summary="The link-graph nodes one step from a node")
def get_graph(
    store: StoreDep,
    node: Annotated[
        str,
        Query(
            min_length=3,
            max_length=300,
            description="event:ID, actor:KEY, outlet:NAME or statement:ID",
        ),
    ],
) -> dict[str, Any]:
    return neighbourhood(store, node)


__all__ = ["router"]
