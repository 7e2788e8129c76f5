"""The settings reconcile reads, passed down explicitly (never read from a store)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReconcileSettings:
    """What varies the picture besides the records."""

    #: rapidfuzz score (0-100) at or above which two long entity names are one entity.
    fuzzy_threshold: int = 90


__all__ = ["ReconcileSettings"]
