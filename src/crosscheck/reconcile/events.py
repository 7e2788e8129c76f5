"""Event coreference: which event mentions, across documents, describe the same incident.

Three passes, each refusing a merge that would put two incompatible mentions (type family,
date, country, far-apart cities) into one incident:

1. *specific* mentions (a city-level place or a name of their own) are linked strongest
   first, on the same day or month, the same or a nearby place, distinctive words, actors;
2. each document's *main incident* per type family is chosen: the incident its title and
   lead name, else the one it mentions most, then first. Generic mentions ("the attack",
   "the deadliest assault in two decades") and lonely dateless ones join it; a date between
   the incident and the report's publication is read as the day something was *said*;
3. generic mentions left over are linked among themselves by the same evidence.

What a call links is remembered and only what a new call changes is linked again (see
:mod:`crosscheck.reconcile.linker`). Pure: no store.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from crosscheck.model import Document, Event, EventMention, Mention, stable_id
from crosscheck.reconcile.clusters import Clusters
from crosscheck.reconcile.incidents.naming import event_name
from crosscheck.reconcile.leads import lead_places
from crosscheck.reconcile.linker import Linker
from crosscheck.reconcile.mentionfeatures import (
    dates_compatible,
    distinctive_tokens,
    type_family,
)
from crosscheck.reconcile.prepared import PreparedEventMention, shallow_copy


def _sorted_mentions(event_mentions: list[EventMention]) -> list[EventMention]:
    """One mention per id, by id."""
    # Prepared mentions carry their id as a plain field, far cheaper than the property.
    prepared = all(isinstance(em, PreparedEventMention) for em in event_mentions)
    key = attrgetter("known_id" if prepared else "id")
    return sorted({key(em): em for em in event_mentions}.values(), key=key)


@dataclass
class _State:
    """The linker, and the incidents it last gave as mention groups and events, by root."""

    linker: Linker = field(default_factory=Linker)
    groups: dict[str, list[EventMention]] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    mains: dict[str, str] = field(default_factory=dict)


_STATE = _State()
_STATE_LOCK = threading.Lock()


def forget() -> None:
    """Drop the remembered incidents (the next call links everything anew)."""
    global _STATE
    with _STATE_LOCK:
        _STATE = _State()


def _link(
    event_mentions: list[EventMention],
    documents: list[Document] | None,
    mentions: list[Mention] | None,
) -> _State:
    """Bring the remembered incidents up to date (call with the lock held)."""
    ems = _sorted_mentions(event_mentions)
    docs = {d.id: d for d in documents or []}
    leads = lead_places(list(docs.values()), mentions or [])
    state = _STATE
    linker = state.linker
    state.mains = linker.link(ems, docs, leads)
    for root in linker.changed:
        members = linker.members.get(root)
        if members is None:
            state.groups.pop(root, None)
            state.events.pop(root, None)
            continue
        group = []
        for m in sorted(members):
            em = linker.ems[m]
            if em.date and linker.post[m].date is None:
                # Its date was the day something was said: not the incident's date.
                em = _undated_mention(em)
            group.append(em)
        state.groups[root] = group
        state.events[root] = build_event_cached(event_id_for(group), group)
    return state


def _undated_mention(em: EventMention) -> EventMention:
    """A copy of ``em`` without its date (and without features remembered for the date)."""
    out = shallow_copy(em)
    out.date = None
    out.date_precision = None
    if isinstance(out, PreparedEventMention):
        out.known_features = None
        out.known_context = None
    return out


def cluster_event_mentions(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> list[list[EventMention]]:
    """Group event mentions into incidents; each group sorted by mention id, groups by first id.

    ``documents`` (titles, leads, publication dates) help choose each report's main incident;
    the entity ``mentions`` of their leads say where it happened.
    """
    with _STATE_LOCK:
        state = _link(event_mentions, documents, mentions)
        return [list(state.groups[r]) for r in sorted(state.groups)]


def _rank_incidents(items: list[tuple[str, int]]) -> list[str]:
    """Incident ids by how often a document mentions them, then by first position.

    Reports lead with their main incident, so on a tie the one mentioned first wins.
    """
    count: Counter[str] = Counter(cid for cid, _ in items)
    first: dict[str, int] = {}
    for cid, start in items:
        first[cid] = min(start, first.get(cid, start))
    return sorted(count, key=lambda cid: (-count[cid], first[cid], cid))


def dominant_event_ids(
    event_mentions: list[EventMention],
    event_links: dict[str, str],
    main_mentions: dict[str, str] | None = None,
) -> dict[str, str]:
    """Per document, its main violent incident.

    Args:
        event_mentions: every mention, for documents without a chosen main incident.
        event_links: mention id -> incident id (after corrections).
        main_mentions: document -> a mention of its main incident, from :func:`resolve_incidents`.
    """
    out: dict[str, str] = {}
    for doc_id, mention_id in (main_mentions or {}).items():
        event_id = event_links.get(mention_id)
        if event_id:
            out[doc_id] = event_id
    per_doc: dict[str, list[tuple[str, int]]] = {}
    for em in event_mentions:
        # Most reports have a chosen main incident: test that first, it is the cheapest.
        if em.doc_id in out:
            continue
        event_id = event_links.get(em.id)
        if event_id and type_family(em.type) == "violent":
            per_doc.setdefault(em.doc_id, []).append((event_id, em.span[0]))
    for doc_id, items in per_doc.items():
        out[doc_id] = _rank_incidents(items)[0]
    return out


_PLACE_PREPOSITIONS = frozenset({"on", "at", "in", "near", "against", "outside", "inside"})


def _event_name(members: list[EventMention], location: str | None = None) -> str:
    def informativeness(em: EventMention) -> tuple[int, int, int, int, str]:
        # A name should say where the incident happened (its place or venue), identify it
        # (distinctive words) and stay readable: beyond three distinctive words, shorter
        # phrases win.
        text = em.description or em.trigger
        words = len(text.split())
        names_place = bool(location) and str(location).lower() in text.lower()
        return (
            -int(names_place),
            -min(len(distinctive_tokens(text)), 3),
            max(words - 6, 0),
            len(text),
            text,
        )

    best = sorted(members, key=informativeness)[0]
    name = (best.description or best.trigger).strip()
    if location:
        # "attack on Crocus City Hall large concert venue in …": the place ends the name.
        # Only a trailing place phrase is cut ("the Lakeside stadium attack" stays whole).
        # A whole word only: "Nigeria" must not cut "attack on Nigerian village".
        found = re.search(rf"\b{re.escape(str(location).lower())}\b", name.lower())
        at = found.start() if found else -1
        before = name[:at].split()[-1:] if at > 0 else []
        if before and before[0].lower() in _PLACE_PREPOSITIONS:
            name = name[: at + len(str(location))]
    return name


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_event(event_id: str, members: list[EventMention]) -> Event:
    """An :class:`Event` summarising its member mentions."""
    types = Counter(m.type for m in members)
    # The most specific date wins; among equals the most frequent, then the earliest.
    rank = {"day": 0, "month": 1, "year": 2}
    dated = sorted(
        (rank.get(m.date_precision or "day", 0), m.date, m.date_precision)
        for m in members
        if m.date
    )
    date, precision = (dated[0][1], dated[0][2] or "day") if dated else (None, None)
    located = [m for m in members if m.location]
    location = _most_common([m.location for m in located])
    coords = next(
        (
            (m.latitude, m.longitude)
            for m in sorted(located, key=lambda m: m.id)
            if m.location == location and m.latitude is not None
        ),
        (None, None),
    )
    actors: dict[tuple[str, str], dict[str, str]] = {}
    for m in members:
        for a in m.actors:
            ident = (a.get("role", ""), a.get("key") or a.get("name", ""))
            actors.setdefault(ident, dict(a))
    kind = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    country = _most_common([m.country for m in members])
    return Event(
        id=event_id,
        type=kind,
        name=event_name(kind, members, location, country, date, precision),
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        location=location,
        country=country,
        latitude=coords[0],
        longitude=coords[1],
        mention_ids=sorted(m.id for m in members),
        actors=[actors[k] for k in sorted(actors)],
    )


# Keyed by id and member dates too: an incident is built both with its mentions' reporting
# dates dropped (coreference) and as stored (re-applying corrections).
_BUILT: dict[tuple[str, tuple[str | None, ...]], tuple[tuple[EventMention, ...], Event]] = {}


def build_event_cached(event_id: str, members: list[EventMention]) -> Event:
    """:func:`build_event`, remembered while an incident's mentions stay the same."""
    key = tuple(members)
    slot = (event_id, tuple(m.date for m in members))
    found = _BUILT.get(slot)
    if found is None or found[0] != key:
        if len(_BUILT) >= 1 << 17:
            _BUILT.clear()
        found = _BUILT[slot] = (key, build_event(event_id, members))
    return copy_event(found[1])


def copy_event(event: Event) -> Event:
    """A copy of ``event`` whose lists and actor dicts can be changed without touching it."""
    e = shallow_copy(event)
    e.mention_ids = list(e.mention_ids)
    e.actors = [dict(a) for a in e.actors]
    return e


def event_id_for(members: list[EventMention]) -> str:
    """Stable event id from the smallest member mention id."""
    return stable_id("e", min(m.id for m in members))


def resolve_events(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> list[Event]:
    """Cluster event mentions into incidents (sorted by id)."""
    return [copy_event(e) for e in resolve_incidents(event_mentions, documents, mentions)[0]]


def resolve_incidents(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Incidents (sorted by id) and, per document, a mention id of its main violent incident.

    The events are shared with the next call while their incident is unchanged: treat them
    as read-only (:func:`resolve_events` hands out copies).

    Args:
        event_mentions: every document's event mentions.
        documents: titles, leads and publication dates (to choose each main incident).
        mentions: entity mentions; the places in a report's lead locate its vague mentions.
    """
    with _STATE_LOCK:
        state = _link(event_mentions, documents, mentions)
        events = sorted(state.events.values(), key=attrgetter("id"))
        return events, dict(state.mains)


__all__ = [
    "Clusters",
    "build_event",
    "build_event_cached",
    "cluster_event_mentions",
    "copy_event",
    "dates_compatible",
    "distinctive_tokens",
    "dominant_event_ids",
    "event_id_for",
    "forget",
    "resolve_events",
    "resolve_incidents",
    "type_family",
]
