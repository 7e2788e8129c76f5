"""What the pages show, assembled from the library views (no HTML here, no SQL).

These functions only combine :mod:`crosscheck.pipeline` views for a page: the group a
claim belongs to, a document's marks, events related to an event, the audit rows.
"""

from __future__ import annotations

from typing import Any

from crosscheck.pipeline.charts import figure_spec
from crosscheck.pipeline.corrections import audit_log
from crosscheck.pipeline.documents import document_view
from crosscheck.pipeline.filters import Filters, Scope
from crosscheck.pipeline.reasons import explain_groups
from crosscheck.pipeline.views import group_view, groups_by_ids, groups_listing
from crosscheck.store import Store
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


def decorate(store: Store, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each group view its chart spec and its reason in words (in place)."""
    for g in groups:
        g["chart"] = figure_spec(g)
    return explain_groups(store, groups)


def _attention(groups: list[Any]) -> list[Any]:
    return sorted(groups, key=lambda g: (g.subject.name or "", g.measure, g.id))


def dashboard(store: Store, filters: Filters | None = None, top: int = 8) -> dict[str, Any]:
    """Counts, latest ingests and the groups that most need an analyst's eye, all within
    ``filters`` when they are set (then each count also says of how many)."""
    stats = store.stats()
    if filters is None or not filters.active:
        conflicts = groups_listing(store, statuses=["conflict"], sort="subject", limit=top)
        evolving = groups_listing(store, statuses=["evolving"], sort="subject", limit=top)
        newest = sorted(store.document_facts(), key=lambda d: d.ingested_at or "", reverse=True)
        latest = store.documents_by_ids([d.id for d in newest[:top]])
        return {
            "stats": stats,
            "matched": None,
            "latest": [d.summary() | {"ingested_at": d.ingested_at} for d in latest],
            "conflicts": decorate(store, conflicts.items),
            "evolving": decorate(store, evolving.items),
            "more": {"conflict": conflicts.total, "evolving": evolving.total},
        }
    scope = Scope(store, filters)
    kept = scope.group_list
    picked = {
        status: _attention([g for g in kept if g.status == status])
        for status in ("conflict", "evolving")
    }
    facts = [scope.documents[d] for d in scope.document_ids]
    newest = sorted(facts, key=lambda d: d.ingested_at or "", reverse=True)[:top]
    latest = store.documents_by_ids([d.id for d in newest])
    return {
        "stats": stats,
        "matched": {
            "documents": len(facts),
            "events": len(scope.event_ids),
            "groups": len(kept),
            "claims": sum(len(g.claims) for g in kept),
        },
        "latest": [d.summary() | {"ingested_at": d.ingested_at} for d in latest],
        "conflicts": decorate(
            store, groups_by_ids(store, [g.id for g in picked["conflict"][:top]])
        ),
        "evolving": decorate(store, groups_by_ids(store, [g.id for g in picked["evolving"][:top]])),
        "more": {status: len(found) for status, found in picked.items()},
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
    "decorate",
    "document_page",
    "group_detail",
    "related_events",
]
