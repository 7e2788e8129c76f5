"""Number phrases: values, intervals, hedges, vague words, percentages, money, ordinals."""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.quantities import Quantity, find_quantities, number_words


def _find(nlp: Any, text: str) -> list[tuple[str, Quantity]]:
    doc = nlp(text)
    return [(doc[q.start : q.end].text, q) for q in find_quantities(doc)]


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high"),
    [
        ("Police counted 145 bodies.", "145", 145, 145),
        ("The camp holds 6,500 people.", "6,500", 6500, 6500),
        ("They found twenty-four rifles.", "twenty-four", 24, 24),
        ("A dozen guards stood by.", "A dozen", 12, 12),
        ("Two dozen buses arrived.", "Two dozen", 24, 24),
        ("Half a million people marched.", "Half a million", 500000, 500000),
        ("It hosts 1.3 million workers.", "1.3 million", 1300000, 1300000),
        ("One hundred and twenty monks prayed.", "One hundred and twenty", 120, 120),
        ("The unit has 5m rounds.", "5m", 5000000, 5000000),
    ],
)
def test_quantities_normalise_number_words(
    nlp: Any, text: str, phrase: str, low: int, high: int
) -> None:
    found = _find(nlp, text)
    assert found, text
    span, q = found[0]
    assert span == phrase
    assert (q.low, q.high) == (low, high)
    assert not q.vague


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high", "approximate"),
    [
        ("At least 130 people died.", "At least 130", 130, None, False),
        ("More than 40 houses burned.", "More than 40", 40, None, False),
        ("Over 300 fled.", "Over 300", 300, None, False),
        ("Almost 100 were hurt.", "Almost 100", None, 100, False),
        ("Up to 100,000 may have died.", "Up to 100,000", None, 100000, False),
        ("Fewer than 50 remained.", "Fewer than 50", None, 50, False),
        ("About 1.3 million left.", "About 1.3 million", 1300000, 1300000, True),
        ("Roughly 70 stayed.", "Roughly 70", 70, 70, True),
        ("Some 400 troops moved.", "Some 400", 400, 400, True),
        ("It had 2,500-3,500 men.", "2,500-3,500", 2500, 3500, False),
        ("It had between 300 and 500 men.", "between 300 and 500", 300, 500, False),
        ("Three or four men fled.", "Three or four", 3, 4, False),
        ("We saw 200+ trucks.", "200+", 200, None, False),
    ],
)
def test_quantities_hedges_give_intervals(
    nlp: Any, text: str, phrase: str, low: Any, high: Any, approximate: bool
) -> None:
    span, q = _find(nlp, text)[0]
    assert span == phrase
    assert (q.low, q.high, q.approximate) == (low, high, approximate)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Dozens were hurt.", "Dozens"),
        ("Several hundred men gathered.", "Several hundred"),
        ("Hundreds of thousands of men were held.", "Hundreds of thousands"),
        ("Thousands of families fled.", "Thousands"),
        ("Scores of people queued.", "Scores"),
    ],
)
def test_quantities_vague_words_take_table_interval(nlp: Any, text: str, phrase: str) -> None:
    span, q = _find(nlp, text)[0]
    table = number_words()["vague"]
    assert span == phrase
    assert q.vague
    assert [q.low, q.high] == table[phrase.lower()]


@pytest.mark.parametrize(
    ("text", "kind", "value", "currency"),
    [
        ("Turnout was 48%.", "percent", 48, None),
        ("Some 60 percent agreed.", "percent", 60, None),
        ("Only 7 per cent objected.", "percent", 7, None),
        ("They paid $2.5 billion.", "money", 2500000000, "USD"),
        ("The fine was 40 million roubles.", "money", 40000000, "RUB"),
        ("It ranks 162nd overall.", "ordinal", 162, None),
    ],
)
def test_quantities_kinds(nlp: Any, text: str, kind: str, value: int, currency: Any) -> None:
    _, q = _find(nlp, text)[0]
    assert (q.kind, q.value, q.currency) == (kind, value, currency)


def test_quantities_change_gives_two_figures_not_a_range(nlp: Any) -> None:
    found = _find(nlp, "Support rose from 41% to 59% last year.")
    assert [(q.low, q.high) for _, q in found] == [(41, 41), (59, 59)]


def test_quantities_none_in_plain_words(nlp: Any) -> None:
    assert _find(nlp, "Nobody knows what happened there.") == []


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "low", "high"),
    [
        ("From 12 to 18 men were held.", "From 12 to 18", "cardinal", 12, 18),
        ("Almost two-thirds of them left.", "Almost two-thirds", "percent", None, 66.7),
        ("More than half of them stayed.", "More than half", "percent", 50, None),
        ("One in four recruits deserted.", "One in four", "percent", 25, 25),
        ("Two out of three voters agreed.", "Two out of three", "percent", 66.7, 66.7),
        ("Losses reached £3.4m.", "£3.4m.", "money", 3400000, 3400000),
    ],
)
def test_quantities_ranges_ratios_and_hedged_shares(
    nlp: Any, text: str, phrase: str, kind: str, low: Any, high: Any
) -> None:
    span, q = _find(nlp, text)[0]
    assert span == phrase
    assert (q.kind, q.low, q.high) == (kind, low, high)


def test_quantities_ratio_needs_a_usual_denominator(nlp: Any) -> None:
    found = _find(nlp, "They carried out 12 in 40 raids.")
    assert all(q.kind == "cardinal" for _, q in found)
