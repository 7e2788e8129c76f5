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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosscheck.model import EVENT_MEASURES, Claim, Subject
from crosscheck.reconcile.grouping import counted_key
from crosscheck.reconcile.intervals import top
from crosscheck.reconcile.text import tables


def _perpetrators() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["event_generic_nouns"]["perpetrators"])


def report_parts(
    claims: Iterable[Claim],
    subjects: Mapping[str, Subject],
    memo: PartsMemo | None = None,
    changed: Collection[str] | None = None,
) -> dict[str, str]:
    """Claim id -> id of its report's total, for every claim that is a part of one.

    Args:
        claims: every claim (after analyst corrections; rejected ones are never totals).
        subjects: each claim's resolved subject.
        memo: the last call's answer per report, which this call brings up to date.
        changed: the documents whose claims or subjects may differ from the memo's last
            call (see :mod:`crosscheck.reconcile.claimchanges`); only they are read again.
            None: every document is.
    """
    memo = memo if memo is not None else PartsMemo()
    if changed is None:
        memo.docs, memo.out = {}, {}
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if changed is None or c.doc_id in changed:
            by_doc[c.doc_id].append(c)
    for doc_id in by_doc.keys() | set(changed or ()):
        old = memo.docs.pop(doc_id, None)
        for claim_id in old[1] if old is not None else ():
            del memo.out[claim_id]
        members = by_doc.get(doc_id)
        if not members:
            continue
        key = (tuple(members), tuple(subjects.get(c.id) for c in members))
        found = old if old is not None and old[0] == key else (key, _doc_parts(members, subjects))
        memo.docs[doc_id] = found
        memo.out.update(found[1])
    return dict(memo.out)


_DocParts = tuple[tuple[tuple[Claim, ...], tuple[Subject | None, ...]], dict[str, str]]


@dataclass
class PartsMemo:
    """The last run's parts per report, with the claims and subjects they were read from,
    and all of them together."""

    docs: dict[str, _DocParts] = field(default_factory=dict)
    out: dict[str, str] = field(default_factory=dict)


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


#: A report's figures about one incident: its largest killed and injured figures that can
#: be compared (by measure), and the ids of all its injured figures.
_Filed = tuple[dict[str, Claim], list[str]]


@dataclass
class DiedMemo:
    """The last run's reports per incident, and the injured figures whose victim died."""

    reports: dict[str, dict[str, _Filed]] = field(default_factory=dict)
    doc_events: dict[str, set[str]] = field(default_factory=dict)
    out: dict[str, frozenset[str]] = field(default_factory=dict)


def _filed(
    harmed: Iterable[Claim], subjects: Mapping[str, Subject], parts: Mapping[str, str]
) -> dict[str, _Filed]:
    """One report's killed and injured figures, by incident."""
    out: dict[str, _Filed] = {}
    for c in harmed:
        subject = subjects.get(c.id)
        if subject is None or not subject.id:
            continue
        totals, injured = out.setdefault(subject.id, ({}, []))
        if c.measure == "injured":
            injured.append(c.id)
        if c.status == "rejected" or c.id in parts or subject.kind != "event" or top(c) is None:
            continue
        known = totals.get(c.measure)
        if known is None or (top(c) or 0) > (top(known) or 0):
            totals[c.measure] = c
    return out


def died_later(
    claims: Sequence[Claim],
    subjects: Mapping[str, Subject],
    parts: Mapping[str, str],
    published: Callable[[Claim], str | None],
    memo: DiedMemo | None = None,
    changed: Collection[str] | None = None,
) -> frozenset[str]:
    """Ids of the single-victim injured figures whose victim other reports count as dead.

    "A boy is in critical condition" in the first report and "the boy has died" in the
    next: one report counts one hurt and no dead (or fewer dead), a report counting more
    dead gives no injured figure at all. The hurt one is the one who died, and the injured
    figure is what the toll was before the death, not a second victim. A report of one
    hurt published after every report of the death (``published``: the publication day of
    a claim's report) already knew of it: its victim is someone who lived.

    With a ``memo``, only the incidents the ``changed`` documents give figures about are
    looked at again (see :func:`report_parts`; None: every document is).
    """
    memo = memo if memo is not None else DiedMemo()
    if changed is None:
        memo.reports, memo.doc_events, memo.out = {}, {}, {}
    # Only the killed and injured figures are read (the statistics are most of the claims).
    harmed: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.measure in ("killed", "injured") and (changed is None or c.doc_id in changed):
            harmed[c.doc_id].append(c)
    dirty: set[str] = set()
    for doc_id in harmed.keys() | set(changed or ()):
        for event in memo.doc_events.pop(doc_id, ()):
            del memo.reports[event][doc_id]
            dirty.add(event)
        filed = _filed(harmed.get(doc_id, ()), subjects, parts)
        for event, found in filed.items():
            memo.reports.setdefault(event, {})[doc_id] = found
            dirty.add(event)
        if filed:
            memo.doc_events[doc_id] = set(filed)
    for event in dirty:
        reports = memo.reports.get(event) or {}
        told = [r[0] for r in reports.values() if r[0]]
        hurt = _one_hurt_died(told, published) | _hurt_moved_to_dead(told, published)
        # Every restatement of a flagged report's hurt victim goes with it.
        out = frozenset(
            i
            for totals, injured in reports.values()
            if "injured" in totals and totals["injured"].id in hurt
            for i in injured
        )
        if out:
            memo.out[event] = out
        else:
            memo.out.pop(event, None)
        if not reports:
            memo.reports.pop(event, None)
    return frozenset().union(*memo.out.values())


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
