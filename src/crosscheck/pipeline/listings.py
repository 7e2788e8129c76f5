"""Flat listings of entities, events and statements for the CLI, API and exports."""

from __future__ import annotations

from typing import Any

from crosscheck.pipeline.documents import get_document
from crosscheck.store import Store


def _doc_id(store: Store, doc: str | None) -> str | None:
    return get_document(store, doc).id if doc is not None else None


def entities_rows(store: Store, *, doc: str | None = None) -> list[dict[str, Any]]:
    """Resolved entities (or, before any reconciliation, mentions grouped by key)."""
    doc_id = _doc_id(store, doc)
    mentions = store.mentions(doc=doc_id)
    counts: dict[str, int] = {}
    picture = store.load_picture()
    for m in mentions:
        eid = picture.mention_entities.get(m.id, m.key)
        counts[eid] = counts.get(eid, 0) + 1
    rows: list[dict[str, Any]] = []
    for ent in picture.entities:
        if ent.id not in counts:
            continue
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
    if not picture.entities:
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
    mentions = {m.id: m for m in store.event_mentions(doc=doc_id)}
    rows = []
    for ev in store.events():
        members = [mentions[m] for m in ev.mention_ids if m in mentions]
        if doc_id is not None and not members:
            continue
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
                "documents": len({m.doc_id for m in members})
                if members
                else len({mid for mid in ev.mention_ids}),
            }
        )
    return rows


def statements_rows(
    store: Store, *, doc: str | None = None, entity: str | None = None, event: str | None = None
) -> list[dict[str, Any]]:
    """Who said what, with the stance verb and the document it comes from."""
    doc_id = _doc_id(store, doc)
    docs = {d.id: d for d in store.documents()}
    rows = []
    for s in store.statements(doc=doc_id):
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
