"""Scoring an ACH matrix as PARC ACH does: weighted inconsistency, diagnosticity, sensitivity.

* A hypothesis' score is the weighted sum of its inconsistencies: II counts -2, I counts -1,
  every other rating 0, each multiplied by the item's weight (credibility x reliability x
  relevance, see :func:`item_weight`). The least inconsistent hypothesis ranks first; ACH
  asks which explanation the evidence argues against least, not which one it "supports".
* An item's diagnosticity is how far it pulls the hypotheses' scores apart: its weight times
  the spread (largest minus smallest inconsistency) over the hypotheses it was rated for.
  An item rated alike under every hypothesis has none, however strongly it was rated.
* Sensitivity: for every diagnostic item, the ranking without it. An item whose removal
  changes the leader (or any place) is one the conclusion rests on: if it is wrong, so is
  the ranking.

Pure functions over ratings given as strings; numpy does the arithmetic so a 30 x 2,000
matrix scores well within a keystroke. Nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from crosscheck.assess.tables import section


@dataclass
class Sensitivity:
    """What the ranking would be without one item."""

    item: str
    ranking: list[str]
    changes_leader: bool
    changes_order: bool


@dataclass
class Scores:
    """The outcome of scoring a matrix."""

    hypotheses: list[str]
    scores: dict[str, float]
    ranking: list[str]  # least inconsistent first; ties keep the hypotheses' order
    diagnosticity: dict[str, float]
    counts: dict[str, dict[str, int]]  # hypothesis -> rating -> cells
    sensitive: list[Sensitivity] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "ranking": [
                {"hypothesis": h, "score": round(self.scores[h], 4), "counts": self.counts[h]}
                for h in self.ranking
            ],
            "diagnosticity": {k: round(v, 4) for k, v in self.diagnosticity.items()},
            "sensitive": [
                {
                    "item": s.item,
                    "ranking_without": s.ranking,
                    "changes_leader": s.changes_leader,
                    "changes_order": s.changes_order,
                }
                for s in self.sensitive
            ],
        }


def item_weight(credibility: str, reliability: str, relevance: str) -> float:
    """An item's weight: Admiralty credibility (1-6) x reliability (A-F) x relevance."""
    t = section("ach")
    return float(
        t["credibility_weight"][credibility]
        * t["reliability_weight"][reliability]
        * t["relevance_weight"][relevance]
    )


def diagnosticity_level(value: float) -> str:
    """``high``, ``medium``, ``low`` or ``none`` for a diagnosticity value."""
    levels = section("ach")["diagnosticity_levels"]
    if value >= levels["high"]:
        return "high"
    if value >= levels["medium"]:
        return "medium"
    return "low" if value > 0 else "none"


def score(
    hypotheses: Sequence[str],
    items: Sequence[str],
    weights: Sequence[float],
    ratings: Mapping[tuple[str, str], str],
) -> Scores:
    """Score the matrix.

    Args:
        hypotheses: hypothesis keys, in the order ties are broken by.
        items: evidence item keys.
        weights: one weight per item (see :func:`item_weight`).
        ratings: (item, hypothesis) -> CC, C, N, I, II or NA; a missing cell is unrated.

    Returns:
        Scores, ranking, diagnosticity per item and the items the ranking is sensitive to.
    """
    hyps, its = list(hypotheses), list(items)
    incons_of = section("ach")["inconsistency"]
    incons = np.zeros((len(its), len(hyps)))
    rated = np.zeros((len(its), len(hyps)), dtype=bool)
    counts = {h: {r: 0 for r in ("CC", "C", "N", "I", "II", "NA")} for h in hyps}
    col = {h: j for j, h in enumerate(hyps)}
    row = {k: i for i, k in enumerate(its)}
    for (item, hyp), value in ratings.items():
        i, j = row.get(item), col.get(hyp)
        if i is None or j is None:
            continue
        counts[hyp][value] = counts[hyp].get(value, 0) + 1
        if value == "NA":
            continue
        rated[i, j] = True
        incons[i, j] = incons_of.get(value, 0)
    w = np.asarray(weights, dtype=float).reshape(len(its))
    totals = w @ incons if its else np.zeros(len(hyps))
    order = _rank(totals[None, :])[0] if hyps else np.zeros(0, dtype=int)
    # Spread over the rated cells only: an unrated cell is no evidence of consistency.
    high = np.where(rated, incons, -np.inf).max(axis=1, initial=-np.inf)
    low = np.where(rated, incons, np.inf).min(axis=1, initial=np.inf)
    spread = np.where(rated.sum(axis=1) >= 2, high - low, 0.0)
    diag = w * spread
    result = Scores(
        hypotheses=hyps,
        scores={h: float(totals[j]) for j, h in enumerate(hyps)},
        ranking=[hyps[j] for j in order],
        diagnosticity={k: float(diag[i]) for i, k in enumerate(its)},
        counts=counts,
    )
    result.sensitive = _sensitivity(its, hyps, w, incons, totals, order, diag)
    return result


def _rank(scores: np.ndarray) -> np.ndarray:
    """Column indexes per row, highest score first; a stable sort keeps ties in order."""
    return np.argsort(-scores, axis=1, kind="stable")


def _sensitivity(
    items: list[str],
    hyps: list[str],
    w: np.ndarray,
    incons: np.ndarray,
    totals: np.ndarray,
    order: np.ndarray,
    diag: np.ndarray,
) -> list[Sensitivity]:
    idx = np.flatnonzero(diag > 0)
    if not len(idx) or len(hyps) < 2:
        return []
    # Every "without item i" score row at once: the totals minus that item's contribution.
    without = totals[None, :] - w[idx, None] * incons[idx, :]
    orders = _rank(without)
    moved = (orders != order[None, :]).any(axis=1)
    found = []
    for k in np.flatnonzero(moved):
        i = int(idx[k])
        leader = bool(orders[k, 0] != order[0])
        found.append((not leader, -float(diag[i]), items[i], k, leader))
    found.sort()
    return [
        Sensitivity(
            item=item,
            ranking=[hyps[j] for j in orders[k]],
            changes_leader=leader,
            changes_order=True,
        )
        for _, _, item, k, leader in found
    ]


__all__ = ["Scores", "Sensitivity", "diagnosticity_level", "item_weight", "score"]
