"""The lookup tables of claim subject resolution, built over every document. Pure.

:class:`crosscheck.reconcile.subjects.SubjectResolver` looks claims up in tables: violent
incidents by sentence, each document's incidents, places and countries, the distinctive words
of each incident, the entity of each mention key and of each name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosscheck.analysis.geo import country_code
from crosscheck.model import Entity, EventMention, Mention
from crosscheck.reconcile.mentionfeatures import distinctive_tokens, type_family
from crosscheck.reconcile.records import DocRecords
from crosscheck.reconcile.text import label_family, name_key

Violent = dict[tuple[str, str], list[tuple[int, str]]]


def is_country(key: str) -> bool:
    """True when a mention key names a country (not a people, city or region)."""
    return bool(key) and country_code(key, allow_code=False) is not None


@dataclass(frozen=True)
class Tables:
    """Every lookup table of one picture."""

    violent_in_sentence: Violent
    doc_events: dict[str, frozenset[str]]
    event_tokens: dict[str, frozenset[str]]
    token_index: dict[str, frozenset[str]]
    countries: dict[str, list[Mention]]
    places: dict[str, list[Mention]]
    entity_by_key: dict[str, str]
    entity_by_name: dict[str, str]
    org_by_name: dict[str, str]


_DocPart = tuple[Violent, frozenset[str], dict[str, frozenset[str]]]
#: A document's event mentions and the event of each: what its part of the tables reads.
_DocKey = tuple[tuple[EventMention, ...], tuple[str | None, ...]]


def _doc_part(
    ems: Sequence[EventMention],
    event_links: Mapping[str, str],
    known: Mapping[str, frozenset[str]],
    kept: dict[str, frozenset[str]],
) -> _DocPart:
    """One document's violent incidents by sentence, its incidents and their words."""
    violent: Violent = {}
    tokens: dict[str, set[str]] = defaultdict(set)
    for em in ems:
        event_id = event_links.get(em.id)
        if not event_id:
            continue
        if type_family(em.type) == "violent":
            violent.setdefault((em.doc_id, em.sentence), []).append((em.span[0], event_id))
        text = em.description or em.trigger
        found = kept.get(text)
        if found is None:
            found = known.get(text)
        if found is None:
            found = distinctive_tokens(text)
        kept[text] = found
        tokens[event_id].update(found)
    return violent, frozenset(tokens), {k: frozenset(v) for k, v in tokens.items()}


@dataclass
class _EventTables:
    """The event tables merged from every document's part, patched part by part.

    A table's entry is replaced, never changed in place: a kept subject holds the entries
    its resolution read and compares them with the current ones.
    """

    violent: Violent = field(default_factory=dict)
    doc_events: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Per incident, the documents whose parts give it words.
    sources: dict[str, set[str]] = field(default_factory=dict)
    event_tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    token_index: dict[str, frozenset[str]] = field(default_factory=dict)

    def take(self, doc_id: str, part: _DocPart, sign: int, dirty: set[str]) -> None:
        """Add (``sign`` 1) or take away (-1) one document's part."""
        part_violent, events, tokens = part
        for key, found in part_violent.items():
            if sign > 0:
                self.violent[key] = found
            else:
                self.violent.pop(key, None)
        if sign > 0 and events:
            self.doc_events[doc_id] = events
        elif sign < 0:
            self.doc_events.pop(doc_id, None)
        for event_id, words in tokens.items():
            if not words:
                continue
            if sign > 0:
                self.sources.setdefault(event_id, set()).add(doc_id)
            else:
                sources = self.sources[event_id]
                sources.discard(doc_id)
                if not sources:
                    del self.sources[event_id]
            dirty.add(event_id)

    def refresh(self, dirty: set[str], parts: Mapping[str, tuple[_DocKey, _DocPart]]) -> None:
        """Each incident's words and the word index, for the incidents whose parts changed
        (``parts``: every document's part, by document id)."""
        came: dict[str, set[str]] = defaultdict(set)
        went: dict[str, set[str]] = defaultdict(set)
        for event_id in dirty:
            old = self.event_tokens.get(event_id, frozenset())
            given = (parts[doc_id][1][2][event_id] for doc_id in self.sources.get(event_id, ()))
            new = frozenset().union(*given)
            if new == old:
                continue
            if new:
                self.event_tokens[event_id] = new
            else:
                del self.event_tokens[event_id]
            for word in old - new:
                went[word].add(event_id)
            for word in new - old:
                came[word].add(event_id)
        # Each word's entry made once, however many incidents it gained or lost.
        for word in came.keys() | went.keys():
            now = (self.token_index.get(word, frozenset()) - went.get(word, set())) | came.get(
                word, set()
            )
            if now:
                self.token_index[word] = now
            else:
                del self.token_index[word]


def _event_tables(
    docs: Iterable[DocRecords], event_links: Mapping[str, str], memo: TablesMemo
) -> _EventTables:
    """The event tables, merged from each document's part; a part is made again, and
    patched into the tables, only when the document's event mentions or their events
    changed (``memo.docs``)."""
    kept: dict[str, frozenset[str]] = {}
    parts: dict[str, tuple[_DocKey, _DocPart]] = {}
    dirty: set[str] = set()
    merged = memo.merged
    for d in docs:
        ems = d.event_mentions
        if not ems:
            continue
        key = (ems, tuple(event_links.get(em.id) for em in ems))
        found = memo.docs.pop(d.id, None)
        if found is None or found[0] != key:
            if found is not None:
                merged.take(d.id, found[1], -1, dirty)
            found = (key, _doc_part(ems, event_links, memo.words, kept))
            merged.take(d.id, found[1], 1, dirty)
        parts[d.id] = found
    for doc_id, (_, part) in memo.docs.items():  # the documents gone
        merged.take(doc_id, part, -1, dirty)
    merged.refresh(dirty, parts)
    memo.docs = parts  # no more documents than the picture's
    # The words of the texts read this time: those of unchanged documents live in their parts.
    memo.words = kept
    return merged


def _doc_places(mentions: Iterable[Mention]) -> tuple[list[Mention], list[Mention]]:
    """One document's country mentions and its place mentions, in (start, id) order."""
    countries: list[Mention] = []
    places: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.id)):
        if m.label in ("GPE", "NORP") and is_country(m.key):
            countries.append(m)
        # Not NORP: "70% of Tajiks" counts a people, it is not a figure about a place.
        if m.label in ("GPE", "LOC"):
            places.append(m)
    return countries, places


def _patch(table: dict[str, list[Mention]], doc_id: str, found: list[Mention] | None) -> None:
    if found:
        table[doc_id] = found
    else:
        table.pop(doc_id, None)


def _place_tables(docs: Iterable[DocRecords], memo: TablesMemo) -> _Places:
    """Per document, its country mentions and its place mentions, in (start, id) order; a
    document's are sorted again, and patched into the tables, only when its mentions
    changed (``memo.places``)."""
    countries, places = memo.place_tables
    kept: dict[str, tuple[tuple[Mention, ...], tuple[list[Mention], list[Mention]]]] = {}
    for d in docs:
        ms = d.mentions
        if not ms:
            continue
        found = memo.places.pop(d.id, None)
        if found is None or (found[0] is not ms and found[0] != ms):
            found = (ms, _doc_places(ms))
            _patch(countries, d.id, found[1][0])
            _patch(places, d.id, found[1][1])
        kept[d.id] = found
    for doc_id in memo.places:  # the documents gone
        countries.pop(doc_id, None)
        places.pop(doc_id, None)
    memo.places = kept
    return countries, places


def _keyed(docs: Iterable[DocRecords]) -> dict[str, list[Mention]]:
    """Each mention key's mentions, in id order."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for d in docs:
        for m in d.mentions:
            out[m.key].append(m)
    return {k: sorted(ms, key=lambda m: m.id) for k, ms in out.items()}


def _key_table(
    keyed: Mapping[str, Sequence[Mention]], mention_entities: Mapping[str, str]
) -> dict[str, str]:
    """Per mention key, the entity of its first mention (by id) that has one."""
    out: dict[str, str] = {}
    for key, mentions in keyed.items():
        for m in mentions:
            entity_id = mention_entities.get(m.id)
            if entity_id is not None:
                out[key] = entity_id
                break
    return out


def _name_tables(entities: Iterable[Entity]) -> tuple[dict[str, str], dict[str, str]]:
    """Per name key, the entity (and the organisation) with the smallest id bearing it."""
    by_name: dict[str, str] = {}
    by_org: dict[str, str] = {}
    for e in entities:
        org = label_family(e.label) == "org"
        for alias in e.aliases:
            key = name_key(alias)
            if key not in by_name or e.id < by_name[key]:
                by_name[key] = e.id
            if org and len(key) >= 3 and (key not in by_org or e.id < by_org[key]):
                by_org[key] = e.id
    return by_name, by_org


_Places = tuple[dict[str, list[Mention]], dict[str, list[Mention]]]
_Names = tuple[dict[str, str], dict[str, str]]


@dataclass
class TablesMemo:
    """What the last call's tables may hand to the next (held by a Reconciler).

    Each document's part of the event tables with the event mentions and events it was
    made from, each document's place tables with its mentions, the distinctive words of the
    descriptions read last time (a text's words never change), and the name tables with the
    entities they were built from: equal inputs give equal tables, so reusing them changes
    nothing but the time. The merged tables are patched with the parts that changed.
    """

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    docs: dict[str, tuple[_DocKey, _DocPart]] = field(default_factory=dict)
    places: dict[str, tuple[tuple[Mention, ...], tuple[list[Mention], list[Mention]]]] = field(
        default_factory=dict
    )
    names: tuple[tuple[Entity, ...], _Names] | None = None
    #: The tables merged from the parts.
    merged: _EventTables = field(default_factory=lambda: _EventTables())
    place_tables: _Places = field(default_factory=lambda: ({}, {}))


def lookup_tables(
    docs: Iterable[DocRecords],
    event_links: Mapping[str, str],
    mention_entities: Mapping[str, str],
    entities: Iterable[Entity],
    memo: TablesMemo | None = None,
    keyed: Mapping[str, Sequence[Mention]] | None = None,
) -> Tables:
    """The lookup tables of one picture (``memo``: see :class:`TablesMemo`; ``keyed``: each
    mention key's mentions in id order, when entity resolution has them at hand)."""
    docs = list(docs)
    memo = memo if memo is not None else TablesMemo()
    merged = _event_tables(docs, event_links, memo)
    # Same records, same objects: the tuple comparisons mostly test identity.
    countries, places = _place_tables(docs, memo)
    named = tuple(entities)
    if memo.names is None or memo.names[0] != named:
        memo.names = (named, _name_tables(named))
    entity_by_name, org_by_name = memo.names[1]
    return Tables(
        merged.violent,
        merged.doc_events,
        merged.event_tokens,
        merged.token_index,
        countries,
        places,
        _key_table(keyed if keyed is not None else _keyed(docs), mention_entities),
        entity_by_name,
        org_by_name,
    )


__all__ = ["Tables", "TablesMemo", "Violent", "is_country", "lookup_tables"]
