"""The lookup tables of claim subject resolution, built over every document. Pure.

:class:`crosscheck.reconcile.subjects.SubjectResolver` looks claims up in tables: violent
incidents by sentence, each document's incidents, places and countries, the distinctive words
of each incident, the entity of each mention key and of each name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
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


def _dirty(
    docs: Mapping[str, DocRecords],
    changed: set[str],
    moved_links: Collection[str] | None,
    memo: TablesMemo,
) -> Iterable[str]:
    """The documents whose part of the event tables may have changed: those changed, and
    those with an event mention whose incident changed (every one when that is unknown)."""
    if moved_links is None:
        return docs.keys() | memo.docs.keys()
    at = memo.em_docs
    return changed | {d for em in moved_links if (d := at.get(em)) is not None}


def _event_tables(
    docs: Mapping[str, DocRecords],
    changed: set[str],
    event_links: Mapping[str, str],
    moved_links: Collection[str] | None,
    memo: TablesMemo,
) -> _EventTables:
    """The event tables, merged from each document's part; a part is made again, and
    patched into the tables, only when the document's event mentions or their events
    changed (``memo.docs``; ``changed``: the documents not the very records of the last
    call, ``moved_links``: the event mentions whose incident changed since, None: unknown)."""
    kept: dict[str, frozenset[str]] = {}
    dirty: set[str] = set()
    merged, parts, at = memo.merged, memo.docs, memo.em_docs
    for doc_id in _dirty(docs, changed, moved_links, memo):
        d = docs.get(doc_id)
        ems = d.event_mentions if d is not None else ()
        found = parts.get(doc_id)
        key = (ems, tuple(event_links.get(em.id) for em in ems))
        if found is not None and found[0] == key:
            continue
        if found is not None:
            merged.take(doc_id, found[1], -1, dirty)
            for em in found[0][0]:
                at.pop(em.id, None)
            del parts[doc_id]
        if ems:
            parts[doc_id] = found = (key, _doc_part(ems, event_links, memo.words, kept))
            merged.take(doc_id, found[1], 1, dirty)
            for em in ems:
                at[em.id] = doc_id
    merged.refresh(dirty, parts)
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


def _place_tables(docs: Mapping[str, DocRecords], changed: set[str], memo: TablesMemo) -> _Places:
    """Per document, its country mentions and its place mentions, in (start, id) order; a
    document's are sorted again, and patched into the tables, only when its mentions
    changed (``memo.places``; ``changed``: the documents not the very records of the last
    call)."""
    countries, places = memo.place_tables
    for doc_id in changed:
        d = docs.get(doc_id)
        ms = d.mentions if d is not None else ()
        found = memo.places.get(doc_id)
        if found is not None and (found[0] is ms or found[0] == ms):
            continue
        if ms:
            memo.places[doc_id] = found = (ms, _doc_places(ms))
            _patch(countries, doc_id, found[1][0])
            _patch(places, doc_id, found[1][1])
        else:
            memo.places.pop(doc_id, None)
            countries.pop(doc_id, None)
            places.pop(doc_id, None)
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


def _name_tables(
    entities: Iterable[Entity], known: Mapping[str, str], keys: dict[str, str]
) -> _Names:
    """Per name key, the entity (and the organisation) with the smallest id bearing it
    (``known``: name keys of aliases made before; ``keys`` gets those of these entities)."""
    by_name: dict[str, str] = {}
    by_org: dict[str, str] = {}
    for e in entities:
        org = label_family(e.label) == "org"
        for alias in e.aliases:
            key = keys[alias] = known.get(alias) or name_key(alias)
            if key not in by_name or e.id < by_name[key]:
                by_name[key] = e.id
            if org and len(key) >= 3 and (key not in by_org or e.id < by_org[key]):
                by_org[key] = e.id
    return by_name, by_org


def _names_kept(entities: Sequence[Entity], memo: TablesMemo) -> _Names:
    """The name tables, made again only when an entity came, went, or changed its names or
    label (most updates change only which mentions an entity has)."""
    last, memo.named = memo.named, entities
    if memo.names is not None and len(last) == len(entities):
        before = {e.id: e for e in last}
        if all(
            (o := before.get(e.id)) is e
            or (o is not None and o.aliases.keys() == e.aliases.keys() and o.label == e.label)
            for e in entities
        ):
            return memo.names
    keys: dict[str, str] = {}
    memo.names = _name_tables(entities, memo.name_keys, keys)
    memo.name_keys = keys  # no more than the aliases of these entities
    return memo.names


_Places = tuple[dict[str, list[Mention]], dict[str, list[Mention]]]
_Names = tuple[dict[str, str], dict[str, str]]


@dataclass
class TablesMemo:
    """What the last call's tables may hand to the next (held by a Reconciler).

    Each document's part of the event tables with the event mentions and events it was
    made from, each document's place tables with its mentions, the distinctive words of the
    descriptions read last time (a text's words never change), and the name tables with the
    entities they were built from: equal inputs give equal tables, so reusing them changes
    nothing but the time. The merged tables are patched with the parts that changed; only
    the documents that are not the very records of the last call, or that hold an event
    mention whose incident moved, are looked at (when the caller says which moved).
    """

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    docs: dict[str, tuple[_DocKey, _DocPart]] = field(default_factory=dict)
    places: dict[str, tuple[tuple[Mention, ...], tuple[list[Mention], list[Mention]]]] = field(
        default_factory=dict
    )
    #: The name tables, the entities they were made from (the caller's very list) and the
    #: name key of each of their aliases.
    names: _Names | None = None
    named: Sequence[Entity] = ()
    name_keys: dict[str, str] = field(default_factory=dict)
    #: The documents of the last call, by id (the caller's very mapping: it is never changed).
    last: Mapping[str, DocRecords] = field(default_factory=dict)
    #: Each event mention of ``docs``' parts, with its document.
    em_docs: dict[str, str] = field(default_factory=dict)
    #: The tables merged from the parts.
    merged: _EventTables = field(default_factory=lambda: _EventTables())
    place_tables: _Places = field(default_factory=lambda: ({}, {}))


def lookup_tables(
    docs: Iterable[DocRecords] | Mapping[str, DocRecords],
    event_links: Mapping[str, str],
    mention_entities: Mapping[str, str],
    entities: Iterable[Entity],
    memo: TablesMemo | None = None,
    keyed: Mapping[str, Sequence[Mention]] | None = None,
    moved_links: Collection[str] | None = None,
) -> Tables:
    """The lookup tables of one picture (``memo``: see :class:`TablesMemo`; ``keyed``: each
    mention key's mentions in id order, when entity resolution has them at hand;
    ``docs`` by id or in any order; ``moved_links``: the event mentions whose incident changed
    since the memo's last call, when the caller knows)."""
    by_id = docs if isinstance(docs, Mapping) else {d.id: d for d in docs}
    memo = memo if memo is not None else TablesMemo()
    # The documents not the very records of the last call: only theirs are read again.
    last = memo.last
    changed = {k for k, d in by_id.items() if last.get(k) is not d}
    changed.update(last.keys() - by_id.keys())
    memo.last = by_id
    merged = _event_tables(by_id, changed, event_links, moved_links, memo)
    countries, places = _place_tables(by_id, changed, memo)
    entity_by_name, org_by_name = _names_kept(
        entities if isinstance(entities, Sequence) else list(entities), memo
    )
    return Tables(
        merged.violent,
        merged.doc_events,
        merged.event_tokens,
        merged.token_index,
        countries,
        places,
        _key_table(keyed if keyed is not None else _keyed(by_id.values()), mention_entities),
        entity_by_name,
        org_by_name,
    )


__all__ = ["Tables", "TablesMemo", "Violent", "is_country", "lookup_tables"]
