"""Event descriptions: a short name for an incident ("suicide bombing at the market in
Kabul", "shooting at a drive-through").

A noun trigger is named by its own phrase and its first place phrase; a verb trigger by
its type and what it was done to or where ("attack on the embassy", "shooting at a
mosque"). Articles are dropped and the name is kept under 120 characters.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.lang.en.eventtypes import ATTACK_TYPES, happening, triggers
from crosscheck.model import Mention

# Prepositions whose phrase tells where or against what an incident happened.
_DESCRIPTION_PREPS = frozenset({"on", "in", "at", "against", "near", "outside", "inside"})
# How a told incident's place phrase reads in its name: "tore through the hall" -> "at the hall".
_PLACE_PREP_AS = {"through": "at", "into": "at", "to": "at", "inside": "inside"}
_TARGET_ONLY = frozenset({"on", "against", "to"})


def describe(token: Token, kind: str, place: Mention | None) -> str:
    """A short name for the incident of trigger ``token`` of type ``kind`` at ``place``."""
    doc = token.doc
    if token.pos_ == "NOUN":
        left = token.i
        while (
            left > 0
            and doc[left - 1].head.i >= left
            and doc[left - 1].head.i <= token.i
            and (doc[left - 1].dep_ in ("compound", "amod", "nmod", "nummod", "poss", "case"))
            and doc[left - 1].ent_type_ not in ("DATE", "CARDINAL")
        ):
            left -= 1
        # A name split by the tokenizer ("ISIS-K attack") starts where its first token starts.
        while (
            left >= 2
            and doc[left - 1].text in ("-", "–", "—")
            and doc[left - 1].whitespace_ == ""
            and doc[left - 2].whitespace_ == ""
        ):
            left -= 2
        words = [t.text_with_ws for t in doc[left : token.i + 1]]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in _DESCRIPTION_PREPS:
                tail = _trimmed([t for t in child.subtree if t.ent_type_ != "DATE"][:8])
                words += [" "] + [t.text_with_ws for t in tail]
                break
        else:
            head = token.head
            if token.dep_ == "nsubj" and head.pos_ == "VERB" and happening(head):
                # "the blast killed 12 at a market": the place phrase hangs on the verb.
                words.append(_where(head))
        text = "".join(words)
    else:
        noun = {"suicide_bombing": "suicide bombing", "claim": "claim of responsibility"}
        text = noun.get(kind, kind)
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in triggers().not_actors:
            obj = None  # the idiom's own object: "opened fire", "threw petrol bombs"
        if obj is not None and (
            token.lemma_.lower() in triggers().harm_verbs or any(t.like_num for t in obj.subtree)
        ):
            obj = None  # "a car bomb killed nine people": victims, not a target
        if obj is not None and kind in ATTACK_TYPES and obj.pos_ != "PRON":
            text += " on " + " ".join(t.text for t in obj.subtree if t.dep_ not in ("det", "punct"))
        elif kind in ATTACK_TYPES:
            text += _where(token)
        if place is not None and place.text not in text:
            text += " in " + place.text
    for article in ("the ", "The ", "a ", "an "):
        text = text.removeprefix(article)
    return " ".join(text.replace(" 's", "'s").replace(" ’s", "’s").split())[:120]


def _trimmed(tail: list[Token]) -> list[Token]:
    """A description's phrase up to its first clause break, without a dangling end."""
    stop = next((i for i, t in enumerate(tail) if t.text in (",", ";", "(")), None)
    tail = tail[:stop]
    while tail and (tail[-1].dep_ in ("cc", "punct", "prep") or tail[-1].is_punct):
        tail = tail[:-1]
    return tail


def _where(token: Token) -> str:
    """ " at the market in Kabul" from the verb's first place phrase, or ""."""
    preps = _DESCRIPTION_PREPS | _PLACE_PREP_AS.keys()
    heads = [token, *(c for c in token.children if c.dep_ == "prt")]
    found = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps]
    # "opened fire on worshippers at a mosque": a place phrase says more than a target one.
    found.sort(key=lambda c: (c.lower_ in _TARGET_ONLY, c.i))
    for child in found:
        if any(o.like_num for o in child.children if o.dep_ == "pobj"):
            continue  # "rose to 15": a figure, not a place
        tail = [t for t in child.subtree if t.ent_type_ not in ("DATE", "TIME")][1:9]
        tail = _trimmed([t for t in tail if t.dep_ != "det" or t.i != child.i + 1])
        if tail:
            said = _PLACE_PREP_AS.get(child.lower_, child.lower_)
            return f" {said} " + "".join(t.text_with_ws for t in tail).strip()
    return ""


__all__ = ["describe"]
