"""The timeline across incidents and reports: when each event happened, when each report
appeared, when a figure changed and when a warning was issued.

Two scopes: one incident (its reports, the changes of its figures, warnings issued in
its country in the weeks before) or a filtered store (matching incidents and
warnings, and, while few enough to read, their reports and figure changes). Entries
are plain dicts in date order; undated entries are left out and counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from crosscheck.model import Event
from crosscheck.pipeline.filters import Scope
from crosscheck.pipeline.views import event_view, groups_by_ids

#: Above this many reports or figure changes a store-wide timeline shows incidents only.
MAX_DETAIL = 400
#: Above this many dated entries the chart counts them per month and the list shows the
#: latest ones only: thousands of single marks are neither readable nor quick to draw.
MAX_ENTRIES = 300
#: How long before an incident a warning in its country is shown beside it.
WARNING_WINDOW = timedelta(days=90)


def _entry(day: str | None, lane: str, label: str, detail: str, href: str) -> dict[str, Any]:
    return {"date": day, "lane": lane, "label": label, "detail": detail, "href": href}


def _incident(event: Event | dict[str, Any]) -> dict[str, Any]:
    e = event if isinstance(event, dict) else _as_dict(event)
    place = ", ".join(dict.fromkeys(p for p in (e.get("location"), e.get("country")) if p))
    lane = "warning" if e["type"] == "warning" else "incident"
    detail = " · ".join(p for p in (e["type"], place) if p)
    return _entry(e.get("date"), lane, e["name"], detail, f"/events/{e['id']}")


def _as_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "name": event.name,
        "date": event.date,
        "location": event.location,
        "country": event.country,
    }


def _report(doc: dict[str, Any]) -> dict[str, Any]:
    title = doc.get("title") or doc.get("path") or doc["id"]
    label = f"{doc.get('outlet') or 'report'}: {title}"
    return _entry(
        doc.get("published"), "report", label, "report published", f"/documents/{doc['id']}"
    )


def _figure_changes(group: dict[str, Any]) -> list[dict[str, Any]]:
    """The group's figures in date order, each one that differs from the one before."""
    out: list[dict[str, Any]] = []
    last: tuple[Any, Any] | None = None
    claims = [c for c in group.get("claim_details", []) if c.get("review") != "rejected"]
    for c in sorted(claims, key=lambda c: ((c.get("as_of") or c.get("published") or ""), c["id"])):
        value = (c.get("low"), c.get("high"))
        if value == last:
            continue
        verb = "first reported" if last is None else "changed to"
        last = value
        figure = c.get("value") or ""
        out.append(
            _entry(
                c.get("as_of") if len(c.get("as_of") or "") >= 10 else c.get("published"),
                "figure",
                f"{group['label']} {verb} {figure}",
                f"{c.get('outlet') or 'a source'}, {c.get('published') or 'undated'}",
                f"/groups/{group['id']}#{c['id']}",
            )
        )
    return out


def _ordered(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Dated entries in order; past :data:`MAX_ENTRIES`, the latest ones and monthly counts."""
    dated = [e for e in entries if e["date"]]
    lanes = {"incident": 0, "warning": 1, "report": 2, "figure": 3}
    dated.sort(key=lambda e: (e["date"], lanes.get(e["lane"], 9), e["label"]))
    out: dict[str, Any] = {"entries": dated, "undated": len(entries) - len(dated)}
    out["total"] = len(dated)
    out["counts"] = None
    if len(dated) > MAX_ENTRIES:
        counts: dict[tuple[str, str], int] = {}
        for e in dated:
            if len(e["date"]) >= 7:
                key = (e["date"][:7], e["lane"])
                counts[key] = counts.get(key, 0) + 1
        out["counts"] = [
            {"month": month, "lane": lane, "count": n}
            for (month, lane), n in sorted(counts.items())
        ]
        out["entries"] = dated[-MAX_ENTRIES:]
    return out


def _warnings_before(scope: Scope, event: dict[str, Any]) -> list[dict[str, Any]]:
    if not event.get("date") or not event.get("country"):
        return []
    first = event["date"][:10]
    try:
        day = date.fromisoformat(first + "-01" * ((10 - len(first)) // 3))
    except ValueError:
        return []
    start = (day - WARNING_WINDOW).isoformat()
    return [
        _incident(w)
        for w in scope.events.values()
        if w.type == "warning"
        and w.country == event["country"]
        and w.date
        and start <= w.date[:10] <= first
    ]


def event_timeline(scope: Scope, ref: str) -> dict[str, Any]:
    """One incident's timeline: the incident, warnings before it, its reports by
    publication date and the changes of its figures."""
    view = event_view(scope.store, ref)
    event = view["event"]
    entries = [_incident(event), *_warnings_before(scope, event)]
    entries += [_report(d) for d in view["documents"]]
    for g in view["groups"]:
        entries += _figure_changes(g)
    return {"event": {"id": event["id"], "name": event["name"]}, **_ordered(entries)}


def store_timeline(scope: Scope) -> dict[str, Any]:
    """The timeline of a filtered store: matching incidents and warnings, and their
    reports and figure changes while there are at most :data:`MAX_DETAIL` of them."""
    entries = [_incident(scope.events[e]) for e in scope.event_ids]
    docs = scope.document_ids
    detail = len(docs) <= MAX_DETAIL
    if detail:
        entries += [_report(d.summary()) for d in scope.store.documents_by_ids(docs)]
        evolving = [g.id for g in scope.group_list if g.status in ("evolving", "conflict")]
        detail = len(evolving) <= MAX_DETAIL
        if detail:
            for g in groups_by_ids(scope.store, evolving):
                entries += _figure_changes(g)
    return {"event": None, "detail": detail, "reports": len(docs), **_ordered(entries)}


__all__ = ["MAX_DETAIL", "MAX_ENTRIES", "event_timeline", "store_timeline"]
