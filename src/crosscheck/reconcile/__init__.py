"""Cross-document reconciliation: entities, incidents, claim groups and their verdicts.

Pure functions over the records of :mod:`crosscheck.model`; this package never touches the
store (``crosscheck.pipeline.picture`` loads and saves around it).
"""

from __future__ import annotations

from crosscheck.reconcile.core import reconcile, reconcile_with_notes
from crosscheck.reconcile.entities import resolve_entities
from crosscheck.reconcile.events import resolve_events
from crosscheck.reconcile.grouping import normalise_counted
from crosscheck.reconcile.verdicts import describe, fmt_number

__all__ = [
    "describe",
    "fmt_number",
    "normalise_counted",
    "reconcile",
    "reconcile_with_notes",
    "resolve_entities",
    "resolve_events",
]
