"""Incidents being built: a union-find over event mentions that refuses incompatible merges.

Pure: no store.
"""

from __future__ import annotations

from crosscheck.reconcile.mentionfeatures import Features, compatible_memo, reported_close


class Clusters:
    """Union-find over mention indexes that refuses merges joining incompatible mentions.

    An incident is named by its *root*, the smallest id among its mentions (deterministic).
    """

    def __init__(self, feats: list[Features]) -> None:
        self.feats = feats
        self.ids = [f.id for f in feats]
        self.parent = list(range(len(feats)))
        self.index = {m: i for i, m in enumerate(self.ids)}
        self.members: dict[str, list[int]] = {m: [i] for i, m in enumerate(self.ids)}

    def _top(self, i: int) -> int:
        parent = self.parent
        top = i
        while parent[top] != top:
            top = parent[top]
        while parent[i] != top:
            parent[i], i = top, parent[i]
        return top

    def root(self, i: int) -> str:
        """The root of the incident mention ``i`` belongs to."""
        return self.ids[self._top(i)]

    def find(self, mention_id: str) -> str:
        """The root of the incident the mention with this id belongs to."""
        return self.ids[self._top(self.index[mention_id])]

    def can_merge(self, i: int, j: int) -> bool:
        ra, rb = self.root(i), self.root(j)
        if ra == rb:
            return True
        pairs = [(self.feats[x], self.feats[y]) for x in self.members[ra] for y in self.members[rb]]
        if not all(compatible_memo(a, b) for a, b in pairs):
            return False
        # Vague mentions alone ("the raids") are one incident only while their reports are
        # published close together: a chain must not join this spring's and this autumn's.
        vague = all(a.generic and b.generic for a, b in pairs)
        return not vague or all(reported_close(a, b) is not False for a, b in pairs)

    def merge(self, i: int, j: int) -> None:
        a, b = self._top(i), self._top(j)
        if a == b:
            return
        keep, drop = self.ids[a], self.ids[b]
        if drop < keep:
            a, b, keep, drop = b, a, drop, keep
        self.parent[b] = a
        self.members[keep] = self.members[keep] + self.members.pop(drop)

    def try_merge(self, i: int, j: int) -> bool:
        if not self.can_merge(i, j):
            return False
        self.merge(i, j)
        return True


__all__ = ["Clusters"]
