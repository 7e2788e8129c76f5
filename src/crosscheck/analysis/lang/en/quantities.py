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
from dataclasses import dataclass, field
from typing import Any, Literal

from spacy.tokens import Doc

from crosscheck.analysis.lang.en.numerals import (
    DASHES,
    is_number_token,
    norm,
    number_words,
    phrase_length,
    read_run,
)

Kind = Literal["cardinal", "percent", "money", "ordinal"]

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


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
    n = phrase_length(doc, i, list(table))
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
    return phrase_length(doc, j, list(number_words()["percent_words"]))


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
    if i > 0 and doc[i - 1].lower_ in number_words()["period_words"]:
        return None  # "the first half of 2023": a period, not a share
    if tok.lower_ == "half" and i + 1 < n and doc[i + 1].lower_ == "of":
        return None if _dated(doc, i + 2, n) else (i + 1, 50.0)
    count = 1.0 if tok.lower_ in ("a", "an", "one") else units.get(tok.lower_)
    if count is None or count >= 10:
        return None
    j = i + 1
    if j < n and doc[j].text in DASHES:
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
    second = read_run(doc, k) if k < n else None
    if second is None or not value < second[1] or not float(value).is_integer():
        return None
    if not (second[1] <= 10 or second[1] in (100, 1000)):
        return None
    after = doc[second[0]] if second[0] < n else None
    if after is not None and after.lower_ in number_words()["ratio_time_nouns"]:
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
    spans = number_words()["span_nouns"]
    return k < n and (doc[k].ent_type_ in ("DATE", "TIME") or doc[k].lower_ in spans)


@dataclass
class _Scan:
    """One pass over a sentence: its tokens, what was found, and where the last phrase ended.

    ``floor`` keeps a hedge from reaching back into the phrase before ("at least 3, about
    5" must not give the 5 the first phrase's words).
    """

    toks: Doc
    n: int
    floor: int
    out: list[Quantity] = field(default_factory=list)


def find_quantities(doc: Doc | Any) -> list[Quantity]:
    """All number phrases of ``doc`` (a spaCy Doc or Span), in text order.

    Intervals follow DESIGN.md: exact figures give low == high, floors ("at least")
    give high None, ceilings ("almost") give low None, "about" sets ``approximate``,
    vague words take their interval from ``data/en/numbers.yaml`` and set ``vague``.
    """
    toks: Doc = doc if isinstance(doc, Doc) else doc.doc
    i = 0 if isinstance(doc, Doc) else doc.start
    scan = _Scan(toks, len(toks) if isinstance(doc, Doc) else doc.end, floor=i)
    while i < scan.n:
        i = _step(scan, i)
    for q in scan.out:
        q.low = None if q.low is None else norm(q.low)
        q.high = None if q.high is None else norm(q.high)
    return scan.out


def _step(scan: _Scan, i: int) -> int:
    """Read the number phrase starting at token ``i``, if any; the index to go on from."""
    for reader in (_read_vague, _read_fraction):
        end = reader(scan, i)
        if end is not None:
            scan.floor = end
            return end
    if _read_ordinal(scan, i):
        return i + 1
    return _read_number(scan, i)


def _read_vague(scan: _Scan, i: int) -> int | None:
    """ "dozens", "hundreds of thousands": one vague phrase; "dozens of people" is not."""
    vague = _vague_at(scan.toks, i)
    if vague is None:
        return None
    length, (lo, hi) = vague
    end = i + length
    anchor = _anchor(scan.toks, i, end)
    scan.out.append(Quantity(start=i, end=end, anchor=anchor, low=lo, high=hi, vague=True))
    return end


def _read_fraction(scan: _Scan, i: int) -> int | None:
    fraction = _fraction_at(scan.toks, i, scan.n)
    if fraction is None:
        return None
    end, share = fraction
    hedge_kind, hedge, hstart = _hedge_before(scan.toks, i, scan.floor)
    scan.out.append(_share(hstart if hedge_kind else i, end, share, hedge_kind, hedge))
    return end


def _share(
    start: int, end: int, share: float, hedge_kind: str | None, hedge: str | None
) -> Quantity:
    """A share in percent read from words ("two-thirds of", "one in five")."""
    return Quantity(
        start,
        end,
        end - 1,
        None if hedge_kind == "upper" else share,
        None if hedge_kind == "lower" else share,
        "percent",
        approximate=hedge_kind not in ("upper", "lower"),
        hedge=hedge,
    )


def _read_ordinal(scan: _Scan, i: int) -> bool:
    """ "3rd", "second": kept as ordinals so they are never read as counts."""
    ordinals = number_words()["ordinals"]
    tok = scan.toks[i]
    om = _ORDINAL.match(tok.text)
    if not (om or tok.lower_ in ordinals):
        return False
    value = float(om.group(1)) if om else ordinals[tok.lower_]
    if value is not None:
        scan.out.append(Quantity(i, i + 1, i, value, value, "ordinal"))
    return True


def _lone_article(toks: Doc, i: int, n: int) -> bool:
    """ "a", "an", "half" that do not start a number ("a dozen" and "half a million" do)."""
    tok = toks[i]
    if tok.lower_ not in ("a", "an", "half") or i + 1 >= n:
        return False
    nxt = toks[i + 1].lower_
    if nxt not in ("dozen", "hundred", "thousand", "million", "billion", "a"):
        return True
    return tok.lower_ == "a" and nxt == "a"


def _read_number(scan: _Scan, i: int) -> int:
    """A number run with its hedge, range, unit and open end; the index to go on from."""
    toks, n = scan.toks, scan.n
    symbols: dict[str, str] = number_words()["currency_symbols"]
    start = i
    currency = None
    if toks[i].text in symbols and i + 1 < n and is_number_token(toks[i + 1]):
        currency = symbols[toks[i].text]
        i += 1
    elif _lone_article(toks, i, n):
        return i + 1
    run = read_run(toks, i)
    if run is None:
        return i + 1
    end, value = run
    hedge_kind, hedge, hstart = _hedge_before(toks, start, scan.floor)
    span_start = hstart if hedge_kind else start
    ratio = None if currency else _ratio_after(toks, end, value, n)
    if ratio is not None:
        scan.out.append(_share(span_start, ratio[0], ratio[1], hedge_kind, hedge))
        scan.floor = ratio[0]
        return ratio[0]
    low: float | None = value
    high: float | None = value
    second = _range_end(toks, start, end, value, currency, n)
    if second is not None:
        end, high = second
        if start > 0 and toks[start - 1].lower_ in ("between", "from"):
            span_start = start - 1
    kind, currency, end = _unit_after(toks, end, currency)
    opened = _open_end(toks, end, n)
    if opened:
        high, end = None, end + opened
    if hedge_kind == "lower":
        high = None
    elif hedge_kind == "upper":
        low = None
    quantity = Quantity(
        start=span_start,
        end=end,
        anchor=_anchor(toks, start, end),
        low=low,
        high=high,
        kind=kind,
        approximate=hedge_kind == "approx",
        currency=currency,
        hedge=hedge,
    )
    scan.out.append(quantity)
    scan.floor = end
    return end


def _range_end(
    toks: Doc, start: int, end: int, value: float, currency: str | None, n: int
) -> tuple[int, float] | None:
    """A range's upper number: "2,500-3,500", "3 to 5", "three or four", "between $3 and
    $5"; (its end, its value), or None."""
    if not (end + 1 < n and toks[end].lower_ in (DASHES | {"to", "or", "and"})):
        return None
    at = end + 1
    if currency and toks[at].text in number_words()["currency_symbols"] and at + 1 < n:
        at += 1
    second = read_run(toks, at)
    before = toks[start - 1].lower_ if start > 0 else ""
    joiner = toks[end].lower_
    ok = (
        ((joiner in DASHES or joiner == "to") and before != "from")
        or joiner == "or"
        or (joiner == "and" and before == "between")
        or (joiner == "to" and second is not None and _range_from(toks, start, second[0]))
    )
    if second is not None and ok and second[1] > value:
        return second
    return None


def _unit_after(toks: Doc, end: int, currency: str | None) -> tuple[Kind, str | None, int]:
    """Percent or money words after the number: (kind, currency, new end)."""
    p = _percent_after(toks, end)
    if p:
        return "percent", currency, end + p
    c, cur = _currency_after(toks, end)
    if c:
        return "money", cur, end + c
    return ("money" if currency else "cardinal"), currency, end


def _open_end(toks: Doc, end: int, n: int) -> int:
    """Tokens of an open upper end after the number ("500+", "500 or more"), or 0."""
    if end < n and toks[end].text == "+":
        return 1
    for suffix in number_words()["lower_suffixes"]:
        dash = 1 if end < n and toks[end].text in DASHES else 0
        k = phrase_length(toks, end + dash, [suffix])
        if k:
            return k + dash
    return 0


__all__ = ["Quantity", "find_quantities", "number_words"]
