"""Incident linking: which event mentions, across reports, describe one incident.

1. Each report's mentions are grouped into its own incidents, its *main* one first
   (:mod:`.local`, :mod:`.documents`); vague mentions take the place its lead names.
2. Local incidents are linked across reports (:mod:`.links`): main violent incidents as
   whole reports (shared rare words, names, town, day, toll), every other pair by what their
   mentions say. Candidates come from an index, never from all pairs.
3. Links become incidents by constrained single linkage (:mod:`.clusters`).
4. A report that names no incident of its own but gives figures adopts the one incident
   placed in the town its lead names.

Pure: no store. The same records in any order give the same incidents and ids.
:class:`IncidentMemo` lets a Reconciler keep each report's share and each pair's score
while they stay the same; results never depend on it.
"""

from __future__ import annotations

import dataclasses
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from crosscheck.model import EventMention
from crosscheck.reconcile.dates import day
from crosscheck.reconcile.incidents.clusters import ClusterMemo, cluster, cluster_regions
from crosscheck.reconcile.incidents.documents import VIOLENT, doc_incidents
from crosscheck.reconcile.incidents.links import (
    MAX_BLOCK,
    MAX_POSTINGS,
    LinkMemo,
    mention_links,
    mention_links_kept,
    report_links,
    report_links_kept,
    strength,
)
from crosscheck.reconcile.incidents.local import LocalIncident
from crosscheck.reconcile.incidents.pairindex import PairIndex
from crosscheck.reconcile.incidents.reports import link_model
from crosscheck.reconcile.incidents.shares import Share, Shares
from crosscheck.reconcile.leads import LeadPlace
from crosscheck.reconcile.mentionfeatures import Features, type_family
from crosscheck.reconcile.records import DocRecords
from crosscheck.reconcile.text import name_key, tables


@dataclass(frozen=True)
class Linked:
    """The incidents, and each report's main violent incident."""

    #: Each incident's event mentions, in id order (an incident kept from the last call is
    #: the very list it was then).
    groups: list[list[EventMention]]
    mains: dict[str, str]  # document id -> a mention id of its main violent incident


@dataclass
class IncidentMemo:
    """What incident linking may keep between calls (held by a Reconciler)."""

    #: Every report's share and the maps made of them (see :mod:`.shares`).
    shares: Shares = field(default_factory=lambda: Shares())
    links: LinkMemo = field(default_factory=LinkMemo)
    #: The candidate pairs of reports and of local incidents, and the links they gave.
    report_pairs: PairIndex = field(default_factory=lambda: PairIndex(MAX_POSTINGS))
    mention_pairs: PairIndex = field(default_factory=lambda: PairIndex(MAX_BLOCK))
    #: The towns of violent incidents last seen, and the lead towns matching them.
    towns: TownMatches = field(default_factory=lambda: TownMatches())
    #: The incidents of each region of linked local incidents, while it stays the same.
    regions: ClusterMemo = field(default_factory=ClusterMemo)
    #: Each incident's mentions and dated violent towns, with the local incidents they came
    #: from (see :func:`_mention_groups`).
    built: dict[tuple[str, ...], Built] = field(default_factory=dict)

    @property
    def docs(self) -> dict[str, Share]:
        """Each report's records and share."""
        return self.shares.docs


def _town_matches(place: str, town: str) -> bool:
    """A lead's town names an incident's town (one within the other: "Kabul" / "kabul city")."""
    return town == place or place in town or town in place


@dataclass
class TownMatches:
    """Which incident towns each lead town matches, kept while the towns change little."""

    towns: frozenset[str] = frozenset()
    matched: dict[str, frozenset[str]] = field(default_factory=dict)

    def refresh(self, towns: frozenset[str]) -> None:
        """Bring every kept answer to ``towns``: only the towns that came are tried."""
        if towns == self.towns:
            return
        came = towns - self.towns
        self.matched = {
            key: frozenset(t for t in found if t in towns)
            | {t for t in came if _town_matches(key, t)}
            for key, found in self.matched.items()
        }
        self.towns = towns

    def of(self, place: str) -> frozenset[str]:
        found = self.matched.get(place)
        if found is None:
            found = self.matched[place] = frozenset(
                t for t in self.towns if _town_matches(place, t)
            )
        return found


def _share(d: DocRecords, memo: IncidentMemo) -> Share:
    found = memo.shares.docs.get(d.id)
    # Mostly the very records of the last update: the identity test first (a record's ==
    # compares it field by field even with itself).
    if found is None or (found[0] is not d and found[0] != d):
        found = (d, doc_incidents(d))
    return found


def _as_linked(em: EventMention, f: Features) -> EventMention:
    """The mention as its incident is built from: without a date its report only said."""
    if em.date and f.date is None:
        return dataclasses.replace(em, date=None, date_precision=None)
    return em


def link_incidents(docs: Iterable[DocRecords], memo: IncidentMemo | None = None) -> Linked:
    """Group every event mention of ``docs`` into incidents across reports.

    Without a ``memo`` every candidate pair is found and compared from scratch (the plain
    statement); with one, only the pairs the changed reports touch (:class:`PairIndex`).
    """
    kept = memo is not None
    memo = memo if memo is not None else IncidentMemo()
    ordered = sorted(docs, key=operator.attrgetter("id"))
    # The same shares as before for unchanged reports: an update leaves no new objects behind.
    shares = memo.shares
    gone = shares.update(ordered, lambda d: _share(d, memo))
    by_id, reports, main_of = shares.by_id, shares.reports, shares.main_of
    model = link_model()
    # Two reports compared as wholes are not linked again by their mentions lightly.
    compared = shares.report_of.keys()
    if kept:
        links = report_links_kept(reports, main_of, model, memo.report_pairs, memo.links)  # type: ignore[arg-type]
        links += mention_links_kept(by_id, compared, memo.mention_pairs, shares.languages)
    else:
        incidents = [x for d in ordered for x in shares.docs[d.id][1].incidents]
        links = report_links(reports, main_of, model, memo.links)  # type: ignore[arg-type]
        links += mention_links(incidents, compared, memo.links, shares.languages)
    report_of = shares.report_of

    def told(a: str, b: str) -> float | None:
        ra, rb = report_of.get(a), report_of.get(b)
        return None if ra is None or rb is None else strength(ra, rb, model, memo.links)

    def members(n: str) -> tuple[Features, ...]:
        return by_id[n].members

    if kept:
        groups = cluster_regions(
            list(by_id), links, members, told, model.mean_strength, report_of.get, memo.regions
        )
    else:
        groups = cluster(list(by_id), links, members, told, model.mean_strength)
    built = _mention_groups(groups, by_id, ordered, memo.built)
    out = [b[1] for b in built]
    mains = dict(shares.mains)
    needy = [shares.needy[k] for k in sorted(shares.needy)]
    placed = (p for b in built for p in b[2])
    mains.update(_adopted_mains(needy, placed, memo.towns if kept else TownMatches()))
    if gone:
        _forget_gone(memo, set(shares.docs))
    return Linked(groups=sorted(out, key=lambda g: g[0].id), mains=mains)


#: The local incidents of one incident, its event mentions (in id order) and the towns,
#: incident id and days of its dated violent mentions (what :func:`_adopted_mains` reads).
Built = tuple[tuple[LocalIncident, ...], list[EventMention], tuple[tuple[str, str, date], ...]]


def _mention_groups(
    groups: list[list[str]],
    by_id: dict[str, LocalIncident],
    docs: Sequence[DocRecords],
    memo: dict[tuple[str, ...], Built],
) -> list[Built]:
    """Each incident built from its local incidents; one kept in ``memo`` is reused while
    its local incidents are the very same objects (a report's share is kept only while its
    records are equal, so its event mentions are equal too)."""
    known = dict(memo)
    memo.clear()
    out: list[Built | None] = []
    wanted: list[tuple[int, tuple[str, ...], tuple[LocalIncident, ...]]] = []
    for group in groups:
        key = tuple(group)
        locals_ = tuple(map(by_id.__getitem__, group))
        found = known.get(key)
        # The same key, so as many local incidents: each must be the very same object.
        if found is not None and all(map(operator.is_, found[0], locals_)):
            memo[key] = found
        else:
            wanted.append((len(out), key, locals_))
            found = None
        out.append(found)
    # The event mentions of the reports of incidents built again, only.
    needed = {x.doc_id for _, _, locals_ in wanted for x in locals_}
    ems_by_id = {em.id: em for d in docs if d.id in needed for em in d.event_mentions}
    for at, key, locals_ in wanted:
        ems = sorted(
            (_as_linked(ems_by_id[f.id], f) for x in locals_ for f in x.members),
            key=lambda em: em.id,
        )
        memo[key] = out[at] = (locals_, ems, _placed(ems))
    return [b for b in out if b is not None]


def _placed(group: list[EventMention]) -> tuple[tuple[str, str, date], ...]:
    """The town, incident id and day of each dated violent mention of an incident."""
    placed = []
    for em in group:
        when = day(em.date)
        if em.location and when and type_family(em.type) == VIOLENT:
            placed.append((name_key(em.location), group[0].id, when))
    return tuple(placed)


def _forget_gone(memo: IncidentMemo, docs: set[str]) -> None:
    """Drop the pairs of reports no longer there (the memo stays as large as the picture).

    Only after a report went away: a pair of two reports still there is never dropped.
    """
    links = memo.links
    links.reports = {k: v for k, v in links.reports.items() if k[0] in docs and k[1] in docs}
    links.cosines = {k: v for k, v in links.cosines.items() if k[0] in docs and k[1] in docs}
    links.mentions = {
        k: v for k, v in links.mentions.items() if v[0].doc_id in docs and v[1].doc_id in docs
    }


def _adopted_mains(
    reports: Sequence[tuple[DocRecords, LeadPlace | None]],
    placed: Iterable[tuple[str, str, date]],
    towns: TownMatches,
) -> dict[str, str]:
    """Reports that name no incident of their own but give figures ("Shots fired at a bakery
    in Lusaka"): the one incident placed in the town their title or lead names, dated
    within ``context_days`` before their publication, is theirs."""
    if not reports:
        return {}
    days = int(tables()["context_days"])
    by_town: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for town, gid, when in placed:
        by_town[town].append((gid, when))
    out: dict[str, str] = {}
    # Many reports name the same town: its matching towns are looked for once, and kept.
    towns.refresh(frozenset(by_town))
    used: dict[str, frozenset[str]] = {}
    for d, place in reports:
        published = day(d.document.published)
        if place is None or published is None:
            continue
        used[place.key] = towns.of(place.key)
        found = {
            gid
            for town in used[place.key]
            for gid, when in by_town[town]
            if 0 <= (published - when).days <= days
        }
        if len(found) == 1:
            out[d.id] = found.pop()
    towns.matched = used  # no more lead towns than the reports name
    return out


__all__ = ["IncidentMemo", "Linked", "link_incidents"]
