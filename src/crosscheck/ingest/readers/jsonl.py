"""JSON Lines (``.jsonl``, ``.ndjson``): one report per line.

Each line is an object with ``text`` (required) and optionally ``title``,
``url``, ``outlet``, ``published``, ``author``, ``language``; other keys are
ignored. The file is streamed line by line, so memory does not grow with the
number of lines. A bad line is reported as ``path:LINE`` and the others are
still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import EmptyInputError, InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.sidecar import clean_metadata

_HINT = 'each line must be a JSON object such as {"text": "…", "title": "…"}'


def _line_document(raw: bytes, source: str) -> RawDocument:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not valid UTF-8 (byte {exc.start})", "save as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"is not valid JSON ({exc.msg}, column {exc.colno})", _HINT
        ) from exc
    if not isinstance(record, dict):
        raise InputError(source, f"holds a JSON {type(record).__name__}, not an object", _HINT)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(source, "has no 'text' string", _HINT)
    if not text.strip():
        raise EmptyInputError(source, "has an empty 'text'", "drop the line or give it text")
    meta = clean_metadata(record, source)
    return RawDocument(
        text=text,
        source=source,
        path=source,
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        url=meta.get("url"),
        published=meta.get("published"),
        language=meta.get("language"),
        format="jsonl",
    )


@register_reader("jsonl", (".jsonl", ".ndjson"))
def read_jsonl(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield a document per non-blank line, or an :class:`InputError` for a bad line."""
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            source = f"{path}:{number}"
            try:
                yield _line_document(raw, source)
            except InputError as exc:
                yield exc


__all__ = ["read_jsonl"]
