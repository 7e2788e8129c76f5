"""The store interface every backend implements.

Callers (pipeline, CLI, API, exports) only see :class:`Store`. The SQL lives in
:mod:`crosscheck.store.sql`, shared by the SQLite and PostgreSQL backends, which
differ only in connection, placeholders, upserts and full-text search.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
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
    Extraction,
    Mention,
    Picture,
    Profile,
    Statement,
)
from crosscheck.store.assessing import AssessmentStore
from crosscheck.store.savedstate import SavedStateStore
from crosscheck.store.writer import WriterStore


class DocumentFacts(NamedTuple):
    """What the workbench filters read of a document: who published it and when."""

    id: str
    outlet: str | None
    published: str | None
    ingested_at: str | None


#: Record kinds whose ids :meth:`Store.ids_with_prefix` looks up.
PREFIX_KINDS: tuple[str, ...] = ("event", "entity", "group", "claim")

#: Orders :meth:`Store.groups_page` knows; "attention" puts conflicts first, then evolving.
GROUP_ORDERS: tuple[str, ...] = ("attention", "subject", "measure", "sources", "spread", "status")
_ATTENTION = {"conflict": 0, "evolving": 1, "consistent": 2, "corroborated": 3, "single": 4}


class Store(AssessmentStore, SavedStateStore, WriterStore, ABC):
    """Persistent home of documents, extractions, the reconciled picture and corrections
    (and, through :class:`AssessmentStore`, of structured analysis; through
    :class:`SavedStateStore`, of the picture's saved state; transactions and the writer
    turn come from :class:`WriterStore`)."""

    url: str

    # -- lifecycle (transactions and the writer turn: WriterStore) -------------------------
    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def schema_version(self) -> int: ...

    # -- documents -------------------------------------------------------------------------
    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def document_by_hash(self, content_hash: str) -> Document | None: ...

    @abstractmethod
    def latest_version(self, *, path: str | None = None, url: str | None = None) -> Document | None:
        """The newest stored document with this path or URL (for versioning)."""

    @abstractmethod
    def versions_of(self, *, path: str | None = None, url: str | None = None) -> list[Document]:
        """Every stored document of this source (the URL if given, else the path), no text."""

    @abstractmethod
    def set_supersedes(self, doc_id: str, previous: str | None) -> None:
        """Link a document to its previous version and mark it for reconciling."""

    @abstractmethod
    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        """Insert a new document and its extractions in the current transaction.

        Returns:
            False, storing nothing, when the same content is stored already (another
            writer may have stored it a moment ago: that is "unchanged", not an error).
        """

    @abstractmethod
    def replace_extraction(self, extraction: Extraction) -> None:
        """Swap one document's extractions (re-processing)."""

    @abstractmethod
    def pending_documents(self) -> list[str]:
        """Ids of documents stored or re-processed but not yet reconciled."""

    @abstractmethod
    def clear_pending(self, doc_ids: list[str]) -> None: ...

    @abstractmethod
    def set_document_status(self, doc_id: str, status: str) -> None: ...

    @abstractmethod
    def documents(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        outlet: str | None = None,
        language: str | None = None,
        with_text: bool = False,
    ) -> list[Document]: ...

    @abstractmethod
    def document_ids(self) -> list[str]: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Document]:
        """Full-text search over title and text, best match first."""

    def resolve_document(self, ref: str) -> Document | None:
        """Find a document by id, unique id prefix, path or URL."""
        doc = self.get_document(ref)
        if doc is not None:
            return doc
        return self._resolve_document_ref(ref)

    @abstractmethod
    def _resolve_document_ref(self, ref: str) -> Document | None: ...

    # -- extractions -----------------------------------------------------------------------
    @abstractmethod
    def profiles(self, doc_ids: list[str] | None = None) -> dict[str, Profile]:
        """Each report's weighted words by document id (all reports when ``doc_ids`` is None)."""

    @abstractmethod
    def claims(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        doc_ids: list[str] | None = None,
        subject_kind: str | None = None,
    ) -> list[Claim]:
        """Claims in document order; ``subject_kind`` keeps those resolved to that kind."""

    @abstractmethod
    def mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Mention]: ...

    @abstractmethod
    def event_mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[EventMention]: ...

    @abstractmethod
    def statements(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Statement]: ...

    # -- the picture -------------------------------------------------------------------------
    @abstractmethod
    def save_picture(self, picture: Picture) -> None:
        """Replace the reconciled layer (entities, events, groups, links)."""

    @abstractmethod
    def load_picture(self) -> Picture: ...

    def save_picture_delta(self, old: Picture, new: Picture, *, token: str | None = None) -> None:
        """Write only what differs between ``old`` (as stored) and ``new``.

        ``old`` and ``new`` are whole pictures, or (with ``token``, the
        :meth:`picture_token` of the stored picture the caller read under the picture
        lock) the two halves of a delta: the records gone and the records that came.
        Backends override this to touch a handful of rows after a small update; the
        default simply replaces everything (whole pictures only).
        """
        self.save_picture(new)

    @abstractmethod
    def entities(self) -> list[Entity]: ...

    @abstractmethod
    def events(self) -> list[Event]: ...

    @abstractmethod
    def groups(self) -> list[ClaimGroup]: ...

    # -- corrections -------------------------------------------------------------------------
    @abstractmethod
    def add_correction(self, correction: Correction) -> Correction: ...

    @abstractmethod
    def corrections(self, *, target_kind: str | None = None) -> list[Correction]: ...

    def successor(self, kind: str, old_id: str) -> str | None:
        """The id of the entity, event or group (``kind``) that took over a retired id.

        None when ``old_id`` was never retired (see :mod:`crosscheck.store.successors`).
        """
        return None

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

    # -- misc --------------------------------------------------------------------------------
    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        """All documents with text, in id order, a batch at a time (bounded memory)."""
        offset = 0
        while True:
            docs = self.documents(limit=batch, offset=offset, with_text=True)
            if not docs:
                return
            yield from docs
            offset += len(docs)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def group_order_key(group: ClaimGroup, order: str) -> tuple[Any, ...]:
    """The sort key of ``group`` in ``order`` (one of GROUP_ORDERS), as the SQL sorts."""
    base = (group.subject.name or "", group.measure, group.id)
    if order == "measure":
        return (group.measure, group.subject.name or "", group.id)
    if order == "sources":
        return (-group.sources, *base)
    if order == "spread":
        return (-group_spread(group), *base)
    if order == "status":
        return (group.status, *base)
    if order == "attention":
        return (_ATTENTION.get(group.status, 9), -group_spread(group), -group.sources, *base)
    return base


def group_spread(group: ClaimGroup) -> float:
    """How far apart the estimate's ends are, relative to the high end (0 when unknown)."""
    low, high = group.estimate.low, group.estimate.high
    if low is None or high is None or not high:
        return 0.0
    return float(high - low) / float(abs(high))


def event_is_bare(event: Event, mentions: Sequence[EventMention]) -> bool:
    """True when nothing identifies the incident (the rule ``crosscheck events`` hides by).

    No date, no place, no actor, a name that only repeats its type or a trigger word
    ("arrest"), and at most one reporting document. Such incidents stay in the store
    (claims may refer to them); listings hide them unless asked for everything.
    """
    if event.date or event.location or event.country or event.actors:
        return False
    name = event.name.lower()
    words = {event.type.lower()} | {m.trigger.lower() for m in mentions}
    words |= {m.description.lower() for m in mentions if m.description}
    if name not in words:
        return False
    return len({m.doc_id for m in mentions}) <= 1


def most_linked(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For (key, owner) pairs, each key's most frequent owner (ties: the smallest id)."""
    votes: dict[str, Counter[str]] = {}
    for key, owner in pairs:
        votes.setdefault(key, Counter())[owner] += 1
    return {k: min(v, key=lambda o: (-v[o], o)) for k, v in votes.items()}


def _slice(items: list[Any], limit: int | None, offset: int) -> list[Any]:
    return items[offset:] if limit is None else items[offset : offset + limit]


__all__ = [
    "GROUP_ORDERS",
    "PREFIX_KINDS",
    "Store",
    "event_is_bare",
    "group_order_key",
    "group_spread",
    "most_linked",
]
