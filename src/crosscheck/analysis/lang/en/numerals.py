"""Number runs: the value of "6,500", "1.3 million", "twenty-four", "a dozen".

The lowest layer of number reading: one token's value and a run of tokens combined into
one number. Hedges, ranges and units around a run are read by
:mod:`crosscheck.analysis.lang.en.quantities`. The word tables live in
``data/en/numbers.yaml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from crosscheck.data import load as load_data

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGIT_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|mn|mln)$", re.IGNORECASE)
_ARTICLE_NEXT = ("dozen", "hundred", "thousand", "million", "billion")
DASHES = {"-", "–", "—", "‒"}


@cache
def number_words() -> dict[str, Any]:
    """The number tables of ``data/en/numbers.yaml`` (loaded once)."""
    found: dict[str, Any] = load_data("numbers", "en")
    return found


def norm(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 6)


def word_value(tok: Token) -> tuple[str, float] | None:
    """('unit'|'mult'|'digit', value) for one number token, else None."""
    words = number_words()
    low = tok.lower_
    if _DIGITS.match(tok.text):
        return ("digit", float(tok.text.replace(",", "")))
    m = _DIGIT_SUFFIX.match(tok.text)
    if m:
        mult = {"k": 1e3, "m": 1e6, "bn": 1e9, "mn": 1e6, "mln": 1e6}[m.group(2).lower()]
        return ("digit", float(m.group(1)) * mult)
    if low in words["units"]:
        return ("unit", float(words["units"][low]))
    if low in words["multipliers"] and (low != "m" or tok.i > 0):
        return ("mult", float(words["multipliers"][low]))
    # "$300m." at a sentence end: the tokenizer keeps the full stop on the suffix.
    if (
        low.endswith(".")
        and low[:-1] in ("m", "bn", "mn")
        and tok.i > 0
        and _DIGITS.match(tok.nbor(-1).text)
    ):
        return ("mult", float(words["multipliers"][low[:-1]]))
    return None


def is_number_token(tok: Token) -> bool:
    return word_value(tok) is not None


def _combine(parts: list[tuple[str, float]]) -> float | None:
    """Value of a run of number tokens: "1.3 million", "one hundred and twenty"."""
    total = 0.0
    current: float | None = None
    for kind, value in parts:
        if kind == "mult" or (kind == "unit" and value == 12 and current is not None):
            base = 1.0 if current is None else current
            if value == 100:
                current = base * 100
            else:
                total += base * value
                current = None
        else:
            if current is not None and kind == "digit":
                return None  # two bare numbers in a row: "2019 2020"
            current = (current or 0.0) + value
    if current is not None:
        total += current
    return total if parts else None


def read_run(doc: Doc, i: int) -> tuple[int, float] | None:
    """Parse a number run starting at token ``i``; (end index, value) or None."""
    parts: list[tuple[str, float]] = []
    j = i
    n = len(doc)
    while j < n:
        tok = doc[j]
        wv = word_value(tok)
        if wv is not None:
            if wv[0] == "mult" and not parts and tok.lower_ not in ("hundred", "thousand"):
                break
            if parts and parts[-1][0] == "digit" and wv[0] == "digit":
                break
            parts.append(wv)
            j += 1
            continue
        low = tok.lower_
        nxt = doc[j + 1] if j + 1 < n else None
        if nxt is not None and parts and (low in DASHES or low == "and"):
            nv = word_value(nxt)
            # "twenty-four", "one hundred and twenty": a compound, not a range.
            if (
                nv
                and nv[0] == "unit"
                and parts[-1][0] in ("unit", "mult")
                and (
                    (parts[-1][1] >= 20 and nv[1] < 10 and low in DASHES)
                    or (parts[-1][0] == "mult" and low == "and")
                )
            ):
                j += 1
                continue
        article = low in ("a", "an") and nxt is not None and nxt.lower_ in _ARTICLE_NEXT
        if article and (not parts or parts[-1] == ("unit", 0.5)):
            j += 1
            continue
        break
    if not parts:
        return None
    value = _combine(parts)
    if value is None:
        return None
    return j, value


def phrase_length(doc: Doc, i: int, phrases: list[str]) -> int:
    """Length in tokens of the longest phrase starting at ``i`` (0 when none)."""
    best = 0
    for phrase in phrases:
        words = phrase.split()
        if i + len(words) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            best = max(best, len(words))
    return best


__all__ = [
    "DASHES",
    "is_number_token",
    "norm",
    "number_words",
    "phrase_length",
    "read_run",
    "word_value",
]
