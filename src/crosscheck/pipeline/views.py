"""Plain dict/list views of the picture for the CLI, the API, the web pages and the brief.

Every face shows the same shapes, so they never disagree. Lookups by id, id prefix or
name are case-insensitive; a miss raises NotFoundError naming the closest matches.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from crosscheck.errors import NotFoundError
from crosscheck.model import Claim, ClaimGroup, Document, Entity, Event
from crosscheck.pipeline.claims import apply_claim_corrections
from crosscheck.reconcile.events import distinctive_tokens
from crosscheck.reconcile.text import fold
from crosscheck.reconcile.verdicts import describe
from crosscheck.store import Store


def _find(items: list[Any], ref: str, names: Any, what: str) -> Any:
    want = fold(ref.strip())
    for item in items:
        if item.id.casefold() == want:
            return item
    prefixed = [i for i in items if i.id.casefold().startswith(want)] if len(want) >= 3 else []
    if len(prefixed) == 1:
        return prefixed[0]
    named = [i for i in items if any(fold(n) == want for n in names(i))]
    if not named:
        named = (
            [i for i in items if any(want in fold(n) for n in names(i))] if len(want) >= 3 else []
        )
    if len(named) >= 1 and len({i.id for i in named}) == 1:
        return named[0]
    candidates = {n: i.id for i in items for n in names(i)}
    close = process.extract(ref, list(candidates), scorer=fuzz.WRatio, limit=5)
    hint = ", ".join(f"{name} ({candidates[name]})" for name, _, _ in close)
    many = len({i.id for i in named}) > 1 or len(prefixed) > 1
    why = "matches several" if many else "matches no"
    raise NotFoundError(
        f"{ref!r} {why} {what}s; "
        + (f"close: {hint}" if hint else f"the store has no {what}s yet")
        + "; use an id"
    )


def _event_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "name": event.name,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location,
        "country": event.country,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "actors": event.actors,
        "mention_ids": list(event.mention_ids),
    }


def find_event(store: Store, ref: str) -> dict[str, Any]:
    """One event by id, id prefix or name (case-insensitive)."""
    event: Event = _find(store.events(), ref, lambda e: [e.name, e.location or ""], "event")
    return _event_dict(event)


def find_entity(store: Store, ref: str) -> dict[str, Any]:
    """One entity by id, id prefix, name or alias (case-insensitive)."""
    entity: Entity = _find(store.entities(), ref, lambda e: [e.name, *e.aliases], "entity")
    members = set(entity.mention_ids)
    keys = sorted({m.key for m in store.mentions() if m.id in members})
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": dict(entity.aliases),
        "mention_ids": list(entity.mention_ids),
        "keys": keys,
    }


def claim_detail(claim: Claim, docs: dict[str, Document]) -> dict[str, Any]:
    """A claim with its figure in words and where it came from."""
    doc = docs.get(claim.doc_id)
    return {
        "id": claim.id,
        "measure": claim.measure,
        "low": claim.low,
        "high": claim.high,
        "value": describe(claim),
        "approximate": claim.approximate,
        "vague": claim.vague,
        "as_of": claim.as_of,
        "attributed_to": claim.attributed_to,
        "label": claim.label,
        "sentence": claim.sentence,
        "span": list(claim.span),
        "document": doc.summary() if doc else {"id": claim.doc_id},
        "outlet": doc.outlet if doc else None,
        "published": doc.published if doc else None,
    }


def _group_detail(
    group: ClaimGroup,
    claims: dict[str, Claim],
    docs: dict[str, Document],
    statuses: dict[str, str],
) -> dict[str, Any]:
    out = group.to_dict()
    details = []
    for cid in group.claims:
        if cid in claims:
            d = claim_detail(claims[cid], docs)
            d["review"] = statuses.get(cid, "machine")
            details.append(d)
    out["claim_details"] = sorted(details, key=lambda d: (d["published"] or "", d["id"]))
    return out


def _context(store: Store) -> tuple[dict[str, Claim], dict[str, Document], dict[str, str]]:
    corrections = store.corrections(target_kind="claim")
    # Show figures as analysts corrected them, like `claims` does.
    claims = {c.id: c for c in apply_claim_corrections(store.claims(), corrections)}
    docs = {d.id: d for d in store.documents()}
    statuses: dict[str, str] = {}
    for corr in corrections:
        statuses[corr.target] = {"confirm": "confirmed", "reject": "rejected"}.get(
            corr.action, "edited"
        )
    return claims, docs, statuses


def groups_view(
    store: Store, status: str | None = None, measure: str | None = None, event: str | None = None
) -> list[dict[str, Any]]:
    """Claim groups (optionally one status, measure or event) with their claims' details."""
    event_id = find_event(store, event)["id"] if event else None
    claims, docs, statuses = _context(store)
    out = []
    for g in store.groups():
        if status and g.status != status:
            continue
        if measure and g.measure != measure:
            continue
        if event_id and g.subject.id != event_id:
            continue
        out.append(_group_detail(g, claims, docs, statuses))
    return sorted(out, key=lambda g: (g["subject"]["name"] or "", g["measure"], g["id"]))


def conflicts_view(store: Store) -> list[dict[str, Any]]:
    """Groups where sources differ: conflicts first, then figures that evolved."""
    groups = [g for g in groups_view(store) if g["status"] in ("conflict", "evolving")]
    return sorted(
        groups,
        key=lambda g: (
            g["status"] != "conflict",
            g["subject"]["name"] or "",
            g["measure"],
            g["id"],
        ),
    )


def event_view(store: Store, ref: str) -> dict[str, Any]:
    """Everything about one incident: mentions, figures with verdicts, actors, statements."""
    event = find_event(store, ref)
    claims, docs, statuses = _context(store)
    members = set(event["mention_ids"])
    mentions = [em for em in store.event_mentions() if em.id in members]
    doc_ids = sorted({em.doc_id for em in mentions})
    tokens = distinctive_tokens(event["name"]) | {
        t for a in event["actors"] for t in distinctive_tokens(a.get("name", ""))
    }
    statements = []
    for doc_id in doc_ids:
        for s in store.statements(doc=doc_id):
            if tokens & distinctive_tokens(f"{s.content} {s.sentence}"):
                statements.append(
                    {
                        "id": s.id,
                        "speaker": s.speaker,
                        "verb": s.verb,
                        "stance": s.stance,
                        "content": s.content,
                        "sentence": s.sentence,
                        "document": docs[doc_id].summary() if doc_id in docs else {"id": doc_id},
                    }
                )
    groups = [
        _group_detail(g, claims, docs, statuses)
        for g in store.groups()
        if g.subject.id == event["id"]
    ]
    return {
        "event": event,
        "mentions": [
            {
                "id": em.id,
                "type": em.type,
                "description": em.description,
                "sentence": em.sentence,
                "date": em.date,
                "location": em.location,
                "document": docs[em.doc_id].summary() if em.doc_id in docs else {"id": em.doc_id},
            }
            for em in mentions
        ],
        "groups": sorted(groups, key=lambda g: (g["measure"], g["id"])),
        "actors": event["actors"],
        "place": {k: event[k] for k in ("location", "country", "latitude", "longitude")},
        "statements": statements,
        "documents": [docs[d].summary() for d in doc_ids if d in docs],
    }


def entity_view(store: Store, ref: str) -> dict[str, Any]:
    """One entity: aliases with the documents that taught them, events, claims, statements."""
    entity = find_entity(store, ref)
    claims, docs, statuses = _context(store)
    keys = set(entity["keys"])
    names = {fold(a) for a in entity["aliases"]} | {fold(entity["name"])}
    events = [
        _event_dict(e)
        for e in store.events()
        if any(a.get("key") in keys or fold(a.get("name", "")) in names for a in e.actors)
    ]
    subject_claims = [
        claim_detail(c, docs)
        for c in claims.values()
        if c.subject is not None and c.subject.id == entity["id"]
    ]
    statements = [
        {
            "id": s.id,
            "speaker": s.speaker,
            "stance": s.stance,
            "content": s.content,
            "sentence": s.sentence,
            "document": docs[s.doc_id].summary() if s.doc_id in docs else {},
        }
        for s in store.statements()
        if (s.speaker_key and s.speaker_key in keys) or fold(s.speaker) in names
    ]
    return {
        "entity": entity,
        "aliases": [
            {"alias": a, "documents": [docs[d].summary() if d in docs else {"id": d} for d in ds]}
            for a, ds in sorted(entity["aliases"].items())
        ],
        "events": events,
        "claims": sorted(subject_claims, key=lambda c: (c["published"] or "", c["id"])),
        "groups": [
            _group_detail(g, claims, docs, statuses)
            for g in store.groups()
            if g.subject.id == entity["id"]
        ],
        "statements": statements,
    }


__all__ = [
    "claim_detail",
    "conflicts_view",
    "entity_view",
    "event_view",
    "find_entity",
    "find_event",
    "groups_view",
]
