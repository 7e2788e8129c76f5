"""Claim grouping: which claims, from all documents, give the same figure.

A group is one resolved subject + measure + what is counted (normalised a little further:
simple lemmas, synonyms, word order, fuzzy spelling). When one document gives a series of
the same statistic ("from 57% in 2017 to 68% in 2021") the group splits into one slot per
as-of date, and undated claims of other documents join the slot whose value they share.
Pure: no store.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from crosscheck.model import Claim, Subject
from crosscheck.reconcile.text import name_key, tables, words


@functools.cache
def _synonyms() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = sorted(tables()["counted_synonyms"].items(), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in pairs)


def _lemma(word: str) -> str:
    """A crude stem, enough to equate "restrictions" and "restricting"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ion", "ed"):
        if len(word) > len(suffix) + 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@functools.cache
def normalise_counted(text: str) -> str:
    """What is counted, as a sorted bag of lemmas ("Muslim population" == "populations muslim")."""
    folded = " ".join(words(text))
    for pattern, repl in _synonyms():
        folded = pattern.sub(repl, folded)
    stop = set(tables()["counted_stopwords"])
    toks = {_lemma(t) for t in folded.split() if t not in stop}
    return " ".join(sorted(toks))


def subject_key(subject: Subject) -> tuple[str, str]:
    """The subject part of a group key."""
    if subject.id:
        return (subject.kind, subject.id)
    return (subject.kind, name_key(subject.name or ""))


@dataclass
class RawGroup:
    """Claims sharing one group key, before the verdict."""

    subject: Subject
    measure: str
    counted: str
    slot: str
    claims: list[Claim]


def _fuzzy_counted(values: list[str]) -> dict[str, str]:
    """Map each counted phrase to the first (sorted) phrase it is a spelling variant of."""
    threshold = int(tables()["counted_fuzzy"])
    reps: list[str] = []
    out: dict[str, str] = {}
    for v in sorted(set(values)):
        # token_set_ratio: the same words in any order, or one phrase a fuller form of the other.
        match = next((r for r in reps if fuzz.token_set_ratio(v, r) >= threshold), None)
        if match is None:
            reps.append(v)
            match = v
        out[v] = match
    return out


def _interval(c: Claim) -> tuple[float | int | None, float | int | None]:
    return (c.low, c.high)


def _split_series(claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """One slot per as-of date when some document gives a series; else one slot ("")."""
    per_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        per_doc[c.doc_id].append(c)
    # Only dated series count: two undated values in one report may be two different things.
    series = any(len({c.as_of for c in cs if c.as_of}) > 1 for cs in per_doc.values())
    if not series:
        return [("", claims)]
    slots: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.as_of:
            slots[c.as_of].append(c)
    for c in claims:
        if c.as_of:
            continue
        same = sorted(k for k, cs in slots.items() if any(_interval(x) == _interval(c) for x in cs))
        if same:
            slots[same[0]].append(c)
        else:
            slots[f"value {c.low}-{c.high}"].append(c)
    return sorted(slots.items())


def group_claims(claims: list[Claim], subjects: dict[str, Subject]) -> list[RawGroup]:
    """Group claims (already corrected) by subject, measure, counted and as-of slot."""
    base: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda x: x.id):
        base[(*subject_key(subjects[c.id]), c.measure)].append(c)
    out: list[RawGroup] = []
    for (_, _, measure), members in sorted(base.items()):
        mapping = _fuzzy_counted([normalise_counted(c.counted) for c in members])
        by_counted: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            by_counted[mapping[normalise_counted(c.counted)]].append(c)
        for counted, cs in sorted(by_counted.items()):
            subject = subjects[cs[0].id]
            for slot, slot_claims in _split_series(cs):
                out.append(RawGroup(subject, measure, counted, slot, slot_claims))
    return out


__all__ = ["RawGroup", "group_claims", "normalise_counted", "subject_key"]
