"""Russian quantities: numerals in every case, hedges, vague amounts (our own sentences)."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.numbers import find_quantities
from crosscheck.analysis.lang.ru.parse import natasha


def _quantities(text: str) -> list[tuple[float | None, float | None, bool, bool]]:
    (sent,) = natasha().parse(text).sentences
    return [(q.low, q.high, q.approximate, q.vague) for q in find_quantities(sent.tokens)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Пострадали сто сорок три человека.", (143, 143, False, False)),
        ("Говорили о ста сорока трёх пострадавших.", (143, 143, False, False)),
        ("Помощь оказали ста сорока трём пострадавшим.", (143, 143, False, False)),
        ("Задержаны одиннадцать человек.", (11, 11, False, False)),
        ("Эвакуировали две тысячи триста человек.", (2300, 2300, False, False)),
        ("Не менее 130 человек погибли.", (130, None, False, False)),
        ("Свыше 500 человек пострадали.", (500, None, False, False)),
        ("В районе живут около 1,3 млн человек.", (1_300_000, 1_300_000, True, False)),
        ("Ранены до 100 человек.", (None, 100, False, False)),
        ("Число погибших возросло до 144 человек.", (144, 144, False, False)),
        ("Десятки человек пропали без вести.", (24, 99, False, True)),
        ("Сотни людей пришли к зданию.", (200, 999, False, True)),
        ("В колонне было от 20 до 30 машин.", (20, 30, False, False)),
    ],
)
def test_ru_numbers_read_the_figure_of_each_phrase(
    text: str, expected: tuple[float | None, float | None, bool, bool]
) -> None:
    assert _quantities(text)[0] == expected


def test_ru_numbers_keep_each_figure_of_a_sentence_apart() -> None:
    found = _quantities("Погибли не менее 40 человек, более 100 ранены, четверо задержаны.")
    assert [(low, high) for low, high, _, _ in found] == [(40, None), (100, None), (4, 4)]
