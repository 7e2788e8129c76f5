"""Ingestion: turn files, directories, globs and feeds into documents.

The lowest layer above the records: it imports only ``model``, ``errors`` and
``config``-level code. Readers per format live in :mod:`crosscheck.ingest.readers`
and are registered on import of this package; a plug-in adds a format with
:func:`register_reader`. Nothing here touches the network.

Typical use::

    for item in read_inputs(["corpus/"], overrides={"outlet": "Harbour Ledger"}):
        if isinstance(item, InputError):
            print(item)          # one bad file; the batch goes on
        else:
            store(item)          # a RawDocument with normalised text
"""

from __future__ import annotations

from crosscheck.errors import InputError
from crosscheck.ingest import readers as readers
from crosscheck.ingest.base import (
    RawDocument,
    Reader,
    reader_for,
    register_reader,
    supported_suffixes,
)
from crosscheck.ingest.dates import normalise_published
from crosscheck.ingest.discover import expand_inputs
from crosscheck.ingest.encoding import decode_bytes
from crosscheck.ingest.language import detect_language, normalise_language
from crosscheck.ingest.reading import finish_document, read_file, read_inputs
from crosscheck.ingest.sidecar import META_FIELDS, read_sidecar, sidecar_path
from crosscheck.ingest.text import content_hash, normalise_text

__all__ = [
    "META_FIELDS",
    "InputError",
    "RawDocument",
    "Reader",
    "content_hash",
    "decode_bytes",
    "detect_language",
    "expand_inputs",
    "finish_document",
    "normalise_language",
    "normalise_published",
    "normalise_text",
    "read_file",
    "read_inputs",
    "read_sidecar",
    "reader_for",
    "register_reader",
    "sidecar_path",
    "supported_suffixes",
]
