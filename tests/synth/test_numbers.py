"""Quantities: the interval each form stands for, and how it is written."""

from __future__ import annotations

import random

import pytest

from crosscheck.synth.numbers import Quantity, number_words, render


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (19, "nineteen"),
        (20, "twenty"),
        (24, "twenty-four"),
        (99, "ninety-nine"),
        (100, None),
        (1250, None),
    ],
)
def test_numbers_number_words(n: int, words: str | None) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("q", "low", "high", "approximate"),
    [
        (Quantity("exact", 12), 12, 12, False),
        (Quantity("at_least", 40), 40, None, False),
        (Quantity("at_most", 50), None, 50, False),
        (Quantity("approx", 300), 300, 300, True),
        (Quantity("range", 30, 45), 30, 45, False),
    ],
)
def test_numbers_quantity_interval(
    q: Quantity, low: int | None, high: int | None, approximate: bool
) -> None:
    assert (q.low, q.high, q.approximate) == (low, high, approximate)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (Quantity("at_least", 40), Quantity("at_most", 50), True),
        (Quantity("at_least", 60), Quantity("at_most", 50), False),
        (Quantity("exact", 12), Quantity("exact", 19), False),
        (Quantity("range", 30, 40), Quantity("exact", 35), True),
        (Quantity("range", 30, 40), Quantity("exact", 41), False),
        (Quantity("at_least", 10), Quantity("at_least", 500), True),
    ],
)
def test_numbers_overlap(a: Quantity, b: Quantity, overlap: bool) -> None:
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


@pytest.mark.parametrize(
    ("q", "percent", "must_contain"),
    [
        (Quantity("exact", 4500), False, "4,500"),
        (Quantity("range", 2500, 3500), False, "2,500"),
        (Quantity("exact", 38), True, "38"),
        (Quantity("at_most", 45), True, "45"),
    ],
)
def test_numbers_render_writes_the_value(q: Quantity, percent: bool, must_contain: str) -> None:
    for seed in range(20):
        text = render(q, random.Random(seed), percent=percent)
        assert must_contain in text
        if percent:
            assert "%" in text or "per" in text


@pytest.mark.parametrize(
    ("form", "hedges"),
    [
        ("at_least", ("at least", "more than", "over", "no fewer than")),
        ("at_most", ("nearly", "almost", "up to")),
        ("approx", ("about", "roughly", "around")),
    ],
)
def test_numbers_render_hedges_match_form(form: str, hedges: tuple[str, ...]) -> None:
    for seed in range(30):
        text = render(Quantity(form, 40), random.Random(seed))  # type: ignore[arg-type]
        assert text.startswith(hedges)
        assert text.endswith(("40", "forty"))
