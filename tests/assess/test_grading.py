"""Admiralty grading: claim credibility from the verdict, outlet reliability from a record."""

from __future__ import annotations

import pytest

from crosscheck.assess.grading import (
    ClaimFacts,
    TrackRecord,
    admiralty,
    claim_credibility,
    effective,
    outlet_reliability,
    track_records,
)
from crosscheck.model import ClaimGroup, Estimate, Subject


def _group(status: str, claims: list[str], best: float, sources: int = 2) -> ClaimGroup:
    return ClaimGroup(
        id=f"g-{status}-{best}",
        subject=Subject("event", "e-1", "blast"),
        measure="killed",
        label="people killed",
        status=status,
        claims=claims,
        sources=sources,
        estimate=Estimate(None, best, None),
    )


@pytest.mark.parametrize(
    ("status", "sources", "claim", "value"),
    [
        ("corroborated", 3, (12, 12), "1"),
        ("corroborated", 2, (12, 12), "2"),
        ("evolving", 2, (12, 12), "2"),  # the latest figure
        ("evolving", 2, (5, 5), "3"),  # an early count, later superseded
        ("consistent", 2, (10, None), "3"),
        ("conflict", 2, (12, 12), "4"),  # in conflict but agrees with the best estimate
        ("conflict", 2, (30, 30), "5"),  # contradicted by the best estimate
    ],
)
def test_claim_credibility(status: str, sources: int, claim: tuple, value: str) -> None:
    grade = claim_credibility(ClaimFacts("X", *claim), _group(status, ["c"], 12, sources))
    assert grade.value == value
    assert grade.reason and grade.source == "suggested"


def test_single_source_depends_on_the_outlet() -> None:
    single = _group("single", ["c"], 12, 1)
    assert claim_credibility(ClaimFacts("X", 12, 12), single, "B").value == "3"
    assert claim_credibility(ClaimFacts("X", 12, 12), single, "F").value == "6"
    assert claim_credibility(ClaimFacts("X", 12, 12), None).value == "6"


def test_usually_right_outlet_grades_above_usually_superseded() -> None:
    # Five incidents: "Steady" always gives the final toll, "Quick" always an early one.
    groups, claims = [], {}
    for n in range(5):
        final = 20 + n
        claims[f"s{n}"] = ClaimFacts("Steady", final, final)
        claims[f"q{n}"] = ClaimFacts("Quick", final - 9, final - 9)
        groups.append(_group("evolving", [f"q{n}", f"s{n}"], final))
    records = track_records(groups, claims)
    assert (records["Steady"].right, records["Steady"].superseded) == (5, 0)
    assert (records["Quick"].right, records["Quick"].superseded) == (0, 5)
    steady = outlet_reliability("Steady", records["Steady"])
    quick = outlet_reliability("Quick", records["Quick"])
    assert steady.value < quick.value  # A/B before D/E
    assert "5 were right" in steady.reason and "5 early counts" in quick.reason


def test_track_record_counts_an_outlet_once_per_group_and_skips_single_sources() -> None:
    claims = {
        "a1": ClaimFacts("A", 9, 9),
        "a2": ClaimFacts("A", 12, 12),
        "b": ClaimFacts("B", 12, 12),
    }
    groups = [_group("evolving", ["a1", "a2", "b"], 12), _group("single", ["a1"], 9, 1)]
    records = track_records(groups, claims)
    assert (records["A"].right, records["A"].superseded) == (1, 0)


def test_contradicted_and_cannot_be_judged() -> None:
    assert outlet_reliability("New", None).value == "F"
    assert outlet_reliability("New", TrackRecord("New", right=2)).value == "F"
    bad = TrackRecord("Bad", right=1, contradicted=4)
    assert outlet_reliability("Bad", bad).value == "E"


def test_analyst_grade_wins_and_codes() -> None:
    suggested = outlet_reliability("New", None)
    assert effective(suggested, ("B", "long record elsewhere")).value == "B"
    assert effective(suggested, ("B", "")).source == "analyst"
    assert effective(suggested, None) is suggested
    assert admiralty("B", "2") == "B2" and admiralty(None, None) == "F6"
