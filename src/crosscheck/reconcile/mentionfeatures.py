"""What one event mention says about its incident, and whether two mentions can be one.

Each mention is reduced to comparable features: type family, date and precision, a place
split into a *city-level* place (a city, town or venue, with coordinates) and a *broad* one
(a country or region, whose coordinates are only a capital's and must not be compared), the
distinctive words and the names of its description. A mention with neither a city-level place
nor a name of its own ("the attack", "the deadliest assault on Russian soil") is *generic*:
reports use such phrases for the incident they are about, so its country or date, picked up
from the rest of its sentence, is weak evidence. Pure: no store, no document order.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from crosscheck.analysis.geo import country_code, geocode
from crosscheck.model import EventMention
from crosscheck.reconcile.dates import day_before
from crosscheck.reconcile.text import name_key, tables, words
from crosscheck.reconcile.wordforms import country_stems, strip_possessive

_NAME = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)


@functools.cache
def _families() -> dict[str, str]:
    return {
        str(member): str(family)
        for family, members in tables()["event_type_families"].items()
        for member in members
    }


def type_family(event_type: str) -> str:
    """The family of an event type ("bombing" -> "violent"); unknown types are their own family."""
    return _families().get(event_type, event_type)


@functools.cache
def generic_words() -> frozenset[str]:
    """Words that never tell two incidents apart: incident vocabulary and place nouns."""
    table = tables()
    return frozenset(
        str(w) for key in ("event_generic_words", "event_common_nouns") for w in table[key]
    )


def distinctive_tokens(text: str) -> frozenset[str]:
    """Words of a description that can tell one incident from another."""
    generic = generic_words()
    return frozenset(
        w
        for w in (strip_possessive(t) for t in words(text))
        if len(w) > 2 and w not in generic and not w.isdigit()
    )


def is_broad_place(location: str, country: str | None = None) -> bool:
    """True for a country or region ("Iran", "Central Asia"), False for a city or venue."""
    if country and name_key(location) == name_key(country):
        return True
    if country_code(location, allow_code=False):
        return True
    place = geocode(location)
    if place is None or place.kind not in ("country", "region"):
        return False
    # "Kerman city" may be filed under its province; the words say it is a city.
    return place.kind == "country" or "city" not in words(location)


def is_country_word(token: str) -> bool:
    """A country name or its adjective ("russian", "afghan", "iranian")."""
    # Demonyms share their country's stem: "russian" -> "russia", "afghan" -> "afghanistan".
    return any(country_code(name, allow_code=False) for name in country_stems(token))


def name_tokens(description: str) -> frozenset[str]:
    """Capitalised, distinctive words of a description that are not countries ("Crocus")."""
    generic = generic_words()
    out = set()
    for raw in _NAME.findall(description):
        if not raw[0].isupper():
            continue
        for w in words(raw):
            w = strip_possessive(w)
            if len(w) > 2 and w not in generic and not is_country_word(w):
                out.add(w)
    return frozenset(out)


@dataclass(frozen=True)
class Features:
    """The comparable parts of one event mention."""

    id: str
    doc_id: str
    start: int
    family: str
    date: str | None
    precision: str | None
    place: str | None  # city-level place key
    region: str | None  # broad place key (country or region)
    country: str | None
    coords: tuple[float, float] | None  # only for city-level places
    tokens: frozenset[str]
    names: frozenset[str]
    actors: frozenset[str]
    # A generic mention's report context (see crosscheck.reconcile.leads): the city-level
    # place its lead names and its publication date. Never set on specific mentions.
    context_place: str | None = None
    context_coords: tuple[float, float] | None = None
    context_country: str | None = None
    published: str | None = None
    # The names that are not its place's: a venue or an operation ("Saint Brigid bazaar").
    venue_names: frozenset[str] = frozenset()
    # Dated by the night into ``date`` ("в ночь на 9 мая"): its day may be the one before.
    night: bool = False

    @property
    def generic(self) -> bool:
        """No city-level place and no name of its own."""
        return self.place is None and not self.names

    @property
    def underspecified(self) -> bool:
        return (
            self.date is None
            and self.place is None
            and self.context_place is None
            and not self.tokens
            and not self.actors
        )


def features(em: EventMention) -> Features:
    """The :class:`Features` of one mention."""
    description = em.description or em.trigger
    names = name_tokens(description)
    # Only proper names identify an incident: lower-case words ("flats", "checkpoint") are
    # shared by too many incidents to count as evidence.
    tokens = names
    place = region = None
    coords = None
    country = name_key(em.country) if em.country else None
    if em.location:
        if is_broad_place(em.location, em.country):
            region = name_key(em.location)
        else:
            place = name_key(em.location)
            if em.latitude is not None and em.longitude is not None:
                coords = (float(em.latitude), float(em.longitude))
    if place is None and not names:
        # A generic phrase: a country or region is its own only when the phrase names it.
        said = set(words(description))
        if region and not set(region.split()) <= said:
            region = None
        if country and not set(country.split()) <= said:
            country = None
    # A night is compared as a day, and as the day before it (see ``night_spans``).
    precision = "day" if em.date_precision == "night" else em.date_precision
    return Features(
        id=em.id,
        doc_id=em.doc_id,
        start=em.span[0],
        family=type_family(em.type),
        date=em.date,
        precision=precision or ("day" if em.date else None),
        place=place,
        region=region,
        country=country,
        coords=coords,
        tokens=tokens,
        names=names,
        actors=frozenset(a.get("key") or name_key(a.get("name", "")) for a in em.actors),
        venue_names=names - set(words(em.location or "")),
        night=em.date_precision == "night" and bool(em.date),
    )


def eve(f: Features) -> str | None:
    """The day before a night-dated mention's date (the evening its night began)."""
    return day_before(f.date) if f.night else None


def night_spans(a: Features, b: Features) -> bool:
    """One mention is dated by the night into the day after the other's ("в ночь на 9 мая")."""
    if not (a.date and b.date and a.precision == b.precision == "day"):
        return False
    return eve(a) == b.date[:10] or eve(b) == a.date[:10]


_CUT = MappingProxyType({"year": 4, "month": 7, "day": 10})


def dates_compatible(a: str | None, pa: str | None, b: str | None, pb: str | None) -> bool:
    """Equal at the coarser of the two precisions (or either unknown)."""
    if not a or not b:
        return True
    cut = min(_CUT.get(pa or "day", 10), _CUT.get(pb or "day", 10))
    return a[:cut] == b[:cut]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def where(f: Features) -> tuple[str | None, tuple[float, float] | None, str | None]:
    """City-level place, its point and country: the mention's own, else its lead's."""
    if f.place:
        return f.place, f.coords, f.country
    return f.context_place, f.context_coords, f.country or f.context_country


def places_compatible(a: Features, b: Features) -> bool:
    """Same country (when both known), and city-level places not far apart."""
    _, ca, na = where(a)
    _, cb, nb = where(b)
    if na and nb and na != nb:
        return False
    return not (ca and cb and km(ca, cb) > float(tables()["nearby_km"]))


def _days_apart(a: str, b: str) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def reported_close(a: Features, b: Features) -> bool | None:
    """For two undated generic mentions: published within ``context_days`` of each other.
    For an undated mention and a dated one: its report appeared within ``context_days``
    after that date ("the shooting" in Friday's paper, of Wednesday's shooting)."""
    days = int(tables()["context_days"])
    if bool(a.date) != bool(b.date):
        undated, dated = (b, a) if a.date else (a, b)
        if not (undated.published and dated.date and dated.precision == "day"):
            return None
        after = _days_after(dated.date, undated.published)
        return None if after is None else 0 <= after <= days
    if a.date or b.date or not (a.generic and b.generic and a.published and b.published):
        return None
    apart = _days_apart(a.published, b.published)
    return None if apart is None else apart <= days


def _days_after(first: str, then: str) -> int | None:
    try:
        return (date.fromisoformat(then[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:
        return None


def compatible(a: Features, b: Features, dates: bool = True) -> bool:
    """Nothing rules out that the two mentions describe one incident.

    An incident is one type family, one date (at the coarser precision) and one place: two
    mentions in different cities are different incidents whatever words they share.
    ``dates=False`` leaves dates out (one of them is known to be a day of telling).
    """
    if a.family != b.family:
        return False
    if dates and not (
        dates_compatible(a.date, a.precision, b.date, b.precision) or night_spans(a, b)
    ):
        return False
    if dates and (_after_report(a, b) or _after_report(b, a)):
        return False
    if dates and _told_apart(a, b):
        return False
    if not places_compatible(a, b) or same_place(a, b) is False:
        return False
    return not _different_venues(a, b)


def _after_report(a: Features, b: Features) -> bool:
    """``a`` happened after ``b``'s report was published: no report tells of the future."""
    if not (a.date and b.published):
        return False
    cut = _CUT.get(a.precision or "day", 10)
    return a.date[:cut] > b.published[:cut]


def _told_apart(a: Features, b: Features) -> bool:
    """Two undated mentions of reports published far apart that share no name: in one
    town, "the shooting" of one month and of another are different incidents."""
    if a.date or b.date or not (a.published and b.published) or a.names & b.names:
        return False
    apart = _days_apart(a.published, b.published)
    return apart is not None and apart > int(tables()["undated_apart_days"])


def _different_venues(a: Features, b: Features) -> bool:
    """Two towns, each mention naming its own venue: two incidents, however close the towns.

    "The Saint Brigid bazaar in Taipei" and "the Copper Lane hall in Keelung" on one day
    are two attacks. Within one town names vary too much to tell ("Abbey Gate", "Hamid
    Karzai airport"), and a mention without a venue name may be either.
    """
    if not (a.venue_names and b.venue_names) or a.venue_names & b.venue_names:
        return False
    if not (a.place and b.place):
        return False
    return not _same_town_name(a.place, b.place)


def _same_town_name(a: str, b: str) -> bool:
    """One place key names the other's town ("moscow" / "moscow oblast")."""
    return a == b or a in b or b in a


def same_place(a: Features, b: Features) -> bool | None:
    """True/False when both have a city-level place; None when that cannot be told.

    A generic mention stands in its report's lead place (see :class:`Features`).
    """
    pa, ca, _ = where(a)
    pb, cb, _ = where(b)
    if not (pa and pb):
        return None
    if _same_town_name(pa, pb):
        return True
    if ca and cb:
        return km(ca, cb) <= float(tables()["nearby_km"])
    return False


def names_region(a: Features, b: Features) -> bool:
    """One mention is placed in a region the other names ("the Zamfara village raid")."""
    return bool(
        (a.region and set(a.region.split()) <= b.names)
        or (b.region and set(b.region.split()) <= a.names)
    )


def score(a: Features, b: Features) -> int:
    """Evidence that two compatible mentions describe one incident."""
    s = tables()["event_scores"]
    total = 0
    if a.date and b.date:
        same = a.date[:10] == b.date[:10] or night_spans(a, b)
        if a.precision == b.precision == "day" and same:
            total += s["same_day"]
        elif a.date[:7] == b.date[:7] and "year" not in (a.precision, b.precision):
            total += s["same_month"]
    placed = same_place(a, b)
    if placed is True:
        total += s["same_location"]
    elif placed is False:
        total += s["place_mismatch"]
    elif (a.region and b.region and a.region == b.region) or names_region(a, b):
        total += s["same_region"]
    elif (a.region and b.place and a.region == b.country) or (
        b.region and a.place and b.region == a.country
    ):
        total += s["place_in_region"]
    if a.country and b.country:
        total += s["same_country"]
    shared = a.tokens & b.tokens
    if shared:
        total += s["shared_token"] + s["extra_shared_token"] * (len(shared) > 1)
    if a.actors & b.actors:
        total += s["shared_actor"]
    if a.doc_id == b.doc_id:
        total += s["same_document"]
    elif reported_close(a, b):
        total += s["reported_close"]
    return int(total)


__all__ = [
    "Features",
    "compatible",
    "dates_compatible",
    "distinctive_tokens",
    "features",
    "generic_words",
    "is_broad_place",
    "is_country_word",
    "km",
    "name_tokens",
    "names_region",
    "places_compatible",
    "reported_close",
    "same_place",
    "score",
    "type_family",
    "where",
]
