"""Reconcile's word-form rules come from data/en/word_forms.yaml and keep their results."""

from __future__ import annotations

import pytest

from crosscheck.reconcile.grouping import normalise_counted
from crosscheck.reconcile.mentionfeatures import distinctive_tokens, is_country_word
from crosscheck.reconcile.wordforms import country_stems, stem, strip_possessive, word_forms


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("restrictions", "restrict"),
        ("restricting", "restrict"),
        ("casualties", "casualty"),
        ("ties", "tie"),
        ("process", "process"),
        ("campus", "campus"),
        ("bus", "bus"),
        ("detained", "detain"),
        ("used", "used"),
        ("fighters", "fighter"),
    ],
)
def test_stem_equates_forms_of_a_word(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_counted_keys_ignore_plural_and_order() -> None:
    assert normalise_counted("Muslim population") == normalise_counted("populations muslim")


def test_possessives_and_demonyms() -> None:
    assert strip_possessive("'crocus's") == "crocus"
    assert "crocus" in distinctive_tokens("Crocus's concert hall attack")
    assert is_country_word("russian") and is_country_word("afghan")
    assert not is_country_word("crocus")
    assert "afghanistan" in country_stems("afghan")


def test_rules_are_read_from_the_key_language_data_file() -> None:
    rules = word_forms("en")
    assert "ing" in rules.derivations and "'s" in rules.possessives
    assert [p.ending for p in rules.plurals] == ["ies", "s"]
