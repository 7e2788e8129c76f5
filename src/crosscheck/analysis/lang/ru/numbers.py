"""Russian quantities: digits, number words in every case, hedges and vague amounts.

"не менее 130" is a floor, "до 100" a ceiling (but "возросло до 144" is 144), "около
1,3 млн" a rounded 1,300,000, "ста сорока трёх" 143 and "десятки" a vague 24–99, with the
intervals of the claim contract. Only reads tokens; which measure a quantity counts is
decided in :mod:`.claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crosscheck.analysis.lang.ru.grammar import Grammar, fold, grammar
from crosscheck.analysis.lang.ru.parse import Token

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_RANGE = re.compile(r"^(\d+)[-–—](\d+)$")
_GROUP = re.compile(r"^\d{3}$")
#: How far back (tokens) a rising verb makes "до N" an arrival, not a ceiling.
RISE_WINDOW = 6


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity in a sentence: token range of the whole phrase and of the number itself."""

    first: int  # first token of the phrase (a hedge, if any)
    start: int  # first token of the number
    end: int  # one past its last token
    low: float | None
    high: float | None
    approximate: bool = False
    vague: bool = False
    #: One past the last noun of a list the quantity adds up ("трое мужчин и две
    #: женщины"), else 0.
    through: int = 0

    @property
    def last(self) -> int:
        """One past the last token of the phrase (a list's last noun, else the number)."""
        return self.through or self.end


def _number_value(text: str) -> float:
    return float(text.replace(",", "."))


def _read_digits(tokens: tuple[Token, ...], i: int, g: Grammar) -> tuple[float, int] | None:
    """A number written in digits at ``i`` ("6 200", "1,3 млн", "144"): (value, end)."""
    if not _DIGITS.match(tokens[i].text):
        return None
    value_text = tokens[i].text
    j = i + 1
    # "6 200": thousands written with a space are one number.
    while (
        j < len(tokens)
        and _GROUP.match(tokens[j].text)
        and tokens[j].start - tokens[j - 1].end == 1
        and "," not in value_text
        and len(value_text.replace(" ", "")) <= 3 * (j - i)
    ):
        value_text += tokens[j].text
        j += 1
    value = _number_value(value_text)
    if j < len(tokens) and tokens[j].lemma in g.multipliers:
        value *= g.multipliers[tokens[j].lemma]
        j += 1
        if j < len(tokens) and tokens[j].text == "." and tokens[j - 1].lemma == "тыс":
            j += 1
    return value, j


def _read_words(tokens: tuple[Token, ...], i: int, g: Grammar) -> tuple[float, int] | None:
    """A number in words at ``i`` in any case ("ста сорока трёх" -> 143): (value, end)."""
    total = 0.0
    current = 0.0
    j = i
    while j < len(tokens):
        lemma = tokens[j].lemma
        if lemma in g.units:
            current += g.units[lemma]
        elif lemma in g.multipliers and (current or total) and j > i:
            total += (current or 1) * g.multipliers[lemma]
            current = 0.0
        else:
            break
        j += 1
    if j == i:
        return None
    return total + current, j


def _hedge(tokens: tuple[Token, ...], start: int, g: Grammar) -> tuple[str, int] | None:
    """The hedge that ends just before token ``start``: (kind, its first token).

    The longest phrase of any kind wins: "не более 12" is a ceiling, though "более 12"
    alone is a floor."""
    words = [fold(t.text) for t in tokens[:start]]
    best: tuple[str, int] | None = None
    for kind in ("lower", "upper", "approx"):
        for phrase in g.hedges.get(kind, ()):
            n = len(phrase)
            longer = best is None or start - n < best[1]
            if longer and n <= len(words) and tuple(words[len(words) - n :]) == phrase:
                best = (kind, start - n)
    return best


def _rises(tokens: tuple[Token, ...], before: int, g: Grammar) -> bool:
    return any(t.lemma in g.rise_verbs for t in tokens[max(0, before - RISE_WINDOW) : before])


def _vague_at(tokens: tuple[Token, ...], i: int, g: Grammar) -> Quantity | None:
    if fold(tokens[i].text) not in _vague_firsts():
        return None  # most words start no vague amount: skip reading the phrases
    if i > 0 and (_DIGITS.match(tokens[i - 1].text) or tokens[i - 1].lemma in g.units):
        return None  # "две тысячи" is a number, not "thousands"
    for n in (3, 2, 1):
        words = tuple(fold(t.text) for t in tokens[i : i + n])
        if len(words) == n and words in g.vague:
            low, high = g.vague[words]
            return Quantity(i, i, i + n, low, high, vague=True)
    return None


@cache
def _vague_firsts() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in grammar().vague)


def _bare_multiplier(tokens: tuple[Token, ...], i: int, g: Grammar) -> Quantity | None:
    """ "около сотни", "более тысячи": a hedge makes a lone multiplier word one of it."""
    if tokens[i].lemma not in g.bare_multipliers:
        return None
    found = _hedge(tokens, i, g)
    if found is None:
        return None
    kind, first = found
    low, high, approximate = _interval(kind, float(g.multipliers[tokens[i].lemma]))
    return Quantity(first, i, i + 1, low, high, approximate)


def _interval(kind: str | None, value: float) -> tuple[float | None, float | None, bool]:
    if kind == "lower":
        return value, None, False
    if kind == "upper":
        return None, value, False
    return value, value, kind == "approx"


def find_quantities(tokens: tuple[Token, ...]) -> list[Quantity]:
    """Every quantity in a sentence's tokens, in order."""
    g = grammar()
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        bare = _bare_multiplier(tokens, i, g)
        if bare is not None:
            out.append(bare)
            i = bare.end
            continue
        vague = _vague_at(tokens, i, g)
        if vague is not None:
            out.append(vague)
            i = vague.end
            continue
        span = _RANGE.match(tokens[i].text)
        if span:
            lowest, highest = float(span.group(1)), float(span.group(2))
            if lowest < highest:
                out.append(Quantity(i, i, i + 1, lowest, highest))
            i += 1
            continue
        read = _read_digits(tokens, i, g) or _read_words(tokens, i, g)
        if read is None:
            i += 1
            continue
        value, end = read
        found = _hedge(tokens, i, g)
        kind, first = found if found else (None, i)
        if kind == "upper" and fold(tokens[i - 1].text) == "до":
            if i >= 2 and _joins_range(tokens, i, out):
                prev = out.pop()
                # The phrase starts at "от": the claim's span is the whole range.
                out.append(Quantity(prev.first - 1, prev.start, end, prev.low, value))
                i = end
                continue
            if _rises(tokens, first, g):
                kind = None
        low, high, approximate = _interval(kind, value)
        out.append(Quantity(first, i, end, low, high, approximate))
        i = end
    return out


def _joins_range(tokens: tuple[Token, ...], i: int, found: list[Quantity]) -> bool:
    """ "от 20 до 30": the number after "до" closes the range the previous one opened."""
    if not found:
        return False
    prev = found[-1]
    return prev.end == i - 1 and prev.first > 0 and fold(tokens[prev.first - 1].text) == "от"


__all__ = ["Quantity", "find_quantities"]
