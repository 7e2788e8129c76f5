"""Search stems for Russian words: every inflection of a word shares its stem.

Full-text search indexes words as written; a Russian reader searching "Самара" also wants
"Самаре" and "самарский". A query word becomes the part it shares with its lemma, less a
final vowel ("Самаре" / "самара" -> "самар"; "погибших" / "погибнуть" -> "погиб"), and the
stores search it as a prefix. Only Cyrillic words are stemmed.
"""

from __future__ import annotations

import re

from crosscheck.analysis.lang.ru.parse import lemma

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_ENDING_LETTERS = "аеёиоуыэюяйь"
#: Shorter stems match too many words to mean anything.
MIN_STEM = 3


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def search_stem(word: str) -> str:
    """The prefix that finds every form of ``word`` (the word itself when not Russian)."""
    lower = word.lower().replace("ё", "е")
    if not is_cyrillic(lower) or not lower.isalpha():
        return lower
    base = lemma(lower)
    n = 0
    while n < min(len(lower), len(base)) and lower[n] == base[n]:
        n += 1
    stem = lower[:n]
    while len(stem) > MIN_STEM and stem[-1] in _ENDING_LETTERS:
        stem = stem[:-1]
    return stem if len(stem) >= MIN_STEM else lower


__all__ = ["is_cyrillic", "search_stem"]
