"""Where a report's lead says its incident happened, and what that tells its vague mentions.

A report names the place of the incident it is about in its first sentence ("Gunmen opened
fire at a market in Lusaka on Friday"); its later "the attack" or "the arrests" happened
there too. This module reads the city-level places among the entity mentions of a report's
lead and hands them to the report's *generic* event mentions (no place or name of their
own) as context: a generic mention then cannot join an incident in another city, and two
reports' generic mentions of one city, published days apart, may be linked.

The context never makes a mention specific: it is evidence about the report, not words the
mention itself says. Pure: no store.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from crosscheck.analysis.geo import geocode
from crosscheck.model import Document, Mention
from crosscheck.reconcile.mentionfeatures import Features, generic_words, is_broad_place, km
from crosscheck.reconcile.text import name_key, tables, words

_PLACE_LABELS = ("GPE", "LOC")


@dataclass(frozen=True)
class LeadPlace:
    """A city-level place a report's lead names."""

    key: str
    country: str | None
    coords: tuple[float, float] | None


def lead_end(doc: Document) -> int:
    """Where a report's lead (its first sentence, within ``lead_chars``) ends in its text."""
    text = (doc.text or "")[: int(tables()["lead_chars"])]
    cut = text.find(". ")
    return cut if cut > 0 else len(text)


def _place(text: str) -> LeadPlace | None:
    if is_broad_place(text):
        return None
    found = geocode(text)
    if found is not None and found.kind in ("country", "region"):
        return None
    coords = (found.latitude, found.longitude) if found is not None else None
    country = name_key(found.country_name) if found is not None and found.country_name else None
    return LeadPlace(name_key(text), country, coords)


def _near(a: LeadPlace, b: LeadPlace) -> bool:
    if a.key == b.key or a.key in b.key or b.key in a.key:
        return True
    if a.coords and b.coords:
        return km(a.coords, b.coords) <= float(tables()["nearby_km"])
    return False


def names_place(lead: LeadPlace, f: Features) -> bool | None:
    """Whether a mention's own city-level place is the lead's.

    True when the names agree; None when the mention has no place, or one near the lead's
    under another name (a suburb, a venue: it may be the same incident, but the headline
    does not say so); False when it is far away.
    """
    if not f.place:
        return None
    return _names_place(lead, f.place, f.coords)


def _names_place(lead: LeadPlace, place: str, coords: tuple[float, float] | None) -> bool | None:
    if lead.key == place or lead.key in place or place in lead.key:
        return True
    if lead.coords and coords and km(lead.coords, coords) <= float(tables()["nearby_km"]):
        return None
    return False


_RUN = re.compile(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*")


@functools.cache
def _common_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["event_common_nouns"])


def _venue_words(title: str) -> list[tuple[str, bool]]:
    """Capitalised runs of a title, each with whether a place noun follows ("Cedar Hill mall")."""
    out = []
    for m in _RUN.finditer(title):
        after = words(title[m.end() :])
        out.append((m.group(0), bool(after) and after[0] in _common_nouns()))
    return out


def _title_places(title: str) -> list[LeadPlace]:
    """Cities a headline names ("Bombing in Lusaka: what we know"), not venues named after one.

    Only whole capitalised runs count, and never one made of common words only: "Police" or
    "Alliance" are towns somewhere, but not in a headline.
    """
    generic = generic_words()
    cities: list[LeadPlace] = []
    venues: list[LeadPlace] = []
    for run, venue in _venue_words(title):
        if all(w in generic for w in words(run)):
            continue
        place = _place(run)
        if place is not None and place.coords is not None:
            (venues if venue else cities).append(place)
    # "Kabul embassy blast": a city before a place noun is still the city, unless the
    # headline names another one ("Cedar Hill checkpoint in Xiaogan").
    return cities or venues


def lead_place(doc: Document, mentions: list[Mention]) -> LeadPlace | None:
    """The one city-level place the title or lead names (None: none, or several far apart).

    Cities the title names win; else the places among the lead's entity mentions. A name the
    title follows with a place noun ("the Cedar Hill checkpoint") is a venue, not its city.
    The store hands documents over without their text: then the lead is the first
    ``lead_chars`` characters.

    Args:
        doc: the report (title; text, when given, to find where the lead ends).
        mentions: the report's entity mentions.
    """
    end = lead_end(doc) if doc.text else int(tables()["lead_chars"])
    title = doc.title or ""
    venues = {name_key(run) for run, venue in _venue_words(title) if venue}
    named = [
        (m, p)
        for m in sorted(mentions, key=lambda m: (m.start, m.id))
        if m.label in _PLACE_LABELS and m.start < end
        for p in [_place(m.canonical or m.text)]
        if p is not None
    ]
    found = [p for m, p in named if name_key(m.text) not in venues] or [p for _, p in named]
    # A place the gazetteer knows is a city; an unknown name may be a street or a venue.
    known = [p for p in found if p.coords is not None]
    places = _title_places(title) or known or found
    if not places or any(not _near(places[0], p) for p in places[1:]):
        return None
    return places[0]


def lead_places(documents: list[Document], mentions: list[Mention]) -> dict[str, LeadPlace]:
    """Per document id, the place its lead names (documents naming none are left out)."""
    # Only places within the longest possible lead are read (see lead_place).
    cap = int(tables()["lead_chars"])
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.label in _PLACE_LABELS and m.start < cap:
            by_doc.setdefault(m.doc_id, []).append(m)
    out: dict[str, LeadPlace] = {}
    for doc in documents:
        found = lead_place(doc, by_doc.get(doc.id, []))
        if found is not None:
            out[doc.id] = found
    return out


def _title_venues(title: str) -> frozenset[str]:
    return frozenset(name_key(run) for run, venue in _venue_words(title) if venue)


def _relocated(f: Features, place: LeadPlace, title: str) -> Features:
    """A specific mention whose own place the report's lead corrects, or ``f`` unchanged.

    "the attack on a mosque in Hepu" with no place of its own (an unknown spelling) is in
    the lead's Hepu; "the bombing in Cedar Hill" in a report headed "Blast hits Cedar Hill
    school in Novi Sad" took a venue's name for a town.
    """
    unplaced = f.place is None and bool(place.key) and set(place.key.split()) <= f.names
    venue = bool(f.place) and f.place in _title_venues(title) and not names_place(place, f)
    if not (unplaced or venue):
        return f
    return dataclasses.replace(
        f, place=place.key, coords=place.coords, country=place.country or f.country
    )


def with_context(
    f: Features, place: LeadPlace | None, published: str | None, title: str = ""
) -> Features:
    """A mention's features in its report's context.

    A generic mention gets the report's lead place and publication date; a specific one
    keeps its own, unless the lead corrects it (see :func:`_relocated`).
    """
    if not f.generic:
        # Every mention knows when its report appeared: no report tells of the future.
        f = dataclasses.replace(f, published=published)
        return f if place is None else _relocated(f, place, title)
    if place is not None and f.country and place.country and f.country != place.country:
        # "the bombing in Iran" in a report led from Moscow happened in Iran.
        return dataclasses.replace(f, published=published)
    return dataclasses.replace(
        f,
        context_place=place.key if place else None,
        context_coords=place.coords if place else None,
        context_country=place.country if place else None,
        published=published,
    )


__all__ = [
    "LeadPlace",
    "lead_end",
    "lead_place",
    "lead_places",
    "names_place",
    "with_context",
]
