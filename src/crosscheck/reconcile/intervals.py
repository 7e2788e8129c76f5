"""The one interval helper of reconcile: a claim's figure as a closed interval. Pure.

An interval with no low is open below, with no high open above; approximate figures are
widened by ``approximate_tolerance`` (data/reconcile.yaml) when asked.
"""

from __future__ import annotations

import math

from crosscheck.model import Claim
from crosscheck.reconcile.text import tables


def bounds(c: Claim, widen: bool = False) -> tuple[float, float]:
    """The claim as a closed interval, open ends infinite (approximate ones widened)."""
    lo = -math.inf if c.low is None else float(c.low)
    hi = math.inf if c.high is None else float(c.high)
    if widen and c.approximate:
        tol = float(tables()["approximate_tolerance"])
        lo, hi = lo - abs(lo) * tol, hi + abs(hi) * tol
    return lo, hi


def overlap(a: Claim, b: Claim, widen: bool = False) -> bool:
    """Whether two claims' intervals meet."""
    (alo, ahi), (blo, bhi) = bounds(a, widen), bounds(b, widen)
    return alo <= bhi and blo <= ahi


def top(c: Claim) -> float | None:
    """The figure a claim gives at most: its upper bound, else its lower one."""
    if c.high is not None:
        return float(c.high)
    return None if c.low is None else float(c.low)


__all__ = ["bounds", "overlap", "top"]
