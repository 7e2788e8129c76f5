"""The picture's kept link maps (crosscheck.reconcile.linkmaps): patched, they equal the maps
made anew, and what a run changed equals the difference of the two maps."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from crosscheck.reconcile.linkmaps import LinkMaps


@dataclass(frozen=True)
class Owner:
    id: str
    mention_ids: tuple[str, ...]


def _made(owners: list[Owner]) -> dict[str, str]:
    return {mid: o.id for o in owners for mid in o.mention_ids}


def _difference(old: dict[str, str], new: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    gone = {k: v for k, v in old.items() if new.get(k) != v}
    came = {k: v for k, v in new.items() if old.get(k) != v}
    return gone, came


def _step(links: LinkMaps, owners: list[Owner]) -> None:
    before = dict(links.maps.get("m", {}))
    got = links.owned("m", owners)
    assert got == _made(owners)
    assert links.take_changes()["m"] == _difference(before, got)


@pytest.mark.parametrize("seed", range(6))
def test_patched_maps_equal_maps_made_anew(seed: int) -> None:
    rng = random.Random(seed)
    links = LinkMaps()
    owners = [Owner(f"e{i}", (f"m{i}a", f"m{i}b")) for i in range(8)]
    _step(links, owners)
    for step in range(40):
        owners = list(owners)
        i = rng.randrange(len(owners))
        move = rng.random()
        if move < 0.3 and len(owners) > 1:
            del owners[i]
        elif move < 0.6:
            owners.append(Owner(f"n{step}", (f"x{step}",)))
        elif move < 0.8:
            # A mention moves from one owner to another (both replaced).
            j = rng.randrange(len(owners))
            a, b = owners[i], owners[j]
            if a is not b and a.mention_ids:
                owners[i] = Owner(a.id, a.mention_ids[1:])
                owners[j] = Owner(b.id, (*b.mention_ids, a.mention_ids[0]))
        else:
            # Equal but not the same object: no change.
            owners[i] = Owner(owners[i].id, owners[i].mention_ids)
        owners.sort(key=lambda o: o.id)
        _step(links, owners)


def test_a_mention_with_two_owners_goes_to_the_later_as_when_made_anew() -> None:
    links = LinkMaps()
    first, second = Owner("a", ("m1", "m2")), Owner("b", ("m2",))
    _step(links, [first, second])
    assert links.maps["m"]["m2"] == "b"
    # The later owner lets the mention go: the earlier one owns it again.
    _step(links, [first, Owner("b", ())])
    assert links.maps["m"]["m2"] == "a"
    _step(links, [Owner("a", ("m1",)), Owner("b", ("m2",))])


def test_the_last_picture_keeps_its_map() -> None:
    links = LinkMaps()
    first = links.owned("m", [Owner("a", ("m1",))])
    links.owned("m", [Owner("a", ("m1",)), Owner("b", ("m2",))])
    assert first == {"m1": "a"}


def test_a_patch_that_sets_a_value_back_changes_nothing() -> None:
    links = LinkMaps()
    patch = links.begin("s")
    for key in ("c2", "c1"):
        patch.put(key, "x")
    assert list(links.end("s", patch, ["c1", "c2"])) == ["c1", "c2"]  # the first run: in order
    links.take_changes()
    patch = links.begin("s")
    patch.put("c1", "y")
    patch.put("c1", "x")
    patch.put("c3", "z")
    now = links.end("s", patch, ["c1", "c3"])
    assert now == {"c1": "x", "c3": "z"}
    assert links.take_changes()["s"] == ({"c2": "x"}, {"c3": "z"})
