"""Files sent from a browser or an API client, turned into an ingest.

An uploaded filename is a label, never a path: it is reduced to a safe basename,
the bytes are written into a private temporary folder under a name we choose, read
with the same readers as ``crosscheck ingest`` and stored with ``upload:<name>`` as
their path. Being a label, the name never makes an upload a new version of another
report (only the same URL does). Limits (files, size, documents) come from the
settings and fail with messages that say what to do.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from crosscheck.config import Settings
from crosscheck.errors import InputError, TooLargeError
from crosscheck.ingest import RawDocument, read_file
from crosscheck.pipeline.ingest import IngestReport, ingest_raw
from crosscheck.store import Store

MAX_NAME = 120


@dataclass
class Upload:
    """One uploaded file: the name the client gave and its bytes."""

    filename: str
    data: bytes


def safe_name(filename: str, index: int = 0) -> str:
    """A basename safe to use on disk, keeping the suffix that picks the reader.

    ``"../../etc/passwd"`` becomes ``"passwd"``; ``"C:\\\\x\\\\report.txt"`` becomes
    ``"report.txt"``; names with nothing usable become ``"upload-<index>"``.
    """
    base = re.split(r"[\\/]", filename or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w.\-]+", "_", base, flags=re.ASCII).strip("._-")
    base = re.sub(r"\.{2,}", ".", base)
    if len(base) > MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot else base[:MAX_NAME]
    return base or f"upload-{index}"


def check_limits(uploads: list[Upload], settings: Settings) -> None:
    """Refuse an upload with too many files or a file over ``upload_max_mb``.

    Raises:
        InputError: no file, or more than ``upload_max_files`` files.
        TooLargeError: one file is larger than ``upload_max_mb``.
    """
    if not uploads:
        raise InputError("upload", "holds no file", "choose at least one report to upload")
    if len(uploads) > settings.upload_max_files:
        raise InputError(
            "upload",
            f"has {len(uploads)} files, over the limit of {settings.upload_max_files}",
            "upload fewer files at a time or use `crosscheck ingest` for a folder",
        )
    limit = int(settings.upload_max_mb * 1024 * 1024)
    for i, item in enumerate(uploads):
        if len(item.data) > limit:
            raise TooLargeError(
                safe_name(item.filename, i),
                f"is {len(item.data) / 1_000_000:.1f} MB, over the"
                f" {settings.upload_max_mb:g} MB upload limit",
                "split the file or use `crosscheck ingest` on the server",
            )


def _relabel(error: InputError, label: str) -> InputError:
    """The same error, naming the upload instead of our temporary file."""
    return type(error)(label, error.reason, error.hint)


def read_uploads(
    uploads: list[Upload],
    folder: Path,
    overrides: dict[str, str | None] | None = None,
) -> list[RawDocument | InputError]:
    """Write ``uploads`` into ``folder`` under safe names and read them like files."""
    items: list[RawDocument | InputError] = []
    for i, item in enumerate(uploads):
        name = safe_name(item.filename, i)
        # One sub-folder per file: two uploads with the same name never collide,
        # and a file named like a sidecar cannot attach itself to another report.
        target_dir = folder / f"{i:04d}"
        target_dir.mkdir(mode=0o700)
        target = target_dir / name
        target.write_bytes(item.data)
        label = f"upload:{name}"
        for got in read_file(target, overrides):
            if isinstance(got, InputError):
                items.append(_relabel(got, label))
                continue
            suffix = got.source[len(str(target)) :]  # "#entry" for feeds and JSONL
            got.source = label + suffix
            got.path = label + suffix
            got.name = label + suffix
            items.append(got)
    return items


def ingest_uploads(
    store: Store,
    uploads: list[Upload],
    settings: Settings,
    overrides: Mapping[str, str | None] | None = None,
) -> IngestReport:
    """Check limits, read and ingest uploaded files, with the same rules as ``crosscheck ingest``.

    Args:
        overrides: metadata (outlet, published, title, url) for a single file.

    Raises:
        InputError: limits exceeded, or metadata given for several files.
    """
    check_limits(uploads, settings)
    meta: dict[str, str | None] = {k: v for k, v in (overrides or {}).items() if v}
    if meta and len(uploads) != 1:
        raise InputError(
            "upload",
            "has metadata (outlet, published, title, url) for several files",
            "give metadata for a single file, or use .meta.json sidecars",
        )
    with tempfile.TemporaryDirectory(prefix="crosscheck-upload-") as tmp:
        items = read_uploads(uploads, Path(tmp), meta or None)
    documents = sum(1 for item in items if not isinstance(item, InputError))
    if documents > settings.upload_max_documents:
        raise TooLargeError(
            "upload",
            f"holds {documents:,} documents, over the limit of"
            f" {settings.upload_max_documents:,} per upload",
            "split it into smaller files or use `crosscheck ingest` on the server",
        )
    # A file name is a label, not a source identity: only the same URL makes a version.
    # One write for the whole upload: the answer says stored, or refused with nothing stored.
    return ingest_raw(store, items, settings, versions_by_path=False, atomic=True)


__all__ = ["Upload", "check_limits", "ingest_uploads", "read_uploads", "safe_name"]
