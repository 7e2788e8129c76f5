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
from typing import TYPE_CHECKING

from crosscheck.model import EVENT_MEASURES, Claim
from crosscheck.reconcile.entities import UnionFind
from crosscheck.reconcile.text import tables, words

if TYPE_CHECKING:
    from crosscheck.reconcile.grouping import RawGroup


@functools.cache
def _stopwords() -> frozenset[str]:
    table = tables()
    return frozenset(str(w) for w in (*table["counted_stopwords"], *table["sentence_stopwords"]))


@functools.lru_cache(maxsize=1 << 17)
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


def merge_restated(groups: list[RawGroup]) -> list[RawGroup]:
    """Merge statistic groups whose claims restate each other (order kept, first wins)."""
    index: dict[tuple[str, object, object], list[tuple[int, Claim]]] = defaultdict(list)
    for gi, g in enumerate(groups):
        if g.measure in EVENT_MEASURES or g.slot:
            continue
        for c in g.claims:
            if c.low is not None or c.high is not None:
                index[(g.measure, c.low, c.high)].append((gi, c))
    # Only groups sharing a figure with another can merge: the rest pass through unchanged.
    uf = UnionFind()
    for items in index.values():
        if len(items) < 2:
            continue
        for x, (gi, a) in enumerate(items):
            for gj, b in items[x + 1 :]:
                ki, kj = f"{gi:09d}", f"{gj:09d}"
                uf.add(ki)
                uf.add(kj)
                if gi == gj or uf.find(ki) == uf.find(kj):
                    continue
                ri, rj = _subject_ref(groups[gi]), _subject_ref(groups[gj])
                if ri and rj and ri != rj:
                    continue
                if restates(a, b):
                    uf.union(ki, kj)
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
        claims = [c for i in idxs for c in groups[i].claims]
        out.append(dataclasses.replace(g, subject=subject, claims=claims))
    return out


__all__ = ["content_words", "merge_restated", "restates"]
