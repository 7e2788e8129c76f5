"""Canonical text form and content identity.

Every document is stored in the form :func:`normalise_text` gives, and its id
derives from :func:`content_hash` of that form, so the same report read from
a file with CRLF line ends, a BOM or trailing spaces gets the same id. Claim
spans are offsets into this normalised text. The function is idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
# Three or more line breaks are two or more blank lines: one blank line is enough to mark a
# paragraph, and more only pads the text.
_BLANK_RUNS = re.compile(r"\n{3,}")


@cache
def _control_table() -> dict[int, None]:
    # C0 and C1 controls except tab and newline (CR is handled before, as a line break).
    # U+FEFF too: a stray byte-order mark inside text is invisible noise.
    codes = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0xFEFF]
    return {code: None for code in codes if code not in (0x09, 0x0A)}


def normalise_text(text: str) -> str:
    """Return the canonical form of ``text``.

    Steps: CRLF and lone CR become LF; control characters other than tab and
    newline are dropped; trailing whitespace is stripped from each line; runs of
    two or more blank lines become one blank line; leading and trailing
    whitespace is stripped; Unicode is composed (NFC).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Line and paragraph separators are line breaks for every reader of the text.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_control_table())
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    # Composition last: removing a control character can join a base letter and its accent.
    return unicodedata.normalize("NFC", text.strip())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised form of ``text``.

    The pipeline names a document ``"d-" + content_hash(text)[:16]``.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


__all__ = ["content_hash", "normalise_text"]
