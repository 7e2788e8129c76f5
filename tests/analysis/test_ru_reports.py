"""Russian agency copy, round 4: a patient's condition, mourning declared, headlines.

Sentences written for these tests in the manner of wire copy. Each case states its own
expected reading; those marked ``new`` failed before this round.
"""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Document, Extraction

PUBLISHED = "2031-05-10"
Figure = tuple[str, object, object, bool]


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _extract(extractor: RussianExtractor, text: str) -> Extraction:
    doc = Document(id="d-r4", content_hash="x", text=text, published=PUBLISHED, language="ru")
    return extractor.extract(doc)


def _figures(extractor: RussianExtractor, text: str) -> list[Figure]:
    return [
        (c.measure, c.low, c.high, c.part_of is not None) for c in _extract(extractor, text).claims
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # new: people in a grave condition are some of the injured, as "in critical
        # condition" is in English; "из них" across the full stop makes it a part
        (
            "При обрушении моста пострадали 19 человек. Состояние пятерых из них врачи "
            "оценивают как крайне тяжелое.",
            [("injured", 19, 19, False), ("injured", 5, 5, True)],
        ),
        (
            "В давке пострадали 30 человек, восемь находятся в тяжелом состоянии.",
            [("injured", 30, 30, False), ("injured", 8, 8, False)],
        ),
        (
            "В реанимации в состоянии средней тяжести остаются четыре человека.",
            [("injured", 4, 4, False)],
        ),
        ("В критическом состоянии находятся двое детей.", [("injured", 2, 2, False)]),
        # guards: a state that is no patient's says nothing
        ("По состоянию на 9 мая в городе работали 40 пунктов обогрева.", []),
        ("Трое задержанных находились в состоянии опьянения.", [("arrested", 3, 3, False)]),
    ],
)
def test_ru_reports_condition_is_injured(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # new: a noun of people by their trade counts them, as in English ("11 miners")
        ("Жертвами взрыва на шахте стали 11 горняков.", [("killed", 11, 11, False)]),
        ("Под завалами оказались двое пожарных, оба погибли.", [("killed", 2, 2, False)]),
        # new: the missing counted by their participle
        (
            "Спасатели продолжают искать четверых пропавших без вести рыбаков.",
            [("missing", 4, 4, False)],
        ),
        # new: brought to hospital
        (
            "В больницы города были доставлены тридцать один человек.",
            [("injured", 31, 31, False)],
        ),
        ("Гуманитарную помощь доставили двумстам жителям.", []),
        # new: those who went to doctors
        ("Свыше двухсот человек обратились к врачам.", [("injured", 200, None, False)]),
        ("Около ста жителей обратились в администрацию.", []),
        # new: "число жертв" names what its own clause counts, not the clause after the
        # colon ("under the rubble there may be 5 to 10 people")
        ("Число жертв может вырасти: под завалами могут находиться от 5 до 10 человек.", []),
        ("Число погибших: 12 человек.", [("killed", 12, 12, False)]),
        # guard: attackers among a total are counted as attackers, as in English
        # ("eleven detained, including four gunmen")
        (
            "Задержаны одиннадцать человек, в том числе четверо исполнителей теракта.",
            [("arrested", 11, 11, False), ("perpetrators", 4, 4, False)],
        ),
    ],
)
def test_ru_reports_who_is_counted(
    extractor: RussianExtractor, text: str, expected: list[Figure]
) -> None:
    assert _figures(extractor, text) == expected


def test_ru_reports_said_of_the_sentence_before(extractor: RussianExtractor) -> None:
    # new: "Об этом сообщил X" says the sentence before it, whose figures X is credited
    # with (before, the figure was nobody's and no statement was made)
    text = "В Калуге при пожаре погибли пять человек. Об этом сообщили в МЧС."
    extraction = _extract(extractor, text)
    (claim,) = extraction.claims
    (st,) = extraction.statements
    assert (claim.attributed_to, st.speaker, st.content) == (
        "МЧС",
        "МЧС",
        "В Калуге при пожаре погибли пять человек",
    )


@pytest.mark.parametrize(
    "text",
    [
        # new: declaring mourning is an act, not a statement about anything
        "Власти Калужской области объявили трехдневный траур.",
        "Губернатор Калужской области Владислав Шапша объявил 11 мая днем траура.",
        "Мэр Калуги Дмитрий Денисов объявил траур в городе.",
    ],
)
def test_ru_reports_declaring_mourning_is_no_statement(
    extractor: RussianExtractor, text: str
) -> None:
    assert _extract(extractor, text).statements == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # what is declared in words is still said
        (
            "Губернатор Калужской области Владислав Шапша объявил, что погибших больше нет.",
            "погибших больше нет",
        ),
        (
            "«Угрозы повторного обрушения нет», — объявил мэр Калуги Дмитрий Денисов.",
            "«Угрозы повторного обрушения нет»",
        ),
    ],
)
def test_ru_reports_declaring_in_words_is_a_statement(
    extractor: RussianExtractor, text: str, content: str
) -> None:
    (st,) = _extract(extractor, text).statements
    assert (st.stance, st.content) == ("says", content)


def test_ru_reports_headline_is_a_sentence_of_its_own(extractor: RussianExtractor) -> None:
    # new: a headline without a full stop was glued to the lead, so the lead's trigger
    # stood too far from its date and the incident came out undated
    text = (
        "Взрыв на складе в Калуге: погибли трое\n\n"
        "Взрыв на складе в Калуге прогремел в ночь на 9 мая. Погибли три человека."
    )
    extraction = _extract(extractor, text)
    first = extractor.models.parse(text).sentences[0]
    assert first.text == "Взрыв на складе в Калуге: погибли трое"
    assert ("2031-05-09", "night") in {(e.date, e.date_precision) for e in extraction.events}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # new: a noun with the word after it names the group as English does
        ("Среди раненых не менее десяти сотрудников полиции.", "police officers injured"),
        ("При нападении погиб сотрудник ДПС.", "police officers killed"),
        ("Ранены трое сотрудников магазина.", "employees injured"),
        ("Погибли по меньшей мере 14 мирных жителей.", "civilians killed"),
        ("Погибли 14 жителей села.", "residents killed"),
    ],
)
def test_ru_reports_label_reads_the_noun_with_its_complement(
    extractor: RussianExtractor, text: str, label: str
) -> None:
    (claim,) = _extract(extractor, text).claims
    assert claim.label == label


def test_ru_reports_a_range_span_starts_at_ot(extractor: RussianExtractor) -> None:
    # new: the evidence of "от 40 до 45" began at "40"
    text = "Госпитализированы от 40 до 45 пострадавших."
    (claim,) = _extract(extractor, text).claims
    assert (claim.low, claim.high, text[claim.span[0] : claim.span[1]]) == (40, 45, "от 40 до 45")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # new: what befell the attackers is what the verb says, as in English
        # ("attackers sentenced"); before, every count of attackers was "perpetrators"
        (
            "Суд приговорил четырех исполнителей теракта к пожизненному сроку.",
            ("sentenced", "attackers sentenced"),
        ),
        ("Задержаны трое нападавших.", ("arrested", "attackers arrested")),
        ("В перестрелке погибли двое боевиков.", ("killed", "attackers killed")),
        # guards: a verb that says nothing of their fate leaves them attackers
        ("Четверо нападавших открыли огонь по прохожим.", ("perpetrators", "attackers")),
        ("Нейтрализованы трое нападавших.", ("perpetrators", "attackers")),
    ],
)
def test_ru_reports_attackers_take_their_verb_s_measure(
    extractor: RussianExtractor, text: str, expected: tuple[str, str]
) -> None:
    (claim,) = _extract(extractor, text).claims
    assert (claim.measure, claim.label) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # new: an office speaks for the region named after it; before, a region was no
        # speaker and the figure was nobody's
        (
            "Погибли четыре человека, сообщил губернатор Тульской области.",
            "губернатор Тульской области",
        ),
        ("Власти Дагестана заявили, что погибли два человека.", "Власти Дагестана"),
        # guard: a person keeps their name
        ("Губернатор Вячеслав Гладков сообщил, что погибли 3 человека.", "Вячеслав Гладков"),
    ],
)
def test_ru_reports_an_office_speaks_for_its_region(
    extractor: RussianExtractor, text: str, speaker: str
) -> None:
    extraction = _extract(extractor, text)
    (claim,) = extraction.claims
    (st,) = extraction.statements
    assert (claim.attributed_to, st.speaker) == (speaker, speaker)


def test_ru_reports_a_region_whose_office_speaks_still_places_the_incident(
    extractor: RussianExtractor,
) -> None:
    text = "Губернатор Курской области заявил, что при обстреле погибли 5 человек."
    (event,) = _extract(extractor, text).events
    assert event.location is not None
