"""The synthetic corpus: plan incidents lazily, render their reports, know the answers.

``generate(n, seed)`` returns a :class:`SynthCorpus` that plans nothing up front:
iterating it plans incidents one at a time, so a 100,000-report corpus streams to
disk in bounded memory. The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from crosscheck.errors import ConfigError
from crosscheck.synth import vocab
from crosscheck.synth.gold import gold_document, gold_figures
from crosscheck.synth.plans import (
    Incident,
    MeasurePlan,
    docs_for_incident,
    event_measures,
    plan_measure,
    plan_reports,
    statistic_measures,
)
from crosscheck.synth.render import SynthDoc, render_report
from crosscheck.synth.vocab import City, templates

START = date(2031, 1, 6)  # fictional dates: nothing here pretends to be a real event
CYCLE_DAYS = 120  # a city is reused only after this many days
EVENT_KIND_WEIGHTS = {
    "shooting": 0.3,
    "bombing": 0.3,
    "arson": 0.1,
    "raid": 0.15,
    "sentencing": 0.15,
}
STATISTIC_SHARE = 0.12
MAX_STATISTIC_REPORTS = 3
# Multipliers coprime to the pool sizes, so consecutive items get unrelated names.
GROUP_STRIDE = 101
COUNTRY_STRIDE = 7
VENUE_STRIDE = 37


@dataclass(frozen=True)
class ExpectedGroup:
    """What reconciliation should find for one (incident, measure)."""

    name: str
    incident: str
    measure: str
    scenario: str
    status: str
    claims: tuple[tuple[str, int | None, int | None], ...]  # (doc key, low, high)


class SynthCorpus:
    """A lazily generated corpus of ``n_docs`` reports (see :func:`generate`)."""

    def __init__(self, n_docs: int, seed: int = 0) -> None:
        if n_docs < 0:
            raise ConfigError(f"--docs {n_docs}: the number of documents cannot be negative")
        self.n_docs = n_docs
        self.seed = seed
        order = list(vocab.cities())
        random.Random(f"cities:{seed}").shuffle(order)
        self._cities: list[City] = order
        self._outlets = [vocab.outlet_name(i) for i in range(vocab.outlet_pool_size())]

    # -- planning -------------------------------------------------------------------------
    def incidents(self) -> Iterator[tuple[Incident, int]]:
        """Every incident with the index of its first report, in order."""
        produced = events = stats = index = 0
        pool = min(vocab.group_pool_size(), vocab.country_pool_size())
        while produced < self.n_docs:
            rng = random.Random(f"incident:{self.seed}:{index}")
            statistic = stats < pool and rng.random() < STATISTIC_SHARE
            if statistic:
                inc = self._statistic(index, stats, rng, self.n_docs - produced)
                stats += 1
            else:
                inc = self._event(index, events, rng, self.n_docs - produced)
                events += 1
            yield inc, produced
            produced += len(inc.reports)
            index += 1

    def _event(self, index: int, n: int, rng: random.Random, remaining: int) -> Incident:
        kinds = list(EVENT_KIND_WEIGHTS)
        kind = rng.choices(kinds, weights=[EVENT_KIND_WEIGHTS[k] for k in kinds])[0]
        city = self._cities[n % len(self._cities)]
        cycle = n // len(self._cities)
        when = START + timedelta(days=cycle * CYCLE_DAYS + rng.randrange(CYCLE_DAYS - 30))
        k = docs_for_incident(rng, remaining)
        reports = plan_reports(k, when, self._outlets, rng)
        inc = Incident(
            id=f"i{index:06d}",
            kind=kind,
            date=when,
            reports=reports,
            city=city,
            venue=vocab.venue_name((n * VENUE_STRIDE) % vocab.venue_pool_size()),
            group=vocab.group_name(rng.randrange(vocab.group_pool_size())),
        )
        inc.measures = [plan_measure(m, True, reports, rng) for m in event_measures(kind, rng)]
        if kind in ("shooting", "bombing", "arson") and rng.random() < 0.15:
            inc.vague_position = rng.choice(reports).position
        return inc

    def _statistic(self, index: int, n: int, rng: random.Random, remaining: int) -> Incident:
        when = START + timedelta(days=rng.randrange(3650))
        k = min(docs_for_incident(rng, remaining), MAX_STATISTIC_REPORTS)
        # Statistics are published within days of each other: they may not "evolve".
        reports = plan_reports(k, when, self._outlets, rng, steps=(0, 1))
        inc = Incident(
            id=f"i{index:06d}",
            kind="statistic",
            date=when,
            reports=reports,
            group=vocab.group_name((n * GROUP_STRIDE) % vocab.group_pool_size()),
            scountry=vocab.country_name((n * COUNTRY_STRIDE + 3) % vocab.country_pool_size()),
            institute=vocab.institute_name(rng.randrange(vocab.institute_pool_size())),
            topic=rng.randrange(len(templates()["figures"]["percent"])),
        )
        inc.measures = [plan_measure(m, False, reports, rng) for m in statistic_measures(rng)]
        return inc

    # -- output ----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[SynthDoc]:
        return self.documents()

    def documents(self) -> Iterator[SynthDoc]:
        """Render every report, in order (deterministic for a seed)."""
        for inc, first in self.incidents():
            yield from self.render_incident(inc, first)

    def render_incident(self, inc: Incident, first: int) -> Iterator[SynthDoc]:
        """The reports of one incident whose first report has index ``first``."""
        for report in inc.reports:
            rng = random.Random(f"report:{self.seed}:{inc.id}:{report.position}")
            yield render_report(inc, report, f"{first + report.position:06d}", rng)

    def expected_groups(self) -> Iterator[ExpectedGroup]:
        """For every (incident, measure): the planned claim values and the expected status."""
        for inc, first in self.incidents():
            yield from groups_of(inc, first)

    def gold(self) -> dict[str, Any]:
        """The whole gold file as a dict (small corpora; :func:`write_corpus` streams it)."""
        documents: dict[str, Any] = {}
        figures: list[dict[str, Any]] = []
        groups: dict[str, list[str] | None] = {}
        for inc, first in self.incidents():
            for doc in self.render_incident(inc, first):
                documents[doc.key] = gold_document(doc)
                figures.extend(gold_figures(doc))
            groups.update((g.name, [g.status]) for g in groups_of(inc, first))
        return {"documents": documents, "figures": figures, "groups": groups}


def groups_of(inc: Incident, first: int) -> Iterator[ExpectedGroup]:
    """The expected groups of one incident whose first report has index ``first``."""
    plans = list(inc.measures)
    if inc.vague_position is not None:
        plans.append(MeasurePlan("displaced", "single", {}, "single", vague=True))
    for plan in plans:
        if plan.vague:
            claims: tuple[tuple[str, int | None, int | None], ...] = (
                (f"{first + (inc.vague_position or 0):06d}", None, None),
            )
        else:
            claims = tuple(
                (f"{first + pos:06d}", q.low, q.high) for pos, q in sorted(plan.values.items())
            )
        yield ExpectedGroup(
            f"{inc.id}-{plan.measure}", inc.id, plan.measure, plan.scenario, plan.status, claims
        )


def generate(n_docs: int, seed: int = 0) -> SynthCorpus:
    """A synthetic corpus of ``n_docs`` reports with known figures and statuses.

    Nothing is planned until the corpus is iterated; see
    :func:`crosscheck.synth.writer.write_corpus`.
    """
    return SynthCorpus(n_docs, seed)


__all__ = ["ExpectedGroup", "SynthCorpus", "generate", "groups_of"]
