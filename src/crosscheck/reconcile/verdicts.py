"""Verdicts on claim groups: single / corroborated / consistent / conflict / evolving.

Implements DESIGN.md's status definitions and UCDP-style estimates:

* sources count once per outlet (no outlet: the document is its own source);
* an interval with no low is open below, with no high open above; approximate figures are
  widened by ``approximate_tolerance`` (data/reconcile.yaml) before the overlap test;
* non-overlapping figures are ``evolving`` when every such pair is explained by time: the
  claims carry different as-of dates, or they are counts about one event reported on
  different days and the later figure is the higher one (tolls rise). A statistic with no
  as-of date may only evolve across ``statistic_evolve_days``; otherwise it is a conflict;
* rejected claims (analyst corrections) stay in the group but never enter the verdict.

Every number of the estimate names the claim it came from in the reason. Pure: no store.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from crosscheck.model import EVENT_MEASURES, Claim, ClaimGroup, Document, Estimate, stable_id
from crosscheck.reconcile.dates import days_between
from crosscheck.reconcile.grouping import RawGroup, subject_key
from crosscheck.reconcile.intervals import bounds, overlap
from crosscheck.reconcile.text import tables

Number = float | int


def _num(x: float) -> Number:
    return int(x) if float(x).is_integer() else round(x, 4)


def fmt_number(value: Number | None, measure: str = "") -> str:
    """``6500`` -> ``6,500``; percentages get a ``%``."""
    if value is None:
        return "?"
    v = _num(float(value))
    text = f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip(".")
    return text + ("%" if measure == "percent" else "")


def describe(claim: Claim) -> str:
    """A claim's figure in words: "at least 130", "up to 100", "2,500–3,500", "about 70%"."""
    m = claim.measure
    lo, hi = claim.low, claim.high
    if lo is None and hi is None:
        text = "an unspecified number"
    elif hi is None:
        text = f"at least {fmt_number(lo, m)}"
    elif lo is None:
        text = f"up to {fmt_number(hi, m)}"
    elif lo == hi:
        text = ("about " if claim.approximate else "") + fmt_number(lo, m)
    else:
        text = f"{fmt_number(lo, m)}–{fmt_number(hi, m)}"
    return text + (" (vague)" if claim.vague else "")


class Sourcing:
    """Who published each claim, and when."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents

    def source(self, c: Claim) -> str:
        doc = self.documents.get(c.doc_id)
        if doc is not None and doc.outlet:
            return "outlet:" + doc.outlet.strip().casefold()
        return "doc:" + c.doc_id

    def name(self, c: Claim) -> str:
        doc = self.documents.get(c.doc_id)
        if doc is None:
            return c.doc_id
        return doc.outlet or doc.title or doc.path or doc.id

    def published(self, c: Claim) -> str | None:
        doc = self.documents.get(c.doc_id)
        return doc.published[:10] if doc is not None and doc.published else None

    def cite(self, c: Claim) -> str:
        when = self.published(c)
        return f"{describe(c)} ({self.name(c)}{', ' + when if when else ''})"


def interval(c: Claim) -> tuple[float, float]:
    """The claim as a closed interval, open ends infinite, approximate ones widened."""
    return bounds(c, widen=True)


def _overlap(a: Claim, b: Claim) -> bool:
    return overlap(a, b, widen=True)


def point(c: Claim) -> Number | None:
    """One representative value of a claim's interval."""
    if c.low is not None and c.high is not None:
        if c.low == c.high:
            return c.low
        mid = (float(c.low) + float(c.high)) / 2
        # Counts stay whole: the middle of "dozens" (24-99) is 61, not 61.5.
        whole = float(c.low).is_integer() and float(c.high).is_integer()
        return int(mid) if whole and c.measure != "percent" else _num(mid)
    return c.low if c.low is not None else c.high


class Judge:
    """Computes the verdict of one raw group.

    ``parts``: claims that are parts of their report's total (see
    :mod:`crosscheck.reconcile.parts`); they stay in their group but never enter its
    verdict, unless the group holds nothing else. ``died``: injured figures whose one
    victim later reports count among the dead (:func:`crosscheck.reconcile.parts.died_later`).
    """

    def __init__(
        self,
        sourcing: Sourcing,
        parts: frozenset[str] = frozenset(),
        died: frozenset[str] = frozenset(),
    ) -> None:
        self.s = sourcing
        self.parts = parts
        self.died = died

    def _time_explains(self, a: Claim, b: Claim, event_count: bool) -> bool:
        if a.as_of and b.as_of and a.as_of != b.as_of:
            return True
        pa, pb = self.s.published(a), self.s.published(b)
        if not pa or not pb or pa == pb:
            return False
        if event_count:
            earlier, later = (a, b) if pa < pb else (b, a)
            return interval(later)[0] > interval(earlier)[1]
        gap = days_between(pa, pb)
        return gap is not None and gap >= int(tables()["statistic_evolve_days"])

    def judge(self, raw: RawGroup) -> ClaimGroup:
        """The :class:`ClaimGroup` with status, sources, estimate and reason."""
        claims = sorted(raw.claims, key=lambda c: c.id)
        active = [c for c in claims if c.status != "rejected"]
        # Parts of a report's total, and figures a report credits to rumour, never decide a
        # verdict while the group holds anything else.
        totals = [c for c in active if c.id not in self.parts]
        active = totals or active
        confirmed = [c for c in active if not c.unconfirmed]
        active = confirmed or active
        if raw.measure in EVENT_MEASURES and raw.subject.kind == "event":
            active = _report_totals(active)
        if active and all(c.id in self.died for c in active):
            return self._died_later(raw, claims, active)
        active = [c for c in active if c.id not in self.died] or active
        sources = {self.s.source(c) for c in active}
        status, reason = self._status(raw, active, len(sources))
        estimate, conservative, trace = self._estimate(active, status)
        labels = Counter(c.label for c in claims if c.label)
        label = (
            sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if labels else raw.measure
        )
        if trace:
            reason = f"{reason} ({trace})"
        kind, ref = subject_key(raw.subject)
        return ClaimGroup(
            id=stable_id("g", kind, ref, raw.measure, raw.counted, raw.slot),
            subject=raw.subject,
            measure=raw.measure,
            label=label,
            status=status,
            claims=[c.id for c in claims],
            sources=len(sources),
            estimate=estimate,
            conservative=conservative,
            reason=reason,
        )

    def _died_later(self, raw: RawGroup, claims: list[Claim], active: list[Claim]) -> ClaimGroup:
        """An injured group whose one victim later reports count as dead: none remain hurt."""
        cites = "; ".join(sorted({self.s.cite(c) for c in active}))
        kind, ref = subject_key(raw.subject)
        return ClaimGroup(
            id=stable_id("g", kind, ref, raw.measure, raw.counted, raw.slot),
            subject=raw.subject,
            measure=raw.measure,
            label=active[0].label or raw.measure,
            status="evolving",
            claims=[c.id for c in claims],
            sources=len({self.s.source(c) for c in active}),
            estimate=Estimate(0, 0, 0),
            conservative=0,
            reason=(
                f"the one hurt later died: {cites} counted one hurt before later reports"
                " counted that victim among the dead"
            ),
        )

    def _status(self, raw: RawGroup, active: list[Claim], n_sources: int) -> tuple[str, str]:
        if not active:
            return "single", "every claim of this group was rejected by an analyst"
        if n_sources == 1:
            names = sorted({self.s.cite(c) for c in active})
            return "single", "only one source gives this figure: " + "; ".join(names)
        if len({(c.low, c.high) for c in active}) == 1:
            return "corroborated", (
                f"{n_sources} sources agree on {describe(active[0])}: "
                + ", ".join(sorted({self.s.name(c) for c in active}))
            )
        pairs = [
            (a, b)
            for i, a in enumerate(active)
            for b in active[i + 1 :]
            if self.s.source(a) != self.s.source(b)
        ]
        apart = [(a, b) for a, b in pairs if not _overlap(a, b)]
        if not apart:
            cites = "; ".join(sorted({self.s.cite(c) for c in active}))
            return "consistent", f"the figures overlap without being identical: {cites}"
        event_count = raw.measure in EVENT_MEASURES and raw.subject.kind == "event"
        if all(self._time_explains(a, b, event_count) for a, b in apart):
            return "evolving", self._evolving_reason(active, event_count)
        a, b = sorted(apart, key=lambda p: (p[0].id, p[1].id))[0]
        first, second = sorted((a, b), key=lambda c: (self.s.published(c) or "", c.id))
        return "conflict", (
            f"{self.s.cite(first)} and {self.s.cite(second)} do not overlap"
            " and time does not explain it"
        )

    def _when(self, c: Claim) -> str:
        return c.as_of or self.s.published(c) or ""

    def _evolving_reason(self, active: list[Claim], event_count: bool) -> str:
        ordered = sorted(active, key=lambda c: (self._when(c), c.id))
        first, last = ordered[0], ordered[-1]
        if first.as_of and last.as_of:
            return (
                f"{describe(last)} as of {last.as_of} ({self.s.name(last)}) follows "
                f"{describe(first)} as of {first.as_of} ({self.s.name(first)}): "
                "the figure changed over time"
            )
        what = "the toll rose over time" if event_count else "the figure changed over time"
        return f"{self.s.cite(last)} supersedes {self.s.cite(first)}: {what}"

    def _estimate(self, active: list[Claim], status: str) -> tuple[Estimate, Number | None, str]:
        credible = [c for c in active if not c.vague] or active
        if not credible:
            return Estimate(None, None, None), None, ""
        # UCDP-style low/high: the lowest and highest credible values, whichever bound of a
        # claim gives them ("at least 360" is evidence for 360 as much as "360" is).
        bounds = [(v, c) for c in credible for v in (c.low, c.high) if v is not None]
        low_v, low_c = min(bounds, key=lambda b: (b[0], b[1].id)) if bounds else (None, None)
        high_v, high_c = max(bounds, key=lambda b: (b[0], b[1].id)) if bounds else (None, None)
        low, high = low_v, high_v
        pointed = [c for c in credible if point(c) is not None]
        best_c = self._best(pointed, status)
        best = point(best_c) if best_c else None
        cons_c = min(pointed, key=lambda c: (point(c), c.id)) if pointed else None
        conservative = point(cons_c) if cons_c else None
        trace = "; ".join(
            f"{name} {fmt_number(value, credible[0].measure)} from {c.id}"
            for name, value, c in (
                ("low", low, low_c),
                ("best", best, best_c),
                ("high", high, high_c),
            )
            if c is not None
        )
        return Estimate(low, best, high), conservative, trace

    def _best(self, pointed: list[Claim], status: str) -> Claim | None:
        if not pointed:
            return None
        if status == "evolving":
            return max(pointed, key=lambda c: (self._when(c), point(c), c.id))
        support: dict[Number, set[str]] = {}
        for c in pointed:
            value = point(c)
            assert value is not None
            support.setdefault(value, set()).add(self.s.source(c))
        top = max(len(v) for v in support.values())
        tied = sorted(v for v, srcs in support.items() if len(srcs) == top)
        # Tolls equally supported: the lower ones are more often pieces or early counts (one
        # victim named, those dead at the scene) than the higher ones are errors. Otherwise
        # the lower median: always a value someone reported.
        toll = pointed[0].measure in EVENT_MEASURES
        median = tied[-1] if toll else tied[(len(tied) - 1) // 2]
        return min((c for c in pointed if point(c) == median), key=lambda c: c.id)


def _report_totals(active: list[Claim]) -> list[Claim]:
    """Each report's own toll of an event: a report that gives the total in its lead and
    restates a piece of it later ("two of the victims were teenagers") is one source of
    the total, so figures wholly below that report's highest low bound are left out."""
    top: dict[str, float] = {}
    for c in active:
        if c.low is not None:
            top[c.doc_id] = max(top.get(c.doc_id, float(c.low)), float(c.low))
    kept = [c for c in active if c.doc_id not in top or interval(c)[1] >= top[c.doc_id]]
    return kept or active


_ID = operator.attrgetter("id")
_DOC = operator.attrgetter("doc_id")
_LOW = operator.attrgetter("low")
_HIGH = operator.attrgetter("high")
_NAME = operator.attrgetter("__name__")


def _kinds(values: Iterable[Any]) -> tuple[str, ...]:
    """The names of the values' types."""
    return tuple(map(_NAME, map(type, values)))


def verdict_key(judge: Judge, raw: RawGroup) -> tuple[Any, ...]:
    """Everything a verdict reads besides its group's place (what the group counts and its
    claims' ids, in order): the claims themselves, the types of their bounds (130 and 130.0
    are equal but print differently; by name, as a saved state may name no callable, see
    reconcile.snapshot), whether each is a part or died later, and their documents. All in
    the claims' order, which the place fixes."""
    claims = tuple(raw.claims)
    ids = tuple(map(_ID, claims))
    marks = (
        _kinds(map(_LOW, claims)),
        _kinds(map(_HIGH, claims)),
        tuple(map(judge.parts.__contains__, ids)),
        tuple(map(judge.died.__contains__, ids)),
    )
    docs = tuple(map(judge.s.documents.get, map(_DOC, claims)))
    return (claims, marks, docs)


#: Each group's place -> its verdict key, its verdict and the raw group judged.
Verdicts = dict[str, tuple[tuple[Any, ...], ClaimGroup, RawGroup]]


def judged(
    judge: Judge,
    raw: RawGroup,
    known: Verdicts | None = None,
    kept: Verdicts | None = None,
    touched: AbstractSet[str] | None = None,
) -> ClaimGroup:
    """``judge.judge(raw)``, taken from ``known`` when everything it reads is unchanged.

    The key holds the frozen claims and documents themselves, so a changed field of either
    is a different key: nothing is listed by hand. The verdict is also put in ``kept`` (the
    verdicts a caller keeps for its next call). ``touched``: the claims whose record, subject,
    document or marks (part, died later) may differ from the run that filled ``known``
    (None: any may); the very group judged last time with none of them touched is not
    compared again.
    """
    if known is None and kept is None:
        return judge.judge(raw)
    place = raw.place
    found = (known or {}).get(place)
    if (
        found is None
        or found[2] is not raw
        or touched is None
        or not touched.isdisjoint(map(_ID, raw.claims))
    ):
        key = verdict_key(judge, raw)
        if found is None or found[0] != key:
            found = (key, judge.judge(raw), raw)
        elif found[2] is not raw:
            # Only a new verdict keeps its new key: an unchanged one keeps the old objects,
            # so an update leaves few new long-lived objects behind.
            found = (found[0], found[1], raw)
    if kept is not None:
        kept[place] = found
    return found[1]


__all__ = [
    "Judge",
    "Sourcing",
    "Verdicts",
    "describe",
    "fmt_number",
    "interval",
    "judged",
    "point",
    "verdict_key",
]
