"""Warnings read from the store and linked to the later events they warned of.

A warning is a statement with the stance ``warns``. Its date, place and targets come from
its sentence: the warning incident the event extractor found there (date at its precision,
place), the places and organisations named in what was warned of, and the target words
(``data/assess.yaml``). Linking (:func:`crosscheck.assess.warnings.link`) runs on the stored
picture: events with their date, place, type and actors. Nothing is stored: warnings follow
the picture as it is re-processed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from crosscheck.analysis.geo import geocode
from crosscheck.assess.warnings import (
    EventFacts,
    Link,
    Place,
    Warning,
    link,
    start_of,
    target_types,
)
from crosscheck.model import Event, EventMention, Mention, Statement
from crosscheck.pipeline.views import find_event
from crosscheck.store import Store

_PLACES = ("GPE", "LOC", "FAC")
_ACTORS = ("ORG", "ARMED_GROUP", "AGENCY")


def _place(name: str, country: str | None = None) -> Place:
    found = geocode(name, country)
    if found is None:
        return Place(name, country)
    return Place(name, found.country_name, found.latitude, found.longitude)


def _warning(
    s: Statement, published: str | None, em: EventMention | None, mentions: Sequence[Mention]
) -> Warning:
    inside = [m for m in mentions if s.span[0] <= m.start and m.end <= s.span[1]]
    places: list[Place] = []
    if em is not None and em.location:
        places.append(Place(em.location, em.country, em.latitude, em.longitude))
    for m in inside:
        if m.label in _PLACES and all(p.name != m.text for p in places):
            places.append(_place(m.canonical or m.text))
    actors = list(dict.fromkeys(m.canonical or m.text for m in inside if m.label in _ACTORS))
    dated = em is not None and em.date is not None
    return Warning(
        statement_id=s.id,
        doc_id=s.doc_id,
        speaker=s.speaker,
        content=s.content,
        sentence=s.sentence,
        date=em.date if dated and em is not None else published,
        precision=(em.date_precision or "day") if dated and em is not None else "published",
        published=published,
        places=places,
        actors=actors,
        targets=target_types(s.content),
    )


def read_warnings(store: Store, doc_ids: Sequence[str] | None = None) -> list[Warning]:
    """The warnings in these documents (every document when None), in document order."""
    statements = store.statements_with_stance("warns", doc_ids)
    if not statements:
        return []
    docs = sorted({s.doc_id for s in statements})
    published = {d.id: d.published for d in store.documents_by_ids(docs)}
    incidents: dict[tuple[str, str], EventMention] = {}
    for em in store.event_mentions(doc_ids=docs):
        if em.type == "warning":
            incidents.setdefault((em.doc_id, em.sentence.strip()), em)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for m in store.mentions(doc_ids=docs):
        mentions[m.doc_id].append(m)
    return [
        _warning(
            s,
            published.get(s.doc_id),
            incidents.get((s.doc_id, s.sentence.strip())),
            mentions[s.doc_id],
        )
        for s in statements
    ]


def event_facts(event: Event) -> EventFacts:
    """An event as linking sees it: place, actors and the target types its words name."""
    targets = [a["name"] for a in event.actors if a.get("role") == "target"]
    words = " ; ".join([event.name, event.location or "", *targets])
    return EventFacts(
        id=event.id,
        name=event.name,
        type=event.type,
        date=event.date,
        place=Place(event.location or "", event.country, event.latitude, event.longitude),
        actors=[a["name"] for a in event.actors if a.get("role") != "target"],
        targets=target_types(words),
    )


def _links(warnings: Sequence[Warning], events: Sequence[Event]) -> dict[str, list[Link]]:
    dates = [d for w in warnings if (d := start_of(w.date)) is not None]
    earliest = min(dates, default=None)
    facts = [
        event_facts(e)
        for e in events
        if earliest is None or ((d := start_of(e.date)) is not None and d > earliest)
    ]
    return {w.statement_id: link(w, facts) for w in warnings}


def warnings_view(store: Store, *, event: str | None = None) -> list[dict[str, Any]]:
    """Every warning with the later events it matches ("warned N days before").

    With ``event`` (id, prefix or name): only the warnings linked to that event.
    """
    warnings = read_warnings(store)
    if not warnings:
        return []
    if event is not None:
        found = store.get_event(find_event(store, event)["id"])
        events = [found] if found else []
    else:
        events = store.events()
    names = {e.id: e for e in events}
    links = _links(warnings, events)
    out = []
    for w in warnings:
        found_links = links.get(w.statement_id, [])
        if event is not None and not found_links:
            continue
        row = w.to_dict()
        row["links"] = [
            link.to_dict() | {"name": names[link.event_id].name, "date": names[link.event_id].date}
            for link in found_links
        ]
        out.append(row)
    return out


__all__ = ["event_facts", "read_warnings", "warnings_view"]
