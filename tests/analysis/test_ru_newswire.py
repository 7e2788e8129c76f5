"""Russian newswire phrasing, round 3: sentences written for these tests in the manner of
agency copy (tolls in words in oblique cases, "пол-" numerals, who died among the wounded,
"взяты под стражу", "как сообщил источник", "в МЧС сообщили", weekdays with a date).

Each case states its own expected reading. Those marked ``new`` failed before this round;
the others already worked and guard against a rule that breaks them.
"""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.analysis.lang.ru.dates import find_dates
from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.analysis.lang.ru.parse import natasha
from crosscheck.config import Settings
from crosscheck.model import Document, Extraction

PUBLISHED = "2024-05-11"  # a Saturday
Figure = tuple[str, object, object]


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _extract(extractor: RussianExtractor, text: str) -> Extraction:
    doc = Document(id="d-news", content_hash="x", text=text, published=PUBLISHED, language="ru")
    return extractor.extract(doc)


def _figures(extractor: RussianExtractor, text: str) -> list[Figure]:
    return [(c.measure, c.low, c.high) for c in _extract(extractor, text).claims]


FIGURES: list[tuple[str, list[Figure]]] = [
    # new: "пол-" numerals are numbers of their own
    ("По меньшей мере полсотни человек получили травмы.", [("injured", 50, None)]),
    ("Погибли по меньшей мере полтораста человек.", [("killed", 150, None)]),
    ("Пострадали около полутысячи человек.", [("injured", 500, 500)]),
    # new: help that is medical, a stay in hospital, custody
    (
        "Медицинская помощь потребовалась ста двадцати одному человеку.",
        [("injured", 121, 121)],
    ),
    (
        "Число погибших выросло до 15, еще 40 человек обратились за медицинской помощью.",
        [("killed", 15, 15), ("injured", 40, 40)],
    ),
    (
        "В больницах остаются 56 человек, из них 12 — в тяжелом состоянии.",
        [("injured", 56, 56), ("injured", 12, 12)],
    ),
    ("Под стражу взяты семеро фигурантов дела.", [("arrested", 7, 7)]),
    # new: the wounded who died are dead; some "из" a group are what their verb says
    ("В больнице скончались еще двое пострадавших.", [("killed", 2, 2)]),
    ("Двое раненых скончались в больнице.", [("killed", 2, 2)]),
    ("Трое из задержанных — граждане другого государства.", []),
    # new: a figure's own verb's object says what it counts, before a nearer cue of
    # another clause
    (
        "Четыре человека погибли, шесть получили ранения.",
        [("killed", 4, 4), ("injured", 6, 6)],
    ),
    # new: "по" before a figure gives so much to each (a sum with its noun left out)
    (
        "Семьям погибших выплатят по миллиону рублей, пострадавшим — по 500 тысяч.",
        [],
    ),
    # guards
    ("Трое из раненых скончались в больнице.", [("killed", 3, 3)]),
    ("В больнице скончался один из раненых.", []),
    ("Гуманитарную помощь получили 300 жителей.", []),
    (
        "По данным СК, число погибших в результате теракта в Ставрополе возросло до ста "
        "сорока трёх.",
        [("killed", 143, 143)],
    ),
    ("В результате взрыва пострадали более полутора сотен человек.", [("injured", 150, None)]),
    (
        "Около 1,3 млн человек были вынуждены покинуть свои дома.",
        [("displaced", 1300000, 1300000)],
    ),
    ("Задержаны четверо подозреваемых, еще двое объявлены в розыск.", [("arrested", 4, 4)]),
    (
        "«Погибли шестеро, среди них двое детей», — заявил губернатор.",
        [("killed", 6, 6), ("killed", 2, 2)],
    ),
    ("Медики оказали помощь двадцати пяти пострадавшим.", [("injured", 25, 25)]),
    ("Число раненых выросло до сорока одного.", [("injured", 41, 41)]),
    ("Жертвами нападения стали не менее шестидесяти человек.", [("killed", 60, None)]),
    ("Погибших — 11, раненых — 27.", [("killed", 11, 11), ("injured", 27, 27)]),
    ("Тела двадцати двух погибших опознаны.", [("killed", 22, 22)]),
    ("В результате обрушения кровли погибли полтора десятка рабочих.", [("killed", 15, 15)]),
    ("Госпитализированы несколько десятков человек.", [("injured", 36, 99)]),
    (
        "Число погибших при крушении вертолёта достигло восьми, еще трое числятся пропавшими "
        "без вести.",
        [("killed", 8, 8), ("missing", 3, 3)],
    ),
    ("Ранены до 100 человек.", [("injured", None, 100)]),
    ("Погибли около 2 тыс. человек.", [("killed", 2000, 2000)]),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[t[:40] for t, _ in FIGURES])
def test_ru_newswire_figures(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "stance", "content"),
    [
        # new: "как сообщил X, ..." with a source that is no name
        (
            "Как сообщил источник в правоохранительных органах, задержаны четверо подозреваемых.",
            "источник в правоохранительных органах",
            "says",
            "задержаны четверо подозреваемых",
        ),
        # new: "как сообщили в МЧС": МЧС speaks, not "в МЧС"
        ("Как сообщили в МЧС, пострадали 12 человек.", "МЧС", "says", "пострадали 12 человек"),
        # new: a plural verb with no subject speaks for the organisation "в" which it is said
        (
            "Число жертв теракта возросло до 137, сообщили в Следственном комитете.",
            "Следственном комитете",
            "says",
            "Число жертв теракта возросло до 137",
        ),
        # new: before, "в Кремле" was a place and the adjective after the verb spoke
        (
            "В Кремле опровергли сообщения о причастности иностранных спецслужб.",
            "Кремле",
            "denies",
            "сообщения о причастности иностранных спецслужб",
        ),
        # new: the person of the subject's phrase, not the agency before the name
        (
            "«Все нападавшие задержаны», — заявил директор ФСБ Александр Бортников.",
            "Александр Бортников",
            "says",
            "«Все нападавшие задержаны»",
        ),
        # new: a claim of responsibility says the whole act (before, its words came out cut)
        (
            "Ответственность за теракт взяла на себя группировка «Исламское государство».",
            "Исламское государство",
            "claims",
            "Ответственность за теракт взяла на себя группировка «Исламское государство»",
        ),
    ],
)
def test_ru_newswire_statements(
    extractor: RussianExtractor, text: str, speaker: str, stance: str, content: str
) -> None:
    (st,) = _extract(extractor, text).statements
    assert (st.speaker, st.stance, st.content) == (speaker, stance, content)


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Число жертв теракта возросло до 137, сообщили в Следственном комитете.",
            "Следственном комитете",
            "Число жертв теракта возросло до 137",
        ),
        # new: before, these were credited only through a statement whose content came out
        # cut ("П", "Ка"): the participle "уточнённым" was read as a verb of saying
        (
            "По уточнённым данным МЧС, погибли девятнадцать человек.",
            "МЧС",
            "погибли девятнадцать человек",
        ),
        (
            "Как сообщает «Интерфакс», число погибших составило 29 человек.",
            "Интерфакс",
            "число погибших составило 29 человек",
        ),
    ],
)
def test_ru_newswire_attribution_reaches_the_figure(
    extractor: RussianExtractor, text: str, source: str, content: str
) -> None:
    extraction = _extract(extractor, text)
    (claim,) = extraction.claims
    (st,) = extraction.statements
    assert (claim.attributed_to, st.speaker, st.content) == (source, source, content)


def test_ru_newswire_said_elsewhere_is_no_statement(extractor: RussianExtractor) -> None:
    # new: "об этом" says it in another sentence; the rest of this one is no content
    # (before, the words before the verb came out cut: "Об это").
    text = "Об этом сообщает РИА Новости со ссылкой на источник в экстренных службах."
    assert _extract(extractor, text).statements == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # new: "минувшую" puts the Friday before publication
        ("В минувшую пятницу в Туле прогремел взрыв.", ["2024-05-10"]),
        ("В минувшую субботу в Туле прогремел взрыв.", ["2024-05-04"]),
        ("В субботу в Туле прогремел взрыв.", ["2024-05-11"]),
        # new: a date in digits
        ("Взрыв в Туле прогремел 23.03.2024.", ["2024-03-23"]),
        # new: the date written out says which Saturday
        ("В субботу, 4 мая, в Туле прогремел взрыв.", ["2024-05-04"]),
        ("Взрыв прогремел в ночь с 22 на 23 марта.", ["2024-03-23"]),
    ],
)
def test_ru_newswire_dates(text: str, iso: list[str]) -> None:
    (sent,) = natasha().parse(text).sentences
    assert [d.iso for d in find_dates(sent.tokens, date.fromisoformat(PUBLISHED))] == iso
