"""The lookup tables of claim subject resolution, kept up to date document by document.

:class:`crosscheck.reconcile.subjects.SubjectResolver` looks claims up in tables over every
document: violent incidents by sentence, each document's incidents, places and countries, the
distinctive words of each incident, the entity of each mention key and of each name. Adding a
report changes the share of a few documents and a few entities, so the tables of the last call
are updated where those shares changed instead of being built again. Each share is compared
with the inputs it was derived from (identity first, equality as the fallback), and the tables
are copied on write: a table handed to one resolver is never changed afterwards, so
resolvers of earlier or concurrent calls keep what they were given. Pure: no store.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from crosscheck.analysis.geo import country_code
from crosscheck.model import Entity, EventMention, Mention
from crosscheck.reconcile.mentionfeatures import distinctive_tokens, type_family
from crosscheck.reconcile.text import label_family, name_key

_R = TypeVar("_R", Mention, EventMention)
_V = TypeVar("_V")

Violent = dict[tuple[str, str], list[tuple[int, str]]]


@functools.cache
def is_country(key: str) -> bool:
    """True when a mention key names a country (not a people, city or region)."""
    return bool(key) and country_code(key, allow_code=False) is not None


@dataclass(frozen=True)
class Tables:
    """Every lookup table of one call; never changed once handed out."""

    violent_in_sentence: Violent
    doc_events: dict[str, set[str]]
    event_tokens: dict[str, set[str]]
    token_index: dict[str, set[str]]
    countries: dict[str, list[Mention]]
    places: dict[str, list[Mention]]
    entity_by_key: dict[str, str]
    entity_by_name: dict[str, str]
    org_by_name: dict[str, str]


@dataclass(frozen=True)
class _DocEvents:
    """One document's share of the event tables, from its event mentions and their links."""

    violent: Violent
    events: set[str]
    tokens: dict[str, set[str]]


def _doc_events(event_mentions: list[EventMention], links: list[str | None]) -> _DocEvents:
    out = _DocEvents({}, set(), {})
    for em, event_id in zip(event_mentions, links, strict=True):
        if not event_id:
            continue
        if type_family(em.type) == "violent":
            out.violent.setdefault((em.doc_id, em.sentence), []).append((em.span[0], event_id))
        out.tokens.setdefault(event_id, set()).update(
            distinctive_tokens(em.description or em.trigger)
        )
        out.events.add(event_id)
    return out


_Places = tuple[list[Mention], list[Mention]]


def _doc_places(mentions: list[Mention]) -> _Places:
    """A document's country mentions and place mentions, each in text order."""
    countries = [m for m in mentions if m.label in ("GPE", "NORP") and is_country(m.key)]
    # Not NORP: "70% of Tajiks" counts a people, it is not a figure about a place.
    places = [m for m in mentions if m.label in ("GPE", "LOC")]
    countries.sort(key=lambda m: m.start)
    places.sort(key=lambda m: m.start)
    return countries, places


_Keys = dict[str, tuple[str, str]]


def _doc_keys(mentions: list[Mention], entity_ids: list[str | None]) -> _Keys:
    """Per mention key of one document: its first mention (by id) with an entity, and that."""
    out: _Keys = {}
    for m, entity_id in zip(mentions, entity_ids, strict=True):
        if entity_id is not None:
            mid = m.id
            known = out.get(m.key)
            if known is None or mid < known[0]:
                out[m.key] = (mid, entity_id)
    return out


_Names = tuple[str, tuple[str, ...]]


def _names(e: Entity) -> _Names:
    """What an entity adds to the name tables: its label and its aliases."""
    return (e.label, tuple(e.aliases))


@dataclass
class _Records(Generic[_R]):
    """One kind of record of the last call, by object identity and by document."""

    # id() -> record; holding the records keeps their ids from being reused.
    objects: dict[int, _R] = field(default_factory=dict)
    by_doc: dict[str, dict[int, _R]] = field(default_factory=dict)
    # Record id -> its document (kept after the record goes: at worst a document is redone).
    doc_of: dict[str, str] = field(default_factory=dict)
    # The links of the last call (event mention -> incident, mention -> entity).
    links: dict[str, str] = field(default_factory=dict)


def _touched(records: _Records[_R], current: list[_R], links: dict[str, str]) -> set[str]:
    """Documents whose records or links changed since the last call (``records`` follows)."""
    # Set operations on object identities run in C: the few records added or gone are found
    # without visiting the others in Python.
    objects = dict(zip(map(id, current), current, strict=True))
    docs: set[str] = set()
    for i in records.objects.keys() - objects.keys():
        r = records.objects[i]
        docs.add(r.doc_id)
        del records.by_doc[r.doc_id][i]
    for i in objects.keys() - records.objects.keys():
        r = objects[i]
        docs.add(r.doc_id)
        records.by_doc.setdefault(r.doc_id, {})[i] = r
        records.doc_of[r.id] = r.doc_id
    records.objects = objects
    if links != records.links:
        for key, _ in links.items() ^ records.links.items():
            doc_id = records.doc_of.get(key)
            if doc_id is not None:
                docs.add(doc_id)
        records.links = dict(links)
    return docs


@dataclass
class _State:
    """The last call's records, each document's shares of the tables, and the tables."""

    event_mentions: _Records[EventMention] = field(default_factory=_Records)
    mentions: _Records[Mention] = field(default_factory=_Records)
    events: dict[str, _DocEvents] = field(default_factory=dict)
    places: dict[str, _Places] = field(default_factory=dict)
    keys: dict[str, _Keys] = field(default_factory=dict)
    names: dict[str, _Names] = field(default_factory=dict)
    # Per incident, the distinctive words each document gives it; per key, each document's
    # first mention with an entity; per name key, the entities (and organisations) bearing it.
    token_parts: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    key_parts: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    name_owners: dict[str, frozenset[str]] = field(default_factory=dict)
    org_owners: dict[str, frozenset[str]] = field(default_factory=dict)
    tables: Tables = field(default_factory=lambda: Tables({}, {}, {}, {}, {}, {}, {}, {}, {}))


_LAST = _State()
_LOCK = threading.Lock()


def lookup_tables(
    event_mentions: list[EventMention],
    event_links: dict[str, str],
    mentions: list[Mention],
    mention_entities: dict[str, str],
    entities: list[Entity],
) -> Tables:
    """The lookup tables of these inputs, updated from the last call's where they changed.

    A document's mentions are taken in (start, id) order wherever text order ties.
    """
    with _LOCK:
        state = _LAST
        events: dict[str, _DocEvents | None] = {}
        for doc_id in _touched(state.event_mentions, event_mentions, event_links):
            ems = list(state.event_mentions.by_doc.get(doc_id, {}).values())
            links = [event_links.get(em.id) for em in ems]
            events[doc_id] = _doc_events(ems, links) if ems else None
        places: dict[str, _Places | None] = {}
        keys: dict[str, _Keys | None] = {}
        for doc_id in _touched(state.mentions, mentions, mention_entities):
            ms = sorted(state.mentions.by_doc.get(doc_id, {}).values(), key=lambda m: m.id)
            entity_ids = [mention_entities.get(m.id) for m in ms]
            places[doc_id] = _doc_places(ms) if ms else None
            keys[doc_id] = _doc_keys(ms, entity_ids) if ms else None
        for doc_id in [d for d, ms in state.mentions.by_doc.items() if not ms]:
            del state.mentions.by_doc[doc_id]
        for doc_id in [d for d, ems in state.event_mentions.by_doc.items() if not ems]:
            del state.event_mentions.by_doc[doc_id]
        _update(state, events, places, keys, {e.id: _names(e) for e in entities})
        return state.tables


def _update(
    state: _State,
    events: dict[str, _DocEvents | None],
    places: dict[str, _Places | None],
    keys: dict[str, _Keys | None],
    names: dict[str, _Names],
) -> None:
    """Bring ``state`` up to date with the documents' new shares (None: no share left)."""
    t = state.tables
    # Copied on write: the tables of earlier calls stay as they were handed out.
    violent = dict(t.violent_in_sentence) if events else t.violent_in_sentence
    doc_events = dict(t.doc_events) if events else t.doc_events
    touched_events: set[str] = set()
    for doc_id, after in events.items():
        before = state.events.pop(doc_id, None)
        if after is not None:
            state.events[doc_id] = after
        if before is not None:
            for sentence in before.violent:
                del violent[sentence]
            doc_events.pop(doc_id, None)
        if after is not None:
            violent.update(after.violent)
            if after.events:
                doc_events[doc_id] = after.events
        for event_id in (before.tokens if before else {}).keys() | (after.tokens if after else {}):
            touched_events.add(event_id)
            parts = dict(state.token_parts.get(event_id, {}))
            parts.pop(doc_id, None)
            if after is not None and event_id in after.tokens:
                parts[doc_id] = after.tokens[event_id]
            if parts:
                state.token_parts[event_id] = parts
            else:
                state.token_parts.pop(event_id, None)
    event_tokens, token_index = _event_words(t, state.token_parts, touched_events)

    countries = dict(t.countries) if places else t.countries
    place_table = dict(t.places) if places else t.places
    for doc_id, share in places.items():
        countries.pop(doc_id, None)
        place_table.pop(doc_id, None)
        if share is not None and share[0]:
            countries[doc_id] = share[0]
        if share is not None and share[1]:
            place_table[doc_id] = share[1]

    entity_by_key = _key_tables(state, keys)
    entity_by_name, org_by_name = _name_tables(state, names)
    state.tables = Tables(
        violent,
        doc_events,
        event_tokens,
        token_index,
        countries,
        place_table,
        entity_by_key,
        entity_by_name,
        org_by_name,
    )


def _event_words(
    t: Tables, token_parts: dict[str, dict[str, set[str]]], touched: set[str]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each incident's distinctive words and the incidents of each word, where touched."""
    if not touched:
        return t.event_tokens, t.token_index
    event_tokens, token_index = dict(t.event_tokens), dict(t.token_index)
    for event_id in touched:
        before = event_tokens.pop(event_id, set())
        parts = token_parts.get(event_id)
        after: set[str] = set().union(*parts.values()) if parts else set()
        if after:
            event_tokens[event_id] = after
        for word in before - after:
            ids = token_index[word] - {event_id}
            if ids:
                token_index[word] = ids
            else:
                del token_index[word]
        for word in after - before:
            token_index[word] = token_index.get(word, set()) | {event_id}
    return event_tokens, token_index


def _key_tables(state: _State, keys: dict[str, _Keys | None]) -> dict[str, str]:
    """Per mention key, the entity of its first mention (by id) that has one."""
    if not keys:
        return state.tables.entity_by_key
    entity_by_key = dict(state.tables.entity_by_key)
    touched: dict[str, dict[str, tuple[str, str]]] = {}
    for doc_id, after in keys.items():
        before = state.keys.pop(doc_id, None) or {}
        if after is not None:
            state.keys[doc_id] = after
        for key in before.keys() | (after or {}).keys():
            parts = touched.get(key)
            if parts is None:
                parts = touched[key] = dict(state.key_parts.get(key, {}))
            parts.pop(doc_id, None)
            if after is not None and key in after:
                parts[doc_id] = after[key]
    for key, parts in touched.items():
        if parts:
            state.key_parts[key] = parts
            entity_by_key[key] = min(parts.values())[1]
        else:
            state.key_parts.pop(key, None)
            entity_by_key.pop(key, None)
    return entity_by_key


def _name_tables(state: _State, names: dict[str, _Names]) -> tuple[dict[str, str], dict[str, str]]:
    """Per name key, the entity (and the organisation) with the smallest id bearing it."""
    t = state.tables
    known = state.names
    changed = [i for i, n in names.items() if known.get(i) != n]
    if len(known) + len(changed) != len(names):
        changed.extend(i for i in known if i not in names)
    if not changed:
        return t.entity_by_name, t.org_by_name
    by_name, by_org = dict(t.entity_by_name), dict(t.org_by_name)
    for entity_id in changed:
        # What it bore before goes, then what it bears now comes.
        for named, add in ((known.get(entity_id), False), (names.get(entity_id), True)):
            if named is None:
                continue
            label, aliases = named
            org = label_family(label) == "org"
            for alias in aliases:
                key = name_key(alias)
                _own(state.name_owners, by_name, key, entity_id, add)
                if org and len(key) >= 3:
                    _own(state.org_owners, by_org, key, entity_id, add)
    state.names = names
    return by_name, by_org


def _own(
    owners: dict[str, frozenset[str]], table: dict[str, str], key: str, entity_id: str, add: bool
) -> None:
    ids = owners.get(key, frozenset())
    ids = ids | {entity_id} if add else ids - {entity_id}
    if ids:
        owners[key] = ids
        table[key] = min(ids)
    else:
        owners.pop(key, None)
        table.pop(key, None)


def forget() -> None:
    """Drop the last call's tables (the next call builds them from scratch)."""
    global _LAST
    with _LOCK:
        _LAST = _State()


__all__ = ["Tables", "Violent", "forget", "is_country", "lookup_tables"]
