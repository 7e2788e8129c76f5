"""Admiralty grades over the store: suggestions from the picture, the analysts' own grades.

* Outlets: the track record of every outlet (how often its figures were right, superseded
  as early counts, or contradicted by the best estimate) is refreshed after every picture
  update (:func:`refresh_outlet_records`, called by :mod:`crosscheck.pipeline.followup`),
  so pages read grades without recomputing them.
* Claims: credibility is worked out when shown, from the claim's group.
* An analyst's grade is an action in the assessment log (kind ``grade``, target
  ``outlet:NAME`` or ``claim:ID``); it always wins over the suggestion and, keyed by the
  outlet's name or the claim's stable id, survives re-processing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crosscheck.assess.grading import (
    ClaimFacts,
    Grade,
    admiralty,
    claim_credibility,
    effective,
    group_outcomes,
    outlet_reliability,
    sum_outcomes,
)
from crosscheck.assess.questions import check_credibility, check_reliability
from crosscheck.assess.records import Action
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.model import ClaimGroup, Estimate, Subject
from crosscheck.store import Store

GRADE_KINDS = ("outlet", "claim")


#: Per open store, each group's outcomes as last worked out, with the group they came from.
_OUTCOMES: weakref.WeakKeyDictionary[Store, dict[str, tuple[ClaimGroup, dict[str, str]]]] = (
    weakref.WeakKeyDictionary()
)


def refresh_outlet_records(
    store: Store,
    groups: Sequence[ClaimGroup] | None = None,
    touched_doc_ids: Sequence[str] | None = None,
) -> int:
    """Recompute every outlet's track record from the picture; returns how many outlets.

    A picture update hands out the very group objects of the last picture where nothing
    changed (:mod:`crosscheck.pipeline.picture`), so only the outcomes of groups that are new
    objects, or hold a claim of ``touched_doc_ids`` (whose figures may have been extracted
    anew), are worked out again. ``touched_doc_ids`` None: everything is worked out again.
    """
    groups = store.groups() if groups is None else groups
    memo = _OUTCOMES.get(store, {}) if touched_doc_ids is not None else {}
    if memo and touched_doc_ids:
        stale: set[str] = set()
        for start in range(0, len(touched_doc_ids), 400):
            chunk = list(touched_doc_ids[start : start + 400])
            stale.update(c.id for c in store.claims(doc_ids=chunk))
        memo = {k: v for k, v in memo.items() if stale.isdisjoint(v[0].claims)}
    kept: dict[str, tuple[ClaimGroup, dict[str, str]]] = {}
    todo = []
    for g in groups:
        hit = memo.get(g.id)
        if hit is not None and hit[0] is g:
            kept[g.id] = hit
        elif g.sources >= 2:
            todo.append(g)
    facts = store.claim_facts([cid for g in todo for cid in g.claims]) if todo else {}
    kept.update((g.id, (g, group_outcomes(g, facts))) for g in todo)
    _OUTCOMES[store] = kept
    records = sum_outcomes(outcomes for _, outcomes in kept.values())
    store.save_outlet_records(records)
    return len(records)


def prepare_outlet_records(
    store: Store, groups: Sequence[ClaimGroup], facts: Mapping[str, ClaimFacts] | None = None
) -> None:
    """Work out the outcomes of ``groups`` now, unless this process already holds some.

    For the groups of the picture the next update starts from, read ahead while a worker
    extracts (:func:`crosscheck.pipeline.followup.prepare_follow_up`): the refresh after
    that update then works out only the groups it changed, as in a process that made the
    last picture itself, instead of reading every claim's outlet and figures again.
    ``facts``: the claims' as the caller holds them (else read from the store).
    """
    if store in _OUTCOMES:
        return
    todo = [g for g in groups if g.sources >= 2]
    if facts is None:
        facts = store.claim_facts([cid for g in todo for cid in g.claims]) if todo else {}
    _OUTCOMES[store] = {g.id: (g, group_outcomes(g, facts)) for g in todo}


def analyst_grades(store: Store, kind: str) -> dict[str, tuple[str, str, Action]]:
    """Grades analysts set for ``kind`` ("outlet" or "claim").

    Returns:
        outlet name or claim id -> (grade, reason, the action that set it).
    """
    out: dict[str, tuple[str, str, Action]] = {}
    prefix = f"{kind}:"
    for act in store.actions("grade"):
        if not act.target.startswith(prefix):
            continue
        name = act.target[len(prefix) :]
        if act.action == "set":
            out[name] = (str(act.payload["value"]), act.reason, act)
        else:
            out.pop(name, None)
    return out


def reliabilities(store: Store, outlets: Iterable[str] | None = None) -> dict[str, Grade]:
    """The reliability in force per outlet: the analyst's grade, else the suggestion."""
    records = store.outlet_records()
    set_by = analyst_grades(store, "outlet")
    names = set(outlets) if outlets is not None else set(records) | set(set_by)
    return {
        o: effective(outlet_reliability(o, records.get(o)), _pair(set_by.get(o))) for o in names
    }


def _pair(found: tuple[str, str, Action] | None) -> tuple[str, str] | None:
    return None if found is None else (found[0], found[1])


def outlet_grades(store: Store) -> list[dict[str, Any]]:
    """Every outlet with its track record, suggested and analyst grades, the grade in force."""
    records = store.outlet_records()
    set_by = analyst_grades(store, "outlet")
    counts = store.outlet_counts()
    rows = []
    for outlet in sorted(set(counts) | set(records) | set(set_by)):
        rec = records.get(outlet)
        suggested = outlet_reliability(outlet, rec)
        analyst = set_by.get(outlet)
        rows.append(
            {
                "outlet": outlet,
                "documents": counts.get(outlet, 0),
                "right": rec.right if rec else 0,
                "superseded": rec.superseded if rec else 0,
                "contradicted": rec.contradicted if rec else 0,
                "suggested": suggested.to_dict(),
                "analyst": None
                if analyst is None
                else {
                    "value": analyst[0],
                    "reason": analyst[1],
                    "author": analyst[2].author,
                    "at": analyst[2].created_at,
                },
                "grade": effective(suggested, _pair(analyst)).to_dict(),
            }
        )
    return rows


def claim_grades(store: Store, groups: Sequence[ClaimGroup]) -> dict[str, dict[str, Any]]:
    """Credibility, reliability and the two-character code of every claim of ``groups``."""
    facts = store.claim_facts([cid for g in groups for cid in g.claims])
    set_by = analyst_grades(store, "claim")
    outlets = reliabilities(store, {f.outlet for f in facts.values() if f.outlet})
    out: dict[str, dict[str, Any]] = {}
    for g in groups:
        for cid in g.claims:
            f = facts.get(cid)
            if f is None:
                continue
            out[cid] = grade_claim(cid, f, g, outlets.get(f.outlet or ""), set_by.get(cid))
    return out


def grade_claim(
    claim_id: str,
    facts: ClaimFacts,
    group: ClaimGroup | None,
    reliability: Grade | None,
    analyst: tuple[str, str, Action] | None = None,
) -> dict[str, Any]:
    """One claim's grades as shown next to it."""
    rel = reliability or outlet_reliability(facts.outlet or "an unnamed outlet", None)
    cred = effective(claim_credibility(facts, group, rel.value), _pair(analyst))
    return {
        "claim": claim_id,
        "code": admiralty(rel.value, cred.value),
        "reliability": rel.to_dict(),
        "credibility": cred.to_dict(),
    }


def annotate_groups(store: Store, groups: list[dict[str, Any]]) -> None:
    """Add ``grade`` to each claim detail of these group views (pages and the brief)."""
    records = [group_record(g) for g in groups]
    grades = claim_grades(store, records)
    for g in groups:
        for c in g.get("claim_details", []):
            c["grade"] = grades.get(c["id"])


def group_record(view: dict[str, Any]) -> ClaimGroup:
    """The group record behind a group view (as :mod:`crosscheck.pipeline.views` shows it)."""
    est = view["estimate"]
    return ClaimGroup(
        id=view["id"],
        subject=Subject(**view["subject"]),
        measure=view["measure"],
        label=view["label"],
        status=view["status"],
        claims=list(view["claims"]),
        sources=view["sources"],
        estimate=Estimate(est["low"], est["best"], est["high"]),
    )


def set_grade(
    store: Store, kind: str, target: str, value: str, author: str = "analyst", reason: str = ""
) -> Action:
    """Set an analyst's grade for an outlet (A-F) or a claim (1-6); it beats any suggestion.

    ``value`` "clear" removes the analyst's grade, so the suggestion applies again.
    """
    if kind not in GRADE_KINDS:
        raise AssessmentError(f"cannot grade a {kind!r}; grade an outlet or a claim")
    if kind == "outlet":
        if target not in store.outlet_counts():
            raise NotFoundError(
                f"outlet {target!r} has no document in {store.url}; see `crosscheck grades`"
                " for the outlets it knows"
            )
    elif not store.claims_by_ids([target]):
        raise NotFoundError(f"claim {target!r} not found; list claims with `crosscheck claims`")
    if value.strip().lower() == "clear":
        return store.add_action(Action("grade", f"{kind}:{target}", "clear", {}, author, reason))
    canon = check_reliability(value) if kind == "outlet" else check_credibility(value)
    return store.add_action(
        Action("grade", f"{kind}:{target}", "set", {"value": canon}, author, reason)
    )


__all__ = [
    "GRADE_KINDS",
    "analyst_grades",
    "annotate_groups",
    "claim_grades",
    "grade_claim",
    "group_record",
    "outlet_grades",
    "refresh_outlet_records",
    "reliabilities",
    "set_grade",
]
