"""Targeted reads, paged listings and filter reads of :class:`~crosscheck.store.base.Store`.

The read-only views fetch only what they show through these. The defaults here narrow
the bulk readers of :class:`~crosscheck.store.bulk.BulkStore`, so any backend works and
they state the expected result; the SQL store answers each with a query that touches only
the rows asked for (:mod:`crosscheck.store.lookups`, :mod:`~crosscheck.store.paging`,
:mod:`~crosscheck.store.facets`). This module must not know about the pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    Statement,
)
from crosscheck.store.bulk import BulkStore
from crosscheck.store.orders import GROUP_ORDERS, event_is_bare, group_order_key


class DocumentFacts(NamedTuple):
    """What the workbench filters read of a document: who published it and when."""

    id: str
    outlet: str | None
    published: str | None
    ingested_at: str | None


#: Record kinds whose ids :meth:`Store.ids_with_prefix` looks up.
PREFIX_KINDS: tuple[str, ...] = ("event", "entity", "group", "claim")


class StoreReads(BulkStore):
    """Narrow reads over the bulk ones (backends answer them more cheaply where they can)."""

    # -- targeted reads ----------------------------------------------------------------------
    # The read-only views fetch only what they show through these. The defaults below
    # narrow the bulk readers (so any backend works, and they state the expected result);
    # SqlStore answers each with a query that touches only the rows asked for.

    def get_event(self, event_id: str) -> Event | None:
        """One event by exact id, with its mention ids."""
        return next((e for e in self.events() if e.id == event_id), None)

    def events_by_ids(self, ids: Iterable[str]) -> list[Event]:
        """These events (unknown ids skipped), in the order of :meth:`events`."""
        wanted = set(ids)
        return [e for e in self.events() if e.id in wanted]

    def event_actors(self, fragments: Sequence[str] = ()) -> dict[str, list[dict[str, str]]]:
        """Actors by event id: at least every event whose actors' text holds a fragment.

        The fragments narrow the read (case-insensitively, on the stored text); callers
        apply their exact rule to what comes back. No fragments: every event.
        """
        return {e.id: [dict(a) for a in e.actors] for e in self.events()}

    def event_links_for(self, mention_ids: Iterable[str]) -> dict[str, str]:
        """Event mention id -> event id, for those of ``mention_ids`` that are linked."""
        wanted = set(mention_ids)
        return {m: e.id for e in self.events() for m in e.mention_ids if m in wanted}

    def event_document_counts(self) -> dict[str, int]:
        """Event id -> how many documents hold a stored mention linked to it."""
        docs = {m.id: m.doc_id for m in self.event_mentions()}
        counts = {e.id: len({docs[m] for m in e.mention_ids if m in docs}) for e in self.events()}
        return {k: v for k, v in counts.items() if v}

    def event_mentions_by_ids(self, ids: Iterable[str]) -> list[EventMention]:
        """These event mentions, in document order."""
        wanted = set(ids)
        return [m for m in self.event_mentions() if m.id in wanted]

    def get_entity(self, entity_id: str) -> Entity | None:
        """One entity by exact id, with its mention ids."""
        return next((e for e in self.entities() if e.id == entity_id), None)

    def entities_by_ids(self, ids: Iterable[str], *, mention_ids: bool = True) -> list[Entity]:
        """These entities in the order of :meth:`entities`; ``mention_ids=False`` skips links."""
        wanted = set(ids)
        found = [e for e in self.entities() if e.id in wanted]
        if not mention_ids:
            found = [replace(e, mention_ids=[]) for e in found]
        return found

    def entities_matching(self, words: Sequence[str]) -> list[Entity]:
        """Entities whose name or some alias contains each word (case-insensitive).

        Ordered by name; the entities come without mention ids (search does not need them).
        """
        out = []
        for e in self.entities():
            names = [n.lower() for n in (e.name, *e.aliases)]
            if all(any(w.lower() in n for n in names) for w in words):
                out.append(replace(e, mention_ids=[]))
        return out

    def entity_mention_keys(self, entity_id: str) -> list[str]:
        """The sorted pre-resolution keys of the mentions resolved to this entity."""
        entity = self.get_entity(entity_id)
        members = set(entity.mention_ids) if entity else set()
        return sorted({m.key for m in self.mentions() if m.id in members})

    def entity_mention_counts(self, *, doc: str | None = None) -> dict[str, int]:
        """Mentions per entity id (per mention key where unresolved), optionally in one doc."""
        links = self.load_picture().mention_entities
        counts: dict[str, int] = {}
        for m in self.mentions(doc=doc):
            eid = links.get(m.id, m.key)
            counts[eid] = counts.get(eid, 0) + 1
        return counts

    def entities_for_keys(self, keys: Iterable[str]) -> dict[str, str]:
        """Mention key -> the entity most of the mentions with that key resolved to."""
        wanted = set(keys)
        links = self.load_picture().mention_entities
        pairs = [(m.key, links[m.id]) for m in self.mentions() if m.key in wanted and m.id in links]
        return most_linked(pairs)

    def mentions_by_ids(self, ids: Iterable[str]) -> list[Mention]:
        """These entity mentions, in document order."""
        wanted = set(ids)
        return [m for m in self.mentions() if m.id in wanted]

    def get_group(self, group_id: str) -> ClaimGroup | None:
        """One claim group by exact id."""
        return next((g for g in self.groups() if g.id == group_id), None)

    def select_groups(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
    ) -> list[ClaimGroup]:
        """Groups about one subject id, with one of ``statuses``, of one measure (each optional)."""
        return [
            g
            for g in self.groups()
            if (subject_id is None or g.subject.id == subject_id)
            and (statuses is None or g.status in statuses)
            and (measure is None or g.measure == measure)
        ]

    def claims_by_ids(self, ids: Iterable[str]) -> list[Claim]:
        """These claims (by stored id), in document order, with their resolved subjects."""
        wanted = set(ids)
        return [c for c in self.claims() if c.id in wanted]

    def claims_for_subject(self, subject_id: str) -> list[Claim]:
        """Claims resolved to this event or entity id, in document order."""
        return [c for c in self.claims() if c.subject is not None and c.subject.id == subject_id]

    def statement_speakers(self) -> list[tuple[str, str | None]]:
        """The distinct (speaker, speaker key) pairs of all statements, sorted."""
        pairs = {(s.speaker, s.speaker_key) for s in self.statements()}
        return sorted(pairs, key=lambda p: (p[0], p[1] or ""))

    def statements_by_speakers(
        self, speakers: Iterable[str], keys: Iterable[str] = ()
    ) -> list[Statement]:
        """Statements by one of these speakers (exact text) or speaker keys, in document order."""
        said, known = set(speakers), set(keys) - {""}
        return [s for s in self.statements() if s.speaker in said or s.speaker_key in known]

    def statements_by_ids(self, ids: Iterable[str]) -> list[Statement]:
        """These statements, in document order."""
        wanted = set(ids)
        return [s for s in self.statements() if s.id in wanted]

    def documents_by_ids(self, ids: Iterable[str]) -> list[Document]:
        """These documents without text, in the order asked (unknown ids skipped)."""
        docs = {d.id: d for d in self.documents()}
        return [docs[i] for i in dict.fromkeys(ids) if i in docs]

    def corrections_for(self, target_kind: str, targets: Iterable[str]) -> list[Correction]:
        """The corrections of these targets, oldest first."""
        wanted = set(targets)
        return [c for c in self.corrections(target_kind=target_kind) if c.target in wanted]

    def ids_with_prefix(self, kind: str, prefix: str, *, limit: int = 2) -> list[str]:
        """Up to ``limit`` ids of ``kind`` (one of PREFIX_KINDS) starting with ``prefix``.

        Case-insensitive, in id order; ``limit=2`` tells a unique prefix from an ambiguous one.
        """
        records: dict[str, Any] = {
            "event": self.events,
            "entity": self.entities,
            "group": self.groups,
            "claim": self.claims,
        }
        if kind not in records:
            raise ValueError(f"ids_with_prefix: kind must be one of {', '.join(PREFIX_KINDS)}")
        want = prefix.lower()
        ids = sorted(r.id for r in records[kind]() if r.id.lower().startswith(want))
        return ids[:limit]

    def count(self, kind: str) -> int:
        """How many records of a kind (document, mention, claim, event, entity, group)."""
        counts = self.stats()
        key = {"document": "documents", "mention": "mentions", "claim": "claims"}.get(kind)
        key = key or {"event": "events", "entity": "entities", "group": "groups"}.get(kind)
        if key is None:
            raise ValueError(f"count: unknown kind {kind!r}")
        return int(counts[key])

    # -- paged listings ----------------------------------------------------------------------
    # One page and the total of a listing; SqlStore pushes both down to the database
    # (crosscheck.store.paging). Orders end with the id, so pages are disjoint and stable.

    def groups_page(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
        order: str = "subject",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimGroup]:
        """One page of :meth:`select_groups` in ``order`` (one of GROUP_ORDERS)."""
        if order not in GROUP_ORDERS:
            raise ValueError(f"groups_page: order must be one of {', '.join(GROUP_ORDERS)}")
        found = self.select_groups(subject_id=subject_id, statuses=statuses, measure=measure)
        found.sort(key=lambda g: group_order_key(g, order))
        return _slice(found, limit, offset)

    def count_groups(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
    ) -> int:
        """How many groups :meth:`groups_page` pages through with these filters."""
        return len(self.select_groups(subject_id=subject_id, statuses=statuses, measure=measure))

    def claims_page(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        exclude: Iterable[str] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """One page of stored claims (by document, offset and id), without ``exclude`` ids."""
        skip = set(exclude)
        found = [c for c in self.claims(doc=doc, measure=measure) if c.id not in skip]
        found.sort(key=lambda c: (c.doc_id, c.span[0], c.id))
        return _slice(found, limit, offset)

    def count_claims(
        self, *, doc: str | None = None, measure: str | None = None, exclude: Iterable[str] = ()
    ) -> int:
        """How many claims :meth:`claims_page` pages through with these filters."""
        skip = set(exclude)
        return sum(1 for c in self.claims(doc=doc, measure=measure) if c.id not in skip)

    def _events_listed(self, ids: Sequence[str] | None, bare: bool) -> list[Event]:
        found = self.events() if ids is None else self.events_by_ids(ids)
        if not bare:
            mentions = {
                m.id: m
                for m in self.event_mentions_by_ids(mid for e in found for mid in e.mention_ids)
            }
            found = [
                e
                for e in found
                if not event_is_bare(e, [mentions[m] for m in e.mention_ids if m in mentions])
            ]
        return sorted(found, key=lambda e: (e.date or "", e.id))

    def events_page(
        self,
        *,
        ids: Sequence[str] | None = None,
        bare: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """One page of events (these ids, or all) by date and id; ``bare=False`` drops
        incidents nothing identifies (see :func:`event_is_bare`)."""
        return _slice(self._events_listed(ids, bare), limit, offset)

    def count_events(self, *, ids: Sequence[str] | None = None, bare: bool = True) -> int:
        """How many events :meth:`events_page` pages through with these filters."""
        return len(self._events_listed(ids, bare))

    def event_document_counts_for(self, ids: Iterable[str]) -> dict[str, int]:
        """:meth:`event_document_counts` for these event ids only."""
        wanted = set(ids)
        return {k: v for k, v in self.event_document_counts().items() if k in wanted}

    # -- filter reads -----------------------------------------------------------------------
    # Bare id pairs for the workbench filters (crosscheck.store.facets answers them in SQL).

    def event_documents(self) -> list[tuple[str, str]]:
        """Every (event id, document id) pair where the document reports the event, sorted."""
        doc_of = {m.id: m.doc_id for m in self.event_mentions()}
        pairs = {(e.id, doc_of[m]) for e in self.events() for m in e.mention_ids if m in doc_of}
        return sorted(pairs)

    def document_facts(self) -> list[DocumentFacts]:
        """Outlet, publication and ingest date of every document, in id order."""
        docs = sorted(self.documents(), key=lambda d: d.id)
        return [DocumentFacts(d.id, d.outlet, d.published, d.ingested_at) for d in docs]

    def event_records(self) -> list[Event]:
        """Every resolved event without its mention ids (``mention_ids`` is empty)."""
        return [replace(e, mention_ids=[]) for e in self.events()]

    def group_records(self) -> list[ClaimGroup]:
        """Every claim group without its reason text (``reason`` is empty)."""
        return [replace(g, reason="") for g in self.groups()]

    def claim_documents(self) -> dict[str, str]:
        """The document of every stored claim, by claim id."""
        return {c.id: c.doc_id for c in self.claims()}

    def outlet_names(self) -> list[str]:
        """The distinct outlets of the stored documents, case-insensitively sorted."""
        return sorted({d.outlet for d in self.documents() if d.outlet}, key=str.casefold)

    def event_types(self) -> list[str]:
        """The distinct types of the resolved events, sorted."""
        return sorted({e.type for e in self.events()})


def most_linked(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (key, owner) pairs, each key's most frequent owner (ties: the smallest id)."""
    votes: dict[str, Counter[str]] = {}
    for key, owner in pairs:
        votes.setdefault(key, Counter())[owner] += 1
    return {k: min(v, key=lambda o: (-v[o], o)) for k, v in votes.items()}


def _slice(items: list[Any], limit: int | None, offset: int) -> list[Any]:
    return items[offset:] if limit is None else items[offset : offset + limit]


__all__ = ["PREFIX_KINDS", "DocumentFacts", "StoreReads", "most_linked"]
