"""Reports that name no incident of their own: the incident their lead places.

A report whose lead says where something happened, but whose words the extractor did not
read as an incident ("Shots rang out at a stadium in Lusaka"), is about the incident other
reports place in that city at that time. Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from crosscheck.model import Document
from crosscheck.reconcile.leads import LeadPlace
from crosscheck.reconcile.mainincident import days_between, incident_date
from crosscheck.reconcile.mentionfeatures import Features
from crosscheck.reconcile.text import tables

if TYPE_CHECKING:
    from crosscheck.reconcile.events import Clusters


def _time_gap(members: list[Features], published: str) -> int | None:
    """Days from the incident to a report about it (None: the report cannot be about it)."""
    day = incident_date(members)
    if day is not None:
        gap = days_between(day, published)
        if gap is None or not 0 <= gap <= int(tables()["main_incident_max_age_days"]):
            return None
        return gap
    gaps = [
        abs(g)
        for f in members
        if f.published
        for g in [days_between(f.published, published)]
        if g is not None
    ]
    close = [g for g in gaps if g <= int(tables()["context_days"])]
    return min(close) if close else None


def mains_by_lead_place(
    feats: list[Features],
    clusters: Clusters,
    docs: dict[str, Document],
    leads: dict[str, LeadPlace],
    mains: dict[str, str],
) -> dict[str, str]:
    """``mains`` plus, for reports that name no violent incident, the one their lead places.

    A report whose lead says where something happened but whose words the extractor did not
    read as an incident ("Shots rang out at a stadium in Lusaka") is about the incident other
    reports place in that city at that time; its figures attach there.

    Returns:
        Per document, the id of a mention of its main violent incident.
    """
    # Only the places of reports still without a main incident need their incidents listed.
    asking = {
        doc_id: (lead, published)
        for doc_id in sorted(set(docs) - set(mains))
        for lead, published in [(leads.get(doc_id), docs[doc_id].published)]
        if lead is not None and published
    }
    wanted = {lead.key for lead, _ in asking.values()}
    by_place: dict[str, set[str]] = defaultdict(set)
    for i, f in enumerate(feats):
        where = f.place or f.context_place
        if where in wanted and f.family == "violent":
            by_place[where].add(clusters.root(i))
    out = dict(mains)
    for doc_id, (lead, published) in asking.items():
        ranked = []
        for root in by_place.get(lead.key, ()):
            members = [feats[k] for k in clusters.members[root]]
            gap = _time_gap(members, published)
            if gap is not None:
                ranked.append((gap, -len(members), root))
        if ranked:
            root = min(ranked)[2]
            out[doc_id] = feats[min(clusters.members[root], key=lambda k: feats[k].id)].id
    return out


__all__ = ["mains_by_lead_place"]
