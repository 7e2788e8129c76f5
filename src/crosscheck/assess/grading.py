"""Admiralty (NATO) grading: information credibility 1-6 and source reliability A-F.

Suggestions come from the picture and say why, in words, as verdicts do:

* a claim's credibility from its group's verdict: confirmed by independent outlets -> 1-2,
  consistent -> 3, the latest of an evolving count -> 2 and an earlier one -> 3, a single
  source -> 3 when its outlet is graded A-C else 6 (cannot be judged), in conflict -> 4 when
  it agrees with the group's best estimate, 5 when the best estimate contradicts it;
* an outlet's reliability from its track record over every group it shares with other
  outlets: how often its figure was right (corroborated, consistent, or the best estimate),
  superseded as an early count, or contradicted by the best estimate.

An analyst's grade always wins over a suggestion (:func:`effective`); nothing here stores
anything. Thresholds and words are in ``data/assess.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from crosscheck.assess.tables import section
from crosscheck.model import ClaimGroup


@dataclass(frozen=True)
class Grade:
    """A grade with its reason; ``source`` says whether an analyst set it."""

    value: str
    reason: str
    source: str = "suggested"  # or "analyst"

    @property
    def words(self) -> str:
        table = section("grading")
        return str(
            table["credibility_words"].get(self.value) or table["reliability_words"][self.value]
        )

    def to_dict(self) -> dict[str, str]:
        return {
            "value": self.value,
            "words": self.words,
            "reason": self.reason,
            "source": self.source,
        }


@dataclass(frozen=True)
class ClaimFacts:
    """What grading needs to know about one claim."""

    outlet: str | None
    low: float | int | None
    high: float | int | None


@dataclass
class TrackRecord:
    """One outlet's figures compared with other outlets' (one per group it shares)."""

    outlet: str
    right: int = 0
    superseded: int = 0
    contradicted: int = 0

    @property
    def judged(self) -> int:
        return self.right + self.superseded + self.contradicted


def covers(low: float | int | None, high: float | int | None, value: float | int | None) -> bool:
    """True when the interval [low, high] (None: open) holds ``value``."""
    if value is None:
        return False
    return (low is None or low <= value) and (high is None or value <= high)


def _n(value: float | int | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def claim_credibility(
    claim: ClaimFacts, group: ClaimGroup | None, reliability: str | None = None
) -> Grade:
    """The suggested credibility of one claim, from its group's verdict.

    Args:
        claim: the claim's interval and outlet.
        group: the group the claim belongs to, or None.
        reliability: its outlet's reliability grade (A-F), when known.
    """
    table = section("grading")
    if group is None:
        return Grade("6", "in no claim group: nothing to compare it with")
    best = group.estimate.best
    hits = covers(claim.low, claim.high, best)
    if group.status == "corroborated":
        if group.sources >= int(table["confirmed_by"]):
            return Grade("1", f"confirmed by {group.sources} independent outlets")
        return Grade("2", f"the same figure from {group.sources} independent outlets")
    if group.status == "evolving":
        if hits:
            return Grade("2", f"the latest figure of a count that rose over time ({_n(best)})")
        return Grade("3", f"an early count, later superseded as the figure rose to {_n(best)}")
    if group.status == "consistent":
        return Grade("3", "overlaps other outlets' figures without matching them exactly")
    if group.status == "conflict":
        if hits:
            return Grade("4", f"in conflict, though it agrees with the best estimate {_n(best)}")
        return Grade("5", f"in conflict and contradicted by the best estimate {_n(best)}")
    if reliability in table["single_source_trusted"]:
        return Grade("3", f"a single source, graded {reliability}")
    return Grade("6", "a single source whose reliability is not established")


def track_records(
    groups: Iterable[ClaimGroup], claims: Mapping[str, ClaimFacts]
) -> dict[str, TrackRecord]:
    """Each outlet's record over the groups it shares with another independent outlet.

    An outlet counts once per group, with its best outcome there (right, then superseded,
    then contradicted). A single-source group compares nothing and is skipped.
    """
    return sum_outcomes(group_outcomes(g, claims) for g in groups)


def group_outcomes(group: ClaimGroup, claims: Mapping[str, ClaimFacts]) -> dict[str, str]:
    """Outlet -> its best outcome in one group (right, superseded, contradicted)."""
    outcomes: dict[str, str] = {}
    if group.sources < 2:
        return outcomes
    for cid in group.claims:
        facts = claims.get(cid)
        if facts is None or not facts.outlet:
            continue
        outcome = _outcome(facts, group)
        if _RANK[outcome] < _RANK.get(outcomes.get(facts.outlet, ""), 9):
            outcomes[facts.outlet] = outcome
    return outcomes


def sum_outcomes(per_group: Iterable[Mapping[str, str]]) -> dict[str, TrackRecord]:
    """Track records from each group's outcomes."""
    records: dict[str, TrackRecord] = {}
    for outcomes in per_group:
        for outlet, outcome in outcomes.items():
            rec = records.setdefault(outlet, TrackRecord(outlet))
            setattr(rec, outcome, getattr(rec, outcome) + 1)
    return records


_RANK = {"right": 0, "superseded": 1, "contradicted": 2}


def _outcome(facts: ClaimFacts, group: ClaimGroup) -> str:
    if group.status in ("corroborated", "consistent"):
        return "right"
    if covers(facts.low, facts.high, group.estimate.best):
        return "right"
    return "superseded" if group.status == "evolving" else "contradicted"


def outlet_reliability(outlet: str, record: TrackRecord | None) -> Grade:
    """The suggested reliability of an outlet from its track record."""
    table = section("grading")
    judged = record.judged if record else 0
    if record is None or judged < int(table["min_judged"]):
        return Grade(
            "F",
            f"only {judged} of {outlet}'s figures could be compared with other outlets'"
            f" (at least {table['min_judged']} needed)",
        )
    share = (record.right + float(table["superseded_weight"]) * record.superseded) / judged
    value = "E"
    for grade in ("A", "B", "C", "D"):
        if share >= float(table["thresholds"][grade]):
            if grade == "A" and judged < int(table["a_min_judged"]):
                continue
            value = grade
            break
    return Grade(
        value,
        f"of {judged} figures compared with other outlets', {record.right} were right,"
        f" {record.superseded} early counts later superseded, {record.contradicted}"
        f" contradicted by the best estimate",
    )


def effective(suggested: Grade, analyst: tuple[str, str] | None) -> Grade:
    """The analyst's (grade, reason) when set, else the suggestion."""
    if analyst is None:
        return suggested
    value, reason = analyst
    return Grade(value, reason or "set by an analyst", "analyst")


def admiralty(reliability: str | None, credibility: str | None) -> str:
    """The two grades as one code ("B2"); F6 when nothing is known."""
    return f"{reliability or 'F'}{credibility or '6'}"


__all__ = [
    "ClaimFacts",
    "Grade",
    "TrackRecord",
    "admiralty",
    "claim_credibility",
    "covers",
    "effective",
    "group_outcomes",
    "outlet_reliability",
    "sum_outcomes",
    "track_records",
]
