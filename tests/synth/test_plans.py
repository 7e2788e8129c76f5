"""Incident plans: scenarios give the statuses DESIGN.md prescribes."""

from __future__ import annotations

import random
from datetime import date

import pytest

from crosscheck.synth.numbers import Quantity
from crosscheck.synth.plans import Report, plan_measure, plan_reports, status_by_rules

D1, D2, D3 = date(2031, 3, 1), date(2031, 3, 2), date(2031, 3, 4)


@pytest.mark.parametrize(
    ("measure", "is_event", "claims", "status"),
    [
        ("killed", True, [("A", D1, Quantity("exact", 12))], "single"),
        (
            "killed",
            True,
            [("A", D1, Quantity("exact", 12)), ("A", D2, Quantity("exact", 30))],
            "single",
        ),
        (
            "killed",
            True,
            [("A", D1, Quantity("exact", 12)), ("B", D3, Quantity("exact", 12))],
            "corroborated",
        ),
        (
            "killed",
            True,
            [("A", D1, Quantity("at_least", 40)), ("B", D1, Quantity("at_most", 50))],
            "consistent",
        ),
        (
            "killed",
            True,
            [("A", D1, Quantity("exact", 12)), ("B", D2, Quantity("exact", 19))],
            "evolving",
        ),
        (
            "killed",
            True,
            [("A", D2, Quantity("exact", 12)), ("B", D1, Quantity("exact", 19))],
            "conflict",
        ),
        (
            "killed",
            True,
            [("A", D1, Quantity("exact", 12)), ("B", D1, Quantity("exact", 19))],
            "conflict",
        ),
        (
            "killed",
            True,
            [("A", D1, Quantity("at_least", 12)), ("B", D2, Quantity("exact", 19))],
            "consistent",
        ),
        (
            "percent",
            False,
            [("A", D1, Quantity("exact", 38)), ("B", D3, Quantity("exact", 45))],
            "conflict",
        ),
        (
            "count",
            False,
            [("A", D1, Quantity("exact", 4000)), ("B", D2, Quantity("exact", 4000))],
            "corroborated",
        ),
    ],
)
def test_plans_status_by_rules(measure: str, is_event: bool, claims: list, status: str) -> None:
    assert status_by_rules(measure, is_event, claims) == status


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize(
    ("measure", "is_event"),
    [("killed", True), ("arrested", True), ("count", False), ("percent", False)],
)
def test_plans_scenario_yields_its_status(seed: int, measure: str, is_event: bool) -> None:
    rng = random.Random(seed)
    outlets = [f"Outlet {i}" for i in range(10)]
    reports = plan_reports(rng.randint(1, 5), D1, outlets, rng)
    plan = plan_measure(measure, is_event, reports, rng)
    expected = "single" if plan.scenario == "single" else plan.scenario
    assert plan.status == expected
    assert plan.values and set(plan.values) <= {r.position for r in reports}
    for q in plan.values.values():
        assert q.low is None or q.low >= 1
        if measure == "percent":
            assert q.high is None or q.high < 100


def test_plans_reports_use_distinct_outlets_in_date_order() -> None:
    rng = random.Random(3)
    reports = plan_reports(5, D1, [f"O{i}" for i in range(8)], rng)
    assert len({r.outlet for r in reports}) == 5
    assert [r.published for r in reports] == sorted(r.published for r in reports)
    assert all(r.published >= D1 for r in reports)
    assert [r.position for r in reports] == list(range(5))


def test_plans_stable_measures_never_evolve() -> None:
    reports = [Report(i, f"O{i}", date(2031, 3, 1 + i)) for i in range(4)]
    scenarios = {
        plan_measure("perpetrators", True, reports, random.Random(s)).scenario for s in range(60)
    }
    assert scenarios <= {"single", "corroborated"}
