"""Finding a record again after its id changed."""

from __future__ import annotations

from crosscheck.assess.anchors import relocate
from crosscheck.assess.records import Anchor


def test_relocate_keeps_an_id_that_still_holds_its_members() -> None:
    anchor = Anchor("event", "e-1", ["m1", "m2"])
    assert relocate(anchor, lambda x: x == "e-1", {"m1": "e-1", "m2": "e-1"}) == "e-1"


def test_relocate_follows_the_members_to_the_new_id() -> None:
    anchor = Anchor("event", "e-1", ["m1", "m2", "m3"])
    owners = {"m1": "e-9", "m2": "e-9", "m3": "e-4"}
    assert relocate(anchor, lambda x: x in {"e-9", "e-4"}, owners) == "e-9"


def test_relocate_an_id_reused_by_another_record_is_not_trusted() -> None:
    # e-1 exists, but none of the anchor's mentions is in it any more.
    anchor = Anchor("event", "e-1", ["m1"])
    assert relocate(anchor, lambda x: True, {"m1": "e-2"}) == "e-2"


def test_relocate_gone() -> None:
    assert relocate(Anchor("group", "g-1", ["c1"]), lambda x: False, {}) is None
    assert relocate(Anchor("claim", "c-1"), lambda x: x == "c-1", {}) == "c-1"
