"""Russian dates resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.analysis.lang.ru.dates import find_dates
from crosscheck.analysis.lang.ru.parse import natasha

PUBLISHED = date(2024, 3, 23)  # a Saturday


def _dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    (sent,) = natasha().parse(text).sentences
    return [(d.iso, d.precision) for d in find_dates(sent.tokens, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Взрыв произошёл 22 марта у вокзала.", ("2024-03-22", "day")),
        ("Взрыв произошёл 22 марта 2023 года у вокзала.", ("2023-03-22", "day")),
        # The night into the 23rd: the day named, which the evening before may also be.
        ("Склад загорелся в ночь на 23 марта.", ("2024-03-23", "night")),
        ("Склад загорелся в ночь с 22 на 23 марта.", ("2024-03-23", "night")),
        ("Склад загорелся в ночь с пятницы на субботу.", ("2024-03-23", "night")),
        ("Нападение случилось в пятницу вечером.", ("2024-03-22", "day")),
        ("Нападение случилось в среду.", ("2024-03-20", "day")),
        ("Взрыв прогремел вчера.", ("2024-03-22", "day")),
        ("Первые аресты прошли в феврале.", ("2024-02-01", "month")),
        ("Теракт произошёл 28 декабря.", ("2023-12-28", "day")),
    ],
)
def test_ru_dates_resolve_against_publication(text: str, expected: tuple[str, str]) -> None:
    assert _dates(text)[0] == expected


def test_ru_dates_need_a_publication_date_for_relative_words() -> None:
    assert _dates("Нападение случилось в пятницу.", None) == []
