"""Flat listings of entities, events and statements for the CLI, API and exports.

Each listing reads only what it lists: counts come from the store as aggregates, and a
document filter narrows the query instead of filtering a whole picture in Python.
"""

from __future__ import annotations

from typing import Any

from crosscheck.model import Mention
from crosscheck.pipeline.documents import get_document
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
    doc_id = _doc_id(store, doc)
    if doc_id is not None:
        links = store.event_links_for(m.id for m in store.event_mentions(doc=doc_id))
        events = store.events_by_ids(set(links.values())) if links else []
        # Every listed event has a mention in this one document.
        documents = dict.fromkeys(links.values(), 1)
    else:
        events = store.events()
        documents = store.event_document_counts()
    rows = []
    for ev in events:
        actors = ", ".join(sorted({f"{a.get('name')} ({a.get('role')})" for a in ev.actors}))
        if entity is not None and entity.lower() not in actors.lower():
            continue
        rows.append(
            {
                "id": ev.id,
                "type": ev.type,
                "name": ev.name,
                "date": ev.date,
                "precision": ev.date_precision,
                "location": ev.location,
                "country": ev.country,
                "actors": actors,
                "documents": documents.get(ev.id) or len(set(ev.mention_ids)),
            }
        )
    return rows


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


__all__ = ["entities_rows", "events_rows", "statements_rows"]
