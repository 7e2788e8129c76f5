"""Two reports restating one statistic in different words.

Extraction names what a statistic counts from the words around the number, and two reports
rarely use the same ones ("26% of those surveyed said they would not allow migrants…" /
"Twenty-six percent would not allow migrants…"). Such groups are merged when a claim of each,
from different documents, gives the *same* interval for the same measure, their subjects do
not disagree, and their sentences share most of their content words. Event counts are left
alone: their subject (the incident) already says what they are about. Pure: no store.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosscheck.model import EVENT_MEASURES, Claim
from crosscheck.reconcile.text import tables, words
from crosscheck.reconcile.unionfind import UnionFind

if TYPE_CHECKING:
    from crosscheck.reconcile.grouping import RawGroup


@functools.cache
def _stopwords() -> frozenset[str]:
    table = tables()
    return frozenset(str(w) for w in (*table["counted_stopwords"], *table["sentence_stopwords"]))


def content_words(sentence: str) -> frozenset[str]:
    """The words of a sentence that carry its meaning (no stopwords, numbers, number words)."""
    stop = _stopwords()
    return frozenset(
        w for w in words(sentence) if len(w) > 2 and w not in stop and not w[0].isdigit()
    )


def restates(a: Claim, b: Claim) -> bool:
    """Two claims from different documents giving the same figure in similar sentences."""
    if a.doc_id == b.doc_id or (a.low, a.high) != (b.low, b.high):
        return False
    wa, wb = content_words(a.sentence), content_words(b.sentence)
    shared = len(wa & wb)
    if not wa or not wb or shared < int(tables()["restate_min_shared"]):
        return False
    return shared / min(len(wa), len(wb)) >= float(tables()["restate_overlap"])


def _subject_ref(g: RawGroup) -> tuple[str, str] | None:
    if g.subject.kind == "none" and not g.subject.id:
        return None
    return (g.subject.kind, g.subject.id or g.subject.name or "")


_Bucket = tuple[str, object, object]


@dataclass
class RestateMemo:
    """Which claims restate each other, per shared figure, from the last run.

    Restating is a property of two claims alone (their figures and sentences), so a figure's
    pairs stay valid while its claims do; a run compares only the claims that are new to it.
    """

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    pairs: dict[_Bucket, tuple[frozenset[str], frozenset[tuple[str, str]]]] = field(
        default_factory=dict
    )


def _bucket_pairs(
    claims: dict[str, Claim],
    known: tuple[frozenset[str], frozenset[tuple[str, str]]] | None,
    words_of: dict[str, frozenset[str]],
) -> frozenset[tuple[str, str]]:
    """The restating pairs (by claim id, sorted) among the claims giving one figure."""
    old_ids, old_pairs = known if known is not None else (frozenset(), frozenset())
    pairs = {p for p in old_pairs if p[0] in claims and p[1] in claims}
    ordered = sorted(claims)
    new = [cid for cid in ordered if cid not in old_ids]
    done: set[str] = set()
    for a in new:
        done.add(a)
        for b in ordered:
            if b in done:
                continue
            if _restated(claims[a], claims[b], words_of):
                pairs.add((a, b) if a < b else (b, a))
    return frozenset(pairs)


def _restated(a: Claim, b: Claim, words_of: dict[str, frozenset[str]]) -> bool:
    if a.doc_id == b.doc_id:
        return False
    wa, wb = words_of[a.sentence], words_of[b.sentence]
    shared = len(wa & wb)
    if not wa or not wb or shared < int(tables()["restate_min_shared"]):
        return False
    return shared / min(len(wa), len(wb)) >= float(tables()["restate_overlap"])


def merge_restated(groups: list[RawGroup], memo: RestateMemo | None = None) -> list[RawGroup]:
    """Merge statistic groups whose claims restate each other (order kept, first wins)."""
    memo = memo if memo is not None else RestateMemo()
    buckets: dict[_Bucket, dict[str, Claim]] = defaultdict(dict)
    group_of: dict[str, int] = {}
    for gi, g in enumerate(groups):
        if g.measure in EVENT_MEASURES or g.slot:
            continue
        for c in g.claims:
            if c.low is not None or c.high is not None:
                buckets[(g.measure, c.low, c.high)][c.id] = c
                group_of[c.id] = gi
    words_of = {
        c.sentence: memo.words.get(c.sentence) or content_words(c.sentence)
        for claims in buckets.values()
        if len(claims) > 1
        for c in claims.values()
    }
    known, memo.pairs, memo.words = memo.pairs, {}, words_of
    uf = UnionFind()
    for key, claims in buckets.items():
        if len(claims) < 2:
            continue
        pairs = _bucket_pairs(claims, known.get(key), words_of)
        memo.pairs[key] = (frozenset(claims), pairs)
        for a, b in sorted(pairs):
            gi, gj = group_of[a], group_of[b]
            ri, rj = _subject_ref(groups[gi]), _subject_ref(groups[gj])
            if gi != gj and not (ri and rj and ri != rj):
                uf.union(f"{gi:09d}", f"{gj:09d}")
    # Each merged set sits where its first group was (the root is the smallest index).
    merged = {int(root): [int(m) for m in ms] for root, ms in uf.groups().items() if len(ms) > 1}
    absorbed = {i for idxs in merged.values() for i in idxs[1:]}
    out: list[RawGroup] = []
    for gi, g in enumerate(groups):
        if gi in absorbed:
            continue
        idxs = merged.get(gi)
        if idxs is None:
            out.append(g)
            continue
        subject = next((groups[i].subject for i in idxs if _subject_ref(groups[i])), g.subject)
        joined = [c for i in idxs for c in groups[i].claims]
        out.append(dataclasses.replace(g, subject=subject, claims=joined))
    return out


__all__ = ["RestateMemo", "content_words", "merge_restated", "restates"]
