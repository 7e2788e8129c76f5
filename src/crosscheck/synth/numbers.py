"""Write a planned figure as words ("at least forty", "2,500-3,500", "38 percent").

A :class:`Quantity` is the interval the claim contract expects (DESIGN.md): exact
values have ``low == high``, "at least N" has no high, "nearly N" no low, "about N"
is exact but approximate, ranges have both ends. :func:`render` picks one of the
phrasings in ``data/synth/vocabulary.yaml`` that yields that interval.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from crosscheck.synth.vocab import vocabulary

Form = Literal["exact", "at_least", "at_most", "approx", "range"]


@dataclass(frozen=True)
class Quantity:
    """A planned value: the form it is written in and the interval it stands for."""

    form: Form
    a: int
    b: int | None = None  # the upper end of a range

    @property
    def low(self) -> int | None:
        return None if self.form == "at_most" else self.a

    @property
    def high(self) -> int | None:
        if self.form == "at_least":
            return None
        if self.form == "range":
            return self.b
        return self.a

    @property
    def approximate(self) -> bool:
        return self.form == "approx"

    def overlaps(self, other: Quantity) -> bool:
        """Whether the two intervals share a value (open ends are unbounded)."""
        lo1 = -1 if self.low is None else self.low
        lo2 = -1 if other.low is None else other.low
        hi1 = 10**15 if self.high is None else self.high
        hi2 = 10**15 if other.high is None else other.high
        return lo1 <= hi2 and lo2 <= hi1


def number_words(n: int) -> str | None:
    """``24`` -> ``twenty-four``; ``None`` for values that are better written in digits."""
    words = vocabulary()["number_words"]
    if 0 <= n < len(words["ones"]):
        return str(words["ones"][n])
    if 20 <= n < 100:
        tens = str(words["tens"][n // 10])
        return tens if n % 10 == 0 else f"{tens}-{words['ones'][n % 10]}"
    return None


def digits(n: int) -> str:
    return f"{n:,}"


def number(n: int, rng: random.Random) -> str:
    """Digits or words, the way news copy mixes them (small numbers mostly in words)."""
    word = number_words(n)
    if word is not None and ((n <= 10 and rng.random() < 0.8) or rng.random() < 0.25):
        return word
    return digits(n)


def render(q: Quantity, rng: random.Random, *, percent: bool = False) -> str:
    """The quantity as text, for example ``nearly fifty`` or ``between 30 and 40 percent``."""
    v = vocabulary()

    def num(n: int) -> str:
        # Percentages are written in digits: "forty-two percent" is rare in reports.
        return digits(n) if percent else number(n, rng)

    def with_unit(text: str) -> str:
        return rng.choice(v["percent_styles"]).format(n=text) if percent else text

    if q.form == "range":
        assert q.b is not None
        style = rng.choice(v["range_styles"])
        if percent:
            return with_unit(style.format(a=digits(q.a), b=digits(q.b)))
        return style.format(a=digits(q.a), b=digits(q.b))
    if q.form == "exact":
        return with_unit(num(q.a))
    hedge = rng.choice(v["hedges"][q.form])
    return f"{hedge} {with_unit(num(q.a))}"


__all__ = ["Form", "Quantity", "digits", "number", "number_words", "render"]
