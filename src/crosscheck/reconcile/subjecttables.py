"""The lookup tables of claim subject resolution, built over every document. Pure.

:class:`crosscheck.reconcile.subjects.SubjectResolver` looks claims up in tables: violent
incidents by sentence, each document's incidents, places and countries, the distinctive words
of each incident, the entity of each mention key and of each name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from crosscheck.analysis.geo import country_code
from crosscheck.model import Entity, EventMention, Mention
from crosscheck.reconcile.mentionfeatures import distinctive_tokens, type_family
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
    event_tokens: dict[str, set[str]]
    token_index: dict[str, set[str]]
    countries: dict[str, list[Mention]]
    places: dict[str, list[Mention]]
    entity_by_key: dict[str, str]
    entity_by_name: dict[str, str]
    org_by_name: dict[str, str]


_DocPart = tuple[Violent, frozenset[str], dict[str, frozenset[str]]]
#: A document's event mentions and the event of each: what its part of the tables reads.
_DocKey = tuple[tuple[EventMention, ...], tuple[str | None, ...]]


def _doc_part(
    ems: list[EventMention],
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


def _by_document(event_mentions: Iterable[EventMention]) -> dict[str, list[EventMention]]:
    out: dict[str, list[EventMention]] = defaultdict(list)
    for em in event_mentions:
        out[em.doc_id].append(em)
    return out


def _event_tables(
    event_mentions: Iterable[EventMention],
    event_links: Mapping[str, str],
    memo: TablesMemo,
) -> tuple[Violent, dict[str, frozenset[str]], dict[str, set[str]], dict[str, set[str]]]:
    """The event tables, merged from each document's part; a part is made again only when
    the document's event mentions or their events changed (``memo.docs``)."""
    violent: Violent = {}
    doc_events: dict[str, frozenset[str]] = {}
    event_tokens: dict[str, set[str]] = defaultdict(set)
    kept: dict[str, frozenset[str]] = {}
    parts: dict[str, tuple[_DocKey, _DocPart]] = {}
    for doc_id, ems in _by_document(event_mentions).items():
        key = (tuple(ems), tuple(event_links.get(em.id) for em in ems))
        found = memo.docs.get(doc_id)
        if found is None or found[0] != key:
            found = (key, _doc_part(ems, event_links, memo.words, kept))
        parts[doc_id] = found
        part_violent, events, tokens = found[1]
        # A part's lists and sets are never changed once made: the tables share them (and
        # a claim's kept subject, which read them, finds the very same objects).
        violent.update(part_violent)
        if events:
            doc_events[doc_id] = events
        for event_id, found_words in tokens.items():
            event_tokens[event_id].update(found_words)
    memo.docs = parts  # no more documents than the picture's
    # The words of the texts read this time: those of unchanged documents live in their parts.
    memo.words = kept
    token_index: dict[str, set[str]] = defaultdict(set)
    for event_id, words in event_tokens.items():
        for word in words:
            token_index[word].add(event_id)
    return (
        violent,
        doc_events,
        {k: v for k, v in event_tokens.items() if v},
        dict(token_index),
    )


def _doc_places(mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
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


def _place_tables(mentions: Iterable[Mention], memo: TablesMemo) -> _Places:
    """Per document, its country mentions and its place mentions, in (start, id) order; a
    document's are sorted again only when its mentions changed (``memo.places``)."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    countries: dict[str, list[Mention]] = {}
    places: dict[str, list[Mention]] = {}
    kept: dict[str, tuple[tuple[Mention, ...], tuple[list[Mention], list[Mention]]]] = {}
    for doc_id, ms in by_doc.items():
        key = tuple(ms)
        found = memo.places.get(doc_id)
        if found is None or found[0] != key:
            found = (key, _doc_places(ms))
        kept[doc_id] = found
        doc_countries, doc_places = found[1]
        if doc_countries:
            countries[doc_id] = doc_countries
        if doc_places:
            places[doc_id] = doc_places
    memo.places = kept
    return countries, places


def _key_table(mentions: Iterable[Mention], mention_entities: Mapping[str, str]) -> dict[str, str]:
    """Per mention key, the entity of its first mention (by id) that has one."""
    first: dict[str, tuple[str, str]] = {}
    for m in mentions:
        entity_id = mention_entities.get(m.id)
        if entity_id is None:
            continue
        known = first.get(m.key)
        if known is None or m.id < known[0]:
            first[m.key] = (m.id, entity_id)
    return {key: found[1] for key, found in first.items()}


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
    nothing but the time.
    """

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    docs: dict[str, tuple[_DocKey, _DocPart]] = field(default_factory=dict)
    places: dict[str, tuple[tuple[Mention, ...], tuple[list[Mention], list[Mention]]]] = field(
        default_factory=dict
    )
    names: tuple[tuple[Entity, ...], _Names] | None = None


def lookup_tables(
    event_mentions: Iterable[EventMention],
    event_links: Mapping[str, str],
    mentions: Iterable[Mention],
    mention_entities: Mapping[str, str],
    entities: Iterable[Entity],
    memo: TablesMemo | None = None,
) -> Tables:
    """The lookup tables of one picture (``memo``: see :class:`TablesMemo`)."""
    mentions = list(mentions)
    memo = memo if memo is not None else TablesMemo()
    violent, doc_events, event_tokens, token_index = _event_tables(
        event_mentions, event_links, memo
    )
    # Same records, same objects: the tuple comparisons mostly test identity.
    countries, places = _place_tables(mentions, memo)
    named = tuple(entities)
    if memo.names is None or memo.names[0] != named:
        memo.names = (named, _name_tables(named))
    entity_by_name, org_by_name = memo.names[1]
    return Tables(
        violent,
        doc_events,
        event_tokens,
        token_index,
        countries,
        places,
        _key_table(mentions, mention_entities),
        entity_by_name,
        org_by_name,
    )


__all__ = ["Tables", "TablesMemo", "Violent", "is_country", "lookup_tables"]
