"""Russian incidents named by a phrase ("открыли огонь") or by a verb of shooting, dated
against the publication date like any other trigger."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Document, EventMention


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _events(extractor: RussianExtractor, text: str) -> list[EventMention]:
    # Published on Sunday 24 March 2024: "в пятницу" is Friday the 22nd.
    doc = Document(id="d-ru-ev", content_hash="x", text=text, published="2024-03-24", language="ru")
    return extractor.extract(doc).events


def test_opening_fire_is_a_shooting_dated_by_its_weekday(extractor: RussianExtractor) -> None:
    (event,) = _events(extractor, "В пятницу вечером в Твери двое мужчин открыли огонь у вокзала.")
    assert (event.type, event.trigger, event.date) == ("shooting", "открыли огонь", "2024-03-22")


@pytest.mark.parametrize(
    "text",
    [
        "Неизвестный застрелил охранника магазина в Омске.",
        "Боевики расстреляли колонну на трассе.",
        "В перестрелке с полицией погиб один из нападавших.",
    ],
)
def test_verbs_and_nouns_of_shooting(extractor: RussianExtractor, text: str) -> None:
    assert [e.type for e in _events(extractor, text)] == ["shooting"]


def test_a_word_of_shooting_comes_first_over_the_phrase(extractor: RussianExtractor) -> None:
    # "стрельбу" alone names the incident; the phrase does not move its trigger.
    (event,) = _events(extractor, "Студент открыл стрельбу в колледже.")
    assert event.trigger == "стрельбу"


def test_fire_of_another_kind_is_no_incident(extractor: RussianExtractor) -> None:
    assert _events(extractor, "Пожарные потушили огонь на складе.") == []
