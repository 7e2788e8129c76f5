"""Warnings as statements, and the later events they warned of.

A warning is a statement with the stance ``warns`` ("the embassy warned of an imminent
attack on concerts in Moscow"). Its date is the date its sentence gives (through the
warning incident the event extractor found there), else only "on or before" the report's
publication. A warning is linked to a later event of an attack type that happened at a place
it names (same name, or within ``nearby_km``), within ``window_days``, and that matches its
target type (a crowded venue, a religious site, …) or one of its actors.

Pure functions over plain records; the pipeline reads them from the store.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from crosscheck.assess.suggest import names_in
from crosscheck.assess.tables import section
from crosscheck.reconcile.text import fold


@dataclass
class Place:
    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Warning:
    """One warning statement with what it names."""

    statement_id: str
    doc_id: str
    speaker: str
    content: str
    sentence: str
    date: str | None  # ISO date (the start of its month or year at that precision)
    precision: str  # day, month, year, or "published" (only: on or before publication)
    published: str | None
    places: list[Place] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "statement": self.statement_id,
            "document": self.doc_id,
            "speaker": self.speaker,
            "stance": "warns",
            "content": self.content,
            "sentence": self.sentence,
            "date": self.date,
            "precision": self.precision,
            "published": self.published,
            "places": [p.name for p in self.places],
            "actors": list(self.actors),
            "targets": list(self.targets),
        }


@dataclass
class EventFacts:
    """What linking needs to know about one event."""

    id: str
    name: str
    type: str
    date: str | None
    place: Place
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


@dataclass
class Link:
    """A warning that came before an event it matches."""

    statement_id: str
    event_id: str
    days_before: int
    bound: str  # "exact", "at most" (the warning's date is a month or year) or "at least"
    matched: list[str]

    @property
    def words(self) -> str:
        return warned_words(self.days_before, self.bound)

    def to_dict(self) -> dict[str, object]:
        return {
            "statement": self.statement_id,
            "event": self.event_id,
            "days_before": self.days_before,
            "bound": self.bound,
            "matched": list(self.matched),
            "text": self.words,
        }


def warned_words(days: int, bound: str) -> str:
    """ "warned 15 days before", "warned at most 21 days before", …"""
    unit = "day" if days == 1 else "days"
    if bound == "exact":
        return f"warned {days} {unit} before"
    return f"warned {bound} {days} {unit} before"


def target_types(text: str) -> list[str]:
    """The target types (``data/assess.yaml``) whose words occur in ``text``."""
    types: dict[str, list[str]] = section("warnings")["target_types"]
    return [t for t, words in types.items() if names_in(text, words)]


def start_of(iso: str | None) -> date | None:
    """The first day of an ISO date at day, month or year precision."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        return date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
    except (ValueError, IndexError):
        return None


def _km(a: Place, b: Place) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _place_match(warning: Warning, event: Place) -> str | None:
    near = float(section("warnings")["nearby_km"])
    for place in warning.places:
        same = fold(place.name) in {fold(event.name), fold(event.country or "")}
        km = _km(place, event)
        if same or (km is not None and km <= near):
            return place.name
    return None


def _when(warning: Warning, event_day: date) -> tuple[int, str] | None:
    """(days before the event, bound) when the warning came before it, else None."""
    if warning.precision == "published":
        day = start_of(warning.published)
        if day is None or day >= event_day:
            return None
        return (event_day - day).days, "at least"
    day = start_of(warning.date)
    if day is None or day >= event_day:
        return None
    return (event_day - day).days, "exact" if warning.precision == "day" else "at most"


def link(warning: Warning, events: list[EventFacts]) -> list[Link]:
    """The later events ``warning`` matches, nearest in time first."""
    table = section("warnings")
    kinds = set(table["event_types"])
    out = []
    for ev in events:
        day = start_of(ev.date)
        if ev.type not in kinds or day is None:
            continue
        when = _when(warning, day)
        if when is None or when[0] > int(table["window_days"]):
            continue
        place = _place_match(warning, ev.place)
        if place is None:
            continue
        matched = [f"place: {place}"]
        matched += [f"target: {t}" for t in warning.targets if t in ev.targets]
        matched += [f"actor: {a}" for a in warning.actors if names_in(" ; ".join(ev.actors), [a])]
        if (warning.targets or warning.actors) and len(matched) == 1:
            continue
        out.append(Link(warning.statement_id, ev.id, when[0], when[1], matched))
    return sorted(out, key=lambda x: (x.days_before, x.event_id))


__all__ = [
    "EventFacts",
    "Link",
    "Place",
    "Warning",
    "link",
    "start_of",
    "target_types",
    "warned_words",
]
