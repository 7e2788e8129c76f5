"""What an export contains: the part of the store picked by the ``--event``, ``--entity``,
``--since`` and ``--until`` filters, gathered once so every format writes the same records.

Filters pick documents (by publication date, by the event they report, by the entity they
mention); everything else is then cut down to those documents. Claims always come through
:func:`crosscheck.pipeline.claims.list_claims`, so analyst corrections are applied and the claim
contract has one source. This module reads the store and never writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crosscheck.errors import ExportError, NotFoundError
from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    Picture,
    Statement,
)
from crosscheck.pipeline.claims import list_claims
from crosscheck.pipeline.grading import claim_grades, reliabilities
from crosscheck.store import Store

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ExportOptions:
    """Filters shared by every format (``None`` = no filter)."""

    event: str | None = None
    entity: str | None = None
    since: str | None = None  # publication date, inclusive, YYYY[-MM[-DD]]
    until: str | None = None  # publication date, inclusive
    table: str | None = None  # tables formats: write only this table

    @property
    def filtered(self) -> bool:
        return any((self.event, self.entity, self.since, self.until))


@dataclass
class Selection:
    """The records one export writes, all restricted to the same documents."""

    store_url: str
    options: ExportOptions
    documents: list[Document] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)  # contract shape, corrected
    raw_claims: list[Claim] = field(default_factory=list)  # as extracted, for the JSONL dump
    groups: list[ClaimGroup] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    picture: Picture = field(default_factory=Picture)
    # Admiralty grades in force: claim id -> grades of the claim, outlet -> reliability.
    grades: dict[str, dict[str, Any]] = field(default_factory=dict)
    reliability: dict[str, dict[str, str]] = field(default_factory=dict)

    _claim_index: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        """The selected claim with this id, if any."""
        if len(self._claim_index) != len(self.claims):
            self._claim_index = {c["id"]: c for c in self.claims}
        return self._claim_index.get(claim_id)

    def document(self, doc_id: str) -> Document | None:
        """The selected document with this id, if any."""
        return next((d for d in self.documents if d.id == doc_id), None)

    def entity_of_key(self) -> dict[str, str]:
        """Mention key (as event actors carry it) -> resolved entity id."""
        out: dict[str, str] = {}
        for mention in self.mentions:
            eid = self.picture.mention_entities.get(mention.id)
            if eid is not None:
                out.setdefault(mention.key, eid)
        return out


def _check_date(value: str | None, option: str) -> None:
    if value is not None and not _DATE.match(value):
        raise ExportError(f"{option} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)")


def _in_window(published: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not published:
        return False  # an undated report cannot be placed inside a window
    if since is not None and published[: len(since)] < since:
        return False
    return not (until is not None and published[: len(until)] > until)


def find_event(events: list[Event], ref: str) -> Event:
    """The event named by id, unique id prefix or a unique part of its name."""
    for ev in events:
        if ev.id == ref:
            return ev
    hits = [ev for ev in events if ev.id.startswith(ref)]
    if not hits:
        hits = [ev for ev in events if ref.lower() in ev.name.lower()]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(f"event {ref!r} matches no event in the store; see `crosscheck events`")
    names = ", ".join(f"{e.id} ({e.name})" for e in hits[:5])
    raise ExportError(f"event {ref!r} matches {len(hits)} events ({names}); give an id")


def find_entity(entities: list[Entity], ref: str) -> Entity:
    """The entity named by id, unique id prefix, name or alias."""
    low = ref.lower()
    for ent in entities:
        if ent.id == ref:
            return ent
    hits = [e for e in entities if e.id.startswith(ref)]
    if not hits:
        hits = [
            e for e in entities if e.name.lower() == low or low in (a.lower() for a in e.aliases)
        ]
    if not hits:
        hits = [e for e in entities if low in e.name.lower()]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFoundError(
            f"entity {ref!r} matches no entity in the store; see `crosscheck entities`"
        )
    names = ", ".join(f"{e.id} ({e.name})" for e in hits[:5])
    raise ExportError(f"entity {ref!r} matches {len(hits)} entities ({names}); give an id")


def _narrow_to_event(sel: Selection, ref: str) -> None:
    """Keep the reports of one event and the groups about it."""
    event = find_event(sel.events, ref)
    member_docs = {
        em.doc_id for em in sel.event_mentions if sel.picture.event_links.get(em.id) == event.id
    }
    sel.documents = [d for d in sel.documents if d.id in member_docs]
    sel.events = [event]
    sel.groups = [g for g in sel.groups if g.subject.kind == "event" and g.subject.id == event.id]


def _narrow_to_entity(sel: Selection, ref: str) -> None:
    """Keep the reports naming one entity, the events it acts in and the groups about either."""
    entity = find_entity(sel.entities, ref)
    member_ids = {m for m, e in sel.picture.mention_entities.items() if e == entity.id}
    sel.documents = [
        d
        for d in sel.documents
        if any(m.id in member_ids and m.doc_id == d.id for m in sel.mentions)
    ]
    keys = {m.key for m in sel.mentions if m.id in member_ids}
    acting = [ev for ev in sel.events if any(a.get("key") in keys for a in ev.actors)]
    acting_ids = {ev.id for ev in acting}
    # An entity that acts in no event keeps every event; the cut to documents trims them.
    sel.events = acting or sel.events
    sel.groups = [g for g in sel.groups if g.subject.id == entity.id or g.subject.id in acting_ids]


def _cut_to_documents(store: Store, sel: Selection) -> None:
    """Cut every other record down to the selected documents."""
    doc_ids = {d.id for d in sel.documents}
    picture = sel.picture
    sel.mentions = [m for m in sel.mentions if m.doc_id in doc_ids]
    sel.event_mentions = [em for em in sel.event_mentions if em.doc_id in doc_ids]
    linked = {picture.event_links.get(em.id) for em in sel.event_mentions}
    sel.events = [ev for ev in sel.events if ev.id in linked]
    mentioned = {picture.mention_entities.get(m.id) for m in sel.mentions}
    sel.entities = [e for e in sel.entities if e.id in mentioned]
    claims = [
        c for c in list_claims(store, include_rejected=True) if c["document"]["id"] in doc_ids
    ]
    if sel.options.event is not None or sel.options.entity is not None:
        in_groups = {cid for g in sel.groups for cid in g.claims}
        claims = [c for c in claims if c["id"] in in_groups]
    sel.claims = claims
    claim_ids = {c["id"] for c in claims}
    sel.groups = [g for g in sel.groups if any(cid in claim_ids for cid in g.claims)]
    sel.raw_claims = store.claims(doc_ids=sorted(doc_ids))
    sel.statements = [s for s in store.statements() if s.doc_id in doc_ids]


def select(store: Store, options: ExportOptions | None = None) -> Selection:
    """Gather the records an export writes, restricted by ``options`` (see module docstring)."""
    options = options or ExportOptions()
    _check_date(options.since, "--since")
    _check_date(options.until, "--until")
    picture = store.load_picture()
    sel = Selection(
        store_url=store.url,
        options=options,
        documents=[
            d
            for d in store.iter_documents()
            if _in_window(d.published, options.since, options.until)
        ],
        mentions=store.mentions(),
        event_mentions=store.event_mentions(),
        events=picture.events,
        entities=picture.entities,
        groups=picture.groups,
        picture=picture,
    )
    if options.event is not None:
        _narrow_to_event(sel, options.event)
    if options.entity is not None:
        _narrow_to_entity(sel, options.entity)
    _cut_to_documents(store, sel)
    sel.corrections = store.corrections()
    outlets = {d.outlet for d in sel.documents if d.outlet}
    sel.grades = claim_grades(store, sel.groups)
    sel.reliability = {o: g.to_dict() for o, g in reliabilities(store, outlets).items()}
    return sel


__all__ = ["ExportOptions", "Selection", "find_entity", "find_event", "select"]
