"""Event coreference across documents."""

from __future__ import annotations

from recon_records import event, resolve_events

MOSCOW = (55.75, 37.62)
KRASNOGORSK = (55.82, 37.33)


def test_one_incident_worded_three_ways_is_one_event() -> None:
    ems = [
        event(
            "a",
            "the Crocus City Hall massacre",
            date="2024-03-22",
            location="Krasnogorsk",
            country="Russia",
            coords=KRASNOGORSK,
        ),
        event(
            "b",
            "the gun attack on a Crocus City concert outside Moscow on 22 March",
            date="2024-03-22",
            location="Moscow",
            country="Russia",
            coords=MOSCOW,
        ),
        event("c", "the attack near Moscow", location="Moscow", country="Russia", coords=MOSCOW),
    ]
    events = resolve_events(ems)
    assert len(events) == 1
    assert "Crocus" in events[0].name
    assert events[0].date == "2024-03-22"


def test_two_bombings_in_two_cities_stay_apart() -> None:
    ems = [
        event(
            "a",
            "twin blasts in Kerman",
            type="bombing",
            date="2024-01-03",
            location="Kerman",
            country="Iran",
            coords=(30.28, 57.08),
        ),
        event(
            "b",
            "the Kerman bombings",
            type="suicide_bombing",
            date="2024-01-03",
            location="Kerman",
            country="Iran",
            coords=(30.28, 57.08),
        ),
        event(
            "a",
            "the bombing of the embassy in Kabul",
            type="bombing",
            date="2022-09-05",
            location="Kabul",
            country="Afghanistan",
            coords=(34.53, 69.17),
        ),
        event(
            "c",
            "a car bomb in Shiraz",
            type="bombing",
            date="2024-01-03",
            location="Shiraz",
            country="Iran",
            coords=(29.59, 52.58),
        ),
    ]
    events = resolve_events(ems)
    assert len(events) == 3
    sizes = sorted(len(e.mention_ids) for e in events)
    assert sizes == [1, 1, 2]


def test_same_day_different_cities_without_coordinates_stay_apart() -> None:
    ems = [
        event(
            "a",
            "a blast at a bus station",
            type="bombing",
            date="2030-06-01",
            location="Northtown",
            country="Freedonia",
        ),
        event(
            "b",
            "a blast at a market",
            type="bombing",
            date="2030-06-01",
            location="Southville",
            country="Freedonia",
        ),
    ]
    assert len(resolve_events(ems)) == 2


def test_same_day_named_venues_in_neighbouring_towns_stay_apart() -> None:
    """Two towns 20 km apart, each report naming its own venue: two shootings, not one."""
    west, east = (48.10, 11.50), (48.15, 11.75)
    ems = [
        event(
            d,
            f"shooting at the {venue} in {town}",
            type="shooting",
            date="2030-06-01",
            location=town,
            country="Freedonia",
            coords=where,
        )
        for d, venue, town, where in (
            ("a", "Larkspur Arcade", "Westfield", west),
            ("b", "Larkspur Arcade", "Westfield", west),
            ("c", "Tollgate Cinema", "Eastbrook", east),
            ("d", "Tollgate Cinema", "Eastbrook", east),
        )
    ]
    events = resolve_events(ems)
    assert sorted(len(e.mention_ids) for e in events) == [2, 2]
    # A venue named in one town and no venue in its neighbour may still be one incident.
    ems.append(
        event(
            "e",
            "the shooting near Westfield",
            type="shooting",
            date="2030-06-01",
            location="Eastbrook",
            country="Freedonia",
            coords=east,
        )
    )
    assert len(resolve_events(ems)) <= 2


def test_mention_naming_a_region_meets_one_placed_in_it() -> None:
    """ "The Zamfara village raid" (no date, no place) and an attack placed in Zamfara state."""
    ems = [
        event("a", "Zamfara village raid"),
        event(
            "b",
            "attack on village in Zamfara",
            date="2025-02-08",
            location="Zamfara",
            country="Nigeria",
        ),
    ]
    assert len(resolve_events(ems)) == 1


def test_dateless_mention_joins_its_document_main_incident() -> None:
    ems = [
        event(
            "a",
            "the Harbour Mall siege",
            date="2030-02-10",
            location="Port Vale",
            country="Freedonia",
        ),
        event(
            "a",
            "the Harbour Mall siege",
            date="2030-02-10",
            location="Port Vale",
            country="Freedonia",
        ),
        event("a", "the attack"),
        event("a", "an arrest of suspects", type="arrest", date="2030-02-12"),
    ]
    events = resolve_events(ems)
    assert sorted(len(e.mention_ids) for e in events) == [1, 3]


def test_incompatible_types_and_dates_stay_apart() -> None:
    ems = [
        event("a", "the Harbour Mall siege", date="2030-02-10", location="Port Vale"),
        event(
            "b", "the Harbour Mall siege", date="2030-02", precision="month", location="Port Vale"
        ),
        event("c", "the Harbour Mall siege", date="2029-02-10", location="Port Vale"),
        event(
            "d",
            "sentencing over the Harbour Mall siege",
            type="sentencing",
            date="2030-02-10",
            location="Port Vale",
        ),
    ]
    events = resolve_events(ems)
    assert sorted(len(e.mention_ids) for e in events) == [1, 1, 2]
