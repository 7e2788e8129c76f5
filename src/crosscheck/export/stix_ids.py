"""Ids and shared values of the STIX export: deterministic ids for our records, the
extension that carries figures and verdicts, timestamps from the data (see
:mod:`crosscheck.export.common`)."""

from __future__ import annotations

from typing import Any

from crosscheck.export.common import det_uuid, fallback_time, load_mapping, stix_id, to_timestamp


def extension_id() -> str:
    """The id of our figures extension-definition (the key of the extension in objects)."""
    key = load_mapping("stix")["extension"]["key"]
    return f"extension-definition--{det_uuid('extension-definition', key)}"


def producer_id() -> str:
    """The id of the crosscheck system identity that signs derived objects."""
    return stix_id("identity", "producer:" + load_mapping("stix")["producer"]["name"])


def outlet_id(outlet: str) -> str:
    """The id of the organisation identity for ``outlet`` (case-insensitive)."""
    return stix_id("identity", "outlet:" + " ".join(outlet.casefold().split()))


def report_id(doc_id: str) -> str:
    """The report id of one of our documents."""
    return stix_id("report", "document:" + doc_id)


def incident_id(event_id: str) -> str:
    """The incident id of one of our events."""
    return stix_id("incident", "event:" + event_id)


def with_extension(payload: dict[str, Any]) -> dict[str, Any]:
    """The ``extensions`` property carrying ``payload`` in our figures extension."""
    return {extension_id(): {"extension_type": "property-extension", **payload}}


def timestamp(value: str | None) -> str:
    """A STIX timestamp for a date of ours (the fixed fallback time when there is none)."""
    return to_timestamp(value) or fallback_time()


__all__ = [
    "extension_id",
    "incident_id",
    "outlet_id",
    "producer_id",
    "report_id",
    "timestamp",
    "with_extension",
]
