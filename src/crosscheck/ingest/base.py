"""What every reader returns, and the reader registry.

A reader turns one file into one or more :class:`RawDocument` (a feed or a
JSONL file yields many). Readers are registered by name and file suffix with
:func:`register_reader`; built-ins use the same door as plug-ins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.errors import InputError


@dataclass
class RawDocument:
    """A report as read from its source, before identity and storage."""

    text: str
    source: str  # what the user gave, for messages: a path, or path#entry
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    language: str | None = None
    format: str = "text"
    extra: dict[str, str] = field(default_factory=dict)
    name: str | None = None  # path relative to the ingest root, for display (see discover)


#: A reader yields documents, or InputError for an entry it could not read
#: (a bad line in a JSONL file must not lose the good ones).
Reader = Callable[[Path], Iterator[RawDocument | InputError]]

_READERS: dict[str, Reader] = {}
_SUFFIXES: dict[str, str] = {}


def register_reader(name: str, suffixes: tuple[str, ...]) -> Callable[[Reader], Reader]:
    """Register ``reader`` under ``name`` for the file ``suffixes`` (".txt", …)."""

    def wrap(reader: Reader) -> Reader:
        _READERS[name] = reader
        for suffix in suffixes:
            _SUFFIXES[suffix.lower()] = name
        return reader

    return wrap


def reader_for(path: Path) -> tuple[str, Reader] | None:
    name = _SUFFIXES.get(path.suffix.lower())
    return (name, _READERS[name]) if name else None


def supported_suffixes() -> list[str]:
    return sorted(_SUFFIXES)


__all__ = ["RawDocument", "Reader", "reader_for", "register_reader", "supported_suffixes"]
