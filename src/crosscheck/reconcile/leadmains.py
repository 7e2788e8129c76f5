"""Reports that name no incident of their own: the incident their lead places.

A report whose lead says where something happened, but whose words the extractor did not
read as an incident ("Shots rang out at a stadium in Lusaka"), is about the incident other
reports place in that city at that time. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from crosscheck.reconcile.mainincident import days_between, incident_date
from crosscheck.reconcile.mentionfeatures import Features
from crosscheck.reconcile.text import tables


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


def lead_place_main(
    published: str, incidents: Iterable[tuple[str, Sequence[Features]]]
) -> str | None:
    """The incident a report naming none of its own is about, or None.

    A report whose lead says where something happened but whose words the extractor did not
    read as an incident ("Shots rang out at a stadium in Lusaka") is about the incident other
    reports place in that city at that time; its figures attach there.

    Args:
        published: the report's publication date.
        incidents: (root, members) of the violent incidents placed where its lead says.

    Returns:
        The root of the closest incident in time (then the most mentioned), or None.
    """
    ranked = []
    for root, members in incidents:
        gap = _time_gap(list(members), published)
        if gap is not None:
            ranked.append((gap, -len(members), root))
    return min(ranked)[2] if ranked else None


__all__ = ["lead_place_main"]
