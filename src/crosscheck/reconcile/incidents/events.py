"""Events from linked mentions: one :class:`~crosscheck.model.Event` per incident. Pure.

An incident's date is its most specific member date (the most frequent among equals, then
the earliest), its place the most frequent member place, its actors every member's, its id
stable from its smallest member id, its name readable (:mod:`.naming`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from crosscheck.model import Actor, Event, EventMention, stable_id
from crosscheck.reconcile.incidents.naming import event_name
from crosscheck.reconcile.mentionfeatures import type_family

#: A day names one calendar day, a night two ("в ночь на 9 мая"): a day wins.
_RANK = MappingProxyType({"day": 0, "night": 1, "month": 2, "year": 3})


def _most_common(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def event_id_for(members: Sequence[EventMention]) -> str:
    """Stable event id from the smallest member mention id."""
    return stable_id("e", min(m.id for m in members))


def build_event(event_id: str, members: Sequence[EventMention]) -> Event:
    """An :class:`Event` summarising its member mentions."""
    types = Counter(m.type for m in members)
    kind = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    dated = sorted(
        (_RANK.get(m.date_precision or "day", 0), m.date, m.date_precision)
        for m in members
        if m.date
    )
    date, precision = (dated[0][1], dated[0][2] or "day") if dated else (None, None)
    located = sorted((m for m in members if m.location), key=lambda m: m.id)
    location = _most_common([m.location for m in located])
    coords = next(
        (
            (m.latitude, m.longitude)
            for m in located
            if m.location == location and m.latitude is not None
        ),
        (None, None),
    )
    country = _most_common([m.country for m in members])
    actors: dict[tuple[str, str], Actor] = {}
    for m in members:
        for a in m.actors:
            actors.setdefault((a.role, a.key or a.name), a)
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
        actors=tuple(actors[k] for k in sorted(actors)),
    )


def dominant_event_ids(
    event_mentions: Sequence[EventMention],
    event_links: Mapping[str, str],
    main_mentions: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Per document, its main violent incident.

    Args:
        event_mentions: every mention, for documents without a chosen main incident.
        event_links: mention id -> incident id (after corrections).
        main_mentions: document -> a mention of its main incident, from incident linking.
    """
    out: dict[str, str] = {}
    for doc_id, mention_id in (main_mentions or {}).items():
        event_id = event_links.get(mention_id)
        if event_id:
            out[doc_id] = event_id
    per_doc: dict[str, list[tuple[str, int]]] = {}
    for em in event_mentions:
        if em.doc_id in out:
            continue
        event_id = event_links.get(em.id)
        if event_id and type_family(em.type) == "violent":
            per_doc.setdefault(em.doc_id, []).append((event_id, em.span[0]))
    for doc_id, items in per_doc.items():
        # The incident a report mentions most, then the one it mentions first.
        count = Counter(cid for cid, _ in items)
        first: dict[str, int] = {}
        for cid, start in items:
            first[cid] = min(start, first.get(cid, start))
        out[doc_id] = sorted(count, key=lambda cid: (-count[cid], first[cid], cid))[0]
    return out


__all__ = ["build_event", "dominant_event_ids", "event_id_for"]
