"""What a brief says, independent of its format: incidents, figures, verdicts, sources.

Builds plain dicts from :mod:`crosscheck.pipeline.views`; the Markdown and HTML
renderers only lay them out. A brief opens with its bottom line (the incidents and
their contested figures in a few lines) and its scope (when it was generated, from
which reports); every quoted sentence carries the number of its source in the source
list. Sorted throughout; the only clock is the generation date, which callers may
fix: the same store and date give the same brief.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from crosscheck.pipeline.ach import list_questions
from crosscheck.pipeline.ach_matrix import matrix_view
from crosscheck.pipeline.grading import annotate_groups
from crosscheck.pipeline.reasons import explain_groups
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


#: Event measures the bottom line reports first, in this order.
HEADLINE_MEASURES = ("killed", "injured", "casualties", "arrested", "perpetrators", "missing")
#: Incidents the bottom line names; the rest are in the body.
BLUF_INCIDENTS = 5


def _headline(section: dict[str, Any]) -> dict[str, Any]:
    """One line of the bottom line: an incident and its main figures with their verdicts."""
    groups = section["agree"] + section["single"] + section["differ"]
    rank = {m: i for i, m in enumerate(HEADLINE_MEASURES)}
    figures = []
    for g in sorted(groups, key=lambda g: (rank.get(g["measure"], 99), g["measure"], g["id"])):
        if g["measure"] not in rank or g["estimate"].get("best") is None:
            continue
        est = g["estimate"]
        figures.append(
            {
                "label": g["label"],
                "best": est.get("best"),
                "low": est.get("low"),
                "high": est.get("high"),
                "status": g["status"],
                "sources": g["sources"],
            }
        )
    return {"event": section["event"], "reports": len(section["documents"]), "figures": figures}


def _bottom_line(sections: list[dict[str, Any]], other: list[dict[str, Any]]) -> dict[str, Any]:
    differ = [g for s in sections for g in s["differ"]] + [
        g for g in other if g["status"] in DIFFER
    ]
    return {
        "incidents": [_headline(s) for s in sections[:BLUF_INCIDENTS]],
        "more_incidents": max(0, len(sections) - BLUF_INCIDENTS),
        "conflicts": sum(1 for g in differ if g["status"] == "conflict"),
        "evolving": sum(1 for g in differ if g["status"] == "evolving"),
    }


def _number_sources(content: dict[str, Any]) -> None:
    """Number the sources (S1, S2, …) and give every quoted claim its source's number."""
    numbers = {d["id"]: i + 1 for i, d in enumerate(content["sources"])}
    for d in content["sources"]:
        d["number"] = numbers[d["id"]]
    groups = [g for s in content["sections"] for k in ("agree", "single", "differ") for g in s[k]]
    for g in groups + content["other"]:
        for c in g["claim_details"]:
            c["source_number"] = numbers.get(c["document"]["id"])
        for part in g.get("reason_parts") or []:
            if "claim" in part:
                part["source_number"] = numbers.get(part.get("document") or "")


def _scope(event: str | None, sources: list[dict[str, Any]], generated: str) -> dict[str, Any]:
    dates = sorted(d["published"] for d in sources if d.get("published"))
    return {
        "generated": generated,
        "event": event,
        "documents": len(sources),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }


def _events_with_figures(
    store: Store, by_subject: dict[str | None, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Every stored incident some group of figures is about."""
    return [
        ev for ev in (find_event(store, e.id) for e in store.events()) if by_subject.get(ev["id"])
    ]


def _sections(
    store: Store, events: list[dict[str, Any]], source_docs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """One section per incident, its figures split by verdict; notes the reports it cites."""
    sections = []
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
    return sections


def _other_groups(
    all_groups: list[dict[str, Any]],
    sections: list[dict[str, Any]],
    source_docs: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Groups outside the sections' incidents worth a line: several sources or a difference."""
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
    return other


def _shown_groups(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [g for s in sections for k in ("agree", "single", "differ") for g in s[k]]


def brief_content(
    store: Store, event: str | None = None, generated: str | None = None
) -> dict[str, Any]:
    """Everything a brief shows, for every incident with figures (or one incident).

    ``generated`` is the date printed as the brief's generation date (default: today, UTC).
    """
    events = [find_event(store, event)] if event else None
    all_groups = groups_view(store)
    by_subject: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for g in all_groups:
        by_subject[g["subject"]["id"]].append(g)
    if events is None:
        events = _events_with_figures(store, by_subject)
    # Document id -> the record the source list shows; a later record of one id wins.
    source_docs: dict[str, dict[str, Any]] = {}
    sections = _sections(store, events, source_docs)
    other = _other_groups(all_groups, sections, source_docs) if event is None else []
    shown = _shown_groups(sections)
    for g in shown:
        for c in g["claim_details"]:
            source_docs[c["document"]["id"]] = c["document"]
    sources = sorted(
        source_docs.values(),
        key=lambda d: (d.get("published") or "", d.get("outlet") or "", d["id"]),
    )
    explain_groups(store, shown + other)
    annotate_groups(store, shown + other)
    named = bool(event and events)  # a brief of one incident carries its name
    one_event = events[0]["name"] if named else None
    content = {
        "title": f"Cross-checked brief: {one_event}" if named else "Cross-checked brief",
        "scope": _scope(one_event, sources, generated or datetime.now(UTC).date().isoformat()),
        "bottom_line": _bottom_line(sections, other),
        "sections": sections,
        "other": other,
        "sources": [dict(d) for d in sources],
        "ach": _questions(store, {s["event"]["id"] for s in sections} if event else None),
    }
    _number_sources(content)
    return content


def _questions(store: Store, events: set[str] | None) -> list[dict[str, Any]]:
    """The ACH matrices to show: all of them, or those about the brief's event."""
    return [
        matrix_view(store, q["id"])
        for q in list_questions(store)
        if events is None or q["event"] in events
    ]


__all__ = ["brief_content"]
