"""Retired entity, event and group ids lead to the record that took over their members."""

from __future__ import annotations

from crosscheck.model import ClaimGroup, Entity, Estimate, Event, Picture, Subject
from crosscheck.store.base import Store
from crosscheck.store.successors import picture_successors


def _group(gid: str, claims: list[str]) -> ClaimGroup:
    subject = Subject("event", "e-1", "depot fire")
    return ClaimGroup(
        gid, subject, "killed", "people killed", "single", claims, 1, Estimate(1, 1, 1)
    )


def _picture(entities: dict[str, list[str]], groups: dict[str, list[str]]) -> Picture:
    return Picture(
        entities=[Entity(k, k.upper(), "PERSON", {}, list(v)) for k, v in entities.items()],
        events=[Event("e-1", "fire", "depot fire", mention_ids=["em-1"])],
        groups=[_group(k, v) for k, v in groups.items()],
        mention_entities={m: k for k, v in entities.items() for m in v},
        event_links={"em-1": "e-1"},
    )


def test_successors_follow_most_members() -> None:
    old = _picture({"n-a": ["m1", "m2", "m3"], "n-b": ["m4"]}, {"g-1": ["c1", "c2"]})
    new = _picture({"n-b": ["m4", "m1", "m2"], "n-c": ["m3"]}, {"g-2": ["c1", "c2"]})
    assert sorted(picture_successors(old, new)) == [
        ("entity", "n-a", "n-b"),
        ("group", "g-1", "g-2"),
    ]


def test_successors_none_for_records_that_stay_or_leave_no_members() -> None:
    old = _picture({"n-a": ["m1"], "n-gone": ["m9"]}, {"g-1": ["c1"]})
    new = _picture({"n-a": ["m1"]}, {"g-1": ["c1"]})
    assert picture_successors(old, new) == []


def test_store_successors_chain_and_come_back(store: Store) -> None:
    first = _picture({"n-a": ["m1", "m2"]}, {"g-1": ["c1"]})
    second = _picture({"n-b": ["m1", "m2"]}, {"g-2": ["c1"]})
    third = _picture({"n-c": ["m1", "m2"]}, {"g-2": ["c1"]})
    store.save_picture(first)
    store.save_picture_delta(first, second)
    assert store.successor("entity", "n-a") == "n-b"
    assert store.successor("group", "g-1") == "g-2"
    store.save_picture(third)  # a full rewrite records what it retired as well
    assert store.successor("entity", "n-a") == "n-c"
    assert store.successor("entity", "n-b") == "n-c"
    assert store.successor("entity", "n-c") is None
    store.save_picture_delta(third, first)  # n-a is back: it leads nowhere else now
    assert store.successor("entity", "n-a") is None
    assert store.successor("group", "g-2") == "g-1"
