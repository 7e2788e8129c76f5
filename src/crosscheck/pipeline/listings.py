"""Flat listings of entities, events and statements for the CLI, API and exports.

Each listing reads only what it lists: counts come from the store as aggregates, and a
document filter narrows the query instead of filtering a whole picture in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosscheck.model import Event, Mention
from crosscheck.pipeline.documents import get_document
from crosscheck.pipeline.paging import Listing, check_page
from crosscheck.store import Store


def _doc_id(store: Store, doc: str | None) -> str | None:
    return get_document(store, doc).id if doc is not None else None


def entities_rows(store: Store, *, doc: str | None = None) -> list[dict[str, Any]]:
    """Resolved entities (or, before any reconciliation, mentions grouped by key)."""
    doc_id = _doc_id(store, doc)
    if not store.count("entity"):
        return _mention_rows(store.mentions(doc=doc_id))
    counts = store.entity_mention_counts(doc=doc_id)
    rows: list[dict[str, Any]] = []
    for ent in store.entities_by_ids(counts, mention_ids=False):
        docs = sorted({d for ds in ent.aliases.values() for d in ds})
        rows.append(
            {
                "id": ent.id,
                "name": ent.name,
                "label": ent.label,
                "mentions": counts[ent.id],
                "documents": len(docs),
                "aliases": sorted(ent.aliases),
            }
        )
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))


def _mention_rows(mentions: list[Mention]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for m in mentions:
        row = seen.setdefault(
            m.key,
            {
                "id": m.key,
                "name": m.canonical or m.text,
                "label": m.label,
                "mentions": 0,
                "documents": set(),
                "aliases": set(),
            },
        )
        row["mentions"] += 1
        row["documents"].add(m.doc_id)
        row["aliases"].add(m.text)
    rows = [
        r | {"documents": len(r["documents"]), "aliases": sorted(r["aliases"])}
        for r in seen.values()
    ]
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))


def events_rows(
    store: Store, *, doc: str | None = None, entity: str | None = None
) -> list[dict[str, Any]]:
    """Resolved events with date, place, actors and how many documents report them."""
    return events_listing(store, doc=doc, entity=entity, bare=True).items


def events_listing(
    store: Store,
    *,
    doc: str | None = None,
    entity: str | None = None,
    bare: bool = False,
    limit: int | None = None,
    offset: int = 0,
    within: Sequence[str] | None = None,
) -> Listing:
    """A page of resolved events by date; bare incidents are hidden unless ``bare``.

    ``within`` narrows to these event ids (the workbench filters' matches).

    A bare incident ("arrest" with no date, place, actor or second source) stays in the
    store and on its own page; ``hidden`` says how many the listing left out. Without an
    actor filter only the page's events are read.
    """
    check_page(limit, offset)
    doc_id = _doc_id(store, doc)
    ids: list[str] | None = None
    if doc_id is not None:
        links = store.event_links_for(m.id for m in store.event_mentions(doc=doc_id))
        ids = sorted(set(links.values()))
    if within is not None:
        ids = sorted(set(within) if ids is None else set(within) & set(ids))
    everything = store.count_events(ids=ids)
    if entity is not None:
        events = [e for e in store.events_page(ids=ids, bare=bare) if _has_actor(e, entity)]
        total = len(events)
        hidden = len([e for e in store.events_page(ids=ids) if _has_actor(e, entity)]) - total
        end = None if limit is None else offset + limit
        events = events[offset:end]
    else:
        events = store.events_page(ids=ids, bare=bare, limit=limit, offset=offset)
        total = everything if bare else store.count_events(ids=ids, bare=False)
        hidden = everything - total
    documents = store.event_document_counts_for(e.id for e in events)
    rows = [_event_row(ev, documents) for ev in events]
    return Listing(rows, total, limit, offset, hidden=hidden)


def _actors(event: Event) -> str:
    return ", ".join(sorted({f"{a.get('name')} ({a.get('role')})" for a in event.actors}))


def _has_actor(event: Event, entity: str) -> bool:
    return entity.lower() in _actors(event).lower()


def _event_row(ev: Event, documents: dict[str, int]) -> dict[str, Any]:
    return {
        "id": ev.id,
        "type": ev.type,
        "name": ev.name,
        "date": ev.date,
        "precision": ev.date_precision,
        "location": ev.location,
        "country": ev.country,
        "actors": _actors(ev),
        "documents": documents.get(ev.id) or len(set(ev.mention_ids)),
    }


def statements_rows(
    store: Store, *, doc: str | None = None, entity: str | None = None, event: str | None = None
) -> list[dict[str, Any]]:
    """Who said what, with the stance verb and the document it comes from."""
    doc_id = _doc_id(store, doc)
    statements = store.statements(doc=doc_id)
    docs = {d.id: d for d in store.documents_by_ids(sorted({s.doc_id for s in statements}))}
    rows = []
    for s in statements:
        if (
            entity is not None
            and entity.lower() not in (s.speaker + " " + (s.speaker_key or "")).lower()
        ):
            continue
        if event is not None and event.lower() not in (s.content + " " + s.sentence).lower():
            continue
        d = docs.get(s.doc_id)
        rows.append(
            {
                "id": s.id,
                "speaker": s.speaker,
                "stance": s.stance,
                "verb": s.verb,
                "content": s.content,
                "outlet": d.outlet if d else None,
                "published": d.published if d else None,
                "doc": s.doc_id,
                "span": list(s.span),
            }
        )
    return rows


__all__ = ["entities_rows", "events_listing", "events_rows", "statements_rows"]
