"""Incident names: type, venue, place and date, from mentions written for these tests."""

from __future__ import annotations

from recon_records import event

from crosscheck.reconcile.incidents.naming import event_name, venue


def test_naming_type_venue_place_and_date() -> None:
    members = [
        event("a", "shooting at a house party in Hope Mills", type="shooting"),
        event("b", "shooting", type="shooting"),
    ]
    name = event_name("shooting", members, "Hope Mills", "United States", "2015-01-11", "day")
    assert name == "shooting at a house party, Hope Mills, 11 Jan 2015"


def test_naming_keeps_only_venues_not_body_parts_or_people() -> None:
    assert venue("shooting in left leg in Sinai") is None
    assert venue("shooting on his daughter Schultz decline") is None
    assert (
        venue("bombing near the entrance to the embassy compound")
        == "near the entrance to the embassy"
    )


def test_naming_a_venue_that_is_the_place_is_said_once() -> None:
    members = [event("a", "attack on Crocus City Hall large concert venue")]
    name = event_name("attack", members, "Crocus City Hall", "Russia", "2024-03", "month")
    assert name == "attack on Crocus City Hall, Mar 2024"


def test_naming_without_venue_or_date() -> None:
    assert (
        event_name("arrest", [event("a", "the arrests", type="arrest")], None, None, None, None)
        == "arrests"
    )
