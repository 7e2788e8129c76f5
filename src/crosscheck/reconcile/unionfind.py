"""The one union-find of reconcile: disjoint sets over ids, the smallest id as representative.

Entities, incidents and restated statistics all join ids into groups; the smallest member
as representative keeps the result independent of the order of the joins. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class UnionFind:
    """Disjoint sets over strings; the representative is the smallest member. A record (a
    dataclass), so that a Reconciler's saved state may hold one."""

    parent: dict[str, str] = field(default_factory=dict)

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> str:
        """Join the sets of ``a`` and ``b`` (added if new); returns the joined representative."""
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = (ra, rb) if ra < rb else (rb, ra)
        self.parent[hi] = lo
        return lo

    def groups(self) -> dict[str, list[str]]:
        """Representative -> sorted members, for every set."""
        out: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self.parent):
            out[self.find(item)].append(item)
        return dict(out)


__all__ = ["UnionFind"]
