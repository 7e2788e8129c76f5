"""Helpers every exporter shares: mapping data files, deterministic ids and timestamps.

Exports must be reproducible: the same store gives byte-identical files. So ids are derived
from our stable ids (uuid5 in a namespace of ours) and timestamps from the data
(publication dates, event dates, correction times), never from the clock.
"""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from crosscheck.errors import ExportError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "export"


@cache
def load_mapping(name: str) -> dict[str, Any]:
    """The YAML mapping ``data/export/<name>.yaml`` (loaded once)."""
    path = DATA_DIR / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ExportError(
            f"{path}: cannot read the export mapping ({exc}); reinstall crosscheck"
        ) from exc
    if not isinstance(data, dict):
        raise ExportError(f"{path}: expected a mapping at the top level")
    return data


@cache
def _namespace() -> uuid.UUID:
    return uuid.UUID(str(load_mapping("stix")["namespace"]))


def det_uuid(*parts: object) -> str:
    """A deterministic UUID string for ``parts`` in crosscheck's namespace."""
    return str(uuid.uuid5(_namespace(), "\x1f".join(str(p) for p in parts)))


def stix_id(stix_type: str, key: str) -> str:
    """``<type>--<uuid5>`` for one of our stable ids (same input, same id, in every export)."""
    return f"{stix_type}--{det_uuid(stix_type, key)}"


def fallback_time() -> str:
    """The timestamp used when the data carry none."""
    return str(load_mapping("stix")["fallback_time"])


def to_timestamp(value: str | None) -> str | None:
    """An ISO date or datetime as a STIX timestamp ``YYYY-MM-DDTHH:MM:SSZ`` (None if unusable)."""
    if not value:
        return None
    text = value.strip()
    if len(text) == 4 and text.isdigit():
        text += "-01-01"
    elif len(text) == 7 and text[4] == "-":
        text += "-01"
    if len(text) == 10:
        return f"{text}T00:00:00Z"
    text = text.replace(" ", "T")
    if text.endswith("+00:00"):
        text = text[:-6] + "Z"
    if not text.endswith("Z") and "+" not in text[10:]:
        text += "Z"
    # Fractions of a second and offsets are dropped: the date and time are what matter.
    head = text[:19]
    return head + "Z" if len(head) == 19 else None


def earliest(values: list[str | None]) -> str | None:
    """The earliest of the given ISO strings (None when there is none)."""
    present = sorted(v for v in values if v)
    return present[0] if present else None


__all__ = [
    "DATA_DIR",
    "det_uuid",
    "earliest",
    "fallback_time",
    "load_mapping",
    "stix_id",
    "to_timestamp",
]
