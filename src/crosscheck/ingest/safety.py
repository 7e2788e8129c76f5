"""Refuse hostile XML before any XML library sees it.

Entity-expansion bombs ("billion laughs", quadratic blow-up) and external
entities live in a DOCTYPE's ENTITY declarations. Legitimate feeds do not need
them, so any ENTITY declaration is refused, as is anything defusedxml flags.
A bare DOCTYPE (old RSS 0.91 feeds carry one) is allowed.
"""

from __future__ import annotations

import codecs
import re
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_tree
from defusedxml import DefusedXmlException

from crosscheck.errors import UnsafeInputError

# A literal "<!ENTITY" inside CDATA or a comment is text (a security feed may quote an attack);
# anywhere else it can only be a declaration.
_MARKS = re.compile(rb"<!\[CDATA\[|<!--|<!\s*ENTITY", re.IGNORECASE)
_CLOSERS = {b"<![CDATA[": b"]]>", b"<!--": b"-->"}
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HINT = "crosscheck refuses XML with entity declarations; remove the DOCTYPE block"


def _as_ascii_view(data: bytes) -> bytes:
    """The bytes with wide encodings narrowed, so a byte scan sees ``<!ENTITY`` in UTF-16 too."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").encode("utf-8", errors="replace")
    if b"\x00" in data[:256]:
        # A wide encoding without a BOM: dropping NULs leaves the ASCII markup readable.
        return data.replace(b"\x00", b"")
    return data


def _declares_entities(data: bytes) -> bool:
    """Whether ``data`` has an ENTITY declaration outside CDATA sections and comments."""
    position = 0
    while True:
        mark = _MARKS.search(data, position)
        if mark is None:
            return False
        closer = _CLOSERS.get(mark.group(0).upper())
        if closer is None:
            return True
        end = data.find(closer, mark.end())
        if end < 0:
            return False
        position = end + len(closer)


def refuse_entity_declarations(data: bytes, source: str) -> None:
    """Raise :class:`UnsafeInputError` if ``data`` declares entities in a DOCTYPE.

    A cheap byte scan, used for HTML pages too: no HTML page needs an entity
    declaration, and one that has it is built to attack a parser.
    """
    if _declares_entities(_as_ascii_view(data)):
        raise UnsafeInputError(
            source, "declares XML entities (possible entity-expansion bomb)", _HINT
        )


def check_xml_safe(data: bytes, source: str) -> None:
    """Raise :class:`UnsafeInputError` if ``data`` declares entities or defusedxml objects.

    Runs in time linear in the size of ``data`` and never expands an entity.
    Malformed XML is not this function's concern: the caller's parser reports it.
    """
    refuse_entity_declarations(data, source)
    try:
        safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeInputError(
            source, f"contains unsafe XML ({type(exc).__name__})", _HINT
        ) from exc
    except (ParseError, ValueError):
        return


__all__ = ["check_xml_safe", "refuse_entity_declarations"]
