"""Incident linking: which event mentions, across reports, describe one incident.

1. Each report's mentions are grouped into its own incidents, its *main* one first
   (:mod:`.local`); vague mentions take the place its lead names.
2. Local incidents are linked across reports. Two reports' main violent incidents are
   compared as whole reports (:mod:`.reports`: shared rare words, names, town, day, toll);
   every other pair by what their mentions say (same day, same place, names, actors: the
   evidence of :func:`crosscheck.reconcile.mentionfeatures.score`). Candidates come from an
   index, never from all pairs.
3. Links become incidents by constrained single linkage (:mod:`.clusters`).

Pure: no store. The same records in any order give the same incidents and ids.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from crosscheck.model import EVENT_MEASURES, Claim, Document, EventMention, Mention, Profile
from crosscheck.reconcile.incidents.clusters import Link, cluster
from crosscheck.reconcile.incidents.local import LocalIncident, local_incidents
from crosscheck.reconcile.incidents.reports import (
    Report,
    conflicting,
    cosine,
    link_model,
    pair_features,
    probability,
    report,
)
from crosscheck.reconcile.leads import LeadPlace, lead_place, with_context
from crosscheck.reconcile.mentionfeatures import (
    Features,
    compatible,
    features,
    same_place,
    score,
    type_family,
)
from crosscheck.reconcile.pairs import block_keys
from crosscheck.reconcile.text import name_key, tables

VIOLENT = "violent"
#: Blocks of more local incidents than this say nothing (a common word, a big city's month).
MAX_BLOCK = 60
#: The extra mention evidence two reports compared as wholes need to be linked anyway.
COMPARED_EXTRA = 3
#: The evidence a title naming the incident adds to a report that only names it vaguely.
TITLE_NAMED = 3


@dataclass(frozen=True)
class Linked:
    """The incidents, each event mention's incident and each report's main violent incident."""

    groups: list[list[EventMention]]
    mains: dict[str, str]  # document id -> a mention id of its main violent incident


def _by_doc(items: Iterable[EventMention | Mention | Claim]) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for x in items:
        out[x.doc_id].append(x)
    return out


def document_incidents(
    doc: Document,
    ems: Sequence[EventMention],
    mentions: Sequence[Mention],
    place: LeadPlace | None = None,
) -> list[LocalIncident]:
    """One report's local incidents, its vague mentions placed where its lead says."""
    if place is None:
        place = lead_place(doc, list(mentions))
    context = {
        em.id: with_context(features(em), place, doc.published, doc.title or "") for em in ems
    }
    return local_incidents(doc.id, ems, doc.published, context, doc.title or "")


def _report_links(reports: Mapping[str, Report], incident_of: Mapping[str, str]) -> list[Link]:
    """Links between the main violent incidents of reports that read as one incident."""
    model = link_model()
    index: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(reports):
        for word in reports[doc_id].index:
            index[word].append(doc_id)
    seen: set[tuple[str, str]] = set()
    links: list[Link] = []
    for docs in index.values():
        for a, b in combinations(docs, 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            ra, rb = reports[a], reports[b]
            if cosine(ra.terms, rb.terms) < model.candidate_cosine:
                continue
            p = probability(pair_features(ra, rb), model)
            if p >= model.threshold:
                x, y = sorted((incident_of[a], incident_of[b]))
                links.append(Link(p, x, y, checked=False))
    return links


def _mention_links(incidents: Sequence[LocalIncident], compared: set[str]) -> list[Link]:
    """Links between local incidents whose mentions agree (same day, place, names …)."""
    threshold = int(tables()["event_scores"]["link_threshold"])
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for k, inc in enumerate(incidents):
        keys = {key for f in inc.members for key in block_keys(f) if key[0] != "doc"}
        for key in keys:
            blocks[(inc.family, key[0], key[1])].append(k)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    links: list[Link] = []
    for i, j in sorted(pairs):
        a, b = incidents[i], incidents[j]
        if a.doc_id == b.doc_id:
            continue
        # Two reports already compared as wholes are linked by their mentions only on
        # stronger evidence than other pairs need.
        need = threshold + (COMPARED_EXTRA if a.id in compared and b.id in compared else 0)
        best = _agreement(a.members, b.members)
        if best >= 0 and (_title_names(a, b) or _title_names(b, a)):
            best += TITLE_NAMED
        if best >= need:
            x, y = sorted((a.id, b.id))
            # Mention evidence is weaker than a report comparison: it ranks after one.
            links.append(Link(best / 100.0, x, y))
    return links


def _title_names(a: LocalIncident, b: LocalIncident) -> bool:
    """``a`` is a report's vague main incident and its title names ``b`` ("... in Crocus
    City Hall case"): the title says which incident the report is about."""
    return a.vague and a.main and any(f.names & a.title_names for f in b.members)


def _agreement(a: Sequence[Features], b: Sequence[Features]) -> int:
    """The best evidence between two incidents' mentions, or -1 when any two disagree or
    none agree on when or where it happened (a shared word alone, such as the name of the
    hospital the victims were taken to, links nothing)."""
    best = -1
    anchored = False
    for x in a:
        for y in b:
            if not compatible(x, y):
                return -1
            best = max(best, score(x, y))
            anchored = anchored or _same_time_or_place(x, y)
    return best if anchored else -1


def _same_time_or_place(x: Features, y: Features) -> bool:
    """The same month, the same town, or (both dated) the same country or region."""
    if x.date and y.date and x.date[:7] == y.date[:7]:
        return True
    if bool(x.date and y.date) and x.region is not None and x.region == y.region:
        return True
    return same_place(x, y) is True


def _as_linked(em: EventMention, f: Features) -> EventMention:
    """The mention as its incident is built from: without a date its report only said."""
    if em.date and f.date is None:
        return dataclasses.replace(em, date=None, date_precision=None)
    return em


def link_incidents(
    documents: Sequence[Document],
    event_mentions: Sequence[EventMention],
    mentions: Sequence[Mention],
    claims: Sequence[Claim],
    profiles: Mapping[str, Profile],
) -> Linked:
    """Group every event mention into incidents across reports.

    Args:
        documents: the reports (title, publication date, language).
        event_mentions, mentions, claims: every report's extractions.
        profiles: each report's weighted words, by document id (reports without one are
            linked by their mentions only).
    """
    ems_of = _by_doc(event_mentions)
    mentions_of = _by_doc(mentions)
    claims_of = _by_doc(claims)
    incidents: list[LocalIncident] = []
    reports: dict[str, Report] = {}
    main_of: dict[str, str] = {}
    for doc in sorted(documents, key=lambda d: d.id):
        ems = ems_of.get(doc.id, [])
        if not ems:
            continue
        town = lead_place(doc, mentions_of.get(doc.id, []))
        local = document_incidents(doc, ems, mentions_of.get(doc.id, []), town)
        incidents.extend(local)
        violent = next((x for x in local if x.main and x.family == VIOLENT), None)
        if violent is None:
            continue
        main_of[doc.id] = violent.id
        found = profiles.get(doc.id)
        if found is not None:
            reports[doc.id] = report(
                found,
                doc.published,
                mentions_of.get(doc.id, []),
                violent.members,
                claims_of.get(doc.id, []),
                doc.language,
                town,
                {em.id for em in ems if em.date_precision == "day" and _month_named(em.sentence)},
            )
    links = _report_links(reports, main_of)
    # Two reports compared as wholes are not linked again by their mentions.
    compared = {main_of[d] for d in reports}
    links += _mention_links(incidents, compared)
    by_id = {x.id: x for x in incidents}
    report_of = {main_of[d]: r for d, r in reports.items()}
    model = link_model()

    def strength(a: str, b: str) -> float | None:
        ra, rb = report_of.get(a), report_of.get(b)
        if ra is None or rb is None:
            return None
        if conflicting(ra, rb):
            return -1.0
        return probability(pair_features(ra, rb), model)

    groups = cluster(list(by_id), links, lambda n: by_id[n].members, strength, model.mean_strength)
    ems_by_id = {em.id: em for em in event_mentions}
    out: list[list[EventMention]] = []
    for group in groups:
        members = sorted(
            (_as_linked(ems_by_id[f.id], f) for n in group for f in by_id[n].members),
            key=lambda em: em.id,
        )
        out.append(members)
    mains = {doc: by_id[n].members[0].id for doc, n in main_of.items()}
    needy = [
        (doc, mentions_of.get(doc.id, []))
        for doc in documents
        if doc.id not in mains
        and any(c.measure in EVENT_MEASURES for c in claims_of.get(doc.id, []))
    ]
    mains.update(_adopted_mains(needy, out))
    return Linked(groups=sorted(out, key=lambda g: g[0].id), mains=mains)


def _adopted_mains(
    reports: Sequence[tuple[Document, list[Mention]]], groups: Sequence[list[EventMention]]
) -> dict[str, str]:
    """Reports that name no incident of their own but give figures ("Shots fired at a bakery
    in Lusaka"): the one incident placed in the town their title or lead names, dated
    within ``context_days`` before their publication, is theirs."""
    if not reports:
        return {}
    days = int(tables()["context_days"])
    by_town: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for g in groups:
        for em in g:
            when = _day(em.date)
            if em.location and when and type_family(em.type) == VIOLENT:
                by_town[name_key(em.location)].append((g[0].id, when))
    out: dict[str, str] = {}
    for doc, doc_mentions in reports:
        place = lead_place(doc, doc_mentions)
        published = _day(doc.published)
        if place is None or published is None:
            continue
        found = {
            gid
            for town, items in by_town.items()
            if town == place.key or place.key in town or town in place.key
            for gid, when in items
            if 0 <= (published - when).days <= days
        }
        if len(found) == 1:
            out[doc.id] = found.pop()
    return out


_MONTH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?\s*\d|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


def _month_named(sentence: str) -> bool:
    """The sentence writes a day with its month ("on June 3", "3 June")."""
    return _MONTH.search(sentence) is not None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


__all__ = ["Linked", "document_incidents", "link_incidents"]
