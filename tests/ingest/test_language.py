"""detect_language: ISO 639-1 codes from the bundled lite model, None when unsure."""

from __future__ import annotations

import pytest

from crosscheck.ingest.language import detect_language, normalise_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Officials said the convoy was ambushed on the mountain road late on Sunday.", "en"),
        ("Власти сообщили, что колонну обстреляли на горной дороге в воскресенье вечером.", "ru"),
        ("Les autorités ont indiqué que le convoi avait été attaqué dimanche soir.", "fr"),
        ("Die Behörden erklärten, der Konvoi sei am Sonntagabend angegriffen worden.", "de"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_detect_language_uses_only_the_start_and_ignores_newlines() -> None:
    text = ("A short English line about the ceasefire talks.\n" * 5) + "слово " * 5000
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "ok", "12 345 678", "---\n***"])
def test_detect_language_too_little_text(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("EN", "en"), ("ru_RU", "ru"), ("", None), ("english!", None)],
)
def test_normalise_language(tag: str, code: str | None) -> None:
    assert normalise_language(tag) == code
