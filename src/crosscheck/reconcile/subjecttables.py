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
    doc_events: dict[str, set[str]]
    event_tokens: dict[str, set[str]]
    token_index: dict[str, set[str]]
    countries: dict[str, list[Mention]]
    places: dict[str, list[Mention]]
    entity_by_key: dict[str, str]
    entity_by_name: dict[str, str]
    org_by_name: dict[str, str]


def _event_tables(
    event_mentions: Iterable[EventMention],
    event_links: Mapping[str, str],
    known: Mapping[str, frozenset[str]],
    kept: dict[str, frozenset[str]],
) -> tuple[Violent, dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    violent: Violent = {}
    doc_events: dict[str, set[str]] = defaultdict(set)
    event_tokens: dict[str, set[str]] = defaultdict(set)
    for em in event_mentions:
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
        event_tokens[event_id].update(found)
        doc_events[em.doc_id].add(event_id)
    token_index: dict[str, set[str]] = defaultdict(set)
    for event_id, tokens in event_tokens.items():
        for word in tokens:
            token_index[word].add(event_id)
    return (
        violent,
        dict(doc_events),
        {k: v for k, v in event_tokens.items() if v},
        dict(token_index),
    )


def _place_tables(
    mentions: Iterable[Mention],
) -> tuple[dict[str, list[Mention]], dict[str, list[Mention]]]:
    """Per document, its country mentions and its place mentions, in (start, id) order."""
    countries: dict[str, list[Mention]] = defaultdict(list)
    places: dict[str, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.start, m.id)):
        if m.label in ("GPE", "NORP") and is_country(m.key):
            countries[m.doc_id].append(m)
        # Not NORP: "70% of Tajiks" counts a people, it is not a figure about a place.
        if m.label in ("GPE", "LOC"):
            places[m.doc_id].append(m)
    return dict(countries), dict(places)


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

    The distinctive words of the descriptions it read (a text's words never change), and
    the place and name tables with the mentions and entities they were built from: equal
    inputs give equal tables, so reusing them changes nothing but the time.
    """

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    places: tuple[tuple[Mention, ...], _Places] | None = None
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
    kept: dict[str, frozenset[str]] = {}
    violent, doc_events, event_tokens, token_index = _event_tables(
        event_mentions, event_links, memo.words, kept
    )
    memo.words = kept  # no more texts than the picture's
    # Same records, same objects: the tuple comparisons below mostly test identity.
    seen = tuple(mentions)
    if memo.places is None or memo.places[0] != seen:
        memo.places = (seen, _place_tables(mentions))
    countries, places = memo.places[1]
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
