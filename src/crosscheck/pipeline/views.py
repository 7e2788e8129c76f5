"""Plain dict/list views of the picture for the CLI, the API, the web pages and the brief.

Every face shows the same shapes, so they never disagree. Events and entities are found
by :mod:`crosscheck.pipeline.lookup` (``find_event``, ``find_entity`` and ``moved_to`` are
re-exported here).
"""

from __future__ import annotations

from typing import Any

from crosscheck.errors import ConfigError, NotFoundError
from crosscheck.model import Claim, ClaimGroup, Document
from crosscheck.pipeline.claims import apply_claim_corrections
from crosscheck.pipeline.lookup import (
    event_dict,
    find_entity,
    find_event,
    find_event_record,
    moved_to,
)
from crosscheck.pipeline.paging import Listing, check_page
from crosscheck.reconcile.mentionfeatures import distinctive_tokens
from crosscheck.reconcile.text import fold
from crosscheck.reconcile.verdicts import describe
from crosscheck.store import Store
from crosscheck.store.base import GROUP_ORDERS


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


class _Context:
    """The claims (as analysts corrected them), documents and review states a view shows."""

    def __init__(self, store: Store, claims: list[Claim], doc_ids: set[str]) -> None:
        stored: dict[str, Claim] = {}
        for c in claims:
            stored.setdefault(c.id, c)
        corrections = store.corrections_for("claim", list(stored))
        # Show figures as analysts corrected them, like `claims` does. A corrected claim
        # keeps the id of the machine claim it replaces, the id its group lists.
        self.claims = {c.id: c for c in apply_claim_corrections(list(stored.values()), corrections)}
        self.statuses: dict[str, str] = {}
        for corr in corrections:
            self.statuses[corr.target] = {"confirm": "confirmed", "reject": "rejected"}.get(
                corr.action, "edited"
            )
        wanted = doc_ids | {c.doc_id for c in stored.values()}
        self.docs = {d.id: d for d in store.documents_by_ids(sorted(wanted))}

    def group(self, group: ClaimGroup) -> dict[str, Any]:
        return _group_detail(group, self.claims, self.docs, self.statuses)

    def doc(self, doc_id: str, missing: dict[str, Any]) -> dict[str, Any]:
        doc = self.docs.get(doc_id)
        return doc.summary() if doc else missing


def _context(store: Store, groups: list[ClaimGroup], doc_ids: set[str] | None = None) -> _Context:
    claims = store.claims_by_ids({cid for g in groups for cid in g.claims})
    return _Context(store, claims, doc_ids or set())


def _groups_details(store: Store, groups: list[ClaimGroup]) -> list[dict[str, Any]]:
    ctx = _context(store, groups)
    out = [ctx.group(g) for g in groups]
    return sorted(out, key=lambda g: (g["subject"]["name"] or "", g["measure"], g["id"]))


def groups_by_ids(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """These claim groups (unknown ids skipped) with their claims' details, in ``ids`` order."""
    groups = [g for g in (store.get_group(i) for i in dict.fromkeys(ids)) if g is not None]
    ctx = _context(store, groups)
    return [ctx.group(g) for g in groups]


def groups_view(
    store: Store, status: str | None = None, measure: str | None = None, event: str | None = None
) -> list[dict[str, Any]]:
    """Claim groups (optionally one status, measure or event) with their claims' details."""
    event_id = find_event_record(store, event).id if event else None
    groups = store.select_groups(
        subject_id=event_id, statuses=[status] if status else None, measure=measure or None
    )
    return _groups_details(store, groups)


def groups_listing(
    store: Store,
    *,
    status: str | None = None,
    measure: str | None = None,
    event: str | None = None,
    statuses: list[str] | None = None,
    sort: str = "subject",
    limit: int | None = None,
    offset: int = 0,
) -> Listing:
    """A page of :func:`groups_view` in ``sort`` order (one of GROUP_ORDERS), with the total.

    Only the page's groups, their claims and those claims' documents are read.
    ``statuses`` narrows to several statuses at once (the conflicts listing).
    """
    check_page(limit, offset)
    if sort not in GROUP_ORDERS:
        raise ConfigError(f"sort {sort!r} is not one of {', '.join(GROUP_ORDERS)}")
    event_id = find_event_record(store, event).id if event else None
    wanted = [status] if status else statuses
    if status and statuses is not None and status not in statuses:
        wanted = []
    where: dict[str, Any] = {"subject_id": event_id, "statuses": wanted, "measure": measure or None}
    groups = store.groups_page(**where, order=sort, limit=limit, offset=offset)
    ctx = _context(store, groups)
    return Listing([ctx.group(g) for g in groups], store.count_groups(**where), limit, offset)


def group_view(store: Store, ref: str) -> dict[str, Any]:
    """One claim group with its claims' details, by id or unique id prefix (4+ characters)."""
    group = store.get_group(ref)
    if group is None and len(ref) >= 4:
        ids = [i for i in store.ids_with_prefix("group", ref, limit=2) if i.startswith(ref)]
        group = store.get_group(ids[0]) if len(ids) == 1 else None
    if group is None:
        raise NotFoundError(f"claim group {ref!r} is not in the store; see /conflicts")
    return _groups_details(store, [group])[0]


def conflicts_view(store: Store) -> list[dict[str, Any]]:
    """Groups where sources differ: conflicts first, then figures that evolved."""
    groups = _groups_details(store, store.select_groups(statuses=["conflict", "evolving"]))
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
    mentions = store.event_mentions_by_ids(event["mention_ids"])
    doc_ids = sorted({em.doc_id for em in mentions})
    groups = store.select_groups(subject_id=event["id"])
    ctx = _context(store, groups, set(doc_ids))
    tokens = distinctive_tokens(event["name"]) | {
        t for a in event["actors"] for t in distinctive_tokens(a.get("name", ""))
    }
    statements = []
    for s in store.statements(doc_ids=doc_ids) if doc_ids else []:
        if tokens & distinctive_tokens(f"{s.content} {s.sentence}"):
            statements.append(
                {
                    "id": s.id,
                    "speaker": s.speaker,
                    "verb": s.verb,
                    "stance": s.stance,
                    "content": s.content,
                    "sentence": s.sentence,
                    "document": ctx.doc(s.doc_id, {"id": s.doc_id}),
                }
            )
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
                "document": ctx.doc(em.doc_id, {"id": em.doc_id}),
            }
            for em in mentions
        ],
        "groups": sorted((ctx.group(g) for g in groups), key=lambda g: (g["measure"], g["id"])),
        "actors": _linked_actors(store, event["actors"]),
        "place": {k: event[k] for k in ("location", "country", "latitude", "longitude")},
        "statements": statements,
        "documents": [ctx.docs[d].summary() for d in doc_ids if d in ctx.docs],
    }


def _linked_actors(store: Store, actors: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The actors with ``entity_id``: the entity their mentions resolved to (by mention key),
    else the one entity named exactly so; None when there is none (pages show no link)."""
    by_key = store.entities_for_keys({a["key"] for a in actors if a.get("key")})
    out: list[dict[str, Any]] = []
    for actor in actors:
        entity_id = by_key.get(actor.get("key") or "")
        if entity_id is None and actor.get("name"):
            want = fold(actor["name"])
            named = {
                e.id
                for e in store.entities_matching([actor["name"]])
                if want in {fold(n) for n in (e.name, *e.aliases)}
            }
            entity_id = named.pop() if len(named) == 1 else None
        out.append({**actor, "entity_id": entity_id})
    return out


def entity_view(store: Store, ref: str) -> dict[str, Any]:
    """One entity: aliases with the documents that taught them, events, claims, statements."""
    entity = find_entity(store, ref)
    keys = set(entity["keys"])
    names = {fold(a) for a in entity["aliases"]} | {fold(entity["name"])}
    event_ids = [
        eid
        for eid, actors in store.event_actors(sorted(keys | names)).items()
        if any(a.get("key") in keys or fold(a.get("name", "")) in names for a in actors)
    ]
    events = [event_dict(e) for e in store.events_by_ids(event_ids)] if event_ids else []
    speakers = {speaker for speaker, _ in store.statement_speakers() if fold(speaker) in names}
    spoken = store.statements_by_speakers(speakers, keys) if speakers or keys else []
    groups = store.select_groups(subject_id=entity["id"])
    taught = {d for ds in entity["aliases"].values() for d in ds}
    own = store.claims_for_subject(entity["id"])
    grouped = store.claims_by_ids({cid for g in groups for cid in g.claims})
    ctx = _Context(store, own + grouped, taught | {s.doc_id for s in spoken})
    subject_claims = [
        claim_detail(c, ctx.docs)
        for c in ctx.claims.values()
        if c.subject is not None and c.subject.id == entity["id"]
    ]
    statements = [
        {
            "id": s.id,
            "speaker": s.speaker,
            "stance": s.stance,
            "content": s.content,
            "sentence": s.sentence,
            "document": ctx.doc(s.doc_id, {}),
        }
        for s in spoken
    ]
    return {
        "entity": entity,
        "aliases": [
            {"alias": a, "documents": [ctx.doc(d, {"id": d}) for d in ds]}
            for a, ds in sorted(entity["aliases"].items())
        ],
        "events": events,
        "claims": sorted(subject_claims, key=lambda c: (c["published"] or "", c["id"])),
        "groups": [ctx.group(g) for g in groups],
        "statements": statements,
    }


__all__ = [
    "claim_detail",
    "conflicts_view",
    "entity_view",
    "event_view",
    "find_entity",
    "find_event",
    "group_view",
    "groups_by_ids",
    "groups_listing",
    "groups_view",
    "moved_to",
]
