"""decode_bytes: byte-order marks, UTF-8, legacy encodings, binary refusal, empty input."""

from __future__ import annotations

import codecs
import struct
import zlib

import pytest

from crosscheck.errors import DecodeError, EmptyInputError
from crosscheck.ingest.encoding import decode_bytes, sniff_binary

RUSSIAN = (
    "В четверг вечером следователи задержали ещё двух человек, подозреваемых в подготовке "
    "нападения на вокзал. По словам источника, оба были доставлены в Москву для допроса."
)
ENGLISH_CURLY = (
    "The spokesman called the report \u201cdeeply misleading\u201d and said the ministry\u2019s "
    "own count \u2014 published on Friday \u2014 was lower."
)
FRENCH = (
    "Le préfet a déclaré que trois suspects avaient été interpellés à l'aube et qu'une "
    "enquête était ouverte pour tentative d'assassinat. Les élèves du lycée voisin ont été "
    "évacués par précaution."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (ENGLISH_CURLY, "cp1252"),
        (FRENCH, "latin-1"),
        (RUSSIAN, "utf-8"),
        (FRENCH, "utf-8"),
    ],
)
def test_decode_bytes_legacy_and_utf8(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_decode_bytes_with_bom(codec: str) -> None:
    boms = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
    }
    data = boms.get(codec, b"") + RUSSIAN.encode(codec)
    decoded = decode_bytes(data, "x.txt")
    assert decoded == RUSSIAN
    assert not decoded.startswith("\ufeff")


def _png() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    ihdr = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(header))
        + ihdr
        + struct.pack(">I", zlib.crc32(ihdr))
    )


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (_png(), "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00" + b"word/document.xml" * 4, "ZIP"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "ELF"),
        (b"plain words then a NUL\x00 byte and more words", "NUL"),
        (bytes(range(1, 32)) * 20 + b"some text", "control characters"),
    ],
)
def test_decode_bytes_refuses_binary(data: bytes, detail: str) -> None:
    with pytest.raises(DecodeError, match=r"looks like a binary file, not text; .*" + detail):
        decode_bytes(data, "photo.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-8")])
def test_decode_bytes_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"empty|whitespace"):
        decode_bytes(data, "blank.txt")


def test_sniff_binary_accepts_text_with_tabs_and_form_feeds() -> None:
    assert sniff_binary(b"col1\tcol2\r\nvalue\tvalue\f\nnext page") is None


def test_decode_bytes_bad_utf16_names_the_file() -> None:
    with pytest.raises(DecodeError, match=r"odd\.txt"):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41", "odd.txt")
