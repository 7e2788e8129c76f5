"""A report's own total, and the parts of it the report restates.

A report gives an incident's toll in its lead and restates pieces later: "Four men were
hospitalized ... two of them, ages 28 and 22, were wounded ... two others drove themselves
to hospital". The report's figure is the total (4); the pieces (2, 2) are *parts* of it. A
part carries ``part_of`` (the total's claim id) and never enters a verdict: comparing a
part with another report's total would make a conflict out of two true figures.

Per report, resolved subject and event measure, the total is the largest figure (the first
said on a tie); a smaller figure is a part. Figures counting the perpetrators ("two gunmen
were killed") are never parts of the victims' toll. Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from crosscheck.model import EVENT_MEASURES, Claim, Subject
from crosscheck.reconcile.grouping import counted_key
from crosscheck.reconcile.intervals import top
from crosscheck.reconcile.text import tables


def _perpetrators() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["event_generic_nouns"]["perpetrators"])


def report_parts(claims: Iterable[Claim], subjects: Mapping[str, Subject]) -> dict[str, str]:
    """Claim id -> id of its report's total, for every claim that is a part of one.

    Args:
        claims: every claim (after analyst corrections; rejected ones are never totals).
        subjects: each claim's resolved subject.
    """
    attackers = _perpetrators()
    by_key: dict[tuple[str, str, str | None, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.measure not in EVENT_MEASURES or c.status == "rejected" or top(c) is None:
            continue
        subject = subjects.get(c.id)
        if subject is None or subject.kind != "event" or not subject.id:
            continue
        if counted_key(c) in attackers or c.measure == "perpetrators":
            continue
        by_key[(c.doc_id, subject.kind, subject.id, c.measure)].append(c)
    out: dict[str, str] = {}
    for members in by_key.values():
        if len(members) < 2:
            continue
        total = max(members, key=lambda c: (top(c), -c.span[0], c.id))
        largest = top(total)
        for c in members:
            value = top(c)
            if c is not total and value is not None and largest is not None and value < largest:
                out[c.id] = c.part_of or total.id
    for c in claims:
        if c.part_of and c.id not in out:
            out[c.id] = c.part_of
    return out


__all__ = ["report_parts"]
