"""Russian shares through the claim contract's ``percent`` measure, in our own sentences."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _claims(extractor: RussianExtractor, text: str) -> list[Claim]:
    doc = Document(id="d-st", content_hash="x", text=text, published="2024-05-11", language="ru")
    return extractor.extract(doc).claims


def test_ru_share_of_a_population_keeps_its_owner_as_subject(extractor: RussianExtractor) -> None:
    text = "Около 95% населения Таджикистана — мусульмане."
    (claim,) = _claims(extractor, text)
    assert (claim.measure, claim.low, claim.high, claim.approximate) == ("percent", 95, 95, True)
    assert text[claim.span[0] : claim.span[1]] == "Около 95%"
    # The key is in English words and without the owner, as the English reader writes
    # "95% of Tajikistan's population is Muslim".
    assert claim.counted == "population muslim share"
    assert (claim.subject_kind, claim.subject_ref) == ("entity", "tajikistan")
    assert claim.label.startswith("населения Таджикистана")


def test_ru_share_held_by_dolya_reads_what_the_share_is_of(extractor: RussianExtractor) -> None:
    (claim,) = _claims(extractor, "Доля мусульман в стране составляет 98 процентов.")
    assert (claim.measure, claim.low, claim.high) == ("percent", 98, 98)
    assert claim.counted == "muslim share"


def test_ru_share_hedges_and_people_counts_stay_apart(extractor: RussianExtractor) -> None:
    claims = _claims(extractor, "Погибли 12 человек, почти 40 процентов мигрантов покинули город.")
    assert [(c.measure, c.low, c.high) for c in claims] == [
        ("killed", 12, 12),
        ("percent", None, 40),
    ]
    assert claims[1].counted.startswith("migrant")


def test_ru_a_number_of_percent_points_elsewhere_is_no_share(extractor: RussianExtractor) -> None:
    assert _claims(extractor, "Ставку повысили на 2 пункта, до 16 годовых.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Около 12% населения Таджикистана — мигранты.",
        "Мигранты составляют около 12% населения Таджикистана.",
        "На долю мигрантов в Таджикистане приходится около 12% населения.",
        "Трудовые мигранты составили около 12 процентов населения Таджикистана.",
    ],
)
def test_ru_share_phrasings_read_as_one_figure(extractor: RussianExtractor, text: str) -> None:
    # "X составляют N% Y" and "на долю X приходится N% Y": the part X and the whole Y
    # give the key of "N% of Y are X", the English reader's key.
    (claim,) = _claims(extractor, text)
    assert (claim.measure, claim.low, claim.high, claim.approximate) == ("percent", 12, 12, True)
    assert claim.counted.startswith("population") and "migrant" in claim.counted.split()
    assert claim.counted.endswith(" share")
    assert (claim.subject_kind, claim.subject_ref) == ("entity", "tajikistan")
    assert "мигрант" in claim.label.lower() and "населения" in claim.label


def test_ru_part_verb_phrasings_match_the_genitive_one(extractor: RussianExtractor) -> None:
    texts = [
        "Около 12% населения Таджикистана — мигранты.",
        "Мигранты составляют около 12% населения Таджикистана.",
        "На долю мигрантов в Таджикистане приходится около 12% населения.",
    ]
    readings = {(c.counted, c.subject_ref) for t in texts for c in _claims(extractor, t)}
    assert len(readings) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Доля мигрантов в Таджикистане — около 12 процентов.",
        "Доля мигрантов в Таджикистане составляет около 12%.",
    ],
)
def test_ru_share_after_dolya_and_a_dash(extractor: RussianExtractor, text: str) -> None:
    (claim,) = _claims(extractor, text)
    assert (claim.measure, claim.low, claim.high, claim.approximate) == ("percent", 12, 12, True)
    assert claim.counted == "migrant share"
    assert (claim.subject_kind, claim.subject_ref) == ("entity", "tajikistan")
    # The hedge before the figure is not what the share counts.
    assert claim.label == "мигрантов в Таджикистане (share)"
