"""Plain-text reports (``.txt``): the bytes, decoded; metadata comes from a sidecar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.encoding import decode_bytes


@register_reader("text", (".txt", ".text"))
def read_text(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the one document of a text file, decoded with :func:`decode_bytes`."""
    source = str(path)
    text = decode_bytes(path.read_bytes(), source)
    yield RawDocument(text=text, source=source, path=source, format="text")


__all__ = ["read_text"]
