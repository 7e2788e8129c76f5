"""Russian figures through the claim contract: measures, parts, what is no claim."""

from __future__ import annotations

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document


def _claims(text: str, published: str = "2024-05-11") -> list[Claim]:
    doc = Document(id="d-ru", content_hash="x", text=text, published=published, language="ru")
    return RussianExtractor(Settings()).extract(doc).claims


def _figures(text: str) -> list[tuple[str, object, object]]:
    return [(c.measure, c.low, c.high) for c in _claims(text)]


def test_ru_claims_take_the_measure_from_the_nearest_cue() -> None:
    text = "При взрыве на вокзале в Самаре погибли 12 человек, ещё 35 получили ранения."
    assert _figures(text) == [("killed", 12, 12), ("injured", 35, 35)]


def test_ru_claims_read_hospitalised_detained_and_injured() -> None:
    text = (
        "После обстрела рынка в Омске госпитализированы 17 человек. "
        "Полиция сообщила, что задержаны трое подозреваемых. "
        "Пострадали не менее двадцати посетителей."
    )
    assert _figures(text) == [("injured", 17, 17), ("arrested", 3, 3), ("injured", 20, None)]


def test_ru_claims_a_rising_toll_is_where_it_arrived() -> None:
    text = "Число погибших при нападении на школу в Казани возросло до 9 человек."
    assert _figures(text) == [("killed", 9, 9)]


def test_ru_claims_perpetrators_are_counted_by_their_noun() -> None:
    text = "Задержаны семь человек, в том числе двое нападавших, сообщили в полиции Томска."
    claims = _claims(text)
    assert [(c.measure, c.low) for c in claims] == [("arrested", 7), ("perpetrators", 2)]
    assert claims[1].label == "attackers"


def test_ru_claims_a_part_of_the_toll_points_to_it() -> None:
    text = "При теракте в Ярославле погибли 15 человек. Среди погибших четверо детей."
    total, part = _claims(text)
    assert (total.low, part.low) == (15, 4)
    assert part.part_of == total.id
    assert part.label == "children killed" and total.label == "people killed"


def test_ru_claims_ignore_times_dates_years_and_sums() -> None:
    text = (
        "Нападение в Перми 14 апреля 2023 года длилось 20 минут, в зале было 900 мест, "
        "ущерб оценили в 30 млн рублей."
    )
    assert _claims(text) == []


def test_ru_claims_carry_the_source_and_the_sentence_as_written() -> None:
    text = "По данным МЧС, при пожаре в Уфе погибли шесть человек, сообщил губернатор."
    (claim,) = _claims(text)
    assert claim.sentence == text
    assert text[claim.span[0] : claim.span[1]] == "шесть"
    assert claim.attributed_to


def test_ru_claims_a_cue_beyond_another_figure_is_that_figure_s() -> None:
    text = "В зале находились около 6200 зрителей, погибли 40 человек, пострадали ещё 100."
    assert _figures(text) == [("killed", 40, 40), ("injured", 100, 100)]


def test_ru_claims_ages_articles_and_sentences_are_no_claims() -> None:
    text = (
        "Задержан мужчина 1985 года рождения, ему 38 лет. Дело возбуждено по статье 205, "
        "обвиняемым грозит до 20 лет лишения свободы. Погибли трое."
    )
    # The year, the age, the article and the term are none; the man detained is one person
    # arrested, as he is in a sentence without numbers.
    assert _figures(text) == [("arrested", 1, 1), ("killed", 3, 3)]


def test_ru_claims_parts_take_their_total_s_measure() -> None:
    claims = _claims("Пострадали 58 человек в Липецке, из них 12 детей.")
    total, part = claims
    assert (total.measure, total.low, part.measure, part.low) == ("injured", 58, "injured", 12)
    assert part.part_of == total.id and part.label == "children injured"


def test_ru_claims_a_word_for_attackers_does_not_count_their_hostages() -> None:
    assert _claims("Боевики удерживали в здании школы Курска 40 заложников.") == []


def test_ru_claims_a_duration_does_not_stand_between_cue_and_figure() -> None:
    assert _figures("Суд в Туле арестовал на два месяца пятерых фигурантов.") == [
        ("arrested", 5, 5)
    ]


def test_ru_claims_carry_the_date_they_hold_for() -> None:
    (claim,) = _claims("По состоянию на 9 мая в больницах Орла остаются 14 пострадавших.")
    assert (claim.measure, claim.low, claim.as_of) == ("injured", 14, "2024-05-09")
    (plain,) = _claims("В Орле 9 мая пострадали 14 человек.")
    assert plain.as_of is None
