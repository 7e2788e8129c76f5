"""Harms of an earlier incident told beside the report's own: they get no event subject.

Sentences written for these tests. A death "last week", "several years ago", "eight months
after" the report's shooting, or "in a previous shooting" is another incident's: it must not
join the report's toll, nor turn the people the report says were hit into fewer injured.
"""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.en.extractor import EnglishExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document

LEAD = "Four people were shot late Thursday outside a community center in Marlow Heights."


@pytest.fixture(scope="module")
def extractor() -> EnglishExtractor:
    return EnglishExtractor(Settings())


def _claims(extractor: EnglishExtractor, text: str, published: str = "2014-09-06") -> list[Claim]:
    doc = Document(id="d-bg", content_hash="x", text=text, published=published)
    return extractor.extract(doc).claims


def _of(claims: list[Claim], measure: str, words: str) -> Claim:
    return next(c for c in claims if c.measure == measure and words in c.sentence)


@pytest.mark.parametrize(
    "later",
    [
        "The crowd had gathered to remember a man killed in a shooting last week.",
        "The gunfire came eight months after a bystander was killed during a feud.",
        "He grew up with the victim, whose mother died several years ago.",
        "Friends were mourning a teen who was killed in a previous shooting nearby.",
        "In 2009, two men were killed at the same corner.",
    ],
)
def test_an_earlier_death_is_not_the_reports(extractor: EnglishExtractor, later: str) -> None:
    claims = _claims(extractor, f"{LEAD}\n\n{later}")
    death = next(c for c in claims if c.measure == "killed")
    assert death.subject_kind == "none"
    # The four people hit are all injured: the earlier death is not one of them.
    injured = [c for c in claims if c.measure == "injured" and c.subject_kind == "event"]
    assert [(c.low, c.high) for c in injured] == [(4, 4)]


@pytest.mark.parametrize(
    "later",
    [
        "One of the victims died at the hospital on Friday.",
        "A 20-year-old man who was shot in the chest later died.",
        "Police said the youngest victim was killed instantly.",
    ],
)
def test_a_death_of_the_reports_own_incident_stays(extractor: EnglishExtractor, later: str) -> None:
    claims = _claims(extractor, f"{LEAD}\n\n{later}")
    death = next(c for c in claims if c.measure == "killed")
    assert death.subject_kind == "event"


def test_a_follow_up_keeps_the_death_it_is_about(extractor: EnglishExtractor) -> None:
    # The lead dates no incident of its own: the earlier shooting is the report's.
    text = (
        "Police have charged a man in connection with a fatal shooting in Marlow Heights.\n\n"
        "Dana Ruiz, 31, was shot and killed outside her home last week."
    )
    death = _of(_claims(extractor, text), "killed", "Dana Ruiz")
    assert death.subject_kind == "event"


def test_a_dated_earlier_death_is_told_apart_by_the_leads_date(
    extractor: EnglishExtractor,
) -> None:
    text = f"{LEAD}\n\nA 19-year-old was shot and killed on the same block on Aug. 10."
    death = _of(_claims(extractor, text), "killed", "19-year-old")
    assert death.subject_kind == "none"


def test_the_lead_is_never_background(extractor: EnglishExtractor) -> None:
    text = "A man was killed in a shooting last week, police said on Saturday."
    death = _of(_claims(extractor, text), "killed", "last week")
    assert death.subject_kind == "event"
