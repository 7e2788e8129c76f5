"""Russian dates resolved against the publication date.

"22 марта" (the year of publication, or the year before when that would put it more
than a week after publication), "22 марта 2024 года", "в ночь на 23 марта" (the date
named, at the precision ``night``: the night runs from the evening of the 22nd into the
23rd, so an incident another report dates to either day may be the same one),
"23.03.2024", "в пятницу" (the last Friday on or before publication; "в минувшую пятницу"
the last one before it; "в ночь с пятницы на субботу" is the night into Saturday;
"в субботу, 23 марта" the date written out), "вчера", "накануне", and "в марте" (month
precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crosscheck.analysis.lang.ru.grammar import fold, grammar
from crosscheck.analysis.lang.ru.parse import Token

#: "22", or "22-го" as wire copy writes an ordinal day.
_DAY = re.compile(r"^(\d{1,2})(?:-?го)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
#: "23.03.2024" (the year in full: "23.03.24" is as often a version or a score).
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)$")
#: A day-and-month more than this many days after publication belongs to the year before.
FUTURE_SLACK = 7


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date in a sentence: token range, ISO date and precision."""

    start: int
    end: int
    iso: str
    precision: str  # day | night | month | year


def _year_after(tokens: tuple[Token, ...], j: int) -> int | None:
    if j < len(tokens) and _YEAR.match(tokens[j].text):
        return int(tokens[j].text)
    return None


def _day_month(tokens: tuple[Token, ...], i: int, published: date | None) -> FoundDate | None:
    g = grammar()
    if i + 1 >= len(tokens) or not _DAY.match(tokens[i].text):
        return None
    month = g.months.get(tokens[i + 1].lemma)
    if month is None:
        return None
    day = int(_DAY.match(tokens[i].text).group(1))  # type: ignore[union-attr]
    year = _year_after(tokens, i + 2)
    end = i + 2 if year is None else i + 3
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            if date(year, month, day) > published + timedelta(days=FUTURE_SLACK):
                year -= 1
        except ValueError:
            return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    night = _night(tokens, i)
    if night is not None:
        return FoundDate(night, end, found.isoformat(), "night")
    return FoundDate(i, end, found.isoformat(), "day")


def _night(tokens: tuple[Token, ...], i: int) -> int | None:
    """Where the phrase starts when the date at ``i`` is the one a night runs into ("в ночь
    на 9 мая", "в ночь с 8 на 9 мая", "в ночь с пятницы на субботу"), else ``None``."""
    if i == 0 or fold(tokens[i - 1].text) != "на":
        return None
    at = next((t.index for t in tokens[max(0, i - 5) : i] if t.lemma == "ночь"), None)
    if at is None:
        return None
    return at - 1 if at and fold(tokens[at - 1].text) in ("в", "во") else at


def _numeric(tokens: tuple[Token, ...], i: int) -> FoundDate | None:
    """ "23.03.2024": day, month and year in digits."""
    found = _NUMERIC.match(tokens[i].text)
    if found is None:
        return None
    day, month, year = (int(p) for p in found.groups())
    try:
        return FoundDate(i, i + 1, date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _weekday(tokens: tuple[Token, ...], i: int, published: date | None) -> FoundDate | None:
    g = grammar()
    if published is None or i == 0:
        return None
    weekday = g.weekdays.get(tokens[i].lemma)
    if weekday is None:
        return None
    # "в минувшую пятницу": a word between "в" and the day puts it before publication.
    past = tokens[i - 1].lemma in g.past_weekday_words and i >= 2
    first = i - 2 if past else i - 1
    before = fold(tokens[first].text)
    # "в ночь с пятницы на субботу": the night is dated by the day it runs into.
    night = _night(tokens, first + 1)
    overnight = night is not None
    if before not in ("в", "во") and not overnight:
        return None
    # "в субботу, 4 мая": the date written out says which Saturday.
    after = i + 2 if i + 1 < len(tokens) and tokens[i + 1].text == "," else i + 1
    if after < len(tokens) and (_day_month(tokens, after, published) or _numeric(tokens, after)):
        return None
    back = (published.weekday() - weekday) % 7 or (7 if past else 0)
    when = (published - timedelta(days=back)).isoformat()
    if night is not None:
        return FoundDate(night, i + 1, when, "night")
    return FoundDate(first, i + 1, when, "day")


def _relative(tokens: tuple[Token, ...], i: int, published: date | None) -> FoundDate | None:
    shift = grammar().relative.get(fold(tokens[i].text))
    if published is None or shift is None:
        return None
    return FoundDate(i, i + 1, (published + timedelta(days=shift)).isoformat(), "day")


def _month(tokens: tuple[Token, ...], i: int, published: date | None) -> FoundDate | None:
    g = grammar()
    month = g.months.get(tokens[i].lemma)
    if month is None or i == 0 or fold(tokens[i - 1].text) != "в":
        return None
    year = _year_after(tokens, i + 1) or (published.year if published else None)
    if year is None:
        return None
    if published and year == published.year and month > published.month:
        year -= 1
    return FoundDate(i - 1, i + 1, date(year, month, 1).isoformat(), "month")


def find_dates(tokens: tuple[Token, ...], published: date | None) -> list[FoundDate]:
    """The dates a sentence names, in order."""
    out: list[FoundDate] = []
    i = 0
    while i < len(tokens):
        found = (
            _day_month(tokens, i, published)
            or _numeric(tokens, i)
            or _weekday(tokens, i, published)
            or _relative(tokens, i, published)
            or _month(tokens, i, published)
        )
        if found is None:
            i += 1
            continue
        out.append(found)
        i = max(found.end, i + 1)
    return out


__all__ = ["FoundDate", "find_dates"]
