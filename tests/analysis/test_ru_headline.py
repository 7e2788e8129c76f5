"""A Russian report whose casualty figure is in its title only keeps that figure, said by
the title; a report whose body gives its own figures does not take the title's."""

from __future__ import annotations

import pytest

from crosscheck.analysis.lang.ru.extractor import RussianExtractor
from crosscheck.config import Settings
from crosscheck.model import Claim, Document


@pytest.fixture(scope="module")
def extractor() -> RussianExtractor:
    return RussianExtractor(Settings())


def _claims(extractor: RussianExtractor, title: str | None, body: str) -> list[Claim]:
    doc = Document(
        id="d-ru-title",
        content_hash="x",
        text=body,
        title=title,
        published="2024-05-01",
        language="ru",
    )
    return extractor.extract(doc).claims


def test_a_toll_in_the_title_only_is_the_reports_figure(extractor: RussianExtractor) -> None:
    title = "При обрушении моста под Вологдой погибли четыре человека"
    found = _claims(extractor, title, "Мост обрушился вечером. На месте работают спасатели.")
    assert [(c.measure, c.low, c.high) for c in found] == [("killed", 4, 4)]
    # No place in the body says it: the span is empty and the sentence is the title.
    assert found[0].span == (0, 0)
    assert found[0].sentence == title
    assert found[0].subject_kind == "event"


def test_a_rising_toll_in_the_title(extractor: RussianExtractor) -> None:
    found = _claims(
        extractor, "Число раненых при пожаре в Ижевске выросло до 17", "Склад горел ночью."
    )
    assert [(c.measure, c.low, c.high) for c in found] == [("injured", 17, 17)]


def test_the_body_figures_win_over_the_title(extractor: RussianExtractor) -> None:
    title = "При обрушении моста под Вологдой погибли четыре человека"
    body = "Мост обрушился вечером. Погибли пять человек, ещё двое ранены."
    found = _claims(extractor, title, body)
    assert sorted((c.measure, c.low) for c in found) == [("injured", 2), ("killed", 5)]
    assert all(c.span != (0, 0) for c in found)


@pytest.mark.parametrize("title", [None, "", "Обрушение моста под Вологдой"])
def test_no_figure_without_one_in_the_title(extractor: RussianExtractor, title: str | None) -> None:
    assert _claims(extractor, title, "Мост обрушился вечером. На месте работают спасатели.") == []
