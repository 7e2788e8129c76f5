"""Read what the user names into finished :class:`RawDocument` records.

One function, :func:`read_inputs`, joins discovery, the reader registry,
metadata sidecars and text normalisation. It never raises for one bad file:
every problem is yielded as an :class:`InputError` and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import (
    ConfigError,
    EmptyInputError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from crosscheck.ingest.base import RawDocument, Reader, reader_for, supported_suffixes
from crosscheck.ingest.discover import display_name, expand_inputs
from crosscheck.ingest.language import detect_language
from crosscheck.ingest.sidecar import META_FIELDS, clean_metadata, is_sidecar, read_sidecar
from crosscheck.ingest.text import normalise_text

log = logging.getLogger(__name__)
_MB = 1024 * 1024  # the max_file_mb setting counts binary megabytes


def _clean_overrides(overrides: dict[str, str | None] | None) -> dict[str, str | None]:
    if not overrides:
        return {}
    unknown = sorted(set(overrides) - set(META_FIELDS))
    if unknown:
        raise ConfigError(
            f"unknown metadata override(s) {', '.join(unknown)}; use {', '.join(META_FIELDS)}"
        )
    try:
        return clean_metadata(dict(overrides), "metadata override")
    except InputError as exc:
        raise ConfigError(str(exc)) from exc


def _unsupported(path: Path) -> UnsupportedFormatError:
    if is_sidecar(path):
        return UnsupportedFormatError(
            str(path),
            "is a metadata sidecar, not a report",
            "ingest the report beside it; its sidecar is read automatically",
        )
    suffix = path.suffix or "(no suffix)"
    return UnsupportedFormatError(
        str(path),
        f"no reader for {suffix} files",
        f"supported suffixes: {', '.join(supported_suffixes())}",
    )


def _too_large(path: Path, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        str(path),
        f"is {size / _MB:.1f} MB, over the {max_bytes / _MB:.4g} MB limit",
        "raise the max_file_mb setting or split the file",
    )


def finish_document(
    doc: RawDocument,
    sidecar: dict[str, str | None],
    overrides: dict[str, str | None],
    *,
    many: bool = False,
) -> RawDocument:
    """Merge metadata, normalise the text and fill in the language of a read document.

    Priority: ``overrides`` (CLI flags) > ``sidecar`` > what the file itself says.
    For a file holding many documents (``many``: a feed, a JSONL file) the
    sidecar only fills gaps, since one title or url cannot belong to every entry.

    Raises:
        EmptyInputError: nothing but whitespace and control characters remains.
    """
    for key in META_FIELDS:
        current = getattr(doc, key)
        side = sidecar.get(key)
        value = overrides.get(key) or (current or side if many else side or current)
        setattr(doc, key, value)
    doc.text = normalise_text(doc.text)
    if not doc.text:
        raise EmptyInputError(doc.source, "has no text once normalised", "give a report with text")
    if doc.language is None:
        doc.language = detect_language(doc.text)
    return doc


def read_file(
    path: Path,
    overrides: dict[str, str | None] | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawDocument | InputError]:
    """Read one file with the reader registered for its suffix.

    Yields finished documents (see :func:`finish_document`) and, for anything
    that could not be read, :class:`InputError` instead of raising.
    """
    meta_overrides = _clean_overrides(overrides)
    found = reader_for(path)
    if found is None:
        yield _unsupported(path)
        return
    name, reader = found
    sidecar = _check_file(path, max_bytes)
    if isinstance(sidecar, InputError):
        yield sidecar
        return
    yield from _run_reader(name, reader, path, sidecar, meta_overrides)


def _check_file(path: Path, max_bytes: int | None) -> dict[str, str | None] | InputError:
    """The file's sidecar metadata, or why the file is not read at all."""
    try:
        if not path.is_file():
            return InputError(str(path), "is not a regular file", "give a file or a directory")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return _too_large(path, size, max_bytes)
        return read_sidecar(path)
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(
            str(path), f"cannot be read ({exc.strerror or exc})", "check the permissions"
        )


def _run_reader(
    name: str,
    reader: Reader,
    path: Path,
    sidecar: dict[str, str | None],
    overrides: dict[str, str | None],
) -> Iterator[RawDocument | InputError]:
    """The reader's documents, finished; whatever goes wrong becomes an InputError."""
    source = str(path)
    many = False
    yielded = False
    try:
        for item in reader(path):
            yielded = True
            if isinstance(item, InputError):
                yield item
                continue
            many = many or item.source != source
            try:
                yield finish_document(item, sidecar, overrides, many=many)
            except InputError as exc:
                yield exc
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})", "check the permissions")
        return
    except Exception as exc:  # a reader's bug must not stop the batch
        log.exception("reader %s failed on %s", name, source)
        yield InputError(
            source,
            f"the {name} reader failed ({type(exc).__name__}: {exc})",
            "please report this file to the crosscheck maintainers",
        )
        return
    if not yielded:
        yield EmptyInputError(source, "holds no reports", "give a file with at least one report")


def read_inputs(
    args: list[str],
    overrides: dict[str, str | None] | None = None,
    max_bytes: int | None = None,
    root: str | None = None,
) -> Iterator[RawDocument | InputError]:
    """Read every report the arguments name.

    Args:
        args: files, directories (read recursively) and glob patterns.
        overrides: metadata given on the command line (title, outlet, author,
            url, published, language); ``None`` values are ignored. They beat
            the sidecar, which beats the file's own metadata.
        max_bytes: refuse files larger than this, checked before reading.
        root: the folder names are relative to (a watched folder); default: the
            directory or glob argument each file was found under.

    Yields:
        A :class:`RawDocument` with normalised text for each report read, and an
        :class:`InputError` for each file, entry or line that could not be read.

    Raises:
        ConfigError: an override is unknown or unreadable (a bad flag, not a bad file).
    """
    meta_overrides = _clean_overrides(overrides)
    roots = [root] if root else args
    for item in expand_inputs(args):
        if isinstance(item, InputError):
            yield item
            continue
        name = display_name(str(item), roots)
        for got in read_file(item, meta_overrides, max_bytes):
            if isinstance(got, RawDocument) and got.path is not None:
                got.name = name + got.path[len(str(item)) :]  # keeps "#entry" of a feed
            yield got


__all__ = ["finish_document", "read_file", "read_inputs"]
