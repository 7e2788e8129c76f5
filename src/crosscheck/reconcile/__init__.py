"""Cross-document reconciliation: entities, incidents, claim groups and their verdicts.

:func:`reconcile` is the specification: a pure function of the :class:`Records` (every
document's extractions and the corrections) and the :class:`ReconcileSettings`. A
:class:`Reconciler` keeps one store's picture up to date delta by delta, always equal to what
:func:`reconcile` gives. This package never touches the store (``crosscheck.pipeline.picture``
loads and saves around it) and holds no state of its own at module level.
"""

from __future__ import annotations

from crosscheck.reconcile.core import Memo, reconcile, reconcile_with_notes
from crosscheck.reconcile.entities import resolve_entities
from crosscheck.reconcile.grouping import normalise_counted
from crosscheck.reconcile.reconciler import PictureDelta, Reconciler, picture_delta
from crosscheck.reconcile.records import Delta, DocRecords, Records
from crosscheck.reconcile.settings import ReconcileSettings
from crosscheck.reconcile.verdicts import describe, fmt_number

__all__ = [
    "Delta",
    "DocRecords",
    "Memo",
    "PictureDelta",
    "ReconcileSettings",
    "Reconciler",
    "Records",
    "describe",
    "fmt_number",
    "normalise_counted",
    "picture_delta",
    "reconcile",
    "reconcile_with_notes",
    "resolve_entities",
]
