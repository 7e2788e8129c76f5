"""Russian hedges and lists: ceilings, floors, rounded and vague amounts, rising tolls,
and lists of people joined by "и" that add up."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document

Figure = tuple[str, object, object]


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _claims(extractor: RussianExtractor, text: str) -> list[Claim]:
    doc = Document(id="d-ru", content_hash="x", text=text, published="2024-06-02", language="ru")
    return extractor.extract(doc).claims


def _figures(extractor: RussianExtractor, text: str) -> list[Figure]:
    return [(c.measure, c.low, c.high) for c in _claims(extractor, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "не более"/"не больше" are ceilings like "до", though "более" alone is a floor.
        ("При пожаре в Твери пострадали не более 12 человек.", [("injured", None, 12)]),
        ("Во время взрыва погибли не больше пяти человек.", [("killed", None, 5)]),
        ("Задержаны не более чем восемь подозреваемых.", [("arrested", None, 8)]),
        ("Под Тулой ранены более 40 человек.", [("injured", 40, None)]),
        ("В Липецке погибли свыше 50 человек.", [("killed", 50, None)]),
        ("До 30 человек могли пострадать в давке.", [("injured", None, 30)]),
    ],
)
def test_ru_ceilings_and_floors(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


def test_ru_ceiling_span_starts_at_ne(extractor: RussianExtractor) -> None:
    text = "По словам врачей, госпитализированы не больше семи человек."
    (claim,) = _claims(extractor, text)
    assert text[claim.span[0] : claim.span[1]] == "не больше семи"


def test_ru_rounded_millions_are_approximate(extractor: RussianExtractor) -> None:
    (claim,) = _claims(extractor, "Из-за паводка эвакуированы около 1,3 млн жителей области.")
    assert (claim.measure, claim.low, claim.high, claim.approximate) == (
        "displaced",
        1_300_000,
        1_300_000,
        True,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("После обрушения пострадали десятки человек.", ("injured", 24, 99)),
        ("В результате обстрела ранены сотни людей.", ("injured", 200, 999)),
    ],
)
def test_ru_tens_and_hundreds_are_vague(
    extractor: RussianExtractor, text: str, expected: Figure
) -> None:
    (claim,) = _claims(extractor, text)
    assert ((claim.measure, claim.low, claim.high), claim.vague) == (expected, True)


@pytest.mark.parametrize(
    "text",
    [
        "Число погибших при взрыве в Орле возросло до 144.",
        "Число жертв крушения выросло до 144 человек.",
    ],
)
def test_ru_a_toll_that_rose_to_a_number_is_that_number(
    extractor: RussianExtractor, text: str
) -> None:
    assert _figures(extractor, text) == [("killed", 144, 144)]


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        (
            "При нападении на автобус погибли трое мужчин и две женщины.",
            ("killed", 5, 5),
            "трое мужчин и две женщины",
        ),
        (
            "Ранения получили двое взрослых и трое детей.",
            ("injured", 5, 5),
            "двое взрослых и трое детей",
        ),
        (
            "В больницу доставлены четверо мужчин и одна женщина.",
            ("injured", 5, 5),
            "четверо мужчин и одна женщина",
        ),
        ("Полиция задержала двух мужчин и женщину.", ("arrested", 3, 3), "двух мужчин и женщину"),
        (
            "Погибли трое мужчин, две женщины и ребенок.",
            ("killed", 6, 6),
            "трое мужчин, две женщины и ребенок",
        ),
        # Lone people named before the count are one each, as "a man and two children".
        (
            "В результате обстрела погибли мужчина и двое детей.",
            ("killed", 3, 3),
            "мужчина и двое детей",
        ),
        (
            "При взрыве ранены мужчина, женщина и трое детей.",
            ("injured", 5, 5),
            "мужчина, женщина и трое детей",
        ),
        ("Ранены женщина и трое детей, сообщает МЧС.", ("injured", 4, 4), "женщина и трое детей"),
        # ... and lone people between two counts.
        (
            "Погибли двое мужчин, женщина и трое детей.",
            ("killed", 6, 6),
            "двое мужчин, женщина и трое детей",
        ),
    ],
)
def test_ru_a_list_of_people_counts_every_member(
    extractor: RussianExtractor, text: str, expected: Figure, phrase: str
) -> None:
    (claim,) = _claims(extractor, text)
    assert (claim.measure, claim.low, claim.high) == expected
    assert text[claim.span[0] : claim.span[1]] == phrase
    assert claim.counted == "people"


def test_ru_a_listed_part_is_a_part_of_the_toll(extractor: RussianExtractor) -> None:
    text = "Погибли 12 человек, в том числе трое мужчин и две женщины."
    total, part = _claims(extractor, text)
    assert (total.low, part.low, part.high, part.measure) == (12, 5, 5, "killed")
    assert part.part_of == total.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two verbs, two figures: the second number is its own verb's subject.
        (
            "Погибли трое детей и двое взрослых получили ранения.",
            [("killed", 3, 3), ("injured", 2, 2)],
        ),
        # Nouns that name a measure are never added up across measures.
        ("Среди них трое погибших и двое раненых.", [("killed", 3, 3), ("injured", 2, 2)]),
        ("Погибли 12 человек и 30 человек ранены.", [("killed", 12, 12), ("injured", 30, 30)]),
    ],
)
def test_ru_figures_of_other_verbs_or_measures_stay_apart(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # People named one by one, without numerals, count one each, as in English.
        ("При нападении на пост погибли полицейский и охранник.", [("killed", 2, 2)]),
        ("В результате взрыва ранены мужчина, женщина и ребёнок.", [("injured", 3, 3)]),
        ("В Калуге погиб мужчина.", [("killed", 1, 1)]),
        # A plural verb over one person is no list; a member with a numeral is the numbers'.
        ("Погибли двое детей.", [("killed", 2, 2)]),
    ],
)
def test_people_named_without_numerals_add_up(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lone person beside a figure of another measure, or beside numbers that are no
        # figures (a year, an age), is one person, as in a sentence without numbers.
        ("Погиб мужчина, двое детей получили ранения.", [("killed", 1, 1), ("injured", 2, 2)]),
        ("В 2023 году в Кургане погиб мужчина.", [("killed", 1, 1)]),
        ("Погиб мужчина 45 лет.", [("killed", 1, 1)]),
        # Never beside a figure of its own measure: the figure already counts him.
        ("Погибли 12 человек, в том числе полицейский.", [("killed", 12, 12)]),
    ],
)
def test_a_lone_person_beside_figures_counts_once(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A possessive pronoun between a number and its noun ("двое его сообщников") leaves
        # the noun counted: it joins a list, and an unknown noun is still no count of people.
        ("В Омске задержаны водитель и двое его сообщников.", [("arrested", 3, 3)]),
        ("При пожаре в Курске погибли женщина и трое её детей.", [("killed", 4, 4)]),
        ("В аварии под Псковом пострадали двое их соседей и водитель.", [("injured", 3, 3)]),
        ("В Твери сгорели двое их сараев.", []),
    ],
)
def test_ru_a_possessive_between_a_number_and_its_noun(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected
