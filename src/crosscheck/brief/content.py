"""What a brief says, independent of its format: incidents, figures, verdicts, sources.

Builds plain dicts from :mod:`crosscheck.pipeline.views`; the Markdown and HTML
renderers only lay them out. Sorted throughout, no clock: the same store gives the same brief.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from crosscheck.pipeline.ach import list_questions
from crosscheck.pipeline.ach_matrix import matrix_view
from crosscheck.pipeline.grading import annotate_groups
from crosscheck.pipeline.views import event_view, find_event, groups_view
from crosscheck.store import Store

AGREE = ("corroborated", "consistent", "single")
DIFFER = ("conflict", "evolving")


def _series(group: dict[str, Any]) -> list[dict[str, Any]]:
    """A group's figures in publication order, for the chart / table of an evolving figure."""
    points = []
    for c in group["claim_details"]:
        if c.get("review") == "rejected":
            continue
        points.append(
            {
                "published": c["published"] or "",
                "as_of": c["as_of"],
                "low": c["low"],
                "high": c["high"],
                "value": c["value"],
                "outlet": c["outlet"] or c["document"].get("title") or c["document"]["id"],
            }
        )
    return sorted(points, key=lambda p: (p["as_of"] or p["published"], p["outlet"]))


def _split(groups: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    for g in groups:
        g["series"] = _series(g)
    return {
        "agree": [g for g in groups if g["status"] in AGREE and g["sources"] > 1],
        "single": [g for g in groups if g["status"] == "single"],
        "differ": [g for g in groups if g["status"] in DIFFER],
    }


def brief_content(store: Store, event: str | None = None) -> dict[str, Any]:
    """Everything a brief shows, for every incident with figures (or one incident)."""
    events = [find_event(store, event)] if event else None
    all_groups = groups_view(store)
    by_subject: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for g in all_groups:
        by_subject[g["subject"]["id"]].append(g)
    if events is None:
        events = [
            ev
            for ev in (find_event(store, e.id) for e in store.events())
            if by_subject.get(ev["id"])
        ]
    sections = []
    source_docs: dict[str, dict[str, Any]] = {}
    views = [event_view(store, ev["id"]) for ev in events]
    # The most-reported incidents lead; background incidents one report mentions come last.
    views.sort(key=lambda v: (-len(v["documents"]), v["event"]["date"] or "", v["event"]["id"]))
    for view in views:
        for d in view["documents"]:
            source_docs[d["id"]] = d
        sections.append(
            {
                "event": view["event"],
                "actors": view["actors"],
                "documents": view["documents"],
                "statements": view["statements"][:10],
                **_split(view["groups"]),
            }
        )
    other: list[dict[str, Any]] = []
    if event is None:
        event_ids = {s["event"]["id"] for s in sections}
        other = [
            g
            for g in all_groups
            if g["subject"]["kind"] != "event" or g["subject"]["id"] not in event_ids
        ]
        other = [g for g in other if g["sources"] > 1 or g["status"] != "single"]
        for g in other:
            g["series"] = _series(g)
            for c in g["claim_details"]:
                source_docs[c["document"]["id"]] = c["document"]
    for s in sections:
        for bucket in ("agree", "single", "differ"):
            for g in s[bucket]:
                for c in g["claim_details"]:
                    source_docs[c["document"]["id"]] = c["document"]
    shown = [g for s in sections for b in ("agree", "single", "differ") for g in s[b]] + other
    annotate_groups(store, shown)
    sources = sorted(
        source_docs.values(),
        key=lambda d: (d.get("published") or "", d.get("outlet") or "", d["id"]),
    )
    return {
        "title": f"Cross-checked brief: {events[0]['name']}"
        if event and events
        else "Cross-checked brief",
        "sections": sections,
        "other": other,
        "sources": sources,
        "ach": _questions(store, {s["event"]["id"] for s in sections} if event else None),
    }


def _questions(store: Store, events: set[str] | None) -> list[dict[str, Any]]:
    """The ACH matrices to show: all of them, or those about the brief's event."""
    return [
        matrix_view(store, q["id"])
        for q in list_questions(store)
        if events is None or q["event"] in events
    ]


__all__ = ["brief_content"]
