"""The measure lexicon and the noun-phrase helpers every figure reader shares.

The measure is read from the dependency parse, never from a word window: the noun the
number quantifies ("130 people"), the verb governing that noun and its voice ("were
killed", "died", "arrested nine men"), adjectives on it ("140 people dead"), nouns that
govern the number ("the death toll at 100") and size nouns ("its strength reached
6,500"). Word lists live in ``data/en/measures.yaml``. This module does not decide whether
a number is a claim at all (years, ages, names): :mod:`crosscheck.analysis.lang.en.claims` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.data import load as load_data

RELATIVE = {"who", "which", "that", "whom"}
_STOP_POS = {"DET", "NUM", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART", "AUX", "SYM", "SPACE"}
_STOP_WORDS = {
    "of",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "some",
    "only",
    "just",
    "about",
    "more",
    "least",
    "most",
    "entire",
    "whole",
    "total",
    "still",
    "also",
    "even",
    "than",
    "as",
    "up",
    "over",
    "almost",
    "nearly",
    "roughly",
    "approximately",
    "around",
    "estimated",
    "ever",
}
_MAX_COUNTED = 6
_CLAUSES = {"relcl", "appos", "parataxis", "advcl", "ccomp", "conj", "cc"}
HEDGE_WORDS = {
    "at",
    "least",
    "about",
    "almost",
    "nearly",
    "approximately",
    "roughly",
    "some",
    "around",
    "over",
    "more",
    "than",
    "up",
    "to",
    "fewer",
    "less",
    "only",
    "just",
    "between",
    "several",
    "few",
    "estimated",
    "further",
    "additional",
    "another",
}


@cache
def lexicon() -> dict[str, Any]:
    """The measure lexicon of ``data/en/measures.yaml`` (loaded once)."""
    found: dict[str, Any] = load_data("measures", "en")
    return found


@cache
def lookup(table: str) -> dict[str, str]:
    """A ``measure -> [lemmas]`` table turned into ``lemma -> measure``."""
    out: dict[str, str] = {}
    for measure, lemmas in lexicon()[table].items():
        for lemma in lemmas:
            out.setdefault(str(lemma), measure)
    return out


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of ``data/en/measures.yaml`` as a set of strings (loaded once)."""
    return frozenset(str(w) for w in lexicon()[name])


@dataclass
class Reading:
    """A number's measure plus the words that say what it counts."""

    measure: str
    label: str
    counted: str
    noun: Token | None = None  # the counted noun, when the text names one
    verb: Token | None = None  # the governing verb, when there is one
    owner: Token | None = None  # whose statistic it is ("ISIS-K's strength")


def lemma(tok: Token) -> str:
    """Lower-case lemma, with a fallback for the proper nouns spaCy leaves capitalised; a
    phrasal verb of ``phrasal_verbs`` reads as the verb it means ("passed away": die)."""
    found = (tok.lemma_ or tok.text).lower()
    phrasal = _phrasal().get(found)
    if phrasal is not None:
        for c in tok.children:
            if c.dep_ in ("prt", "advmod") and c.lower_ in phrasal:
                return phrasal[c.lower_]
    return found


@cache
def _phrasal() -> dict[str, dict[str, str]]:
    """``verb -> {particle: meaning}`` from ``phrasal_verbs`` ("pass away": "die")."""
    out: dict[str, dict[str, str]] = {}
    for phrase, meaning in lexicon()["phrasal_verbs"].items():
        verb, particle = str(phrase).split()
        out.setdefault(verb, {})[particle] = str(meaning)
    return out


def is_person(tok: Token) -> bool:
    """True when ``tok`` is a noun for people ("fighters", "Tajiks", "nationals")."""
    lem = lemma(tok)
    if lem in word_set("people_nouns") or lem.rstrip("s") in word_set("people_nouns"):
        return True
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS")


def counted_noun(doc: Doc, q: Quantity) -> Token | None:
    """The noun a number quantifies: "130 *people*", "dozens of *prisoners*"."""
    anchor = doc[q.anchor]
    # "dozens of prisoners", "hundreds of thousands of men", "two of the gunmen"
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return objs[0]
            if objs and objs[0].lower_ in lookup("measure_nouns"):
                return objs[0]  # "20 of the wounded", "half of the dead"
    head = anchor.head
    modifier = anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
    if modifier and head.i >= q.end and head.pos_ in ("NOUN", "PROPN"):
        return head
    # "three Tajik and one Uzbek national": spaCy may make the nationality the noun.
    # Ranges: "between 800 and 1,200 men" hangs the noun on the second number.
    nxt = doc[q.end] if q.end < len(doc) else None
    hangs = nxt is not None and (
        any(doc[k].head == nxt for k in range(q.start, q.end))
        or nxt.head.i in range(q.start, q.end)
    )
    if hangs and nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return nxt
    # "said that around forty-two people were killed": the parser may read the hedge as a
    # preposition governing the number; the noun right after the phrase is still counted.
    top = anchor
    while top.head != top and q.start <= top.head.i < q.end:
        top = top.head
    misread = top.pos_ == "ADP" and top.i == q.start and doc[q.start].lower_ in HEDGE_WORDS
    if misread and nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i >= q.end:
        return nxt
    return None


def clipped(tok: Token) -> list[Token]:
    """``tok``'s subtree without relative clauses, appositions and bracketed asides."""
    stop: set[int] = set()
    for t in tok.subtree:
        if (t != tok and t.dep_ in _CLAUSES) or t.text in ("(", "["):
            stop.update(x.i for x in t.subtree)
    return [t for t in tok.subtree if t.i not in stop and t.pos_ not in ("PUNCT", "SPACE")]


def phrase_words(tok: Token, drop: set[int] | None = None, limit: int = 12) -> list[Token]:
    """The tokens of ``tok``'s noun phrase worth keeping in a label (no det, no number)."""
    drop = set(drop or set())
    for t in tok.subtree:
        # Other conjuncts are other figures ("1,500 police and 200 soldiers").
        if t != tok and t.dep_ in ("conj", "cc") and t.head == tok:
            drop.update(x.i for x in t.subtree)
    keep: list[Token] = []
    for t in tok.subtree:
        if t.i in drop or t.pos_ in ("DET", "PUNCT", "NUM", "SPACE", "CCONJ") or t.like_num:
            continue
        if not any(ch.isalnum() for ch in t.text) or t.lower_ in HEDGE_WORDS:
            continue
        if t.dep_ in ("relcl", "appos", "acl") and t != tok:
            break
        if t.lower_ in ("'s", "’s"):
            continue
        keep.append(t)
        if len(keep) >= limit:
            break
    return keep


def of_object(tok: Token) -> Token | None:
    """The object of the word's "of": "the number of *attacks*", "98% of *Tajiks*"."""
    return next(
        (
            o
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
        ),
        None,
    )


def owner_of(tok: Token) -> Token | None:
    """Whose figure it is: the possessor ("ISIS-K's strength", "its population")."""
    for child in tok.children:
        if child.dep_ == "poss":
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return obj
    return None


def normalise(tokens: list[Token], owner: Token | None = None) -> str:
    """A short, order-stable key of content lemmas: what is counted, in few words."""
    skip: set[int] = set()
    if owner is not None:
        skip = {t.i for t in owner.subtree}
    words: list[str] = []
    for t in tokens:
        if (
            t.i in skip
            or t.pos_ in _STOP_POS
            or t.like_num
            or t.lower_ in _STOP_WORDS
            or t.lower_ in HEDGE_WORDS
        ):
            continue
        if t.dep_ == "poss" or t.lower_ in ("'s", "’s", "%", "percent", "cent"):
            continue
        lem = lemma(t)
        plural_norp = t.ent_type_ == "NORP" and t.lower_.endswith("s") and t.pos_ != "ADJ"
        if plural_norp and t.dep_ in ("attr", "acomp", "oprd"):
            # "98 percent of Tajiks are Muslims": the predicate says what the share is.
            lem = t.lower_.removesuffix("s")
        elif (
            plural_norp
            or t.tag_ == "NNPS"
            or lem
            in (
                "people",
                "resident",
                "inhabitant",
            )
        ):
            lem = "population"
        if lem not in words:
            words.append(lem)
    if "population" in words:
        words.remove("population")
        words.insert(0, "population")
    return " ".join(words[:_MAX_COUNTED])


__all__ = [
    "HEDGE_WORDS",
    "RELATIVE",
    "Reading",
    "clipped",
    "counted_noun",
    "is_person",
    "lemma",
    "lexicon",
    "lookup",
    "normalise",
    "of_object",
    "owner_of",
    "phrase_words",
    "word_set",
]
