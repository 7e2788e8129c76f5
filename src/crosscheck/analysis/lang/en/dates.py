"""Dates in report text, resolved against the publication date.

Reports write dates loosely: "on Friday", "March 22", "in early March", "by 2022",
"the January 2024 twin bombings". This module turns such a phrase into an ISO
string at the precision the text supports (``day``, ``month`` or ``year``) and
never invents parts the text does not give: a missing year comes from the
publication date, never from today, and a relative date never lands after
publication.

Conventions (documented because they are choices):

* A bare weekday ("on Friday") is the most recent such weekday *on or before*
  publication: a report published on a Friday that says "on Friday" means that
  day. "last Friday" is strictly before publication.
* A week is not a precision we have: "last week" / "this week" resolve to the
  month (of the Monday that starts that week). "yesterday"/"today" are days;
  "last month"/"last year" are a month and a year.
* "early/mid/late March" is March (month precision): the qualifier narrows
  within the month, which our precisions cannot express.
* A month or day without a year takes the publication year, or the year before
  when that would put it after publication.

The module must not do NLP beyond reading a spaCy ``Span``; it has no knowledge
of events or claims.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from spacy.tokens import Span

from crosscheck.analysis.lang.en.spans import doc_text, ents_in

DateValue = tuple[str, str]

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9
_MONTH_PREPOSITIONS = frozenset(
    {
        "in",
        "by",
        "since",
        "until",
        "of",
        "during",
        "from",
        "early",
        "mid",
        "late",
        "last",
        "this",
        "next",
    }
)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

# Month names must be capitalised ("to mar", "may rise" are verbs); the rest of a
# pattern is case-insensitive.
_MONTH_RE = (
    r"(?-i:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH"
    r"|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?)"
)
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

_ISO = re.compile(rf"\b({_YEAR_RE})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b({_DAY_RE})(?:\s+of)?\s+({_MONTH_RE})(?:,?\s+({_YEAR_RE}))?\b", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH_RE})\s+({_DAY_RE})(?!\s*(?:%|per|million|people))(?:,?\s+({_YEAR_RE}))?\b"
    r"(?![\d,.]*\d)",
    re.IGNORECASE,
)
_PART_MONTH_YEAR = re.compile(
    rf"\b(?:(early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+)?"
    rf"({_MONTH_RE})(?:,?\s+({_YEAR_RE}))?\b",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(
    rf"\b(?:(early|mid|late)[\s-]+)?({_YEAR_RE})\b(?!\s*s\b|'s|s\b)", re.IGNORECASE
)
_WEEKDAY = re.compile(rf"\b(?:(last|this|past|previous)\s+)?({_WEEKDAY_RE})\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(yesterday|today|tonight|this\s+morning|last\s+night|"
    r"(?:last|this|past|previous)\s+(?:week|month|year)|"
    r"(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago)\b",
    re.IGNORECASE,
)
_DECADE = re.compile(r"\d0\s*'?s\b")
_NUMERIC = re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./]({_YEAR_RE})\b")
_SMALL_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _day_iso(d: date) -> DateValue:
    return (d.isoformat(), "day")


def _month_iso(year: int, month: int) -> DateValue:
    return (f"{year:04d}-{month:02d}", "month")


def _month_year(month: int, year: int | None, published: date | None) -> int | None:
    """The year of a month named without one: the latest not after publication."""
    if year is not None:
        return year
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _int_day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _shift_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def _relative(m: re.Match[str], published: date) -> DateValue | None:
    phrase = " ".join(m.group(1).lower().split())
    if phrase in ("today", "tonight", "this morning"):
        return _day_iso(published)
    if phrase in ("yesterday", "last night"):
        return _day_iso(published - timedelta(days=1))
    if m.group(2):
        n = _SMALL_NUMBERS.get(m.group(2).lower()) or int(m.group(2))
        unit = m.group(3).lower()
        if unit == "day":
            return _day_iso(published - timedelta(days=n))
        if unit == "week":
            monday = published - timedelta(days=7 * n + published.weekday())
            return _month_iso(monday.year, monday.month)
        if unit == "month":
            return _month_iso(*_shift_months(published, -n))
        return (f"{published.year - n:04d}", "year")
    which, unit = phrase.split()
    back = 0 if which == "this" else 1
    if unit == "week":
        monday = published - timedelta(days=published.weekday() + 7 * back)
        return _month_iso(monday.year, monday.month)
    if unit == "month":
        return _month_iso(*_shift_months(published, -back))
    return (f"{published.year - back:04d}", "year")


def _weekday(m: re.Match[str], published: date) -> DateValue:
    target = _WEEKDAYS[m.group(2).lower()]
    back = (published.weekday() - target) % 7
    if back == 0 and m.group(1) and m.group(1).lower() in ("last", "past", "previous"):
        back = 7
    return _day_iso(published - timedelta(days=back))


def _explicit(text: str, published: date | None) -> DateValue | None:
    """Calendar dates written with a month name or digits, most precise first."""
    m = _ISO.search(text)
    if m:
        found = _valid_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return _day_iso(found)
    m = _NUMERIC.search(text)
    if m:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        # Day first unless that is impossible: most of the world writes 22.03.2024.
        day, month = (second, first) if first <= 12 < second else (first, second)
        found = _valid_day(year, month, day)
        if found:
            return _day_iso(found)
    for pattern, month_group, day_group in (
        (_DAY_MONTH_YEAR, 2, 1),
        (_MONTH_DAY_YEAR, 1, 2),
    ):
        m = pattern.search(text)
        if not m:
            continue
        month = _MONTHS[m.group(month_group).lower().rstrip(".")]
        day = _int_day(m.group(day_group))
        if m.group(3):
            year = int(m.group(3))
        elif published is None:
            continue
        else:
            year = published.year
            candidate = _valid_day(year, month, day)
            if candidate and candidate > published:
                year -= 1
        found = _valid_day(year, month, day)
        if found:
            return _day_iso(found)
    m = _PART_MONTH_YEAR.search(text)
    if m and not _is_modal_may(m, text):
        month = _MONTHS[m.group(2).lower().rstrip(".")]
        month_year = _month_year(month, int(m.group(3)) if m.group(3) else None, published)
        if month_year is not None:
            return _month_iso(month_year, month)
    m = _YEAR_ONLY.search(text)
    if m:
        return (m.group(2), "year")
    return None


def _is_modal_may(m: re.Match[str], text: str) -> bool:
    """A bare "May" after a word other than a preposition is a name ("Theresa May")."""
    if m.group(2).lower() != "may" or m.group(1) or m.group(3):
        return False
    before = text[: m.start()].split()
    return bool(before) and before[-1].lower() not in _MONTH_PREPOSITIONS


@cache
def _dateparser_settings(published: date | None) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["year"],
        "RETURN_TIME_AS_PERIOD": False,
        "STRICT_PARSING": False,
    }
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return settings


def _with_dateparser(text: str, published: date | None) -> DateValue | None:
    """Last resort for forms the patterns miss; never fills parts from today."""
    if not re.search(rf"\b{_YEAR_RE}\b", text) or _DECADE.search(text):
        return None
    import dateparser  # type: ignore[import-untyped]

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_dateparser_settings(published))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return _day_iso(parsed.date())


def resolve_date(text: str, published: date | None) -> DateValue | None:
    """Resolve a date phrase to ``(iso, precision)``.

    Args:
        text: a phrase such as "on Friday", "in early March", "22 March 2024", "by 2022".
        published: the report's publication date, the anchor for relative and
            year-less dates; without it only self-contained dates resolve.

    Returns:
        ``("2024-03-22", "day")``, ``("2024-03", "month")`` or ``("2022", "year")``,
        or ``None`` when the phrase holds no resolvable date (durations such as
        "two years", decades such as "the 1990s").
    """
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    explicit = _explicit(text, published)
    if explicit is not None:
        return explicit
    if published is not None:
        m = _RELATIVE.search(text)
        if m:
            return _relative(m, published)
        m = _WEEKDAY.search(text)
        if m:
            return _weekday(m, published)
    found = _with_dateparser(text, published)
    if found is not None and published is not None and found[0] > published.isoformat():
        return None
    return found


_CANDIDATES = (
    _ISO,
    _DAY_MONTH_YEAR,
    _MONTH_DAY_YEAR,
    _PART_MONTH_YEAR,
    _RELATIVE,
    _WEEKDAY,
)
_YEAR_CONTEXT = re.compile(
    rf"\b(?:in|by|since|until|from|of|during|before|after|early|mid|late)\s+(?:the\s+)?"
    rf"(?:(?:early|mid|late)[\s-]+)?{_YEAR_RE}\b(?!\s*s\b|'s)"
    rf"|\b{_YEAR_RE}\b(?=\s+(?:[A-Za-z]+\s+)?(?:attack|bombing|shooting|elections?|census|"
    r"survey|report|poll|massacre|war|invasion|raid))",
    re.IGNORECASE,
)


# A year-like number that opens an address is a house or block number ("the 1900 block of
# Elm Street", "2010 N. Main St."), never a date.
_ADDRESS_AFTER = re.compile(
    r"\s*(?:block\b|(?:[NSEW]\.?\s+)?[A-Z][a-z]+\.?\s+"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl)\b)",
    re.IGNORECASE,
)


def _is_address(text: str, end: int) -> bool:
    """The candidate ending at ``end`` is the number of a block or street address."""
    return _ADDRESS_AFTER.match(text, end) is not None


def _phrases(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (*_CANDIDATES, _YEAR_CONTEXT):
        for m in pattern.finditer(text):
            if pattern is _PART_MONTH_YEAR and _is_modal_may(m, text):
                continue
            spans.append((m.start(), m.end()))
    return spans


def find_dates(span: Span, published: date | None = None) -> list[tuple[int, int, str, str]]:
    """Dates written in ``span``, as ``(start_char, end_char, iso, precision)``.

    Offsets are character offsets in ``span.doc`` (chunk-relative). Candidates
    are spaCy DATE entities inside the span plus pattern matches (spaCy misses
    some, and its DATE entities also cover durations that do not resolve).
    Overlapping candidates keep the longest that resolves.
    """
    base = span.start_char
    candidates: list[tuple[int, int]] = [
        (ent.start_char, ent.end_char) for ent in ents_in(span) if ent.label_ == "DATE"
    ]
    candidates += [(base + s, base + e) for s, e in _phrases(span.text)]
    resolved: list[tuple[int, int, str, str]] = []
    text = doc_text(span.doc)
    for start, end in sorted(set(candidates), key=lambda se: (se[0], -(se[1] - se[0]))):
        if _is_address(text, end):
            continue
        value = resolve_date(text[start:end], published)
        if value is not None:
            resolved.append((start, end, value[0], value[1]))
    rank = {"day": 0, "month": 1, "year": 2}
    # Prefer the longest, then the most precise, among overlapping readings.
    resolved.sort(key=lambda r: (-(r[1] - r[0]), rank[r[3]]))
    kept: list[tuple[int, int, str, str]] = []
    for item in resolved:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    return sorted(kept)


__all__ = ["find_dates", "resolve_date"]
