"""Russian names keyed like the English names of the same entity."""

from __future__ import annotations

from crosscheck.analysis.lang.ru.entities import find_mentions
from crosscheck.analysis.lang.ru.parse import natasha


def _keys(text: str) -> dict[str, str]:
    return {m.text: m.key for m in find_mentions(natasha().parse(text), "d-ru")}


def test_ru_entities_inflected_names_meet_the_english_keys() -> None:
    keys = _keys(
        "Следователи осмотрели «Крокус Сити Холл». Ответственность взяло ИГ-Хорасан, "
        "а в ИГИЛ-К молчали. Граждан Таджикистана задержали в Брянской области."
    )
    assert keys["Крокус Сити Холл"] == "crocus-city-hall"
    assert keys["ИГ-Хорасан"] == keys["ИГИЛ-К"] == "isis-k"
    assert keys["Таджикистана"] == "tajikistan"
    assert keys["Брянской области"] == "bryansk-region"


def test_ru_entities_people_are_lemmatised_and_transliterated() -> None:
    keys = _keys("Министр Сергей Шойгу встретился с Александром Бортниковым в Москве.")
    assert keys["Александром Бортниковым"] == "alexander bortnikov"
    assert keys["Москве"] == "moscow"
