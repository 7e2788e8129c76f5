"""Number phrases in a parsed sentence: where they are and which interval they state.

This module reads numbers only: digits ("6,500", "1.3"), number words ("twenty-four",
"half a million", "a dozen"), ranges ("2,500-3,500", "between 3 and 5"), hedges ("at
least", "almost", "about"), vague quantities ("dozens", "hundreds of thousands"),
percentages, money and ordinals. It does not decide what a number counts or whether it
is a claim at all (years, ages, names): that is :mod:`crosscheck.analysis.lang.en.measures` and
:mod:`crosscheck.analysis.lang.en.claims`. The word tables live in ``data/en/numbers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from spacy.tokens import Doc, Token

from crosscheck.data import load as load_data

Kind = Literal["cardinal", "percent", "money", "ordinal"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
_DIGIT_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(k|m|bn|mn|mln)$", re.IGNORECASE)
_PERIOD_WORDS = {"first", "second", "last", "latter", "former", "early", "late", "final"}
_TIME_WORDS = {"year", "decade", "century", "month", "week", "day", "term", "season"}
_ARTICLE_NEXT = ("dozen", "hundred", "thousand", "million", "billion")
_DASHES = {"-", "–", "—", "‒"}


@cache
def number_words() -> dict[str, Any]:
    """The number tables of ``data/en/numbers.yaml`` (loaded once)."""
    found: dict[str, Any] = load_data("numbers", "en")
    return found


@dataclass
class Quantity:
    """A number phrase: token range, interval and what kind of number it is.

    ``start``/``end`` cover the whole phrase ("at least 130", "$1.5 billion", "98%");
    ``anchor`` is the token index that the parser attaches to the rest of the sentence.
    """

    start: int
    end: int
    anchor: int
    low: float | None
    high: float | None
    kind: Kind = "cardinal"
    approximate: bool = False
    vague: bool = False
    currency: str | None = None
    hedge: str | None = None
    # For "from X to Y" pairs: the other figure's index in the sentence list.
    paired: bool = False

    @property
    def value(self) -> float | None:
        """The single value when exact, else the bound that exists."""
        return self.low if self.low is not None else self.high


def _norm(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 6)


def _word_value(tok: Token) -> tuple[str, float] | None:
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


def _is_number_token(tok: Token) -> bool:
    return _word_value(tok) is not None


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


def _run(doc: Doc, i: int) -> tuple[int, float] | None:
    """Parse a number run starting at token ``i``; (end index, value) or None."""
    parts: list[tuple[str, float]] = []
    j = i
    n = len(doc)
    while j < n:
        tok = doc[j]
        wv = _word_value(tok)
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
        if nxt is not None and parts and (low in _DASHES or low == "and"):
            nv = _word_value(nxt)
            # "twenty-four", "one hundred and twenty": a compound, not a range.
            if (
                nv
                and nv[0] == "unit"
                and parts[-1][0] in ("unit", "mult")
                and (
                    (parts[-1][1] >= 20 and nv[1] < 10 and low in _DASHES)
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


def _match_phrase(doc: Doc, i: int, phrases: list[str]) -> int:
    """Length in tokens of the longest phrase starting at ``i`` (0 when none)."""
    best = 0
    for phrase in phrases:
        words = phrase.split()
        if i + len(words) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            best = max(best, len(words))
    return best


def _hedge_before(doc: Doc, i: int, lo_bound: int) -> tuple[str | None, str | None, int]:
    """The hedge ending right before token ``i``: (kind, phrase, start index).

    Whitespace tokens (non-breaking spaces in web copy) between the words are skipped.
    """
    hedges: dict[str, list[str]] = number_words()["hedges"]
    before: list[int] = []
    k = i - 1
    while k >= lo_bound and len(before) < 4:
        if not doc[k].is_space:
            before.append(k)
        k -= 1
    best: tuple[str | None, str | None, int] = (None, None, i)
    for kind, phrases in hedges.items():
        for phrase in phrases:
            words = phrase.split()
            if len(words) > len(before):
                continue
            idx = list(reversed(before[: len(words)]))
            if (
                all(doc[j].lower_ == w for j, w in zip(idx, words, strict=True))
                and idx[0] < best[2]
            ):
                best = (kind, phrase, idx[0])
    return best


def _vague_at(doc: Doc, i: int) -> tuple[int, tuple[int, int]] | None:
    table: dict[str, list[int]] = number_words()["vague"]
    n = _match_phrase(doc, i, list(table))
    if not n:
        return None
    phrase = " ".join(t.lower_ for t in doc[i : i + n])
    lo, hi = table[phrase]
    return n, (lo, hi)


def _anchor(doc: Doc, start: int, end: int) -> int:
    """The token of ``doc[start:end]`` whose head lies outside it (the phrase root)."""
    for k in range(start, end):
        head = doc[k].head.i
        outside = head < start or head >= end or head == k
        if outside and (doc[k].pos_ not in ("ADV", "ADP", "SYM", "PUNCT", "DET") or k == end - 1):
            return k
    return end - 1


def _percent_after(doc: Doc, j: int) -> int:
    return _match_phrase(doc, j, list(number_words()["percent_words"]))


def _currency_after(doc: Doc, j: int) -> tuple[int, str | None]:
    words: dict[str, str] = number_words()["currency_words"]
    if j < len(doc) and doc[j].lower_ in words:
        return 1, words[doc[j].lower_]
    if j + 1 < len(doc) and doc[j].lower_ == "us" and doc[j + 1].lower_ in words:
        return 2, words[doc[j + 1].lower_]
    return 0, None


def _fraction_at(doc: Doc, i: int, n: int) -> tuple[int, float] | None:
    """ "a third of", "two-thirds of", "half of": a share in percent, and where it ends."""
    fractions: dict[str, int] = number_words()["fractions"]
    units: dict[str, float] = number_words()["units"]
    tok = doc[i]
    if i > 0 and doc[i - 1].lower_ in _PERIOD_WORDS:
        return None  # "the first half of 2023": a period, not a share
    if tok.lower_ == "half" and i + 1 < n and doc[i + 1].lower_ == "of":
        return None if _dated(doc, i + 2, n) else (i + 1, 50.0)
    count = 1.0 if tok.lower_ in ("a", "an", "one") else units.get(tok.lower_)
    if count is None or count >= 10:
        return None
    j = i + 1
    if j < n and doc[j].text in _DASHES:
        j += 1
    if j + 1 >= n or doc[j].lower_ not in fractions or doc[j + 1].lower_ != "of":
        return None
    if _dated(doc, j + 2, n):
        return None
    return j + 1, round(100.0 * count / fractions[doc[j].lower_], 1)


def _ratio_after(doc: Doc, j: int, value: float, n: int) -> tuple[int, float] | None:
    """ "one in five", "2 out of 3", "nine in ten": a share in percent, and where it ends.

    Only the usual denominators (up to ten, a hundred, a thousand) make a ratio: "3 in
    2019" is a year and "12 in 40 raids" a count of raids.
    """
    if j >= n or doc[j].lower_ not in ("in", "out"):
        return None
    k = j + 1
    if doc[j].lower_ == "out":
        if k >= n or doc[k].lower_ != "of":
            return None
        k += 1
    second = _run(doc, k) if k < n else None
    if second is None or not value < second[1] or not float(value).is_integer():
        return None
    if not (second[1] <= 10 or second[1] in (100, 1000)):
        return None
    after = doc[second[0]] if second[0] < n else None
    if after is not None and after.lower_ in _TIME_WORDS | {"hour", "minute", "years", "days"}:
        return None
    return second[0], round(100.0 * value / second[1], 1)


def _range_from(doc: Doc, start: int, end: int) -> bool:
    """ "from 20 to 30 people were held" is a range; "rose from 20 to 30" is a change.

    The parser makes a change's "from" a preposition of the verb or noun of change ("an
    increase from 20 to 30"); a range's "from" hangs on its numbers or opens the clause.
    """
    if start == 0 or doc[start - 1].lower_ != "from":
        return False
    frm = doc[start - 1]
    if start <= frm.head.i < end or frm.head.i > frm.i:
        return True  # a change's verb or noun comes before its "from"
    return not (frm.dep_ == "prep" and frm.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"))


def _dated(doc: Doc, k: int, n: int) -> bool:
    """True when the words after "of" are a date or a span of time ("half of 2023")."""
    while k < n and doc[k].lower_ in ("the", "this", "that", "last", "next"):
        k += 1
    return k < n and (doc[k].ent_type_ in ("DATE", "TIME") or doc[k].lower_ in _TIME_WORDS)


def find_quantities(doc: Doc | Any) -> list[Quantity]:
    """All number phrases of ``doc`` (a spaCy Doc or Span), in text order.

    Intervals follow DESIGN.md: exact figures give low == high, floors ("at least")
    give high None, ceilings ("almost") give low None, "about" sets ``approximate``,
    vague words take their interval from ``data/en/numbers.yaml`` and set ``vague``.
    """
    words = number_words()
    symbols: dict[str, str] = words["currency_symbols"]
    out: list[Quantity] = []
    toks: Doc = doc if isinstance(doc, Doc) else doc.doc
    base = 0
    i = 0 if isinstance(doc, Doc) else doc.start
    n = len(toks) if isinstance(doc, Doc) else doc.end
    floor = i
    while i < n:
        tok = toks[i]
        vague = _vague_at(toks, i)
        if vague is not None:
            length, (lo, hi) = vague
            end = i + length
            # "hundreds of thousands" is one phrase; "dozens of people" is not.
            out.append(
                Quantity(
                    start=i + base,
                    end=end + base,
                    anchor=_anchor(toks, i, end) + base,
                    low=lo,
                    high=hi,
                    vague=True,
                )
            )
            i = floor = end
            continue
        fraction = _fraction_at(toks, i, n)
        if fraction is not None:
            end, share = fraction
            hedge_kind, hedge, hstart = _hedge_before(toks, i, floor)
            out.append(
                Quantity(
                    hstart if hedge_kind else i,
                    end,
                    end - 1,
                    None if hedge_kind == "upper" else share,
                    None if hedge_kind == "lower" else share,
                    "percent",
                    approximate=hedge_kind not in ("upper", "lower"),
                    hedge=hedge,
                )
            )
            i = floor = end
            continue
        om = _ORDINAL.match(tok.text)
        if om or tok.lower_ in words["ordinals"]:
            value = float(om.group(1)) if om else words["ordinals"][tok.lower_]
            if value is not None:
                out.append(Quantity(i + base, i + 1 + base, i + base, value, value, "ordinal"))
            i += 1
            continue
        currency = None
        start = i
        if tok.text in symbols and i + 1 < n and _is_number_token(toks[i + 1]):
            currency = symbols[tok.text]
            i += 1
        if tok.lower_ in ("a", "an", "half") and i + 1 < n:
            nxt = toks[i + 1].lower_
            if nxt not in ("dozen", "hundred", "thousand", "million", "billion", "a"):
                i += 1
                continue
            if tok.lower_ == "a" and nxt == "a":
                i += 1
                continue
        run = _run(toks, i)
        if run is None:
            i += 1
            continue
        end, value = run
        low: float | None = value
        high: float | None = value
        kind: Kind = "cardinal"
        approximate = False
        hedge_kind, hedge, hstart = _hedge_before(toks, start, floor)
        span_start = hstart if hedge_kind else start
        ratio = None if currency else _ratio_after(toks, end, value, n)
        if ratio is not None:
            rend, share = ratio
            out.append(
                Quantity(
                    span_start,
                    rend,
                    rend - 1,
                    None if hedge_kind == "upper" else share,
                    None if hedge_kind == "lower" else share,
                    "percent",
                    approximate=hedge_kind not in ("upper", "lower"),
                    hedge=hedge,
                )
            )
            i = floor = rend
            continue
        # A range: "2,500-3,500", "3 to 5", "three or four", "between $3 and $5".
        if end + 1 < n and toks[end].lower_ in (_DASHES | {"to", "or", "and"}):
            at = end + 1
            if currency and toks[at].text in symbols and at + 1 < n:
                at += 1
            second = _run(toks, at)
            before = toks[start - 1].lower_ if start > 0 else ""
            joiner = toks[end].lower_
            ok = (
                ((joiner in _DASHES or joiner == "to") and before != "from")
                or joiner == "or"
                or (joiner == "and" and before == "between")
                or (joiner == "to" and second is not None and _range_from(toks, start, second[0]))
            )
            if second is not None and ok and second[1] > value:
                end, high = second[0], second[1]
                if before in ("between", "from"):
                    span_start = start - 1
        p = _percent_after(toks, end)
        if p:
            kind = "percent"
            end += p
        else:
            c, cur = _currency_after(toks, end)
            if c:
                kind, currency, end = "money", cur, end + c
            elif currency:
                kind = "money"
        if end < n and toks[end].text == "+":
            high, end = None, end + 1
        else:
            for suffix in words["lower_suffixes"]:
                dash = 1 if end < n and toks[end].text in _DASHES else 0
                k = _match_phrase(toks, end + dash, [suffix])
                k = k + dash if k else 0
                if k:
                    high, end = None, end + k
                    break
        if hedge_kind == "lower":
            high = None
        elif hedge_kind == "upper":
            low = None
        elif hedge_kind == "approx":
            approximate = True
        out.append(
            Quantity(
                start=span_start + base,
                end=end + base,
                anchor=_anchor(toks, start, end) + base,
                low=low,
                high=high,
                kind=kind,
                approximate=approximate,
                currency=currency,
                hedge=hedge,
            )
        )
        i = floor = end
    for q in out:
        q.low = None if q.low is None else _norm(q.low)
        q.high = None if q.high is None else _norm(q.high)
    return out


__all__ = ["Quantity", "find_quantities", "number_words"]
