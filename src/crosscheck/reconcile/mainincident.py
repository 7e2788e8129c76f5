"""Each report's main incident, and the vague mentions that refer to it.

A report is about one incident first: its title and lead name it ("…in Crocus City Hall case",
"…over Kerman terrorist attack"), and its later "the attack", "the blast", "the deadliest
assault in two decades" refer back to it. This module picks, per document and type family,
the incident (a cluster of already-linked specific mentions, from any document) that the
title and lead name — weighted so a word shared by many incidents counts little — plus how
often the document itself mentions it; then it attaches the document's generic and lonely
mentions to it when their date and place allow.

A date between the incident and the report's publication on a generic mention is usually the
day an official *said* something ("on Tuesday the death toll reached…"), not the incident's
date: such a date is dropped rather than allowed to split the incident. Pure: no store.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crosscheck.model import Document
from crosscheck.reconcile.leads import (
    LeadPlace,
    forget_lead_places,
    lead_end,
    names_place,
)
from crosscheck.reconcile.mentionfeatures import (
    Features,
    compatible_memo,
    dates_compatible,
    same_place,
    same_place_memo,
)
from crosscheck.reconcile.text import tables, words

if TYPE_CHECKING:
    from crosscheck.reconcile.events import Clusters


def _lead(doc: Document) -> str:
    """Title and first sentence: where a report names what it is about."""
    return f"{doc.title or ''} {(doc.text or '')[: lead_end(doc)]}"


# Per document id: the document and the words of its lead (see _lead_words).
_LEAD_WORDS: dict[str, tuple[Document, frozenset[str]]] = {}


def _lead_words(doc: Document) -> frozenset[str]:
    """The words of :func:`_lead`, remembered per document (asked for every report, every call)."""
    known = _LEAD_WORDS.get(doc.id)
    if known is not None and (known[0] is doc or known[0] == doc):
        return known[1]
    if len(_LEAD_WORDS) >= 1 << 17:
        _LEAD_WORDS.clear()
    found = frozenset(words(_lead(doc)))
    _LEAD_WORDS[doc.id] = (doc, found)
    return found


def _anchor_words(feats: list[Features], clusters: Clusters) -> dict[str, set[str]]:
    """Word -> roots of incidents whose names or city-level places contain it."""
    generic = {str(w) for w in tables()["event_generic_words"]}
    index: dict[str, set[str]] = defaultdict(set)
    for root, members in clusters.members.items():
        for i in members:
            f = feats[i]
            if f.generic:
                continue
            for w in set(f.names) | set((f.place or "").split()):
                if len(w) > 2 and w not in generic:
                    index[w].add(root)
    return index


class _Context:
    """Per-call lookups over the incidents of pass one, shared by every document's choice."""

    def __init__(
        self,
        feats: list[Features],
        clusters: Clusters,
        index: dict[str, set[str]],
        leads: dict[str, LeadPlace],
    ) -> None:
        self.feats = feats
        self.clusters = clusters
        self.index = index
        self.leads = leads
        self.family = {r: feats[ms[0]].family for r, ms in clusters.members.items()}
        # The one document an incident's mentions all come from (None: several).
        self.only_doc: dict[str, str | None] = {}
        for r, ms in clusters.members.items():
            docs = {feats[k].doc_id for k in ms}
            self.only_doc[r] = docs.pop() if len(docs) == 1 else None
        self.ends: dict[str, date | None] = {}
        self._placed: dict[tuple[str, LeadPlace], bool | None] = {}
        self._counts: defaultdict[tuple[str, str, str | None], int] | None = None

    def _end(self, root: str) -> date | None:
        """The last day of the incident (None: undated or unreadable)."""
        if root not in self.ends:
            try:
                ends = [
                    _period_end(self.feats[k].date or "", self.feats[k].precision)
                    for k in self.clusters.members[root]
                    if self.feats[k].date
                ]
                self.ends[root] = max(ends) if ends else None
            except ValueError:
                self.ends[root] = None
        return self.ends[root]

    def current(self, root: str, published: str | None) -> bool:
        """Not background: see :func:`_is_history`."""
        if not published:
            return True
        end = self._end(root)
        if end is None:
            return True
        try:
            report = date.fromisoformat(published[:10])
        except ValueError:
            return True
        return (report - end).days <= int(tables()["main_incident_max_age_days"])

    def fits_lead(self, root: str, doc_id: str, *, confirmed: bool = False) -> bool:
        """The incident is placed, by name, where the report's lead says (or is unplaced,
        unless ``confirmed`` is asked for).

        A town next door is not enough: a report headed "Blast at a cinema in one suburb" is
        not about the attack other reports place in the neighbouring one.
        """
        lead = self.leads.get(doc_id)
        if lead is None:
            return not confirmed
        verdict = self._placed_by(root, lead)
        return not confirmed if verdict is None else verdict

    def _placed_by(self, root: str, lead: LeadPlace) -> bool | None:
        """Whether the incident is placed by name at ``lead`` (None: it is not placed).

        Remembered per incident and place: reports of one town ask about the same incidents.
        """
        key = (root, lead)
        if key not in self._placed:
            members = self.clusters.members[root]
            placed = [v for k in members if (v := names_place(lead, self.feats[k])) is not None]
            self._placed[key] = (True in placed and False not in placed) if placed else None
        return self._placed[key]

    def placed_as(self, root: str, doc_id: str, own: list[str]) -> bool:
        """The incident is placed, by name, where the lead (else one of ``own``) says."""
        if doc_id in self.leads:
            return self.fits_lead(root, doc_id, confirmed=True)
        members = self.clusters.members
        return any(
            same_place(self.feats[x], self.feats[y]) is True
            for o in own
            for y in members[o]
            for x in members[root]
        )

    def count(self, word: str, family: str, doc_id: str) -> int:
        """``len(self.roots(word, family, doc_id))`` without listing them."""
        if self._counts is None:
            self._counts = defaultdict(int)
            for w, roots in self.index.items():
                for r in roots:
                    self._counts[(w, self.family[r], None)] += 1
                    if self.only_doc[r] is not None:
                        self._counts[(w, self.family[r], self.only_doc[r])] += 1
        total = self._counts.get((word, family, None), 0)
        return total - self._counts.get((word, family, doc_id), 0)

    def roots(self, word: str, family: str, doc_id: str) -> list[str]:
        return [
            r
            for r in self.index.get(word, ())
            if self.family[r] == family and self.only_doc[r] != doc_id
        ]


def _title_scores(doc: Document | None, family: str, ctx: _Context) -> dict[str, float]:
    """Incidents known from *other* reports that this report's title names.

    An incident only this report mentions gains nothing from its title: its own mentions
    already count, and a misdated copy of a known incident must not beat the original.
    """
    if doc is None:
        return {}
    scores: dict[str, float] = defaultdict(float)
    for w in set(words(_lead(doc))):
        roots = ctx.roots(w, family, doc.id)
        for r in roots:
            scores[r] += 1.0 / len(roots)
    return scores


def _own_title_scores(
    doc: Document | None, family: str, ctx: _Context, own: dict[str, float]
) -> dict[str, float]:
    """:func:`_title_scores` restricted to the incidents in ``own`` (same sums, same order)."""
    if doc is None or not own:
        return {}
    scores: dict[str, float] = defaultdict(float)
    for w in set(words(_lead(doc))):
        hits = ctx.index.get(w)
        if not hits:
            continue
        named = [r for r in own if r in hits and ctx.family[r] == family]
        mine = [r for r in named if ctx.only_doc[r] != doc.id]
        if mine:
            share = 1.0 / ctx.count(w, family, doc.id)
            for r in mine:
                scores[r] += share
        elif len(named) == 1 and ctx.count(w, family, doc.id) == 0:
            # A word of the lead that only one incident has, known from this report alone
            # ("the Pearl Beach hotel"): the report is about it, not about the older incident
            # it recalls. A misdated copy of a known incident shares its words with the
            # original, so gains nothing here.
            scores[named[0]] += 1.0
    return scores


def _named_beyond_place(root: str, doc: Document | None, ctx: _Context) -> bool:
    """The report's lead names the incident by a word other than its place's."""
    if doc is None:
        return False
    said = _lead_words(doc)
    return any(ctx.feats[k].venue_names & said for k in ctx.clusters.members[root])


def _period_end(day: str, precision: str | None) -> date:
    """The last day of a date at its precision ("2022" -> 2022-12-31)."""
    if precision == "year":
        return date(int(day[:4]), 12, 31)
    if precision == "month":
        start = date(int(day[:4]), int(day[5:7]), 1)
        return (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return date.fromisoformat(day[:10])


def _is_history(members: list[Features], published: str | None) -> bool:
    """The incident ended well before the report: background ("the last attack, in 2022")."""
    if not published:
        return False
    try:
        ends = [_period_end(f.date, f.precision) for f in members if f.date]
        report = date.fromisoformat(published[:10])
    except ValueError:
        return False
    if not ends:
        return False
    return (report - max(ends)).days > int(tables()["main_incident_max_age_days"])


def _choose(
    doc_id: str,
    idxs: list[int],
    family: str,
    docs: dict[str, Document],
    ctx: _Context,
) -> str | None:
    """The report's main incident of one type family, or None.

    An incident the report itself mentions (by a specific mention) and its title names wins;
    failing that, one its title names; failing that, the one it mentions most, then first.
    Incidents that ended long before the report are background, never the main one.
    """
    feats, clusters = ctx.feats, ctx.clusters
    doc = docs.get(doc_id)
    published = doc.published if doc is not None else None
    own: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for i in idxs:
        f = feats[i]
        if f.family != family or f.generic:
            continue
        root = clusters.root(i)
        own[root] += 1.0
        first[root] = min(f.start, first.get(root, f.start))
    own = {r: v for r, v in own.items() if ctx.current(r, published)}
    weight = float(tables()["title_weight"])
    # Usually the title names an incident the report mentions itself: then only those
    # incidents' title scores matter, and the others need not be scored at all.
    titled = _own_title_scores(doc, family, ctx, own)
    pool = {r: v + weight * titled[r] for r, v in own.items() if r in titled}
    if not pool:
        titled = _title_scores(doc, family, ctx)
        titled = {
            r: v
            for r, v in titled.items()
            if ctx.current(r, published)
            and ctx.fits_lead(r, doc_id)
            # Beside incidents of its own, only a copy of one placed where the report says,
            # and named by more than the town's name: "Car bomb kills 9 near Mogadishu" is
            # not about the Mogadishu hotel siege another report tells.
            and (
                not own
                or (_named_beyond_place(r, doc, ctx) and ctx.placed_as(r, doc_id, list(own)))
            )
        }
        pool = titled or own
    if not pool:
        return None
    return sorted(pool, key=lambda r: (-pool[r], first.get(r, 1 << 62), r))[0]


_ChoiceKey = tuple[Document | None, LeadPlace | None, tuple[Features, ...]]


@dataclass
class _Memo:
    """The choices of the last call, and the incidents (root -> members) they were made over.

    A choice reads only the report itself (its document, lead place, mentions), the incidents
    its own mentions belong to, and the incidents indexed under its lead's words (see
    :func:`_choose`). Between two calls, an incident whose members changed marks the reports
    of its members and its words (before and after) as dirty; a choice neither touches is
    the one a fresh computation would give. Only the last call's choices are kept, so each
    one was valid against the previous call's incidents.
    """

    incidents: dict[str, tuple[Features, ...]] = field(default_factory=dict)
    # Per document: what its choices were made from, and per type family its choice.
    choices: dict[str, tuple[_ChoiceKey, list[tuple[str, str | None]]]] = field(
        default_factory=dict
    )


_MEMO = _Memo()
_MEMO_LOCK = threading.Lock()


def forget_choices() -> None:
    """Drop the remembered main-incident choices and lead places (the next call starts cold)."""
    global _MEMO
    with _MEMO_LOCK:
        _MEMO = _Memo()
    forget_lead_places()


def _incident_words(members: tuple[Features, ...]) -> set[str]:
    """Every word :func:`_anchor_words` could index an incident under (a superset)."""
    out: set[str] = set()
    for f in members:
        out |= f.names
        out.update((f.place or "").split())
    return out


def _main_roots(
    feats: list[Features],
    clusters: Clusters,
    docs: dict[str, Document],
    leads: dict[str, LeadPlace],
) -> dict[tuple[str, str], str]:
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_doc[f.doc_id].append(i)
    ctx: _Context | None = None  # built on the first choice that must be made anew
    out: dict[tuple[str, str], str] = {}
    with _MEMO_LOCK:
        before = _MEMO.incidents
        incidents: dict[str, tuple[Features, ...]] = {}
        dirty_docs: set[str] = set()
        dirty_words: set[str] = set()
        for r, ms in clusters.members.items():
            new = tuple(map(feats.__getitem__, ms))
            old = before.get(r)
            if old == new:
                new = old  # what survives the call is kept once
            else:
                for members in (old or (), new):
                    dirty_docs.update(f.doc_id for f in members)
                    dirty_words |= _incident_words(members)
            incidents[r] = new
        for r in before.keys() - incidents.keys():
            dirty_docs.update(f.doc_id for f in before[r])
            dirty_words |= _incident_words(before[r])
        choices: dict[str, tuple[_ChoiceKey, list[tuple[str, str | None]]]] = {}
        for doc_id, idxs in sorted(by_doc.items()):
            doc = docs.get(doc_id)
            key: _ChoiceKey = (doc, leads.get(doc_id), tuple(map(feats.__getitem__, idxs)))
            known = _MEMO.choices.get(doc_id)
            if (
                known is not None
                and doc_id not in dirty_docs
                and known[0] == key
                and (doc is None or not dirty_words or dirty_words.isdisjoint(_lead_words(doc)))
            ):
                choices[doc_id] = known
                picks = known[1]
            else:
                if ctx is None:
                    ctx = _Context(feats, clusters, _anchor_words(feats, clusters), leads)
                picks = [
                    (family, _choose(doc_id, idxs, family, docs, ctx))
                    for family in sorted({feats[i].family for i in idxs})
                ]
                choices[doc_id] = (key, picks)
                if doc is not None:
                    _lead_words(doc)  # asked for on the next call: read while the lead is at hand
            for family, root in picks:
                if root is not None:
                    out[(doc_id, family)] = root
        _MEMO.incidents = incidents
        _MEMO.choices = choices
    return out


def incident_date(members: list[Features]) -> str | None:
    """The earliest day (at day precision) among an incident's mentions."""
    days = sorted(f.date for f in members if f.date and f.precision == "day")
    return days[0][:10] if days else None


def _said_date(f: Features, members: list[Features], published: str | None) -> bool:
    """The mention's day falls after the incident and no later than the report."""
    start = incident_date(members)
    if not (f.date and f.precision == "day" and start and published):
        return False
    return start < f.date[:10] <= published[:10]


def _eve(f: Features, members: list[Features]) -> bool:
    """The mention's day is the eve of the incident's: an attack or siege that began late
    the day before ("the assault, which began late on Friday", ended on Saturday)."""
    start = incident_date(members)
    if not (f.date and f.precision == "day" and start):
        return False
    return days_between(f.date, start) == 1


def _place_fits(f: Features, members: list[Features]) -> bool:
    verdicts = [same_place_memo(f, m) for m in members]
    return True in verdicts or not any(v is False for v in verdicts)


def attach_to_main_incidents(
    feats: list[Features],
    clusters: Clusters,
    docs: dict[str, Document],
    leads: dict[str, LeadPlace] | None = None,
) -> dict[str, str]:
    """Attach generic and lonely mentions to their document's main incident (in place).

    ``leads`` (document -> the place its lead names) rule out, as a report's main incident,
    an incident of another report placed in another city.

    ``feats`` entries whose date was read as a reporting date are replaced by a copy
    without it, so later compatibility checks do not trip on it.

    Returns:
        Per document, the id of a mention of its main violent incident.
    """
    mains = _main_roots(feats, clusters, docs, leads or {})
    # Only a mention alone in its incident may join: merges never make one alone again.
    alone = [
        members[0]
        for members in clusters.members.values()
        if len(members) == 1 and (feats[members[0]].doc_id, feats[members[0]].family) in mains
    ]
    order = sorted(alone, key=lambda i: (feats[i].doc_id, feats[i].start, feats[i].id))
    for i in order:
        f = feats[i]
        root = mains[(f.doc_id, f.family)]
        if len(clusters.members[clusters.root(i)]) != 1:
            continue
        target = clusters.members[clusters.find(root)]
        members = [feats[k] for k in target]
        if any(m.doc_id == f.doc_id and not m.generic for m in members):
            # The report names this incident itself: that says more about where its "the
            # attack" happened than the place its lead names. (Only for joining it: a mention
            # left alone keeps the lead's place to meet another report's incident with.)
            f = _unplaced(f)
        if all(compatible_memo(f, m) for m in members):
            # Compatible with every member: its place fits and its date agrees.
            feats[i] = f
            clusters.merge(i, target[0])
            continue
        if not _place_fits(f, members):
            continue
        if not all(dates_compatible(f.date, f.precision, m.date, m.precision) for m in members):
            said = _said_date(f, members, _published(docs, f.doc_id))
            if not (said or _eve(f, members)):
                continue
            f = _undated(f)
        if all(compatible_memo(f, m) for m in members):
            feats[i] = f
            clusters.merge(i, target[0])
    _merge_leftover_generics(feats, clusters, mains)
    return {
        doc_id: feats[clusters.members[clusters.find(root)][0]].id
        for (doc_id, family), root in sorted(mains.items())
        if family == "violent"
    }


@functools.lru_cache(maxsize=1 << 17)
def _unplaced(f: Features) -> Features:
    """``f`` without its report's lead place (remembered: the same copies every update)."""
    return dataclasses.replace(f, context_place=None, context_coords=None, context_country=None)


@functools.lru_cache(maxsize=1 << 17)
def _undated(f: Features) -> Features:
    """``f`` without its date."""
    return dataclasses.replace(f, date=None, precision=None)


def _published(docs: dict[str, Document], doc_id: str) -> str | None:
    doc = docs.get(doc_id)
    return doc.published if doc is not None else None


def _merge_leftover_generics(
    feats: list[Features], clusters: Clusters, mains: dict[tuple[str, str], str]
) -> None:
    """With no main incident, a document's repeated "the attack" is still one incident."""
    lonely: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if (f.doc_id, f.family) in mains or not f.generic:
            continue
        if len(clusters.members[clusters.root(i)]) == 1:
            lonely[(f.doc_id, f.family)].append(i)
    for idxs in lonely.values():
        for i in idxs[1:]:
            if feats[i].date is None or feats[idxs[0]].date is None:
                clusters.try_merge(idxs[0], i)


def days_between(a: str, b: str) -> int | None:
    """Days from ``a`` to ``b`` (ISO dates; None when either is unreadable)."""
    try:
        return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days
    except ValueError:
        return None


__all__ = ["attach_to_main_incidents", "days_between", "forget_choices", "incident_date"]
