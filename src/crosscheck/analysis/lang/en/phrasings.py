"""Measures said by set phrasings rather than by a measure verb on the counted noun.

Prison sentences without the word "sentence" ("jailed for ten years", "handed prison
terms"), abductions said with arrest verbs ("kidnappers seized"), states the parser reads
as verbs ("are still missing"), headings ("Death toll: 17"), bare numbers before a measure
adjective ("12 dead and 40 injured") and toll or tally nouns with a measure compound
("the casualty count"). Word lists live in ``data/en/measures.yaml``. Called by
:mod:`crosscheck.analysis.lang.en.counts`; it reads a parse and never decides whether a number is
a claim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosscheck.analysis.lang.en.measures import lemma, lexicon, lookup, word_set
from crosscheck.analysis.lang.en.quantities import Quantity


def state_measure(role: str, verb: Token) -> str | None:
    """ "37 people are still missing": an adjective the parser read as a progressive verb."""
    if role != "agent" or verb.tag_ != "VBG":
        return None
    if not any(c.dep_ == "aux" and lemma(c) == "be" for c in verb.children):
        return None
    return lookup("adjectives").get(verb.lower_)


def is_captor(verb: Token) -> bool:
    """True when an arrest verb's subject (or agent) is an armed group: an abduction."""
    captors = word_set("captor_nouns")
    for child in verb.children:
        if child.dep_ == "nsubj" and lemma(child) in captors:
            return True
        by = child.dep_ == "agent"
        if by and any(o.dep_ == "pobj" and lemma(o) in captors for o in child.children):
            return True
    return False


def sentence_measure(role: str, verb: Token) -> str | None:
    """Prison sentences said without "sentence": "jailed for ten years", "a court jailed
    14 people", "were handed prison terms", "received jail sentences", "found guilty"."""
    lem = lemma(verb)
    kids = list(verb.children)
    if role == "patient" and lem in word_set("court_verbs"):
        terms = word_set("term_nouns")
        courts = word_set("court_nouns")
        for child in kids:
            objs = [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else []
            if child.lower_ == "for" and any(lemma(o) in terms for o in objs):
                return "sentenced"
            if child.dep_ in ("agent", "nsubj") and (
                lemma(child) in courts
                or any(lemma(o) in courts for o in objs)
                or any(lemma(o) in courts for o in child.children)
            ):
                return "sentenced"
    giving = lexicon()["sentence_giving_verbs"]
    if lem in giving.get(role, []):
        nouns = word_set("sentence_nouns")
        for child in kids:
            if child.dep_ in ("dobj", "dative", "attr") and (
                lemma(child) in nouns or any(lemma(c) in nouns for c in child.children)
            ):
                return "sentenced"
    if role == "patient" and lem == "find":
        guilty = word_set("guilty_words")
        if any(c.dep_ in ("oprd", "acomp", "xcomp") and lemma(c) in guilty for c in kids):
            return "sentenced"
    return None


def trailing_adjective(doc: Doc, q: Quantity) -> str | None:
    """ "12 dead and 40 injured": a bare number right before a measure adjective takes its
    measure, however the parser attached the adjective (often to the verb)."""
    if q.end >= len(doc):
        return None
    nxt = doc[q.end]
    if nxt.pos_ not in ("ADJ", "VERB") or nxt.tag_ not in ("JJ", "VBN", "VBD"):
        return None
    adjectives = lookup("adjectives")
    return adjectives.get(nxt.lower_)


def heading_measure(doc: Doc, q: Quantity) -> str | None:
    """ "Death toll: 17", "Injured: 45", "Arrested: 3": a figure under a measure label."""
    if q.start < 2 or doc[q.start - 1].text not in (":", "-", "–", "—"):
        return None
    word = doc[q.start - 2]
    if lemma(word) in lookup("measure_nouns") or word.lower_ in lookup("measure_nouns"):
        return toll_measure(word)
    if word.lower_ in lookup("adjectives"):
        return lookup("adjectives")[word.lower_]
    if word.tag_ in ("VBN", "VBD") and lemma(word) in lookup("patient_verbs"):
        return lookup("patient_verbs")[lemma(word)]
    return None


def compound_measure(noun: Token) -> str | None:
    """The measure a compound gives a toll or tally noun: "death toll", "arrest count"."""
    nouns = lookup("measure_nouns")
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and lemma(child) in nouns:
            return nouns[lemma(child)]
    return None


def toll_measure(noun: Token) -> str | None:
    """The measure of a governing noun; "toll" takes it from its compound ("death toll")."""
    nouns = lookup("measure_nouns")
    if lemma(noun) == "toll":
        return compound_measure(noun) or "killed"
    return nouns.get(lemma(noun)) or nouns.get(noun.lower_)


__all__ = [
    "compound_measure",
    "heading_measure",
    "is_captor",
    "sentence_measure",
    "state_measure",
    "toll_measure",
    "trailing_adjective",
]
