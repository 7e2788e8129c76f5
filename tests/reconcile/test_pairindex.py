"""A PairIndex kept through random updates finds the pairs a scan from scratch finds."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from crosscheck.reconcile.incidents.pairindex import PairIndex


class Item:
    """An item with its blocks; a new object is a changed item."""

    def __init__(self, keys: frozenset[str]) -> None:
        self.keys = keys


def _scratch(items: dict[str, Item], limit: int) -> set[tuple[str, str]]:
    blocks: dict[str, list[str]] = {}
    for name in sorted(items):
        for key in items[name].keys:
            blocks.setdefault(key, []).append(name)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) <= limit:
            pairs.update(combinations(members, 2))
    return pairs


@pytest.mark.parametrize("seed", range(6))
def test_kept_pairs_equal_pairs_found_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    limit = 3
    index = PairIndex(limit)
    items: dict[str, Item] = {}
    asked: list[tuple[str, str]] = []

    def evaluate(a: str, b: str) -> str | None:
        asked.append((a, b))
        return None if (a + b).count("1") % 3 == 0 else a + b  # some pairs give nothing

    for _ in range(120):
        name = f"i{rng.randrange(12)}"
        if name in items and rng.random() < 0.3:
            del items[name]
        else:
            # Few block names, so blocks often cross the limit either way.
            items[name] = Item(frozenset(rng.sample("abcde", rng.randint(1, 3))))
        asked.clear()
        found = index.update(items, lambda item: item.keys, evaluate)
        wanted = {p: evaluate(*p) for p in _scratch(items, limit)}
        assert found == {p: v for p, v in wanted.items() if v is not None}
        assert all(a < b for a, b in found)
        assert index.in_order() == [found[p] for p in sorted(found)]


def test_an_unchanged_item_is_not_compared_again() -> None:
    index = PairIndex(10)
    asked: list[tuple[str, str]] = []

    def evaluate(a: str, b: str) -> str:
        asked.append((a, b))
        return a + b

    items = {"x": Item(frozenset("k")), "y": Item(frozenset("k")), "z": Item(frozenset("q"))}
    assert index.update(items, lambda item: item.keys, evaluate) == {("x", "y"): "xy"}
    asked.clear()
    items["z"] = Item(frozenset("k"))  # changed: only its pairs are compared again
    found = index.update(items, lambda item: item.keys, evaluate)
    assert found == {("x", "y"): "xy", ("x", "z"): "xz", ("y", "z"): "yz"}
    assert sorted(asked) == [("x", "z"), ("y", "z")]
