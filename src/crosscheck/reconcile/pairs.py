"""Scored candidate pairs of event mentions, kept up to date as mentions come and go.

Event coreference scores every pair of mentions sharing a block (a day, a place, a word, an
actor…; blocks larger than ``max_block`` are too common to mean anything and are skipped).
Finding those pairs costs far more than the greedy linking that follows, and adding one report
changes only the pairs of its own mentions — plus, rarely, every pair of a block that just
grew past ``max_block`` or shrank back under it. :class:`PairIndex` keeps the blocks and the
pairs that pass (compatible, scored at or above ``link_threshold``) between calls, so each call
scores only what changed; its answer is always exactly the set of passing pairs among the
mentions it was last given. Within a block, only mentions whose :func:`signature` (family,
coarse date, country) agree are scored: the others can never be compatible. Pure: no store.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from crosscheck.reconcile.mentionfeatures import Features, compatible, score, where
from crosscheck.reconcile.text import tables

BlockKey = tuple[str, str]


def block_keys(f: Features) -> list[BlockKey]:
    """The blocks a mention belongs to: its document, day, places, country-month, words, actors."""
    keys: list[BlockKey] = [("doc", f.doc_id)]
    if f.date and f.precision == "day":
        keys.append(("day", f.date[:10]))
    if f.place or f.context_place:
        keys.append(("place", f.place or f.context_place or ""))
    if f.region:
        keys.append(("region", f.region))
    if f.country and f.date and f.precision != "year":
        keys.append(("country-month", f"{f.country} {f.date[:7]}"))
    keys.extend(("tok", t) for t in f.tokens)
    keys.extend(("actor", a) for a in f.actors)
    return keys


# What every compatible pair shares (see mentionfeatures.compatible): the type family, the
# date at month precision (year for a year-only date; None meets any), the country (None
# meets any) and, for a point, a band of latitude ``nearby_km`` wide (points nearby_km apart
# are at most one band apart; None meets any). Within a block only mentions of agreeing
# signatures are scored: most pairs of a common word, day or month are another country's,
# month's or city's incident and never pass.
Signature = tuple[str, str | None, str | None, int | None]

# Degrees of latitude per nearby_km, rounded up (a degree is 111.19 km on the sphere of km()).
_KM_PER_DEGREE = 111.0


def signature(f: Features) -> Signature:
    """The family, coarse date, country and latitude band compatible mentions share."""
    when = None
    if f.date:
        when = f.date[:4] if f.precision == "year" else f.date[:7]
    _, point, country = where(f)
    band = None
    if point is not None:
        band = math.floor(point[0] * _KM_PER_DEGREE / float(tables()["nearby_km"]))
    return (f.family, when, country, band)


def _agree(a: Signature, b: Signature) -> bool:
    if a[0] != b[0]:
        return False
    if a[1] and b[1] and not (a[1].startswith(b[1]) or b[1].startswith(a[1])):
        return False
    if a[2] and b[2] and a[2] != b[2]:
        return False
    return a[3] is None or b[3] is None or abs(a[3] - b[3]) <= 1


def _pair_score(a: Features, b: Features, threshold: int) -> int | None:
    if a.underspecified or b.underspecified or not compatible(a, b):
        return None
    value = score(a, b)
    return value if value >= threshold else None


class PairIndex:
    """Blocks and passing pairs over the mentions given to the last :meth:`update`.

    Mentions are held by id (one features object per id; a changed one replaces it), so an
    update hashes strings rather than whole features.
    """

    def __init__(self) -> None:
        self.limit = int(tables()["max_block"])
        self.threshold = int(tables()["event_scores"]["link_threshold"])
        self.feats: dict[str, Features] = {}
        self.members: dict[BlockKey, set[str]] = defaultdict(set)
        # The same members by signature: candidates are looked up among agreeing ones only.
        self.buckets: dict[BlockKey, dict[Signature, set[str]]] = defaultdict(dict)
        self.signatures: dict[str, Signature] = {}
        self.keys: dict[str, list[BlockKey]] = {}
        self.edges: dict[str, dict[str, int]] = defaultdict(dict)
        # The same pairs as (a.id, b.id) -> (score, a, b) with a.id < b.id, ready to hand out.
        self.listed: dict[tuple[str, str], tuple[int, Features, Features]] = {}
        # Ids whose pairs changed during the current apply().
        self.touched: set[str] = set()

    def _small(self, key: BlockKey) -> bool:
        return len(self.members[key]) <= self.limit

    def _candidates(self, a: str, b: str) -> bool:
        shared = set(self.keys[a]).intersection(self.keys[b])
        return any(self._small(k) for k in shared)

    def _link(self, a: str, b: str) -> None:
        fa, fb = self.feats[a], self.feats[b]
        value = _pair_score(fa, fb, self.threshold)
        if value is not None:
            self.edges[a][b] = value
            self.edges[b][a] = value
            self.listed[(a, b) if a < b else (b, a)] = (value, fa, fb) if a < b else (value, fb, fa)
            self.touched.update((a, b))

    def _unlink(self, a: str, b: str) -> None:
        if self.edges[a].pop(b, None) is not None:
            self.touched.update((a, b))
        self.edges[b].pop(a, None)
        self.listed.pop((a, b) if a < b else (b, a), None)

    def _remove(self, f: str, before: dict[BlockKey, int]) -> None:
        sig = self.signatures.pop(f)
        for key in self.keys.pop(f):
            before.setdefault(key, len(self.members[key]))
            self.members[key].discard(f)
            bucket = self.buckets[key][sig]
            bucket.discard(f)
            if not bucket:
                del self.buckets[key][sig]
        for other in list(self.edges.get(f, {})):
            self._unlink(f, other)
        self.edges.pop(f, None)
        del self.feats[f]
        self.touched.add(f)

    def _add(self, f: Features, before: dict[BlockKey, int]) -> None:
        self.feats[f.id] = f
        keys = self.keys[f.id] = block_keys(f)
        sig = self.signatures[f.id] = signature(f)
        for key in keys:
            before.setdefault(key, len(self.members[key]))
            self.members[key].add(f.id)
            self.buckets[key].setdefault(sig, set()).add(f.id)
        self.touched.add(f.id)

    def update(self, feats: Iterable[Features]) -> set[str]:
        """Make the index describe exactly ``feats`` (one features object per mention id).

        Returns the ids of the mentions whose pairs changed (see :meth:`apply`).
        """
        given = {f.id: f for f in feats}
        return self.apply([i for i in self.feats if i not in given], given.values())

    def apply(self, removed: Iterable[str], changed: Iterable[Features]) -> set[str]:
        """Drop the mentions ``removed``, add or replace those in ``changed``.

        A changed mention given as the very features object (or an equal one) the index
        holds is left as it is.

        Returns:
            The ids of the mentions whose set of passing pairs changed, or which came or
            went: every pair added or dropped puts both its ends here, also pairs of
            unchanged mentions whose shared block grew past ``max_block`` or shrank back.
        """
        self.touched = set()
        known = self.feats
        cold = not known
        gone = [i for i in removed if i in known]
        given: dict[str, Features] = {}
        for f in changed:
            old = known.get(f.id)
            if old is None or (old is not f and old != f):
                given[f.id] = f
                if old is not None:
                    gone.append(f.id)
        before: dict[BlockKey, int] = {}
        for i in gone:
            self._remove(i, before)
        new = sorted(given)
        for i in new:
            self._add(given[i], before)
        for key, size in before.items():
            now = len(self.members[key])
            if size <= self.limit < now:
                # Grown too common: its pairs stay only where another block still joins them.
                for a in self.members[key]:
                    for b in list(self.edges.get(a, {})):
                        if b in self.members[key] and not self._candidates(a, b):
                            self._unlink(a, b)
            elif now <= self.limit < size:
                # Shrunk back under the limit: every pair in it is a candidate again.
                block = sorted(self.members[key])
                for x, a in enumerate(block):
                    for b in block[x + 1 :]:
                        if b not in self.edges.get(a, {}):
                            self._link(a, b)
        if cold:
            self._link_blocks()
            new = []
        fresh = set(new)
        for i in new:
            partners: set[str] = set()
            sig = self.signatures[i]
            for key in self.keys[i]:
                if self._small(key):
                    for theirs, bucket in self.buckets[key].items():
                        if _agree(sig, theirs):
                            partners |= bucket
            partners.discard(i)
            for other in partners:
                if other in fresh and other < i:
                    continue  # scored from the other side
                self._link(i, other)
        for key in [k for k in before if k in self.members and not self.members[k]]:
            del self.members[key]
            del self.buckets[key]
        touched, self.touched = self.touched, set()
        return touched

    def neighbours(self, mention_id: str) -> dict[str, int]:
        """The mentions passing a pair with this one, with their scores."""
        return self.edges.get(mention_id, {})

    def _link_blocks(self) -> None:
        """Score every candidate pair, block by block (an index filled from empty).

        The same pairs as asking each mention for its partners, but signatures are compared
        once per pair of signatures in a block rather than once per mention.
        """
        seen: set[tuple[str, str]] = set()
        for key, members in self.members.items():
            if len(members) > self.limit or len(members) < 2:
                continue
            buckets = list(self.buckets[key].items())
            for x, (mine, ours) in enumerate(buckets):
                for theirs, others in buckets[x:]:
                    if not _agree(mine, theirs):
                        continue
                    for a in ours:
                        for b in others:
                            pair = (a, b) if a < b else (b, a)
                            if a != b and pair not in seen:
                                seen.add(pair)
                                self._link(*pair)

    def pairs(self) -> list[tuple[int, Features, Features]]:
        """Every passing pair as (score, a, b) with ``a.id < b.id``."""
        return list(self.listed.values())


__all__ = ["PairIndex", "Signature", "block_keys", "signature"]
