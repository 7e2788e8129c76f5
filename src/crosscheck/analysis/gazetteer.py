"""The domain gazetteer: armed groups, agencies, organisations, venues and demonyms.

Entries live in ``data/gazetteer.yaml`` (plus the venues and regions of
``data/places.yaml``); this module loads them once and builds one spaCy
``PhraseMatcher`` per vocabulary. Acronyms match case-sensitively ("IS", not
"is"); names match case-insensitively, with every dash variant, but only when
the text capitalises the first letter as the entry does ("Levada Center", not
"levada"). It knows nothing about NER or events.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from crosscheck.analysis.geo import place_entries
from crosscheck.data import load as load_data

_DASH = re.compile(r"\s*[-–—‐‑]\s*")
_DASH_FORMS = ("-", "–", "—", " - ", " – ", " — ", " ")
_PLACE_LABELS = {"venue": "FAC", "region": "LOC", "city": "GPE"}


@dataclass(frozen=True)
class Entry:
    """One gazetteer entity."""

    id: str
    canonical: str
    label: str


@dataclass(frozen=True)
class GazetteerMatch:
    """A gazetteer hit in a spaCy doc (token span)."""

    span: Span
    entry: Entry


def slug(text: str) -> str:
    """A key from a name: lower case, words joined by hyphens."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


@cache
def _raw() -> dict[str, Any]:
    data = load_data("gazetteer") or {}
    return data if isinstance(data, dict) else {}


def dash_variants(name: str) -> set[str]:
    """``name`` with each dash written every way reports write it."""
    if not _DASH.search(name):
        return {name}
    parts = _DASH.split(name)
    return {form.join(parts) for form in _DASH_FORMS}


@cache
def entries() -> dict[str, tuple[Entry, tuple[str, ...], tuple[str, ...]]]:
    """Entry id -> (entry, acronyms, names), gazetteer and places together."""
    out: dict[str, tuple[Entry, tuple[str, ...], tuple[str, ...]]] = {}
    for item in _raw().get("entities") or ():
        entry = Entry(str(item["id"]), str(item["canonical"]), str(item["label"]))
        acronyms = tuple(str(a) for a in item.get("acronyms") or ())
        names = tuple(str(n) for n in item.get("names") or ())
        out[entry.id] = (entry, acronyms, names)
    for place in place_entries():
        label = _PLACE_LABELS.get(str(place.get("kind")), "LOC")
        entry = Entry(slug(str(place["name"])), str(place["name"]), label)
        names = (str(place["name"]), *(str(a) for a in place.get("aliases") or ()))
        out.setdefault(entry.id, (entry, (), names))
    return out


@cache
def alias_cues() -> tuple[str, ...]:
    """Phrases that join a name to another name of the same one ("X, also known as Y")."""
    return tuple(str(c) for c in _raw().get("alias_cues") or ())


@cache
def demonyms() -> dict[str, tuple[str, str]]:
    """Demonym as written ("Tajiks") -> (country key, canonical country name)."""
    out: dict[str, tuple[str, str]] = {}
    for country, words in (_raw().get("demonyms") or {}).items():
        key = str(country)
        for word in words:
            out[str(word)] = (key, key.title())
    return out


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher, dict[str, str]]] = {}
#: Per vocab, the tokenizer of the pipeline it belongs to (:func:`share_tokenizer`).
_TOKENIZERS: dict[int, tuple[Vocab, Callable[[str], Doc]]] = {}


def share_tokenizer(vocab: Vocab, make_doc: Callable[[str], Doc]) -> None:
    """Tokenize the names matched in docs of ``vocab`` with ``make_doc``, the tokenizer of
    the pipeline that reads the reports, instead of building an English one for them (a
    tenth of a second in every new process; the tokens are the same)."""
    _TOKENIZERS[id(vocab)] = (vocab, make_doc)


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, str]]:
    """(case-sensitive matcher, lower-case matcher, lower name -> first letter) for ``vocab``."""
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1], cached[2], cached[3]
    # Patterns go through the same English tokenizer as report text ("ISIS-K" -> 3 tokens).
    shared = _TOKENIZERS.get(id(vocab))
    if shared is not None and shared[0] is vocab:
        make_doc = shared[1]
    else:
        make_doc = spacy.blank("en", vocab=vocab).make_doc
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    first_letters: dict[str, str] = {}
    for entry, acronyms, names in entries().values():
        acro_docs = [make_doc(v) for a in acronyms for v in dash_variants(a)]
        if acro_docs:
            exact.add(entry.id, acro_docs)
        name_variants = {v for n in names for v in dash_variants(n)}
        if name_variants:
            lower.add(entry.id, [make_doc(v) for v in name_variants])
        for n in names:
            first_letters.setdefault(n.lower()[:1] + "|" + entry.id, n[:1])
    _MATCHERS[id(vocab)] = (vocab, exact, lower, first_letters)
    return exact, lower, first_letters


def match(doc: Doc) -> list[GazetteerMatch]:
    """Gazetteer entities in ``doc``; overlapping hits keep the longest."""
    exact, lower, first_letters = _matchers(doc.vocab)
    table = entries()
    spans: list[Span] = []
    for matcher, case_checked in ((exact, False), (lower, True)):
        for match_id, start, end in matcher(doc):
            span = Span(doc, start, end, label=doc.vocab.strings[match_id])
            if case_checked and not _case_fits(span.text, span.label_, first_letters):
                continue
            spans.append(span)
    return [GazetteerMatch(s, table[s.label_][0]) for s in filter_spans(spans)]


def _case_fits(text: str, entry_id: str, first_letters: dict[str, str]) -> bool:
    first = text[:1]
    expected = first_letters.get(first.lower() + "|" + entry_id)
    if expected is None or not expected.isupper():
        return True
    return first.isupper()


__all__ = [
    "Entry",
    "GazetteerMatch",
    "dash_variants",
    "demonyms",
    "entries",
    "match",
    "share_tokenizer",
    "slug",
]
