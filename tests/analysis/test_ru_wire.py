"""Russian wire-copy phrasing the first rules missed, in sentences written for these tests.

Each sentence is in the manner of agency copy (toll wording, attribution, relative dates)
and states its own expected figures, so a rule that breaks any of them fails here.
"""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.analysis.lang.ru.dates import find_dates
from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.analysis.lang.ru.parse import natasha
from crosscheck.config import Settings
from crosscheck.model import Claim, Document

PUBLISHED = "2024-05-11"
Figure = tuple[str, object, object]


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _claims(extractor: RussianExtractor, text: str) -> list[Claim]:
    doc = Document(id="d-wire", content_hash="x", text=text, published=PUBLISHED, language="ru")
    return extractor.extract(doc).claims


def _figures(extractor: RussianExtractor, text: str) -> list[Figure]:
    return [(c.measure, c.low, c.high) for c in _claims(extractor, text)]


WIRE: list[tuple[str, list[Figure]]] = [
    ("Жертвами взрыва на автовокзале в Брянске стали 12 человек.", [("killed", 12, 12)]),
    (
        "В результате атаки беспилотников на нефтебазу под Белгородом погибли по меньшей мере "
        "40 человек.",
        [("killed", 40, None)],
    ),
    ("Число жертв пожара в торговом центре Кемерово возросло до 64.", [("killed", 64, 64)]),
    (
        "Ранения получили еще восемь человек, их состояние оценивается как тяжелое.",
        [("injured", 8, 8)],
    ),
    (
        "Были задержаны четверо подозреваемых в организации поджога здания суда в Махачкале.",
        [("arrested", 4, 4)],
    ),
    ("В результате обстрела Шебекино погиб мирный житель.", [("killed", 1, 1)]),
    ("При атаке дрона на Курск ранен военнослужащий.", [("injured", 1, 1)]),
    (
        "На месте происшествия двое погибших и трое раненых, сообщил глава района.",
        [("killed", 2, 2), ("injured", 3, 3)],
    ),
    (
        "В больницы Новосибирска доставлены более двух десятков пострадавших.",
        [("injured", 20, None)],
    ),
    (
        "Семь человек погибли и 15 были ранены в результате взрыва на заводе в Рязани.",
        [("killed", 7, 7), ("injured", 15, 15)],
    ),
    (
        "Накануне вечером в Воронеже неизвестный открыл огонь по прохожим, погибли двое.",
        [("killed", 2, 2)],
    ),
    (
        "Вчера вечером под Тверью в результате ДТП с автобусом пострадали 14 пассажиров.",
        [("injured", 14, 14)],
    ),
    (
        "В ночь на 23 марта силовики задержали 11 человек, причастных к теракту.",
        [("arrested", 11, 11)],
    ),
    (
        "Как сообщает ТАСС, погибли не менее 130 человек, еще свыше 180 получили ранения.",
        [("killed", 130, None), ("injured", 180, None)],
    ),
    (
        "Число пострадавших при обрушении в Нижнем Тагиле увеличилось до 19 человек.",
        [("injured", 19, 19)],
    ),
    ("Из-под завалов извлекли тела 9 погибших, сообщили в МЧС.", [("killed", 9, 9)]),
    (
        "Один человек погиб, еще двое ранены при атаке дрона на Курск.",
        [("killed", 1, 1), ("injured", 2, 2)],
    ),
    (
        "Пострадали порядка 50 человек, 30 из них госпитализированы.",
        [("injured", 50, 50), ("injured", 30, 30)],
    ),
    ("В результате ДТП на трассе под Омском никто не пострадал.", []),
    ("При пожаре в общежитии не пострадал ни один человек.", []),
    ("Все жители поселка погибли.", []),
]


@pytest.mark.parametrize(("text", "expected"), WIRE, ids=[t[:40] for t, _ in WIRE])
def test_ru_wire_phrasing(extractor: RussianExtractor, text: str, expected: list[Figure]) -> None:
    assert _figures(extractor, text) == expected


def test_ru_wire_hedged_hundred_is_about_one_hundred(extractor: RussianExtractor) -> None:
    (claim,) = _claims(extractor, "Около сотни человек эвакуированы из жилого дома в Перми.")
    assert (claim.measure, claim.low, claim.high, claim.approximate, claim.vague) == (
        "displaced",
        100,
        100,
        True,
        False,
    )
    (vague,) = _claims(extractor, "Сотни человек эвакуированы из жилых домов в Перми.")
    assert vague.vague and (vague.low, vague.high) == (200, 999)


def test_ru_wire_a_lone_victim_keeps_the_noun_as_its_span(extractor: RussianExtractor) -> None:
    text = "В результате обстрела Шебекино погиб мирный житель."
    (claim,) = _claims(extractor, text)
    assert text[claim.span[0] : claim.span[1]] == "житель"
    assert claim.label == "civilians killed"  # "мирный житель" is a civilian


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("По данным МЧС, при пожаре в Уфе погибли 4 человека.", "МЧС"),
        ("По данным Минздрава, медицинская помощь понадобилась 56 пострадавшим.", "Минздрава"),
        ("В Ижевске погибли 17 человек, по данным Следственного комитета.", "Следственного"),
    ],
)
def test_ru_wire_po_dannym_credits_the_figure(
    extractor: RussianExtractor, text: str, source: str
) -> None:
    (claim,) = _claims(extractor, text)
    assert claim.attributed_to is not None and claim.attributed_to.startswith(source)


def test_ru_wire_po_dannym_is_a_statement(extractor: RussianExtractor) -> None:
    text = "По данным МЧС, при пожаре в Уфе погибли 4 человека."
    doc = Document(id="d-st", content_hash="x", text=text, published=PUBLISHED, language="ru")
    (st,) = extractor.extract(doc).statements
    assert (st.speaker, st.stance, st.doc_id) == ("МЧС", "says", "d-st")
    assert st.content == "при пожаре в Уфе погибли 4 человека"


MEASURES: list[tuple[str, list[Figure]]] = [
    ("Около двухсот жителей покинули свои дома после подтопления.", [("displaced", 200, 200)]),
    (
        "В Курской области насчитывается около 30 тысяч вынужденных переселенцев.",
        [("displaced", 30000, 30000)],
    ),
    ("Около тысячи человек были эвакуированы из зоны пожара.", [("displaced", 1000, 1000)]),
    (
        "Из России выдворены 12 мигрантов, нарушивших миграционное законодательство.",
        [("deported", 12, 12)],
    ),
    ("Депортированы более 100 иностранцев.", [("deported", 100, None)]),
    (
        "Суд приговорил четверых обвиняемых к пожизненному лишению свободы.",
        [("sentenced", 4, 4)],
    ),
    ("Осуждены семь участников ячейки.", [("sentenced", 7, 7)]),
    # Leaving a place that is no home is not displacement.
    ("Около двухсот зрителей покинули зал до конца концерта.", []),
]


@pytest.mark.parametrize(("text", "expected"), MEASURES, ids=[t[:40] for t, _ in MEASURES])
def test_ru_wire_displaced_deported_sentenced(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


def test_ru_wire_new_measures_carry_the_english_labels(extractor: RussianExtractor) -> None:
    labels = {
        c.measure: c.label
        for text in ("Эвакуированы 300 человек.", "Выдворены 40 человек.", "Осуждены 9 человек.")
        for c in _claims(extractor, text)
    }
    assert labels == {
        "displaced": "people displaced",
        "deported": "people deported",
        "sentenced": "people sentenced",
    }


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Нападение на пост ДПС произошло 22-го марта.", "2024-03-22"),
        ("Атака случилась в ночь с пятницы на субботу.", "2024-05-11"),
        ("Накануне вечером в Воронеже прогремел взрыв.", "2024-05-10"),
        ("Вчера вечером на трассе произошло ДТП.", "2024-05-10"),
    ],
)
def test_ru_wire_dates(text: str, iso: str) -> None:
    (sent,) = natasha().parse(text).sentences
    assert [d.iso for d in find_dates(sent.tokens, date.fromisoformat(PUBLISHED))] == [iso]
