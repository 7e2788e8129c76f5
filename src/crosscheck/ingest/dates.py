"""Publication dates in one form: ``YYYY-MM-DD``.

Dates arrive as ISO timestamps, RFC 822 feed dates, or words ("March 25,
2024"). A date with a missing part is refused rather than completed from
today's date: a wrong publication date silently shifts every relative date
("on Friday") the analysis resolves against it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz
from typing import Any

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
# REQUIRE_PARTS makes dateparser return None instead of borrowing today's day or month.
_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_NUMBERS = re.compile(r"\d+")
#: Longer strings are sentences, not dates; dateparser would only search them slowly.
_MAX_DATE_CHARS = 100


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_published(value: object) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or ``None`` if no full date can be read.

    Accepts ``date``/``datetime`` objects and strings such as ``"2024-03-25"``,
    ``"2024-03-25T10:00:00Z"``, ``"Mon, 25 Mar 2024 10:00:00 +0000"`` or
    ``"March 25, 2024"``. A timestamp keeps the calendar date written in it (no
    time-zone conversion). Never fills a missing year, month or day from today.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO.match(text)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    rfc = parsedate_tz(text)
    if rfc is not None and rfc[0] and _HAS_YEAR.search(text):
        return _valid(rfc[0], rfc[1], rfc[2])
    if not _HAS_YEAR.search(text) or len(_NUMBERS.findall(text)) < 2:
        # Without a four-digit year and a numeric day, dateparser would have to invent one.
        return None
    if len(text) > _MAX_DATE_CHARS:
        return None
    # dateparser is slow to import; most dates take one of the paths above.
    import dateparser

    try:
        parsed = dateparser.parse(text, settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed is not None else None


__all__ = ["normalise_published"]
