"""The picture delta: only records and links that changed are handed to the store."""

from __future__ import annotations

import copy
import dataclasses

from crosscheck.model import ClaimGroup, Entity, Estimate, Event, Picture, Subject
from crosscheck.reconcile import picture_delta


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


def test_equal_records_that_are_not_the_same_objects_are_unchanged() -> None:
    old = _picture()
    assert picture_delta(old, copy.deepcopy(old)).empty


def test_a_changed_record_goes_and_comes_back_changed() -> None:
    old = _picture()
    new = _picture()
    new.groups[0] = dataclasses.replace(new.groups[0], estimate=Estimate(4, 5, 6))
    delta = picture_delta(old, new)
    assert [g.estimate.best for g in delta.gone.groups] == [4]
    assert [g.estimate.best for g in delta.came.groups] == [5]
    assert not delta.gone.entities and not delta.came.entities


def test_a_changed_alias_list_and_link_are_changes() -> None:
    old = _picture()
    new = _picture()
    aliases = {"Saltmarsh": ["d2", "d3"]}
    new.entities[1] = dataclasses.replace(new.entities[1], aliases=aliases)
    new.mention_entities["m-2"] = "n-1"
    delta = picture_delta(old, new)
    assert [e.id for e in delta.came.entities] == ["n-2"]
    assert delta.came.mention_entities == {"m-2": "n-1"}
    assert delta.gone.mention_entities == {"m-2": "n-2"}


def test_records_and_links_that_went_are_in_gone_only() -> None:
    old = _picture()
    new = _picture()
    new.events.clear()
    new.event_links.clear()
    delta = picture_delta(old, new)
    assert [e.id for e in delta.gone.events] == ["e-1"] and not delta.came.events
    assert delta.gone.event_links == {"x": "e-1"} and not delta.came.event_links
