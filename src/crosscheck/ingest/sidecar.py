"""Metadata sidecars: ``report.meta.json`` beside ``report.txt``.

A sidecar is a JSON object with any of the keys in :data:`META_FIELDS`;
unknown keys are ignored so that other tools can keep their own notes in it.
A sidecar that cannot be read is an error naming the sidecar, not the report.
"""

from __future__ import annotations

import json
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.ingest.dates import normalise_published
from crosscheck.ingest.language import normalise_language

#: The metadata a sidecar (or a CLI override) may give.
META_FIELDS: tuple[str, ...] = ("title", "outlet", "author", "url", "published", "language")
SIDECAR_SUFFIX = ".meta.json"
#: A sidecar holds a few short strings; anything bigger is not a sidecar.
_MAX_SIDECAR_BYTES = 1_000_000


def sidecar_path(path: Path) -> Path:
    """The sidecar that belongs to ``path``: ``dir/report.txt`` → ``dir/report.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    """True if ``path`` names a metadata sidecar rather than a report."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def clean_metadata(values: dict[str, object], source: str) -> dict[str, str | None]:
    """Validate and normalise metadata values (strings or null) from a sidecar or overrides.

    Dates become ``YYYY-MM-DD`` and language tags their primary code; blank
    strings count as missing. Keys other than :data:`META_FIELDS` are dropped.

    Raises:
        InputError: a value is not a string, or a date or language cannot be read.
    """
    meta: dict[str, str | None] = {}
    for key in META_FIELDS:
        if key not in values or values[key] is None:
            continue
        value = values[key]
        if not isinstance(value, str):
            raise InputError(
                source,
                f"{key!r} must be a string or null, not {type(value).__name__}",
                "fix the metadata",
            )
        value = " ".join(value.split())
        if not value:
            continue
        if key == "published":
            iso = normalise_published(value)
            if iso is None:
                raise InputError(
                    source,
                    f"'published' value {value!r} is not a full date",
                    "write it as YYYY-MM-DD",
                )
            meta[key] = iso
        elif key == "language":
            code = normalise_language(value)
            if code is None:
                raise InputError(
                    source,
                    f"'language' value {value!r} is not a language code",
                    "use an ISO 639-1 code such as 'en'",
                )
            meta[key] = code
        else:
            meta[key] = value
    return meta


def read_sidecar(path: Path) -> dict[str, str | None]:
    """Read the sidecar of the report at ``path``, if there is one.

    Returns:
        The cleaned metadata; ``{}`` when no sidecar exists.

    Raises:
        InputError: naming the sidecar file, when it is unreadable, not JSON,
            not an object, or holds a bad value.
    """
    side = sidecar_path(path)
    try:
        if not side.is_file():
            return {}
        if side.stat().st_size > _MAX_SIDECAR_BYTES:
            raise InputError(str(side), "is too large for a metadata sidecar", "keep it under 1 MB")
        raw = side.read_bytes()
    except OSError as exc:
        raise InputError(
            str(side), f"cannot be read ({exc.strerror or exc})", "check its permissions"
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            str(side), f"is not valid JSON ({exc})", "fix the sidecar or remove it"
        ) from exc
    if not isinstance(data, dict):
        raise InputError(
            str(side),
            f"must hold a JSON object, not {type(data).__name__}",
            'write it as {"title": …, "outlet": …, "published": "YYYY-MM-DD"}',
        )
    return clean_metadata(data, str(side))


__all__ = ["META_FIELDS", "clean_metadata", "is_sidecar", "read_sidecar", "sidecar_path"]
