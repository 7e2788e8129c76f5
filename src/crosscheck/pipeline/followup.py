"""What follows a picture update: outlets' track records, watch rules, webhook deliveries.

:func:`crosscheck.pipeline.ingest.reconcile_pending` (every ingest, re-processing, upload
and batch of ``crosscheck watch``) and the corrections call :func:`follow_up` once the new
picture is committed. It never fails the update it follows: the picture is stored, and a
follow-up that went wrong is logged and done again by the next one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosscheck.assess.grading import ClaimFacts
from crosscheck.assess.records import Alert
from crosscheck.errors import CrosscheckError
from crosscheck.model import Picture
from crosscheck.pipeline.delivery import deliver
from crosscheck.pipeline.grading import prepare_outlet_records, refresh_outlet_records
from crosscheck.pipeline.rules import active_rules, run_rules
from crosscheck.reconcile import Reconciler
from crosscheck.store import Store

log = logging.getLogger(__name__)


@dataclass
class FollowUp:
    """What one follow-up did, and how long it took (the rules benchmark reads it)."""

    alerts: list[Alert] = field(default_factory=list)
    delivered: int = 0
    grading_seconds: float = 0.0
    rules_seconds: float = 0.0


def follow_up(store: Store, picture: Picture | None, new_doc_ids: Sequence[str]) -> FollowUp:
    """Refresh track records, run the watch rules over ``new_doc_ids``, deliver alerts."""
    done = FollowUp()
    try:
        began = time.perf_counter()
        # After a correction (no new documents) a claim's figure may have been edited:
        # every group's outcome is worked out again.
        touched = new_doc_ids if new_doc_ids else None
        refresh_outlet_records(store, picture.groups if picture is not None else None, touched)
        done.grading_seconds = time.perf_counter() - began
        began = time.perf_counter()
        done.alerts = run_rules(store, new_doc_ids)
        done.rules_seconds = time.perf_counter() - began
        done.delivered = deliver(store, active_rules(store))
    except CrosscheckError as exc:
        log.warning("after the picture update: %s; the next update tries again", exc)
    return done


def prepare_follow_up(store: Store, start: Reconciler) -> None:
    """What the follow-up of the next update can work out before it: the outcomes of the
    groups of the picture that update starts from, ``start``'s (see
    :func:`crosscheck.pipeline.grading.prepare_outlet_records`), with the outlets and
    figures of its records: the store's, but for documents changed since, whose groups the
    update makes anew. Done while a worker extracts; a failure is left to the follow-up."""
    docs = start.records.docs
    facts = {
        c.id: ClaimFacts(d.document.outlet, c.low, c.high) for d in docs.values() for c in d.claims
    }
    try:
        prepare_outlet_records(store, start.picture.groups, facts)
    except CrosscheckError as exc:
        log.debug("the follow-up was not prepared (%s)", exc)


__all__ = ["FollowUp", "follow_up", "prepare_follow_up"]
