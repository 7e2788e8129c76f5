"""Turn the raw bytes of a text-like file into ``str``.

Order of trust: a byte-order mark, then strict UTF-8, then charset-normalizer's
guess among legacy encodings (cp1251, cp1252, Latin-1, …). Binary data is
refused before any guessing, because a decoder will happily turn a PNG into
nonsense "text" that would then be analysed and stored.
"""

from __future__ import annotations

import codecs
from functools import cache

from crosscheck.errors import DecodeError, EmptyInputError
from crosscheck.ingest.resources import load_data

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: How much of the start of a file the binary checks look at.
_SNIFF_BYTES = 8192
#: Share of control bytes (other than tab, newline, CR, form feed, escape) that marks binary.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
_CONTROL_BYTES = frozenset(range(32)) - _TEXT_CONTROLS | {0x7F}

_BINARY_HINT = "give a text, Markdown, HTML, PDF, RSS/Atom or JSONL file instead"


@cache
def _signatures() -> tuple[tuple[bytes, str, str], ...]:
    rows = load_data("binary_signatures.yaml")["signatures"]
    return tuple(
        (bytes.fromhex(row["magic"]), str(row["kind"]), str(row.get("hint") or _BINARY_HINT))
        for row in rows
    )


def sniff_binary(data: bytes) -> str | None:
    """Say why ``data`` looks binary and what to do, or ``None`` if it may be text.

    Only the first few kilobytes are examined, so this is cheap on large files.
    Data that starts with a UTF-16/32 byte-order mark is text by declaration.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, kind, hint in _signatures():
        if data.startswith(magic):
            return f"it starts with a {kind} header; {hint}"
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return f"it contains NUL bytes; {_BINARY_HINT}"
    if head:
        controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
        if controls / len(head) > _MAX_CONTROL_SHARE:
            return (
                f"{controls} of its first {len(head)} bytes are control characters; {_BINARY_HINT}"
            )
    return None


def _binary_error(source: str, why: str) -> DecodeError:
    return DecodeError(source, "looks like a binary file, not text", why)


def _decode_with_bom(data: bytes, source: str) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    source,
                    f"starts with a {name.upper()} byte-order mark but is not valid {name}"
                    f" (byte {exc.start})",
                    "re-save the file as UTF-8",
                ) from exc
    return None


def _decode_legacy(data: bytes, source: str) -> str:
    # Imported here: charset-normalizer is only needed for the rare non-UTF-8 file.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(
            source,
            "is neither UTF-8 nor a recognisable legacy encoding",
            "re-save the file as UTF-8",
        )
    return str(best)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode the bytes of a text file, detecting its encoding.

    Args:
        data: the file's content.
        source: what to name in error messages (usually the path as given).

    Returns:
        The text, without a byte-order mark. Not yet normalised.

    Raises:
        EmptyInputError: the data is empty or only whitespace.
        DecodeError: the data looks binary, or no encoding fits.
    """
    if not data.strip():
        raise EmptyInputError(source, "is empty", "give a file with some text in it")
    text = _decode_with_bom(data, source)
    if text is None:
        why = sniff_binary(data)
        if why is not None:
            raise _binary_error(source, why)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, source)
    if not text.strip():
        raise EmptyInputError(
            source, "contains only whitespace", "give a file with some text in it"
        )
    return text


__all__ = ["decode_bytes", "sniff_binary"]
