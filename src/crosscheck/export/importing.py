"""``crosscheck import``: pick the reader for a file (STIX bundle or JSONL dump) and run it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosscheck.config import Settings
from crosscheck.errors import ExportError
from crosscheck.store import Store


def detect_kind(path: Path) -> str:
    """``"jsonl"`` or ``"stix"`` for the file at ``path`` (by suffix, then by first byte)."""
    if not path.is_file():
        raise ExportError(f"{path}: no such file; give a STIX bundle (.json) or a JSONL dump")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).lstrip()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ({exc.strerror})") from exc
    if head.startswith(b"{") and b'"type": "header"' in head.split(b"\n", 1)[0]:
        return "jsonl"
    if head.startswith(b"{"):
        return "stix"
    raise ExportError(f"{path}: neither a STIX 2.1 bundle nor a crosscheck JSONL dump")


def import_file(store: Store, path: Path, settings: Settings | Any) -> dict[str, Any]:
    """Merge a STIX bundle or a JSONL dump into ``store``; returns what was done."""
    kind = detect_kind(path)
    if kind == "jsonl":
        from crosscheck.export.jsonl import restore_jsonl

        return restore_jsonl(store, path).to_dict()
    from crosscheck.export.stix_import import import_stix

    return import_stix(store, path, settings).to_dict()


__all__ = ["detect_kind", "import_file"]
