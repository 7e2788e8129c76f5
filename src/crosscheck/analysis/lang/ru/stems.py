"""Search terms for Russian words: every inflection of a word is found by its lemma.

Full-text search indexes words as written; a Russian reader searching "Самара" also wants
"Самаре". SQLite and PostgreSQL index a shadow of a report's lemmas (:func:`lemma_shadow`)
and a query word matches its lemma there (:func:`search_lemma`), which joins forms whose
stem changes ("Орёл" / "Орла", "человек" / "люди"). A participle's lemma there is its
verb's, so the dead ("погибшие", "погибших") and the verb ("погиб", "погибли") find each
other, as do "раненых" and "ранены" (:func:`search_base`).

A word pymorphy3 does not know (a surname, a foreign name: "Бусаргина", "Харлоу") gets a
guessed lemma that its other forms may not share, so it is also searched by its stem as a
prefix (:func:`search_stem`). A known word is not: the prefix of "ранены" ("ран") also
begins "ранее" (earlier) and "рано" (early), words of their own that its lemma keeps apart.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from crosscheck import data
from crosscheck.analysis.lang.ru.parse import (
    DASHES,
    close_lemmas,
    known,
    lemma,
    participle_verb,
)

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
#: Marks the lemma shadow in the search index, so a lemma never matches as a word of the
#: text ("орел" the lemma, not a word the report wrote) when phrases are searched.
SHADOW_MARK = "zzlemma"
_ENDING_LETTERS = "аеёиоуыэюяйь"
#: Shorter stems match too many words to mean anything.
MIN_STEM = 3


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def search_stem(word: str) -> str:
    """The prefix that finds every form of ``word`` (the word itself when not Russian), or
    "" for a Russian word pymorphy3 knows: its lemma alone finds its forms, and a prefix
    would find other words too ("ранены": "ран" is also "ранее")."""
    lower = word.lower().replace("ё", "е")
    if not is_cyrillic(lower) or not lower.isalpha():
        return lower
    if known(lower):
        return ""
    base = lemma(lower)
    n = 0
    while n < min(len(lower), len(base)) and lower[n] == base[n]:
        n += 1
    stem = lower[:n]
    while len(stem) > MIN_STEM and stem[-1] in _ENDING_LETTERS:
        stem = stem[:-1]
    return stem if len(stem) >= MIN_STEM else lower


def search_lemma(word: str) -> str:
    """The shadow token a Russian word is indexed as and a query word matches: its
    :func:`search_base`, marked (each part of a hyphenated word in turn)."""
    parts = [p for p in DASHES.split(word) if p] or [word]
    return SHADOW_MARK + SHADOW_MARK.join(search_base(p) for p in parts)


@lru_cache(maxsize=200_000)
def search_base(word: str) -> str:
    """The lemma a search joins ``word``'s forms by: its verb's when ``word`` is a
    participle ("погибшие", "раненых": "погибнуть", "ранить"), unless it may be one of the
    words that grew out of a participle (``own_words`` of ``data/ru/search.yaml``, kept as
    they are); else its lemma.

    A query word and the index both read a word this way, so which reading pymorphy3
    ranks first ("погибшие" the adjective, "погибших" the participle) no longer decides
    whether they meet.
    """
    own = [w for w in close_lemmas(word) if w in _own_words()]
    if own:
        return own[0]
    return participle_verb(word) or lemma(word)


@cache
def _own_words() -> frozenset[str]:
    return frozenset(data.load("search", "ru")["own_words"])


def lemma_shadow(text: str) -> str:
    """The marked lemmas of the Russian words of ``text``, each once, for the search index."""
    seen: dict[str, None] = {}
    for word in _CYRILLIC_WORD.findall(text):
        seen.setdefault(search_lemma(word), None)
    return " ".join(seen)


__all__ = [
    "SHADOW_MARK",
    "is_cyrillic",
    "lemma_shadow",
    "search_base",
    "search_lemma",
    "search_stem",
]
