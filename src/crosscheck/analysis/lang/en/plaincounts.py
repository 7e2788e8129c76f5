"""Figures that are not event tolls: sizes, counted things and bare numbers.

When no measure (killed, arrested, ...) can be read for a number, it may still be a
statistic worth cross-checking: a size ("its strength reached 6,500"), a count of
people or things ("the group has 3,000 fighters"), or a bare number in a clear frame
("there were 2,500-3,500"). Small counts of things ("two books") are narrative, not
figures. Called by :func:`crosscheck.analysis.lang.en.counts.read_count` last.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.lang.en.measures import (
    Reading,
    is_person,
    lemma,
    normalise,
    of_object,
    owner_of,
    phrase_words,
    word_set,
)
from crosscheck.analysis.lang.en.quantities import Quantity


def statistic_reading(
    q: Quantity,
    anchor: Token,
    noun: Token | None,
    verb: Token | None,
    role: str,
    governing: Token | None,
    antecedent: Token | None,
) -> Reading | None:
    """A count reading for a number no measure was found for, or None."""
    if governing is not None and lemma(governing) in word_set("size_nouns"):
        return _size_reading(governing, noun, verb)
    if noun is not None:
        return _noun_count(q, noun, verb, role)
    return _bare_count(q, anchor, verb, antecedent)


def _size_reading(governing: Token, noun: Token | None, verb: Token | None) -> Reading:
    """ "its strength reached 6,500": the size of what the size noun belongs to."""
    owner = owner_of(governing)
    inner = of_object(governing)
    if inner is not None and lemma(governing) in word_set("tally_nouns"):
        # "the number of attacks rose to 120" counts attacks, not "numbers".
        inner_words = phrase_words(inner)
        return Reading(
            "count",
            " ".join(t.text for t in inner_words),
            normalise(inner_words),
            noun=inner,
            verb=verb,
            owner=owner,
        )
    return Reading(
        "count",
        " ".join(t.text for t in phrase_words(governing)),
        normalise([governing]),
        noun=noun,
        verb=verb,
        owner=owner,
    )


def _noun_count(q: Quantity, noun: Token, verb: Token | None, role: str) -> Reading | None:
    """A count of the noun's people or things, with whose figure it is."""
    words = phrase_words(noun)
    owner = owner_of(noun)
    if verb is not None and lemma(verb) in word_set("possession_verbs"):
        # "the group has 3,000 fighters": the holder is whose figure it is.
        holder = (
            next((c for c in verb.children if c.dep_ == "nsubj"), None)
            or _raised_subject(verb)
            or _stray_subject(verb)
        )
        # "ISIS-K has 6,000 fighters in Afghanistan": a named holder owns them, not the
        # place they are in.
        placed = owner is not None and owner.head.lower_ in ("in", "from")
        if owner is None or (placed and holder is not None and holder.pos_ == "PROPN"):
            owner = holder
    if role == "patient" and verb is not None and lemma(verb) in word_set("legal_verbs"):
        words = [*words, verb]  # "suspects charged": not an arrest (see measures.yaml)
    incident = lemma(noun) in word_set("attack_nouns")
    if not is_person(noun) and not incident and not q.vague and (q.value or 0) < 10:
        return None  # "two books", "three oblasts": narrative, not a figure
    return Reading(
        "count",
        " ".join(t.text for t in words),
        normalise(words, owner),
        noun=noun,
        verb=verb,
        owner=owner,
    )


def _bare_count(
    q: Quantity, anchor: Token, verb: Token | None, antecedent: Token | None
) -> Reading | None:
    """A number with no noun: a figure only in a few clear frames, and only when large.

    "1.3 million migrated", "there were 2,500-3,500", "with about 4,000 stationed near
    the border": small bare numbers are too often ordinals, times or list items.
    """
    there = anchor.dep_ == "attr" and any(c.dep_ == "expl" for c in anchor.head.children)
    described = any(c.dep_ in ("acl", "relcl") for c in anchor.children)
    big = q.vague or (q.value or 0) >= 10
    # An earlier figure's noun makes an object count too ("500 members; by 2023, 2,000").
    echoed = antecedent is not None and anchor.dep_ in ("dobj", "attr")
    subject = anchor.dep_ in ("nsubj", "nsubjpass", "appos")
    if not big or not (subject or there or described or echoed):
        return None
    words = [t for t in anchor.subtree if t.i < q.start or t.i >= q.end]
    if verb is not None and anchor.dep_ in ("nsubj", "nsubjpass"):
        words = [verb]
        for child in verb.children:
            if child.i > verb.i and child.dep_ in ("prep", "dobj", "attr", "acomp"):
                words.extend(child.subtree)
                break
    words = [
        t for t in words if t.pos_ not in ("PUNCT", "SPACE") and any(ch.isalpha() for ch in t.text)
    ][:8]
    if antecedent is not None:
        label = antecedent.text + (" " + " ".join(t.text for t in words) if words else "")
        return Reading("count", label.strip(), normalise([antecedent, *words]), verb=verb)
    text = " ".join(t.text for t in words)
    return Reading("count", text or "unspecified", normalise(words) or "unspecified", verb=verb)


def _raised_subject(verb: Token) -> Token | None:
    """ "The group is believed to have 5,000 fighters": the subject of the verb it hangs on."""
    if verb.dep_ != "xcomp":
        return None
    return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _stray_subject(verb: Token) -> Token | None:
    """A subject the parser hung on the phrase before it, for a verb left without one.

    "According to analysts at the X Institute, the Y Front has 2,000 fighters" is often
    parsed with "the Y Front" as an apposition to "the X Institute": a proper noun that ends
    right before the verb, after a comma, is the verb's subject.
    """
    if verb.i == 0:
        return None
    last = verb.doc[verb.i - 1]
    if last.dep_ != "appos" or last.pos_ != "PROPN" or verb in last.subtree:
        return None
    if not any(t.text == "," for t in verb.doc[last.left_edge.i - 1 : last.left_edge.i]):
        return None
    return last


__all__ = ["statistic_reading"]
