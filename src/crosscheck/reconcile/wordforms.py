"""Word-form rules of the key language, from ``data/<lang>/word_forms.yaml``.

Reconcile compares keys the extractors write in English words for every report language
(``counted``, labels, event descriptions), so the rules come from ``data/en/`` by default;
the language is a parameter so that a key language with its own rules adds a data file,
not code here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from crosscheck.data import load

#: The language reconcile's keys are written in (see the module docstring).
KEY_LANGUAGE = "en"


@dataclass(frozen=True)
class Plural:
    ending: str
    replace: str
    min_length: int
    unless: tuple[str, ...]


@dataclass(frozen=True)
class WordForms:
    plurals: tuple[Plural, ...]
    derivations: tuple[str, ...]
    keep: int
    possessives: tuple[str, ...]
    country_cut: int
    country_min_stem: int
    country_endings: tuple[str, ...]


def _read(lang: str) -> WordForms:
    table = load("word_forms", lang)
    stems = table["country_stems"]
    return WordForms(
        plurals=tuple(
            Plural(
                str(p["ending"]),
                str(p.get("replace") or ""),
                int(p["min_length"]),
                tuple(str(u) for u in p.get("unless") or ()),
            )
            for p in table["plurals"]
        ),
        derivations=tuple(str(e) for e in table["derivations"]["endings"]),
        keep=int(table["derivations"]["keep"]),
        possessives=tuple(str(p) for p in table["possessives"]),
        country_cut=int(stems["cut"]),
        country_min_stem=int(stems["min_stem"]),
        country_endings=tuple(str(e) for e in stems["endings"]),
    )


@functools.cache
def _key_language() -> WordForms:
    """The key language's rules, loaded once (constant data, no state)."""
    return _read(KEY_LANGUAGE)


def word_forms(lang: str = KEY_LANGUAGE) -> WordForms:
    """The word-form rules of ``lang`` (the key language's are read once)."""
    return _key_language() if lang == KEY_LANGUAGE else _read(lang)


def stem(word: str, lang: str = KEY_LANGUAGE) -> str:
    """A crude stem, enough to equate "restrictions" and "restricting"."""
    rules = word_forms(lang)
    for plural in rules.plurals:
        if (
            len(word) >= plural.min_length
            and word.endswith(plural.ending)
            and not word.endswith(plural.unless)
        ):
            word = word[: -len(plural.ending)] + plural.replace
            break
    for ending in rules.derivations:
        if len(word) >= len(ending) + rules.keep and word.endswith(ending):
            return word[: -len(ending)]
    return word


def strip_possessive(word: str, lang: str = KEY_LANGUAGE) -> str:
    """``word`` without quotes around it or a possessive ending ("crocus's" -> "crocus")."""
    word = word.strip("'")
    for ending in word_forms(lang).possessives:
        word = word.removesuffix(ending)
    return word


def country_stems(token: str, lang: str = KEY_LANGUAGE) -> list[str]:
    """The country names a demonym may come from, longest stem first."""
    rules = word_forms(lang)
    out: list[str] = []
    for cut in range(rules.country_cut + 1):
        base = token[: len(token) - cut]
        if len(base) < rules.country_min_stem:
            break
        out.extend(base + ending for ending in rules.country_endings)
    return out


__all__ = ["KEY_LANGUAGE", "WordForms", "country_stems", "stem", "strip_possessive", "word_forms"]
