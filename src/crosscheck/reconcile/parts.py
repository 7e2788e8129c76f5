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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosscheck.model import EVENT_MEASURES, Claim, Subject
from crosscheck.reconcile.grouping import counted_key
from crosscheck.reconcile.intervals import top
from crosscheck.reconcile.text import tables


def _perpetrators() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["event_generic_nouns"]["perpetrators"])


def report_parts(
    claims: Iterable[Claim], subjects: Mapping[str, Subject], memo: PartsMemo | None = None
) -> dict[str, str]:
    """Claim id -> id of its report's total, for every claim that is a part of one.

    Args:
        claims: every claim (after analyst corrections; rejected ones are never totals).
        subjects: each claim's resolved subject.
        memo: the last call's answer per report; a report is read again only when its
            claims or their subjects changed (the answer is the same either way).
    """
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_doc[c.doc_id].append(c)
    known = memo.docs if memo is not None else {}
    kept: dict[str, _DocParts] = {}
    out: dict[str, str] = {}
    for doc_id, members in by_doc.items():
        key = (tuple(members), tuple(subjects.get(c.id) for c in members))
        found = known.get(doc_id)
        if found is None or found[0] != key:
            found = (key, _doc_parts(members, subjects))
        kept[doc_id] = found
        out.update(found[1])
    if memo is not None:
        memo.docs = kept
    return out


_DocParts = tuple[tuple[tuple[Claim, ...], tuple[Subject | None, ...]], dict[str, str]]


@dataclass
class PartsMemo:
    """The last run's parts per report, with the claims and subjects they were read from."""

    docs: dict[str, _DocParts] = field(default_factory=dict)


def _doc_parts(claims: Sequence[Claim], subjects: Mapping[str, Subject]) -> dict[str, str]:
    """The parts of one report's claims (every claim of one document)."""
    attackers = _perpetrators()
    by_key: dict[tuple[str, str | None, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.measure not in EVENT_MEASURES or c.status == "rejected" or top(c) is None:
            continue
        subject = subjects.get(c.id)
        if subject is None or subject.kind != "event" or not subject.id:
            continue
        if counted_key(c) in attackers or c.measure == "perpetrators":
            continue
        by_key[(subject.kind, subject.id, c.measure)].append(c)
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


def died_later(
    claims: Sequence[Claim],
    subjects: Mapping[str, Subject],
    parts: Mapping[str, str],
    published: Callable[[Claim], str | None],
) -> frozenset[str]:
    """Ids of the single-victim injured figures whose victim other reports count as dead.

    "A boy is in critical condition" in the first report and "the boy has died" in the
    next: one report counts one hurt and no dead (or fewer dead), a report counting more
    dead gives no injured figure at all. The hurt one is the one who died, and the injured
    figure is what the toll was before the death, not a second victim. A report of one
    hurt published after every report of the death (``published``: the publication day of
    a claim's report) already knew of it: its victim is someone who lived.
    """
    totals: dict[tuple[str, str], dict[str, Claim]] = defaultdict(dict)
    # Only the killed and injured figures are read (the statistics are most of the claims).
    harmed = [c for c in claims if c.measure in ("killed", "injured")]
    for c in harmed:
        if c.status == "rejected" or c.id in parts:
            continue
        subject = subjects.get(c.id)
        if subject is None or subject.kind != "event" or not subject.id or top(c) is None:
            continue
        known = totals[(subject.id, c.doc_id)].get(c.measure)
        if known is None or (top(c) or 0) > (top(known) or 0):
            totals[(subject.id, c.doc_id)][c.measure] = c
    by_event: dict[str, list[dict[str, Claim]]] = defaultdict(list)
    for (event, _), report in totals.items():
        by_event[event].append(report)
    out: set[str] = set()
    for reports in by_event.values():
        out |= _one_hurt_died(reports, published) | _hurt_moved_to_dead(reports, published)
    if not out:
        return frozenset()
    # Every restatement of a flagged report's hurt victim goes with it.
    flagged = {(subjects[i].id, c.doc_id) for c in harmed if (i := c.id) in out}
    return frozenset(
        c.id
        for c in harmed
        if c.measure == "injured"
        and (s := subjects.get(c.id)) is not None
        and (s.id, c.doc_id) in flagged
    )


def _one_hurt_died(
    reports: list[dict[str, Claim]], published: Callable[[Claim], str | None]
) -> set[str]:
    """The one hurt whom a report counting more dead, and no hurt, counts among the dead."""
    dead = {id(r): top(r["killed"]) or 0.0 for r in reports if "killed" in r}
    if not dead:
        return set()
    most = max(dead.values())
    hurt = [r["injured"] for r in reports if "injured" in r]
    if not hurt or any(top(h) != 1 for h in hurt):
        return set()
    if any("injured" in r and dead.get(id(r)) == most for r in reports):
        return set()  # a report counting every death also counts someone hurt
    told = [published(r["killed"]) or "" for r in reports if dead.get(id(r)) == most]
    last = max(told, default="")
    out = set()
    for r in reports:
        if "injured" in r and dead.get(id(r), 0.0) < most:
            if last and (published(r["injured"]) or "") > last:
                continue  # told after the death was known: someone else
            out.add(r["injured"].id)
    return out


def _hurt_moved_to_dead(
    reports: list[dict[str, Claim]], published: Callable[[Claim], str | None]
) -> set[str]:
    """Hurt figures a later report revised: "two wounded" on the first day, "one dead and
    one wounded" later. The people hit stay the same; some of the hurt have died since."""
    out = set()
    for a in reports:
        if "injured" not in a:
            continue
        ka = top(a["killed"]) if "killed" in a else 0.0
        ia = top(a["injured"])
        for b in reports:
            if b is a or "injured" not in b or "killed" not in b:
                continue
            kb, ib = top(b["killed"]), top(b["injured"])
            if ka is None or ia is None or kb is None or ib is None:
                continue
            later = (published(b["killed"]) or "") > (published(a["injured"]) or "")
            if later and kb > ka and ib < ia and ka + ia == kb + ib:
                out.add(a["injured"].id)
    return out


__all__ = ["PartsMemo", "died_later", "report_parts"]
