"""Candidate pairs kept up to date as items come, change and go. Pure: no store.

The linking stages compare two items (reports, local incidents) only when they share a
small block (an index word, a day, a place…): a block of more than ``limit`` items says
nothing. :func:`crosscheck.reconcile.incidents.links.report_links` and ``mention_links``
find those pairs from scratch over every item; a :class:`PairIndex` holds the blocks between
updates and works out again only the pairs an update can change:

* the pairs of an item that changed, came or went (its old and new blocks);
* the pairs of a block that grew past ``limit`` (they may have lost their only small block)
  or shrank back to it (they may have gained one).

A pair is a candidate while its two items share some block of at most ``limit`` items,
whichever order they came in, so the candidates, and what ``evaluate`` made of them, are
those of a scan from scratch. An item is "unchanged" while it is the same object: the stage
above hands over the objects it kept (a report's share is reused while its records are
equal), and a new object is always compared again.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

Pair = tuple[str, str]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


@dataclass
class PairIndex:
    """Items by block, and what ``evaluate`` gave for each candidate pair it kept."""

    limit: int
    items: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, frozenset[Hashable]] = field(default_factory=dict)
    blocks: dict[Hashable, set[str]] = field(default_factory=dict)
    found: dict[Pair, Any] = field(default_factory=dict)
    #: The pairs of ``found`` in sorted order, kept as pairs come and go (sorting them all
    #: again took each update longer than the few pairs it changes).
    order: list[Pair] = field(default_factory=list)

    def _remove(self, item: str, dirty: set[Pair]) -> None:
        for key in self.keys.pop(item, frozenset()):
            members = self.blocks[key]
            if len(members) <= self.limit:
                dirty.update(_pair(item, x) for x in members if x != item)
            members.discard(item)
            if len(members) == self.limit:
                # Back to a small block: its pairs may have no other.
                dirty.update(combinations(sorted(members), 2))
            if not members:
                del self.blocks[key]

    def _add(self, item: str, keys: frozenset[Hashable], dirty: set[Pair]) -> None:
        self.keys[item] = keys
        for key in keys:
            members = self.blocks.setdefault(key, set())
            if len(members) == self.limit:
                # Past the limit: its pairs may have lost their only small block.
                dirty.update(combinations(sorted(members), 2))
            members.add(item)
            if len(members) <= self.limit:
                dirty.update(_pair(item, x) for x in members if x != item)

    def _candidate(self, pair: Pair) -> bool:
        a, b = self.keys.get(pair[0]), self.keys.get(pair[1])
        if a is None or b is None:
            return False
        return any(len(self.blocks[k]) <= self.limit for k in a & b)

    def update(
        self,
        items: Mapping[str, Any],
        keys_of: Callable[[Any], Iterable[Hashable]],
        evaluate: Callable[[str, str], Any],
    ) -> dict[Pair, Any]:
        """Bring the index to ``items`` (id -> item); answer, for every candidate pair
        (ids in sorted order), what ``evaluate`` gave when it was not None."""
        dirty: set[Pair] = set()
        for item, obj in self.items.items():
            if items.get(item) is not obj:
                self._remove(item, dirty)
        for item, obj in items.items():
            if self.items.get(item) is not obj:
                self._add(item, frozenset(keys_of(obj)), dirty)
        self.items = dict(items)
        for pair in dirty:
            had = self.found.pop(pair, None) is not None
            value = evaluate(*pair) if self._candidate(pair) else None
            if value is not None:
                self.found[pair] = value
            if had != (value is not None):
                at = bisect.bisect_left(self.order, pair)
                if had:
                    del self.order[at]
                else:
                    self.order.insert(at, pair)
        return self.found

    def in_order(self) -> list[Any]:
        """What ``evaluate`` gave for each candidate pair, in the pairs' sorted order."""
        found = self.found
        return [found[p] for p in self.order]


__all__ = ["Pair", "PairIndex"]
