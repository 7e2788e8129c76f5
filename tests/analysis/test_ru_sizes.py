"""Russian group sizes: the statistic ``count`` of the armed group the sentence names,
keyed like the English figure ("ISIS-K has 6,000 fighters": counted "fighter")."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _claims(extractor: RussianExtractor, text: str) -> list[Claim]:
    doc = Document(
        id="d-ru-size", content_hash="x", text=text, published="2024-04-02", language="ru"
    )
    return extractor.extract(doc).claims


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Численность ИГИЛ-Хорасан оценивается в 4000–6000 боевиков.", 4000, 6000),
        ("По данным ООН, ИГ-Хорасан насчитывает около 6000 боевиков.", 6000, 6000),
        ("В рядах ИГ-Хорасан насчитывается до 2000 боевиков.", None, 2000),
    ],
)
def test_a_groups_size_is_a_count_of_its_fighters(
    extractor: RussianExtractor, text: str, low: int | None, high: int
) -> None:
    (claim,) = _claims(extractor, text)
    assert (claim.measure, claim.low, claim.high) == ("count", low, high)
    assert (claim.counted, claim.label) == ("fighter", "fighters")
    # The group, not the source ("по данным ООН"), is whose size it is.
    assert (claim.subject_kind, claim.subject_ref) == ("entity", "isis-k")


def test_attackers_without_a_word_of_size_stay_attackers(extractor: RussianExtractor) -> None:
    (claim,) = _claims(extractor, "Четверо боевиков открыли огонь в зале.")
    assert claim.measure == "perpetrators"


def test_a_toll_after_a_word_of_size_stays_a_toll(extractor: RussianExtractor) -> None:
    (claim,) = _claims(extractor, "Численность погибших возросла до 144.")
    assert (claim.measure, claim.low) == ("killed", 144)
