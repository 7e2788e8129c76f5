"""Watch rules: checked on the way in; alerts keyed so that a match is raised once."""

from __future__ import annotations

import pytest

from crosscheck.assess.records import Target
from crosscheck.assess.rules import (
    Resolved,
    figure_changes,
    make_rule,
    match_reports,
    match_warnings,
)
from crosscheck.assess.warnings import Place, Warning
from crosscheck.errors import AssessmentError
from crosscheck.model import ClaimGroup, Document, Estimate, Subject


def test_make_rule_id_is_stable_and_checked() -> None:
    a = make_rule("report", [Target("entity", "Red  Dawn Front")])
    b = make_rule("report", [Target("entity", "red dawn front")])
    assert a.id == b.id and a.targets[0].text == "Red Dawn Front"
    with pytest.raises(AssessmentError, match="names 2 targets"):
        make_rule("pair", [Target("entity", "A")])
    with pytest.raises(AssessmentError, match="cannot name a event"):
        make_rule("warning", [Target("event", "blast")])
    with pytest.raises(AssessmentError, match="not one of"):
        make_rule("rumour", [Target("entity", "A")])
    with pytest.raises(AssessmentError, match="measure"):
        make_rule("report", [Target("entity", "A")], measure="killed")
    with pytest.raises(AssessmentError, match="http"):
        make_rule("report", [Target("entity", "A")], webhook="file:///etc/passwd")


def test_match_reports_needs_every_target() -> None:
    rule = make_rule("pair", [Target("entity", "A"), Target("place", "B")])
    resolved = [Resolved(t, {f"n-{t.text}"}, [t.text]) for t in rule.targets]
    docs = {"d1": Document("d1", "h", "t", title="One", outlet="Wire", published="2024-01-02")}
    records = {"d1": {"n-A", "n-B"}, "d2": {"n-A"}}
    alerts = match_reports(rule, resolved, records, docs)
    assert [a.doc_id for a in alerts] == ["d1"]
    assert alerts[0].summary == "One (Wire, 2024-01-02) names both A and B"
    again = match_reports(rule, resolved, records, docs)
    assert again[0].id == alerts[0].id  # the same match, the same alert id


def test_match_warnings_by_place_name() -> None:
    rule = make_rule("warning", [Target("place", "Nairobi")])
    w = Warning(
        "s-1",
        "d-1",
        "The embassy",
        "attacks on malls",
        "…",
        "2024-05-02",
        "day",
        "2024-05-02",
        [Place("Nairobi")],
    )
    other = Warning(
        "s-2",
        "d-1",
        "Police",
        "attacks on malls",
        "…",
        None,
        "published",
        "2024-05-02",
        [Place("Mombasa")],
    )
    alerts = match_warnings(rule, Resolved(rule.targets[0], set(), ["Nairobi"]), [w, other], {})
    assert [a.evidence["statement"] for a in alerts] == ["s-1"]


def _group(status: str, best: int) -> ClaimGroup:
    return ClaimGroup(
        "g-1",
        Subject("event", "e-1", "blast"),
        "killed",
        "people killed",
        status,
        ["c"],
        2,
        Estimate(best, best, best),
    )


def test_figure_changes_fire_once_per_new_state() -> None:
    rule = make_rule("figure", [Target("event", "blast")])
    first, state = figure_changes(rule, [_group("evolving", 10)], {})
    assert [a.title for a in first] == ["figure: blast: people killed new figure"]
    same, state2 = figure_changes(rule, [_group("evolving", 10)], state)
    assert same == [] and state2 == state
    turned, _ = figure_changes(rule, [_group("conflict", 12)], state)
    assert turned[0].title.endswith("turned to conflict")
    assert "was evolving 10/10/10" in turned[0].summary
