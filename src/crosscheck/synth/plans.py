"""Plan synthetic incidents: which outlets report them, when, and which figures each gives.

An :class:`Incident` is one event (a shooting in a real city at a fictional date) or
one statistical profile (a fictional armed group and country). Its reports come from
different outlets on chosen days; for every measure a *scenario* decides the values so
that the group of claims has a known status under the DESIGN.md rules:

* ``single``: one report gives the figure;
* ``corroborated``: several outlets give the same interval;
* ``evolving``: an event count rises from one publication day to the next;
* ``conflict``: two outlets disagree on the same day, a toll falls, or a statistic
  differs within a week;
* ``consistent``: intervals overlap without being equal ("at least 40" / "nearly 50").

:func:`status_by_rules` re-derives the status from the planned values alone, so tests
can check every plan against the rules. This module knows nothing of text.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from crosscheck.synth.numbers import Form, Quantity
from crosscheck.synth.vocab import City, templates

EVENT_MEASURES = ("killed", "injured", "arrested", "perpetrators", "sentenced", "displaced")

# Plausible values per measure: (lowest, highest, rounding step).
VALUE_RANGES: dict[str, tuple[int, int, int]] = {
    "killed": (3, 120, 1),
    "injured": (5, 240, 1),
    "arrested": (2, 14, 1),
    "perpetrators": (2, 5, 1),
    "sentenced": (2, 9, 1),
    "count": (800, 12_000, 100),
    "percent": (6, 40, 1),  # low enough that two steps up stay below 100
}

# How often a measure is reported for an incident of each kind.
MEASURE_ODDS: dict[str, float] = {
    "killed": 0.95,
    "injured": 0.8,
    "perpetrators": 0.3,
    "arrested": 0.3,
    "sentenced": 1.0,
    "count": 0.9,
    "percent": 0.6,
}
SCENARIO_WEIGHTS: dict[str, float] = {
    "single": 0.15,
    "corroborated": 0.25,
    "evolving": 0.25,
    "conflict": 0.15,
    "consistent": 0.2,
}
# Attackers do not "evolve" in reports the way tolls do; they are confirmed or not.
STABLE_MEASURES = frozenset({"perpetrators"})
DOCS_PER_INCIDENT = (1, 2, 3, 4, 5)
DOCS_WEIGHTS = (0.2, 0.25, 0.3, 0.15, 0.1)
VAGUE_ODDS = 0.15


@dataclass(frozen=True)
class Report:
    """One planned document about an incident."""

    position: int
    outlet: str
    published: date


@dataclass
class MeasurePlan:
    """The figures one measure gets across an incident's reports."""

    measure: str
    scenario: str
    values: dict[int, Quantity]  # report position -> planned value
    status: str
    vague: bool = False


@dataclass
class Incident:
    """One event or statistical profile with its planned reports and figures."""

    id: str
    kind: str  # an event type from templates.yaml, or "statistic"
    date: date
    reports: list[Report]
    measures: list[MeasurePlan] = field(default_factory=list)
    city: City | None = None
    venue: str | None = None
    group: str = ""
    scountry: str | None = None  # fictional country of a statistic
    institute: str = ""
    topic: int = 0  # which percent statistic (one per incident, so reports count the same)
    vague_position: int | None = None  # the report that adds a vague "displaced" figure

    @property
    def is_event(self) -> bool:
        return self.kind != "statistic"


# -- rules -----------------------------------------------------------------------------------
def status_by_rules(
    measure: str, is_event: bool, claims: Sequence[tuple[str, date, Quantity]]
) -> str:
    """The DESIGN.md status of (outlet, published, value) claims about one subject."""
    if len({outlet for outlet, _, _ in claims}) <= 1:
        return "single"
    if len({(q.low, q.high) for _, _, q in claims}) == 1:
        return "corroborated"
    apart = [
        (a, b)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
        if a[0] != b[0] and not a[2].overlaps(b[2])
    ]
    if not apart:
        return "consistent"
    event_count = is_event and measure in EVENT_MEASURES

    def explained(a: tuple[str, date, Quantity], b: tuple[str, date, Quantity]) -> bool:
        if a[1] == b[1] or not event_count:
            return False  # statistics are planned within a week: no time to evolve
        earlier, later = (a, b) if a[1] < b[1] else (b, a)
        lo, hi = later[2].low, earlier[2].high
        return lo is not None and hi is not None and lo > hi

    return "evolving" if all(explained(a, b) for a, b in apart) else "conflict"


# -- planning --------------------------------------------------------------------------------
def _value(measure: str, rng: random.Random) -> int:
    lo, hi, step = VALUE_RANGES[measure]
    return rng.randrange(lo // step, hi // step + 1) * step


def _apart(measure: str, value: int, rng: random.Random, *, up: bool = True) -> int:
    """A clearly different value (at least one step and 15% away)."""
    _, _, step = VALUE_RANGES[measure]
    delta = max(step, round(value * rng.uniform(0.15, 0.5) / step) * step)
    return value + delta if up or value - delta < 1 else value - delta


def _form(rng: random.Random, weights: dict[Form, float]) -> Form:
    forms = list(weights)
    return rng.choices(forms, weights=[weights[f] for f in forms])[0]


def _single(measure: str, rng: random.Random) -> Quantity:
    v = _value(measure, rng)
    form = _form(rng, {"exact": 0.5, "at_least": 0.2, "at_most": 0.1, "approx": 0.1, "range": 0.1})
    if form == "range":
        return Quantity("range", v, _apart(measure, v, rng))
    return Quantity(form, v)


def _scenarios(measure: str, is_event: bool, reports: list[Report]) -> list[str]:
    """Scenarios the reports make possible for this measure."""
    if len(reports) < 2:
        return ["single"]
    options = ["single", "corroborated", "consistent"]
    if measure in STABLE_MEASURES:
        return ["single", "corroborated"]
    days = {r.published for r in reports}
    same_day = len(days) < len(reports)
    if is_event and len(days) >= 2:
        options.append("evolving")
    if same_day or len(days) >= 2:
        options.append("conflict")
    return options


def plan_measure(
    measure: str, is_event: bool, reports: list[Report], rng: random.Random
) -> MeasurePlan:
    """Choose a scenario for ``measure`` and the value each report gives."""
    options = _scenarios(measure, is_event, reports)
    scenario = rng.choices(options, weights=[SCENARIO_WEIGHTS[o] for o in options])[0]
    values: dict[int, Quantity] = {}
    if scenario == "single":
        values[rng.choice(reports).position] = _single(measure, rng)
    elif scenario == "corroborated":
        chosen = rng.sample(reports, rng.randint(2, len(reports)))
        v = _value(measure, rng)
        form = _form(rng, {"exact": 0.6, "at_least": 0.25, "approx": 0.15})
        values = {r.position: Quantity(form, v) for r in chosen}
    elif scenario == "consistent":
        first, second = rng.sample(reports, 2)
        v = _value(measure, rng)
        if rng.random() < 0.5:
            pair = (Quantity("at_least", v), Quantity("at_most", _apart(measure, v, rng)))
        else:
            top = _apart(measure, _apart(measure, v, rng), rng)
            inside = (v + top) // 2
            pair = (Quantity("range", v, top), Quantity("exact", inside))
        values = {first.position: pair[0], second.position: pair[1]}
    elif scenario == "evolving":
        by_day: dict[date, Report] = {}
        for r in sorted(reports, key=lambda r: (r.published, r.position)):
            by_day.setdefault(r.published, r)
        chosen = sorted(by_day.values(), key=lambda r: r.published)[:3]
        v = _value(measure, rng)
        for r in chosen:
            values[r.position] = Quantity("exact", v)
            v = _apart(measure, v, rng)
    else:  # conflict
        values = _conflict(measure, is_event, reports, rng)
    claims = [(reports[p].outlet, reports[p].published, q) for p, q in values.items()]
    status = status_by_rules(measure, is_event, claims)
    return MeasurePlan(measure, scenario, values, status)


def _conflict(
    measure: str, is_event: bool, reports: list[Report], rng: random.Random
) -> dict[int, Quantity]:
    by_day: dict[date, list[Report]] = {}
    for r in reports:
        by_day.setdefault(r.published, []).append(r)
    shared = [rs for rs in by_day.values() if len(rs) >= 2]
    v = _value(measure, rng)
    days = sorted(by_day)
    if shared and (not is_event or len(days) < 2 or rng.random() < 0.6):
        a, b = rng.sample(rng.choice(shared), 2)
        return {
            a.position: Quantity("exact", v),
            b.position: Quantity("exact", _apart(measure, v, rng)),
        }
    if not is_event:
        a, b = rng.sample(reports, 2)
        return {
            a.position: Quantity("exact", v),
            b.position: Quantity("exact", _apart(measure, v, rng)),
        }
    # A toll that falls from one day to the next: time does not explain it.
    early, late = rng.choice(by_day[days[0]]), rng.choice(by_day[days[-1]])
    high = _apart(measure, v, rng)
    return {early.position: Quantity("exact", high), late.position: Quantity("exact", v)}


def plan_reports(
    n: int,
    start: date,
    outlets: Sequence[str],
    rng: random.Random,
    *,
    steps: Sequence[int] = (0, 0, 1, 1, 2),
) -> list[Report]:
    """``n`` reports by distinct outlets, published on or after ``start`` (some the same day).

    ``steps`` are the day gaps drawn between consecutive reports.
    """
    chosen = rng.sample(list(outlets), n)
    day = start + timedelta(days=rng.choice((0, 1, 1)))
    reports = []
    for i, outlet in enumerate(chosen):
        if i:
            day += timedelta(days=rng.choice(steps))
        reports.append(Report(i, outlet, day))
    return reports


def event_measures(kind: str, rng: random.Random) -> list[str]:
    """The measures an event of ``kind`` reports, at least one."""
    candidates = list(templates()["event_types"][kind]["measures"])
    picked = [m for m in candidates if rng.random() < MEASURE_ODDS[m]]
    return picked or [candidates[0]]


def statistic_measures(rng: random.Random) -> list[str]:
    picked = [m for m in ("count", "percent") if rng.random() < MEASURE_ODDS[m]]
    return picked or ["count"]


def docs_for_incident(rng: random.Random, remaining: int) -> int:
    n = rng.choices(DOCS_PER_INCIDENT, weights=DOCS_WEIGHTS)[0]
    return max(1, min(n, remaining))


__all__ = [
    "EVENT_MEASURES",
    "Incident",
    "MeasurePlan",
    "Report",
    "docs_for_incident",
    "event_measures",
    "plan_measure",
    "plan_reports",
    "statistic_measures",
    "status_by_rules",
]
