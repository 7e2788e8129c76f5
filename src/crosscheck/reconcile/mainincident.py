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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
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
    from crosscheck.reconcile.clusters import Clusters


def _lead(doc: Document) -> str:
    """Title and first sentence: where a report names what it is about."""
    return f"{doc.title or ''} {(doc.text or '')[: lead_end(doc)]}"


# Per document id: the document and the words of its lead (see lead_words).
_LEAD_WORDS: dict[str, tuple[Document, frozenset[str]]] = {}


def lead_words(doc: Document) -> frozenset[str]:
    """The words of :func:`_lead`, remembered per document (asked for every report, every call)."""
    known = _LEAD_WORDS.get(doc.id)
    if known is not None and (known[0] is doc or known[0] == doc):
        return known[1]
    if len(_LEAD_WORDS) >= 1 << 17:
        _LEAD_WORDS.clear()
    found = frozenset(words(_lead(doc)))
    _LEAD_WORDS[doc.id] = (doc, found)
    return found


def anchor_words(members: Iterable[Features]) -> frozenset[str]:
    """The words an incident is indexed under: those of its names and city-level places."""
    generic = _generic_words()
    out: set[str] = set()
    for f in members:
        if f.generic:
            continue
        for w in f.names | frozenset((f.place or "").split()):
            if len(w) > 2 and w not in generic:
                out.add(w)
    return frozenset(out)


@functools.cache
def _generic_words() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["event_generic_words"])


class _Context:
    """Lookups over the incidents of pass one, shared by the choices of one call.

    ``members`` maps each incident (by root) to its mentions' features; ``index`` maps a
    word to the incidents indexed under it (see :func:`anchor_words`).
    """

    def __init__(
        self,
        members: Mapping[str, Sequence[Features]],
        index: Mapping[str, Iterable[str]],
        leads: Mapping[str, LeadPlace],
    ) -> None:
        self.members = members
        self.index = index
        self.leads = leads
        self._only_doc: dict[str, str | None] = {}
        self.ends: dict[str, date | None] = {}
        self._placed: dict[tuple[str, LeadPlace], bool | None] = {}
        self._counts: dict[str, dict[tuple[str, str | None], int]] = {}

    def family(self, root: str) -> str:
        return self.members[root][0].family

    def only_doc(self, root: str) -> str | None:
        """The one document an incident's mentions all come from (None: several)."""
        if root not in self._only_doc:
            docs = {f.doc_id for f in self.members[root]}
            self._only_doc[root] = docs.pop() if len(docs) == 1 else None
        return self._only_doc[root]

    def _end(self, root: str) -> date | None:
        """The last day of the incident (None: undated or unreadable)."""
        if root not in self.ends:
            try:
                ends = [_period_end(f.date, f.precision) for f in self.members[root] if f.date]
                self.ends[root] = max(ends) if ends else None
            except ValueError:
                self.ends[root] = None
        return self.ends[root]

    def current(self, root: str, published: str | None) -> bool:
        """Not background: the incident did not end long before the report
        ("the last attack, in 2022")."""
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
            placed = [v for f in self.members[root] if (v := names_place(lead, f)) is not None]
            self._placed[key] = (True in placed and False not in placed) if placed else None
        return self._placed[key]

    def placed_as(self, root: str, doc_id: str, own: list[str]) -> bool:
        """The incident is placed, by name, where the lead (else one of ``own``) says."""
        if doc_id in self.leads:
            return self.fits_lead(root, doc_id, confirmed=True)
        return any(
            same_place(x, y) is True
            for o in own
            for y in self.members[o]
            for x in self.members[root]
        )

    def count(self, word: str, family: str, doc_id: str) -> int:
        """``len(self.roots(word, family, doc_id))`` without listing them."""
        counts = self._counts.get(word)
        if counts is None:
            counts = self._counts[word] = defaultdict(int)
            for r in self.index.get(word, ()):
                fam = self.family(r)
                counts[(fam, None)] += 1
                if (only := self.only_doc(r)) is not None:
                    counts[(fam, only)] += 1
        return counts.get((family, None), 0) - counts.get((family, doc_id), 0)

    def roots(self, word: str, family: str, doc_id: str) -> list[str]:
        return sorted(
            r
            for r in self.index.get(word, ())
            if self.family(r) == family and self.only_doc(r) != doc_id
        )


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
        named = [r for r in own if r in hits and ctx.family(r) == family]
        mine = [r for r in named if ctx.only_doc(r) != doc.id]
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
    said = lead_words(doc)
    return any(f.venue_names & said for f in ctx.members[root])


def _period_end(day: str, precision: str | None) -> date:
    """The last day of a date at its precision ("2022" -> 2022-12-31)."""
    if precision == "year":
        return date(int(day[:4]), 12, 31)
    if precision == "month":
        start = date(int(day[:4]), int(day[5:7]), 1)
        return (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return date.fromisoformat(day[:10])


def choose(
    doc: Document | None,
    own_mentions: Sequence[tuple[Features, str]],
    family: str,
    ctx: _Context,
) -> str | None:
    """The report's main incident (its root) of one type family, or None.

    ``own_mentions`` are the report's mentions with the incident each belongs to. An incident
    the report itself mentions (by a specific mention) and its title names wins; failing that,
    one its title names; failing that, the one it mentions most, then first. Incidents that
    ended long before the report are background, never the main one.
    """
    doc_id = doc.id if doc is not None else ""
    published = doc.published if doc is not None else None
    own: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for f, root in own_mentions:
        if f.family != family or f.generic:
            continue
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


def main_choices(
    doc: Document | None,
    own_mentions: Sequence[tuple[Features, str]],
    ctx: _Context,
) -> tuple[tuple[str, str | None], ...]:
    """Per type family of the report's mentions, its main incident (root) or None."""
    families = sorted({f.family for f, _ in own_mentions})
    return tuple((family, choose(doc, own_mentions, family, ctx)) for family in families)


def choice_context(
    members: Mapping[str, Sequence[Features]],
    index: Mapping[str, Iterable[str]],
    leads: Mapping[str, LeadPlace],
) -> _Context:
    """The lookups :func:`main_choices` reads (build one per call, share it between reports)."""
    return _Context(members, index, leads)


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
    docs: Mapping[str, Document],
    mains: Mapping[tuple[str, str], str],
) -> None:
    """Attach generic and lonely mentions to their document's main incident (in place).

    ``mains`` is, per (document, type family), the root of the incident :func:`main_choices`
    chose. ``feats`` entries whose date was read as a reporting date are replaced by a copy
    without it, so later compatibility checks do not trip on it.
    """
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


@functools.lru_cache(maxsize=1 << 17)
def _unplaced(f: Features) -> Features:
    """``f`` without its report's lead place (remembered: the same copies every update)."""
    return dataclasses.replace(f, context_place=None, context_coords=None, context_country=None)


@functools.lru_cache(maxsize=1 << 17)
def _undated(f: Features) -> Features:
    """``f`` without its date."""
    return dataclasses.replace(f, date=None, precision=None)


def _published(docs: Mapping[str, Document], doc_id: str) -> str | None:
    doc = docs.get(doc_id)
    return doc.published if doc is not None else None


def _merge_leftover_generics(
    feats: list[Features], clusters: Clusters, mains: Mapping[tuple[str, str], str]
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


def forget_choices() -> None:
    """Drop the remembered lead words and lead places (the next call reads them anew)."""
    _LEAD_WORDS.clear()
    forget_lead_places()


__all__ = [
    "anchor_words",
    "attach_to_main_incidents",
    "choice_context",
    "choose",
    "days_between",
    "forget_choices",
    "incident_date",
    "lead_words",
    "main_choices",
]
