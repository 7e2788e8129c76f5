"""Linking a warning to a later event: place, time, target type or actors."""

from __future__ import annotations

import pytest

from crosscheck.assess.warnings import EventFacts, Place, Warning, link, target_types, warned_words

NAIROBI = Place("Nairobi", "Kenya", -1.286, 36.817)


def _warning(**kw: object) -> Warning:
    base: dict[str, object] = {
        "statement_id": "s-1",
        "doc_id": "d-1",
        "speaker": "The embassy",
        "content": "an imminent attack on shopping malls and crowded venues",
        "sentence": "…",
        "date": "2024-05-02",
        "precision": "day",
        "published": "2024-05-02",
        "places": [NAIROBI],
        "targets": ["crowded venue"],
    }
    base.update(kw)
    return Warning(**base)  # type: ignore[arg-type]


def _event(**kw: object) -> EventFacts:
    base: dict[str, object] = {
        "id": "e-1",
        "name": "attack on Westgate mall",
        "type": "attack",
        "date": "2024-05-18",
        "place": Place("Westgate mall", "Kenya", -1.257, 36.803),
        "targets": ["crowded venue"],
    }
    base.update(kw)
    return EventFacts(**base)  # type: ignore[arg-type]


def test_link_a_warning_to_a_later_event_nearby() -> None:
    links = link(_warning(), [_event()])
    assert [(x.event_id, x.days_before, x.bound) for x in links] == [("e-1", 16, "exact")]
    assert links[0].words == "warned 16 days before"
    assert "target: crowded venue" in links[0].matched


@pytest.mark.parametrize(
    "event",
    [
        _event(date="2024-04-30"),  # before the warning
        _event(date="2025-05-18"),  # far outside the window
        _event(type="arrest"),  # not an attack
        _event(place=Place("Mombasa", "Kenya", -4.04, 39.67)),  # elsewhere
        _event(targets=["school"]),  # another kind of target, no shared actor
    ],
)
def test_link_refuses(event: EventFacts) -> None:
    assert link(_warning(), [event]) == []


def test_actor_match_is_enough_without_target() -> None:
    w = _warning(targets=[], actors=["Red Dawn Front"])
    e = _event(targets=[], actors=["Red Dawn Front"])
    assert [x.matched for x in link(w, [e])] == [["place: Nairobi", "actor: Red Dawn Front"]]


def test_month_precision_and_publication_bounds() -> None:
    month = link(_warning(date="2024-05-01", precision="month"), [_event()])
    assert (month[0].days_before, month[0].bound) == (17, "at most")
    undated = link(_warning(date=None, precision="published", published="2024-05-10"), [_event()])
    assert (undated[0].days_before, undated[0].bound) == (8, "at least")
    assert warned_words(8, "at least") == "warned at least 8 days before"


def test_target_types() -> None:
    assert target_types("a planned attack on a crowded concert venue") == ["crowded venue"]
    assert target_types("the embassy and a mosque") == ["diplomatic mission", "religious site"]
