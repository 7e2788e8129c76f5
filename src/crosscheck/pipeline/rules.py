"""Watch rules over the store: add, list, remove, resolve their targets, run them.

A rule is an action in the assessment log (kind ``rule``): adding the same rule twice adds
it once (its id hashes what it watches). :func:`run_rules` runs every rule over the reports
of the last ingest; :mod:`crosscheck.pipeline.followup` calls it at the end of every ingest,
re-processing and batch of ``crosscheck watch``. Targets are resolved against the picture
on every run (by name, with aliases), so a rule may name what is not in the store yet and
keeps working when incidents re-link. Rules never name people: a target that only matches
people (PERSON) or groups of people (NORP) is refused, and such entities never match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosscheck.analysis.geo import geocode
from crosscheck.assess.records import Action, Alert, Rule, Target
from crosscheck.assess.rules import (
    Resolved,
    figure_changes,
    make_rule,
    match_reports,
    match_warnings,
)
from crosscheck.assess.tables import section
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.model import ClaimGroup
from crosscheck.pipeline.paging import Listing, check_page
from crosscheck.pipeline.warnings import read_warnings
from crosscheck.reconcile.text import fold
from crosscheck.store import Store

_PLACE_LABELS = ("GPE", "LOC", "FAC")


def active_rules(store: Store) -> list[Rule]:
    """The rules in force, oldest first."""
    rules: dict[str, Rule] = {}
    for act in store.actions("rule"):
        if act.action == "add":
            p = act.payload
            rules[act.target] = Rule(
                id=act.target,
                kind=p["kind"],
                targets=[Target(t["kind"], t["text"]) for t in p["targets"]],
                measure=p.get("measure"),
                name=p.get("name", ""),
                webhook=p.get("webhook"),
                author=act.author,
                reason=act.reason,
                created_at=act.created_at,
            )
        elif act.action == "remove":
            rules.pop(act.target, None)
    return list(rules.values())


def resolve_target(store: Store, target: Target) -> tuple[Resolved, list[str]]:
    """What ``target`` names now, and the people it also matched (left out on purpose)."""
    found = Resolved(target, names=[target.text])
    if target.kind == "event":
        events = store.events_matching(target.text.split())
        if target.text.startswith("e-"):
            events += [e for e in [store.get_event(target.text)] if e is not None]
        found.ids = {e.id for e in events}
        found.names += [e.name for e in events]
        return found, []
    allowed = set(section("rules")["allowed_labels"])
    if target.kind == "place":
        allowed &= set(_PLACE_LABELS)
    want = fold(target.text)
    # Resolution may file a country under its people's name ("Tajikistan" with "Tajik",
    # labelled NORP); a rule naming the country itself still means the place.
    country = geocode(target.text) is not None
    people = []
    for entity in store.entities_matching(target.text.split()):
        if want not in {fold(entity.name), *map(fold, entity.aliases)}:
            continue
        as_place = country and entity.label == "NORP" and fold(entity.name) == want
        if entity.label not in allowed and not as_place:
            people.append(f"{entity.name} ({entity.label})")
            continue
        found.ids.add(entity.id)
        found.names += [n for n in (entity.name, *entity.aliases) if n not in found.names]
    return found, people


def add_rule(
    store: Store,
    kind: str,
    targets: Sequence[Target],
    *,
    measure: str | None = None,
    name: str = "",
    webhook: str | None = None,
    author: str = "analyst",
    reason: str = "",
) -> Rule:
    """Add a watch rule (once: the same rule again returns the one in force).

    A figure rule starts from the figures as they are now: it alerts on what changes later.
    """
    rule = make_rule(
        kind, targets, measure=measure, name=name, webhook=webhook, author=author, reason=reason
    )
    for target in rule.targets:
        resolved, people = resolve_target(store, target)
        if people and not resolved.ids:
            raise AssessmentError(
                f"{target.text!r} names {', '.join(people)}: watch rules name events, places,"
                " organisations and figures, never people or groups of people"
            )
    existing = {r.id: r for r in active_rules(store)}
    if rule.id in existing:
        return existing[rule.id]
    payload: dict[str, Any] = rule.to_dict()
    for key in ("id", "author", "reason", "created_at"):
        payload.pop(key)
    act = store.add_action(Action("rule", rule.id, "add", payload, author, reason))
    rule.created_at = act.created_at
    if rule.kind == "figure":
        _, state = figure_changes(rule, _subject_groups(store, rule), {})
        store.save_rule_state(rule.id, state)
    return rule


def remove_rule(store: Store, rule_id: str, author: str = "analyst", reason: str = "") -> Rule:
    """Stop a rule; its alerts stay."""
    rule = find_rule(store, rule_id)
    store.add_action(Action("rule", rule.id, "remove", {}, author, reason))
    return rule


def find_rule(store: Store, ref: str) -> Rule:
    """A rule in force by id or unique id prefix."""
    rules = active_rules(store)
    hits = [r for r in rules if r.id == ref] or [r for r in rules if r.id.startswith(ref)]
    if len(hits) != 1:
        known = ", ".join(r.id for r in rules) or "none"
        raise NotFoundError(
            f"no single rule {ref!r} in force (rules: {known}); see `crosscheck rules list`"
        )
    return hits[0]


def _subject_groups(store: Store, rule: Rule) -> list[ClaimGroup]:
    resolved, _ = resolve_target(store, rule.targets[0])
    groups: list[ClaimGroup] = []
    for subject in sorted(resolved.ids):
        groups += store.select_groups(subject_id=subject, measure=rule.measure)
    return groups


def evaluate_rules(store: Store, doc_ids: Sequence[str]) -> list[Alert]:
    """What every rule in force finds in the documents ``doc_ids`` (nothing is stored)."""
    rules = active_rules(store)
    out: list[Alert] = []
    if not rules:
        return out
    kinds = {r.kind for r in rules}
    records = store.document_records(doc_ids) if kinds & {"report", "pair"} and doc_ids else {}
    docs = {d.id: d for d in store.documents_by_ids(d for d, held in records.items() if held)}
    warnings = read_warnings(store, doc_ids) if "warning" in kinds and doc_ids else []
    for rule in rules:
        resolved = [resolve_target(store, t)[0] for t in rule.targets]
        if rule.kind in ("report", "pair"):
            out += match_reports(rule, resolved, records, docs)
        elif rule.kind == "warning":
            out += match_warnings(rule, resolved[0], warnings, {})
        elif rule.kind == "figure":
            before = store.rule_state(rule.id)
            found, after = figure_changes(rule, _subject_groups(store, rule), before)
            if after != before:
                store.save_rule_state(rule.id, after)
            out += found
    return out


def run_rules(store: Store, doc_ids: Sequence[str]) -> list[Alert]:
    """Run every rule over ``doc_ids`` (the reports just ingested); store and return new alerts.

    An alert already stored (the same rule about the same report, statement or figure
    state) is not raised again, so re-ingesting or re-processing a report adds none.
    """
    return store.add_alerts(evaluate_rules(store, doc_ids))


def alerts_listing(
    store: Store, *, rule: str | None = None, limit: int | None = None, offset: int = 0
) -> Listing:
    """A page of alerts, newest first (optionally of one rule)."""
    check_page(limit, offset)
    rule_id = find_rule(store, rule).id if rule else None
    rows = [a.to_dict() for a in store.alerts_page(rule_id=rule_id, limit=limit, offset=offset)]
    return Listing(rows, store.count_alerts(rule_id=rule_id), limit, offset)


def rules_view(store: Store) -> list[dict[str, Any]]:
    """The rules in force with what they name now and how many alerts they raised."""
    out = []
    for rule in active_rules(store):
        resolved = [resolve_target(store, t)[0] for t in rule.targets]
        out.append(
            rule.to_dict()
            | {
                "matches_now": [sorted(r.ids) for r in resolved],
                "alerts": store.count_alerts(rule_id=rule.id),
            }
        )
    return out


__all__ = [
    "active_rules",
    "add_rule",
    "alerts_listing",
    "evaluate_rules",
    "find_rule",
    "remove_rule",
    "resolve_target",
    "rules_view",
    "run_rules",
]
