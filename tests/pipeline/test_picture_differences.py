"""The picture delta: only records and links that changed are handed to the store."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import pytest

from crosscheck.model import ClaimGroup, Entity, Estimate, Event, Picture, Subject
from crosscheck.pipeline.picture import _differences


def _picture() -> Picture:
    subject = Subject("event", "e-1", "the harbour fire")
    return Picture(
        entities=[
            Entity("n-1", "Harbour Guard", "ORG", {"Harbour Guard": ["d1"]}, ["m-1"]),
            Entity("n-2", "Saltmarsh", "GPE", {"Saltmarsh": ["d2"]}, ["m-2"]),
        ],
        events=[Event("e-1", "fire", "the harbour fire", "2041-02-03", "day", mention_ids=["x"])],
        groups=[
            ClaimGroup("g-1", subject, "killed", "killed", "single", ["c-1"], 1, Estimate(4, 4, 4))
        ],
        claim_subjects={"c-1": subject},
        mention_entities={"m-1": "n-1", "m-2": "n-2"},
        event_links={"x": "e-1"},
    )


def _names(p: Picture) -> dict[str, list[str]]:
    return {
        "entities": sorted(e.id for e in p.entities),
        "events": sorted(e.id for e in p.events),
        "groups": sorted(g.id for g in p.groups),
        "claim_subjects": sorted(p.claim_subjects),
        "mention_entities": sorted(p.mention_entities),
        "event_links": sorted(p.event_links),
    }


def test_equal_records_that_are_not_the_same_objects_are_unchanged() -> None:
    old = _picture()
    before, after = _differences(old, copy.deepcopy(old))
    assert not any(_names(before).values()) and not any(_names(after).values())


def _deeper_estimate(p: Picture) -> None:
    p.groups[0].estimate = Estimate(4, 5, 6)


def _alias_doc(p: Picture) -> None:
    p.entities[1].aliases["Saltmarsh"].append("d3")


def _relink(p: Picture) -> None:
    p.mention_entities["m-2"] = "n-1"


def _new_event(p: Picture) -> None:
    p.events.append(Event("e-2", "raid", "the depot raid"))


def _subject_renamed(p: Picture) -> None:
    p.claim_subjects["c-1"] = dataclasses.replace(p.claim_subjects["c-1"], name="the blaze")


@pytest.mark.parametrize(
    ("change", "part", "ids"),
    [
        (_deeper_estimate, "groups", ["g-1"]),
        (_alias_doc, "entities", ["n-2"]),
        (_relink, "mention_entities", ["m-2"]),
        (_new_event, "events", ["e-2"]),
        (_subject_renamed, "claim_subjects", ["c-1"]),
    ],
)
def test_a_change_inside_a_record_or_link_is_found(
    change: Callable[[Picture], None], part: str, ids: list[str]
) -> None:
    old = _picture()
    new = copy.deepcopy(old)
    change(new)
    before, after = _differences(old, new)
    assert _names(after)[part] == ids
    assert all(not v for k, v in _names(after).items() if k != part)
    if part != "events":
        assert _names(before)[part] == ids


def _drop_entity(p: Picture) -> None:
    del p.entities[0]


def _replace_group(p: Picture) -> None:
    p.groups[0] = dataclasses.replace(p.groups[0], status="corroborated", sources=2)


def _drop_link(p: Picture) -> None:
    del p.event_links["x"]


@pytest.mark.parametrize(
    ("change", "part", "was", "now"),
    [
        (_drop_entity, "entities", ["n-1"], []),
        (_replace_group, "groups", ["g-1"], ["g-1"]),
        (_drop_link, "event_links", ["x"], []),
        (_new_event, "events", [], ["e-2"]),
    ],
)
def test_records_shared_with_the_last_picture_are_compared_by_identity(
    change: Callable[[Picture], None], part: str, was: list[str], now: list[str]
) -> None:
    """Reconcile hands out the very records of the last picture where nothing changed."""
    old = _picture()
    new = Picture(
        entities=list(old.entities),
        events=list(old.events),
        groups=list(old.groups),
        claim_subjects=dict(old.claim_subjects),
        mention_entities=dict(old.mention_entities),
        event_links=dict(old.event_links),
    )
    change(new)
    before, after = _differences(old, new)
    assert (_names(before)[part], _names(after)[part]) == (was, now)
    assert all(not v for k, v in _names(after).items() if k != part)
    assert all(not v for k, v in _names(before).items() if k != part)
