"""Claim grouping: which claims, from all documents, give the same figure.

A group is one resolved subject + measure + what is counted (normalised a little further:
simple lemmas, synonyms, word order, fuzzy spelling). When one document gives a series of
the same statistic ("from 57% in 2017 to 68% in 2021") the group splits into one slot per
as-of date, and undated claims of other documents join the slot whose value they share.

For counts about an incident what is counted is its head noun: "people", "others",
"victims" (and for perpetrators "gunmen", "bombers"…) are the total; a restrictive noun
("employees", "children", "police officers") is a sub-count with a group of its own when its
report also gives the total (alone, "12 soldiers were killed" is that report's toll). When one
sentence gives several values of one group ("6,500 fighters, about 4,000 of them near the
border"; "rose to 143 from 133"), the largest stays and the others, parts or stale values,
get groups of their own. A figure with no subject counting plain "people" cannot be matched
across reports and stays within its document. Statistics worded differently by two reports
("26% of those surveyed said…" / "Twenty-six percent would not…") still group when the value
is the same and the sentences say the same thing (see :mod:`crosscheck.reconcile.sameness`).
Pure: no store.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from crosscheck.model import EVENT_MEASURES, Claim, Subject
from crosscheck.reconcile.intervals import overlap
from crosscheck.reconcile.sameness import RestateMemo, merge_restated
from crosscheck.reconcile.text import name_key, tables, words
from crosscheck.reconcile.wordforms import stem


@functools.cache
def _synonyms() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    pairs = sorted(tables()["counted_synonyms"].items(), key=lambda kv: -len(kv[0]))
    return tuple((k, re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in pairs)


@functools.cache
def _counted_stopwords() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["counted_stopwords"])


@functools.cache
def _label_measure_words() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["label_measure_words"])


@functools.cache
def _generic_counted() -> frozenset[str]:
    return frozenset(normalise_counted(str(w)) for w in tables()["generic_statistic_counted"])


def normalise_counted(text: str) -> str:
    """What is counted, as a sorted bag of lemmas ("Muslim population" == "populations muslim")."""
    folded = " ".join(words(text))
    for phrase, pattern, repl in _synonyms():
        if phrase in folded:  # the cheap test first: most phrases are absent
            folded = pattern.sub(repl, folded)
    stop = _counted_stopwords()
    toks = {stem(t) for t in folded.split() if t not in stop}
    return " ".join(sorted(toks))


@functools.cache
def _event_nouns() -> dict[str, frozenset[str]]:
    table = tables()["event_generic_nouns"]
    common = frozenset(str(w) for w in table["all"])
    return {
        measure: common | frozenset(str(w) for w in table.get(measure, ()))
        for measure in EVENT_MEASURES
    }


#: A label's parenthesis says how the figure was read: "people injured (4 hit, 1 killed)".
_ASIDE = re.compile(r"\([^)]*\)")


def _label_head(label: str) -> str | None:
    """The counted noun of a label: its last word that is not a measure word."""
    skip = _label_measure_words()
    toks = [t for t in words(label) if t not in skip and not t.isdigit()]
    return toks[-1] if toks else None


def counted_key(claim: Claim) -> str:
    """What a claim counts, as a group-key part (see the module docstring)."""
    if claim.measure not in EVENT_MEASURES:
        return normalise_counted(claim.counted)
    nouns = _event_nouns()[claim.measure]
    heads = [w for w in words(claim.counted) if w not in nouns]
    head = _label_head(claim.label)
    if head and head not in nouns:
        heads.append(head)
    if not heads:
        return "people"
    return normalise_counted(heads[-1])


def local_to(claim: Claim, subject: Subject) -> str:
    """The document a figure is confined to ("" when it may match other reports)."""
    if subject.kind != "none" or subject.id:
        return ""
    if claim.measure in EVENT_MEASURES:
        return claim.doc_id  # a toll of no known incident matches no other report's toll
    if subject.name:
        return ""
    generic = _generic_counted()
    key = normalise_counted(claim.counted)
    return claim.doc_id if not key or set(key.split()) <= generic else ""


def subject_key(subject: Subject) -> tuple[str, str]:
    """The subject part of a group key."""
    if subject.id:
        return (subject.kind, subject.id)
    return (subject.kind, name_key(subject.name or ""))


@dataclass
class RawGroup:
    """Claims sharing one group key, before the verdict (never changed once made)."""

    subject: Subject
    measure: str
    counted: str
    slot: str
    claims: list[Claim]
    #: What it counts and its claims' ids: where its verdict is kept between runs, looked up
    #: by this (cheap to hash) and then compared whole with its verdict key (see
    #: :func:`crosscheck.reconcile.verdicts.judged`; hashing the full key would hash every
    #: claim and document of the picture on every run). Made once: a group kept between
    #: runs is looked up at every run.
    place: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A string, whose hash Python keeps: a tuple's (with the subject's) was worked out
        # twice per group and update.
        s = self.subject
        key = (s.kind, s.id, s.name, self.measure, self.counted, self.slot)
        self.place = "\x1f".join((repr(key), *(c.id for c in self.claims)))


def _variant(a: str, b: str, threshold: int) -> bool:
    """Two counted phrases name one thing: the same words in any order and spelling, or one
    the other with only generic or function words more ("muslim share" / "population muslim
    share"). A content word more is another thing: the share of the population that works
    abroad is not the population's share."""
    if fuzz.token_sort_ratio(a, b) >= threshold:
        return True
    if fuzz.token_set_ratio(a, b) < threshold:
        return False
    generic = _generic_counted()
    extra = set(a.split()) ^ set(b.split())
    return all(w in generic or len(w) <= 3 for w in extra)


def _fuzzy_counted(values: list[str]) -> dict[str, str]:
    """Map each counted phrase to the first (sorted) phrase it is a spelling variant of."""
    threshold = int(tables()["counted_fuzzy"])
    reps: list[str] = []
    out: dict[str, str] = {}
    for v in sorted(set(values)):
        match = next((r for r in reps if _variant(v, r, threshold)), None)
        if match is None:
            reps.append(v)
            match = v
        out[v] = match
    return out


def _interval(c: Claim) -> tuple[float | int | None, float | int | None]:
    return (c.low, c.high)


def _largest_first(c: Claim) -> tuple[float, float, str]:
    lo = float("-inf") if c.low is None else float(c.low)
    hi = float("inf") if c.high is None else float(c.high)
    return (-hi if c.high is not None else -lo, -lo, c.id)


def _split_sentence_parts(claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """The largest of one sentence's non-overlapping values stays; the others go apart."""
    by_sentence: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        by_sentence[(c.doc_id, c.sentence, c.as_of or "")].append(c)
    apart: dict[str, list[Claim]] = {}
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        kept: list[Claim] = []
        for c in sorted(members, key=_largest_first):
            if any(overlap(c, k) for k in kept) or not kept:
                kept.append(c)
            else:
                apart[f"part {c.id}"] = [c]
    rest = [c for c in claims if all(c is not x[0] for x in apart.values())]
    return [("", rest), *sorted(apart.items())]


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


_BaseKey = tuple[str, str, str, str]


def _base_key(c: Claim, subject: Subject) -> _BaseKey:
    return (*subject_key(subject), c.measure, local_to(c, subject))


def _same(a: object, b: object) -> bool:
    """Equal records, the very same object tested first (a record's == compares it field by
    field even with itself)."""
    return a is b or a == b


#: A base key's claims, their subjects and totals, and the groups split from them.
_Split = tuple[
    tuple[Claim, ...], tuple[tuple[Subject, ...], tuple[str | None, ...]], list["RawGroup"]
]
_ID = operator.attrgetter("id")


@dataclass
class GroupMemo:
    """The last run's groups per subject, measure and locality, and its restated pairs."""

    splits: dict[_BaseKey, _Split] = field(default_factory=dict)
    restated: RestateMemo = field(default_factory=RestateMemo)
    #: Each claim's base key, with the claim and subject it was made from.
    bases: dict[str, tuple[Claim, Subject, _BaseKey]] = field(default_factory=dict)
    #: The claims of each base key, in id order, and the base keys in order.
    keyed: dict[_BaseKey, list[Claim]] = field(default_factory=dict)
    order: list[_BaseKey] = field(default_factory=list)


def _refile(
    claims: Iterable[Claim],
    subjects: Mapping[str, Subject],
    memo: GroupMemo,
    changed: Collection[str] | None,
) -> set[_BaseKey]:
    """File the claims of the ``changed`` documents (all when None) under their base keys
    again; answer the base keys whose claims may have changed."""
    if changed is None:
        memo.bases, memo.keyed, memo.order, memo.splits = {}, {}, [], {}
    dirty: set[_BaseKey] = set()
    gone = [made for made in memo.bases.values() if changed is None or made[0].doc_id in changed]
    for c, _, key in gone:
        del memo.bases[c.id]
        members = memo.keyed[key]
        del members[bisect.bisect_left(members, c.id, key=_ID)]
        dirty.add(key)
    was = {made[0].id: made for made in gone}
    for c in claims:
        if changed is not None and c.doc_id not in changed:
            continue
        subject = subjects[c.id]
        made = was.get(c.id)
        if made is None or made[0] is not c or made[1] is not subject:
            made = (c, subject, _base_key(c, subject))
        memo.bases[c.id] = made
        bisect.insort(memo.keyed.setdefault(made[2], []), c, key=_ID)
        dirty.add(made[2])
    return dirty


def group_claims(
    claims: Iterable[Claim],
    subjects: Mapping[str, Subject],
    memo: GroupMemo | None = None,
    parts: Mapping[str, str] | None = None,
    changed: Collection[str] | None = None,
) -> list[RawGroup]:
    """Group claims (already corrected) by subject, measure, counted and as-of slot.

    ``parts`` maps a figure that is a part of its report's total to that total's id
    (see :func:`crosscheck.reconcile.parts.report_parts`): a part of a total the report
    gives by difference is counted with that total (see :func:`split_base`).
    With a ``memo``, only the claims of the ``changed`` documents are filed again (see
    :mod:`crosscheck.reconcile.claimchanges`; None: every claim is), and a subject's claims
    are split again only when they (or their subjects, or their totals) changed since the
    run that filled it; the groups are the same either way.
    """
    parts = parts or {}
    memo = memo if memo is not None else GroupMemo()
    for key in _refile(claims, subjects, memo, changed):
        members = tuple(memo.keyed.get(key, ()))
        if not members:
            memo.keyed.pop(key, None)
            memo.splits.pop(key, None)
            del memo.order[bisect.bisect_left(memo.order, key)]
            continue
        ids = tuple(map(_ID, members))
        # Tuples compare item by item, the very same object first: mostly identity tests.
        of = (tuple(map(subjects.__getitem__, ids)), tuple(map(parts.get, ids)))
        found = memo.splits.get(key)
        if found is None:
            bisect.insort(memo.order, key)
        if found is None or found[0] != members or found[1] != of:
            found = (members, of, split_base(key[2], key[3], list(members), subjects, parts))
            memo.splits[key] = found
    out = [g for key in memo.order for g in memo.splits[key][2]]
    return merge_restated(out, memo.restated)


def split_base(
    measure: str,
    local: str,
    members: list[Claim],
    subjects: Mapping[str, Subject],
    parts: Mapping[str, str] | None = None,
) -> list[RawGroup]:
    """The groups of one subject, measure and locality: by what is counted, slot and part."""
    out: list[RawGroup] = []
    parts = parts or {}
    keys = {c.id: counted_key(c) for c in members}
    if measure in EVENT_MEASURES:
        # A sub-count is a part only beside its whole: with no total in its own report,
        # "12 soldiers were killed" is that report's toll.
        totals = {c.doc_id for c in members if keys[c.id] == "people"}
        # Attackers killed or arrested are never the victims' toll, total or not.
        attackers = _event_nouns()["perpetrators"]
        keys = {
            c.id: k if c.doc_id in totals or k in attackers else "people"
            for c, k in ((c, keys[c.id]) for c in members)
        }
    # "Three were shot ... the girl is in stable condition": the report's injured figure
    # is read by difference, and the victims it then tells one by one are parts of it,
    # counted with it (they never decide the group, see verdicts).
    derived = {c.id for c in members if _ASIDE.search(c.label)}
    for c in members:
        total = parts.get(c.id)
        if total in derived:
            keys[c.id] = keys[total]
    mapping = _fuzzy_counted(list(keys.values()))
    by_counted: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        by_counted[mapping[keys[c.id]]].append(c)
    for counted, cs in sorted(by_counted.items()):
        subject = subjects[cs[0].id]
        for slot, slot_claims in _split_series(cs):
            for part, part_claims in _split_sentence_parts(slot_claims):
                if part_claims:
                    name = " ".join(x for x in (slot, part, local) if x)
                    out.append(RawGroup(subject, measure, counted, name, part_claims))
    return out


__all__ = [
    "GroupMemo",
    "RawGroup",
    "counted_key",
    "group_claims",
    "normalise_counted",
    "split_base",
    "subject_key",
]
