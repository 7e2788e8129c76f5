"""What the pages show, assembled from the library views (no HTML here, no SQL).

These functions only combine :mod:`crosscheck.pipeline` views for a page: the group a
claim belongs to, a document's marks, events related to an event, the audit rows.
"""

from __future__ import annotations

from typing import Any

from crosscheck.pipeline.corrections import audit_log
from crosscheck.pipeline.documents import document_view
from crosscheck.pipeline.views import conflicts_view, group_view
from crosscheck.store import Store
from crosscheck.web.charts import Point, figure_chart
from crosscheck.web.highlight import Mark, highlight


def group_detail(store: Store, group_id: str) -> dict[str, Any]:
    """One claim group with its claims' details, by id or unique id prefix."""
    return group_view(store, group_id)


def audit_rows(store: Store) -> list[dict[str, Any]]:
    """Every analyst correction, newest first: who, when, what and why."""
    return [
        {
            "id": c.id,
            "created_at": c.created_at,
            "author": c.author,
            "kind": c.target_kind,
            "target": c.target,
            "action": c.action,
            "payload": c.payload,
            "reason": c.reason,
        }
        for c in reversed(audit_log(store))
    ]


def _day(claim: dict[str, Any]) -> str:
    """The day a figure stood: its as-of date when it names a day, else publication."""
    as_of = claim.get("as_of") or ""
    return as_of if len(as_of) >= 10 else claim.get("published") or ""


def group_chart(group: dict[str, Any]) -> Any:
    """The group's figure over publication time (empty when fewer than two dated sources)."""
    points = [
        Point(
            day=_day(c),
            low=c.get("low"),
            high=c.get("high"),
            label=c.get("outlet") or (c.get("document") or {}).get("title") or "source",
        )
        for c in group.get("claim_details", [])
        if c.get("review") != "rejected"
    ]
    title = f"{group.get('label') or group.get('measure')} over publication time"
    return figure_chart(points, title)


def dashboard(store: Store, top: int = 8) -> dict[str, Any]:
    """Counts, latest ingests and the groups that most need an analyst's eye."""
    differing = conflicts_view(store)
    docs = store.documents()
    latest = sorted(docs, key=lambda d: d.ingested_at or "", reverse=True)[:top]
    return {
        "stats": store.stats(),
        "latest": [d.summary() | {"ingested_at": d.ingested_at} for d in latest],
        "conflicts": [g for g in differing if g["status"] == "conflict"][:top],
        "evolving": [g for g in differing if g["status"] == "evolving"][:top],
    }


def document_page(store: Store, ref: str) -> dict[str, Any]:
    """A document with its text marked: claims link to their group, entities to their page."""
    view = document_view(store, ref)
    claim_group = {cid: g.id for g in store.groups() for cid in g.claims}
    mention_entity: dict[str, tuple[str, str]] = {}
    mentions = store.mentions(doc=view["id"])
    wanted = {m.id for m in mentions}
    for ent in store.entities():
        for mid in ent.mention_ids:
            if mid in wanted:
                mention_entity[mid] = (ent.id, ent.name)
    marks = []
    for c in view["claims"]:
        gid = claim_group.get(c["id"])
        marks.append(
            Mark(
                start=c["span"][0],
                end=c["span"][1],
                kind="claim",
                anchor=c["id"],
                href=f"/groups/{gid}" if gid else None,
                priority=2,
                title=f"{c['measure']}: {c['label']}",
                classes=[f"m-{c['measure']}"],
            )
        )
    for m in mentions:
        known = mention_entity.get(m.id)
        marks.append(
            Mark(
                start=m.start,
                end=m.end,
                kind="entity",
                priority=1,
                classes=[f"l-{m.label}"],
                href=f"/entities/{known[0]}" if known else None,
                title=f"{m.label}: {known[1] if known else m.canonical or m.text}",
            )
        )
    for c in view["claims"]:
        c["group"] = claim_group.get(c["id"])
    return view | {"html": highlight(view["text"], marks), "mentions": len(mentions)}


def related_events(store: Store, event: dict[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    """Other events sharing an actor or the country, in date order (a timeline)."""
    keys = {a.get("key") or a.get("name") for a in event.get("actors", [])} - {None, ""}
    out = []
    for ev in store.events():
        if ev.id == event["id"]:
            continue
        shared = keys & {a.get("key") or a.get("name") for a in ev.actors}
        same_country = bool(event.get("country")) and ev.country == event.get("country")
        if shared or same_country:
            out.append(
                {
                    "id": ev.id,
                    "name": ev.name,
                    "type": ev.type,
                    "date": ev.date,
                    "location": ev.location,
                    "country": ev.country,
                    "why": "shared actor" if shared else "same country",
                }
            )
    out.append(
        {
            "id": event["id"],
            "name": event["name"],
            "type": event["type"],
            "date": event.get("date"),
            "location": event.get("location"),
            "country": event.get("country"),
            "why": "this event",
        }
    )
    out.sort(key=lambda e: (e["date"] or "9999", e["name"]))
    return out[:limit]


__all__ = [
    "audit_rows",
    "dashboard",
    "document_page",
    "group_chart",
    "group_detail",
    "related_events",
]
