"""How listings order and hide records, in Python: the twin of the SQL orders and the
bare-event rule in :mod:`crosscheck.store.paging`; tests hold the two to the same result.

This module must not know about the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosscheck.model import ClaimGroup, Event, EventMention

#: Orders :meth:`Store.groups_page` knows; "attention" puts conflicts first, then evolving.
GROUP_ORDERS: tuple[str, ...] = ("attention", "subject", "measure", "sources", "spread", "status")
_ATTENTION = {"conflict": 0, "evolving": 1, "consistent": 2, "corroborated": 3, "single": 4}


def group_order_key(group: ClaimGroup, order: str) -> tuple[Any, ...]:
    """The sort key of ``group`` in ``order`` (one of GROUP_ORDERS), as the SQL sorts."""
    base = (group.subject.name or "", group.measure, group.id)
    if order == "measure":
        return (group.measure, group.subject.name or "", group.id)
    if order == "sources":
        return (-group.sources, *base)
    if order == "spread":
        return (-group_spread(group), *base)
    if order == "status":
        return (group.status, *base)
    if order == "attention":
        return (_ATTENTION.get(group.status, 9), -group_spread(group), -group.sources, *base)
    return base


def group_spread(group: ClaimGroup) -> float:
    """How far apart the estimate's ends are, relative to the high end (0 when unknown)."""
    low, high = group.estimate.low, group.estimate.high
    if low is None or high is None or not high:
        return 0.0
    return float(high - low) / float(abs(high))


def event_is_bare(event: Event, mentions: Sequence[EventMention]) -> bool:
    """True when nothing identifies the incident (the rule ``crosscheck events`` hides by).

    No date, no place, no actor, a name that only repeats its type or a trigger word
    ("arrest"), and at most one reporting document. Such incidents stay in the store
    (claims may refer to them); listings hide them unless asked for everything.
    """
    if event.date or event.location or event.country or event.actors:
        return False
    name = event.name.lower()
    words = {event.type.lower()} | {m.trigger.lower() for m in mentions}
    words |= {m.description.lower() for m in mentions if m.description}
    if name not in words:
        return False
    return len({m.doc_id for m in mentions}) <= 1


__all__ = ["GROUP_ORDERS", "event_is_bare", "group_order_key", "group_spread"]
