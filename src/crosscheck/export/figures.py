"""Claim groups as self-contained records: the verdict plus every sourced value behind it.

STIX (in our property extension), MISP (as attributes and comments) and the tables all show a
group the same way: each value keeps its claim id, interval, outlet, publication date and
sentence, so a reader can check the verdict without the store.
"""

from __future__ import annotations

from typing import Any

from crosscheck.export.selection import Selection
from crosscheck.model import ClaimGroup


def sourced_value(claim: dict[str, Any]) -> dict[str, Any]:
    """One claim (contract shape) as a sourced value of its group."""
    doc = claim["document"]
    return {
        "claim": claim["id"],
        "document": doc["id"],
        "low": claim["low"],
        "high": claim["high"],
        "approximate": claim["approximate"],
        "vague": claim["vague"],
        "outlet": doc["outlet"],
        "published": doc["published"],
        "url": doc["url"],
        "as_of": claim["as_of"],
        "attributed_to": claim["attributed_to"],
        "sentence": claim["sentence"],
        "review": claim.get("review", "machine"),
    }


def group_record(group: ClaimGroup, selection: Selection) -> dict[str, Any]:
    """A group with its verdict, estimate and the sourced values of its selected claims."""
    values = []
    for cid in group.claims:
        claim = selection.claim(cid)
        if claim is not None:
            values.append(sourced_value(claim))
    return {
        "id": group.id,
        "subject": group.subject.to_dict(),
        "measure": group.measure,
        "label": group.label,
        "status": group.status,
        "reason": group.reason,
        "sources": group.sources,
        "estimate": group.estimate.to_dict(),
        "conservative": group.conservative,
        "values": values,
    }


def interval_text(low: float | int | None, high: float | int | None) -> str:
    """An interval in words: "145", "at least 130", "at most 100", "2500-3500"."""
    if low is not None and high is not None:
        return _num(low) if low == high else f"{_num(low)}-{_num(high)}"
    if low is not None:
        return f"at least {_num(low)}"
    if high is not None:
        return f"at most {_num(high)}"
    return "unknown"


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


__all__ = ["group_record", "interval_text", "sourced_value"]
