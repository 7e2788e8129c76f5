"""What the search index stores of a report and what a query asks of it, for both backends.

SQLite (FTS5) and PostgreSQL (``tsvector``) index the same text and read a query as the
same terms, so a query finds the same reports in either store:

* every CJK character is a word of its own (Chinese and Japanese write no spaces, and a
  tokenizer would take a whole clause for one token), and a CJK query word is the phrase
  of its characters;
* after a Russian text comes the shadow of its lemmas (:func:`lemma_shadow`), and an
  unquoted Russian query word matches its lemma in the shadow ("погибшие" finds
  "погибших" and "погиб", "Орёл" finds "в Орле"; a participle's lemma is its verb's), and
  a word pymorphy3 does not know (a surname) its stem as a prefix too;
* every other query word, and every quoted phrase, must appear as written;
* ``or`` and a leading ``-`` work as in a web search box (:func:`parse_query`).

Each backend renders the query in its own syntax (``store.sqlite``, ``store.postgres``).
PostgreSQL's parser splits text differently from FTS5's ``unicode61`` tokenizer, so the
PostgreSQL store feeds it :func:`index_tokens`, the tokens ``unicode61`` would make.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.analysis.lang.ru.stems import (
    is_cyrillic,
    lemma_shadow,
    search_lemma,
    search_stem,
)

#: Han characters and kana.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
#: FTS5's unicode61 folds diacritics off Latin letters only ("café" is "cafe", "ё" stays).
_LATIN_END = 0x250


@dataclass(frozen=True)
class Term:
    """One thing a query asks for: ``text`` as a phrase, or (Russian) ``lemma`` in the
    shadow or, when not empty, ``stem`` as a prefix."""

    text: str = ""
    stem: str = ""
    lemma: str = ""

    @property
    def russian(self) -> bool:
        return bool(self.lemma)


def spaced(text: str) -> str:
    """Every CJK character of ``text`` a word of its own."""
    return _CJK.sub(r" \1 ", text) if _CJK.search(text) else text


def index_text(text: str) -> str:
    """``text`` as the search index stores it: CJK characters spaced, and after a Russian
    text the shadow of its lemmas (see :mod:`crosscheck.analysis.lang.ru.stems`)."""
    text = spaced(text)
    if is_cyrillic(text):
        text = f"{text}\n{lemma_shadow(text)}"
    return text


@dataclass(frozen=True)
class Query:
    """What a query asks: every group (a term or its alternatives) and none of ``exclude``."""

    groups: tuple[tuple[Term, ...], ...] = ()
    exclude: tuple[Term, ...] = ()


#: A quoted phrase (perhaps excluded), or a word.
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|[\w\'-]+')


def _term(word: str) -> Term:
    if _CJK.search(word):
        return Term(text=" ".join(spaced(word).split()))
    if is_cyrillic(word):
        return Term(stem=search_stem(word), lemma=search_lemma(word))
    return Term(text=word)


def parse_query(query: str) -> Query:
    """Free text as what a found report must match, read as a web search box reads it.

    Every word or quoted phrase must match (``"crocus attack"`` stays a phrase); ``or``
    between two of them lets either match; a leading ``-`` excludes reports that match it.
    Punctuation is only a separator, never syntax, and a term of punctuation alone asks
    for nothing; a query of exclusions alone finds nothing.
    """
    groups: list[list[Term]] = []
    exclude: list[Term] = []
    either = False
    for part in _QUERY_PART.finditer(query):
        if part.group(2) is not None:
            negative, term = (
                part.group(1) == "-",
                Term(text=" ".join(spaced(part.group(2)).split())),
            )
        else:
            word = part.group(0)
            if word.lower() == "or" and groups:
                either = True
                continue
            negative, term = word.startswith("-"), _term(word.lstrip("-"))
        if not term.russian and not index_tokens(term.text):
            continue
        if negative:
            exclude.append(term)
        elif either:
            groups[-1].append(term)
        else:
            groups.append([term])
        either = False
    if not groups:
        return Query()
    return Query(tuple(tuple(g) for g in groups), tuple(exclude))


def compose(query: str, term: Callable[[Term], str], all_of: str, any_of: str, without: str) -> str:
    """``query`` read by :func:`parse_query` and written in one backend's syntax, or "" for
    nothing: ``term`` writes one term, ``all_of``/``any_of`` join terms, and ``without``
    (with ``{match}`` and ``{excluded}``) excludes. One reading keeps both stores' answers
    the same."""
    parsed = parse_query(query)
    if not parsed.groups:
        return ""
    match = all_of.join("(" + any_of.join(term(t) for t in group) + ")" for group in parsed.groups)
    if parsed.exclude:
        excluded = any_of.join(term(t) for t in parsed.exclude)
        match = without.format(match=match, excluded=excluded)
    return match


def _fold(ch: str) -> str:
    if ord(ch) >= _LATIN_END:
        return ch
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def index_tokens(text: str) -> list[str]:
    """The words FTS5's ``unicode61 remove_diacritics 2`` tokenizer makes of ``text``:
    runs of letters and digits, lower-cased, Latin letters without diacritics."""
    folded = "".join(_fold(ch) for ch in text.lower())
    return re.findall(r"[^\W_]+", folded)


__all__ = [
    "Query",
    "Term",
    "compose",
    "index_text",
    "index_tokens",
    "parse_query",
    "spaced",
]
