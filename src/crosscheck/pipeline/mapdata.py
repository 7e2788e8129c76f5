"""Where incidents happened: the points of the workbench map.

Each matching incident with coordinates becomes a point with its place, date, type,
how many reports tell of it and its toll (the best estimate of its "killed" group, else
of its "casualties" group), which sizes its marker. Incidents without coordinates are
counted, not guessed. Outlines come from the vendored Natural Earth file, not from here.
"""

from __future__ import annotations

from typing import Any

from crosscheck.pipeline.filters import Scope

#: The groups whose best estimate sizes a marker, first found wins.
TOLL_MEASURES = ("killed", "casualties")


def _tolls(scope: Scope) -> dict[str, tuple[float, str]]:
    """Each incident's toll and the measure it comes from (only the toll groups are read).

    An incident may have several groups of one measure (a sub-count such as "three
    children"): its toll is that of the group most claims give.
    """
    tolls: dict[str, tuple[float, str]] = {}
    for measure in TOLL_MEASURES:
        best: dict[str, tuple[int, float]] = {}
        for g in scope.store.select_groups(measure=measure):
            if g.subject.kind == "event" and g.subject.id and g.estimate.best is not None:
                found = (len(g.claims), float(g.estimate.best))
                if found > best.get(g.subject.id, (0, float("-inf"))):
                    best[g.subject.id] = found
        for event_id, (_, toll) in best.items():
            tolls.setdefault(event_id, (toll, measure))
    return tolls


def map_points(scope: Scope) -> dict[str, Any]:
    """The map of a :class:`Scope`: ``{"points": [...], "unplaced": n, "filters": {...}}``.

    A point: ``id, name, type, date, place, lat, lon, reports, toll, toll_measure, href``.
    """
    points = []
    unplaced = 0
    tolls = _tolls(scope)
    for event_id in scope.event_ids:
        event = scope.events[event_id]
        if event.latitude is None or event.longitude is None:
            unplaced += 1
            continue
        toll, measure = tolls.get(event_id, (None, None))
        place = ", ".join(dict.fromkeys(p for p in (event.location, event.country) if p))
        points.append(
            {
                "id": event.id,
                "name": event.name,
                "type": event.type,
                "date": event.date,
                "place": place,
                "lat": round(event.latitude, 4),
                "lon": round(event.longitude, 4),
                "reports": len(scope.event_docs.get(event_id, ())),
                "toll": toll,
                "toll_measure": measure,
                "href": f"/events/{event.id}",
            }
        )
    return {"points": points, "unplaced": unplaced, "filters": scope.filters.params()}


__all__ = ["TOLL_MEASURES", "map_points"]
