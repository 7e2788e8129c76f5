"""Event types: which incident a trigger word names ("bombing", "opened fire", "a device
went off").

The trigger tables of ``data/en/event_triggers.yaml`` are read here once. A noun names its
type directly, refined by a modifier ("suicide attack", "gun attack"); a verb names one
itself ("arrested"), through an idiom ("opened fire", "set … ablaze") or through what its
subject did ("a device went off"). Whether the trigger names one specific incident is
:mod:`.events`' question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from crosscheck.data import load as load_data

ATTACK_TYPES = frozenset({"attack", "shooting", "bombing", "suicide_bombing", "arson"})


@dataclass(frozen=True)
class Triggers:
    nouns: dict[str, str]
    verbs: dict[str, str]
    modifiers: dict[str, str]
    generic_heads: frozenset[str]
    carry_verbs: frozenset[str]
    excluded_objects: frozenset[str]
    authority_types: frozenset[str]
    not_actors: frozenset[str]
    subject_nouns: dict[str, str]
    happening_verbs: frozenset[str]
    verb_objects: dict[tuple[str, str], str]
    verb_complements: dict[tuple[str, str], str]
    untagged_town_min_population: int
    harm_verbs: frozenset[str]


@cache
def triggers() -> Triggers:
    """The trigger tables of ``data/en/event_triggers.yaml``, loaded once."""
    data: dict[str, Any] = load_data("event_triggers", "en")
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    for kind, words in data["types"].items():
        for noun in words.get("nouns") or ():
            # Multi-word nouns ("suicide attack") are typed by the modifiers table.
            if " " not in noun:
                nouns.setdefault(str(noun), str(kind))
        for verb in words.get("verbs") or ():
            verbs.setdefault(str(verb), str(kind))
    nouns.setdefault("claim", "claim")
    return Triggers(
        nouns=nouns,
        verbs=verbs,
        modifiers={str(k): str(v) for k, v in (data.get("modifiers") or {}).items()},
        generic_heads=frozenset(data.get("generic_heads") or ()),
        carry_verbs=frozenset(data.get("carry_verbs") or ()),
        excluded_objects=frozenset(data.get("verb_objects_excluded") or ()),
        authority_types=frozenset(data.get("authority_types") or ()),
        not_actors=frozenset(data.get("not_actors") or ()),
        subject_nouns={
            str(noun): str(kind)
            for kind, nouns in (data.get("subject_nouns") or {}).items()
            for noun in nouns
        },
        happening_verbs=frozenset(str(v) for v in data.get("happening_verbs") or ()),
        verb_objects=_pairs(data.get("verb_objects")),
        verb_complements=_pairs(data.get("verb_complements")),
        untagged_town_min_population=int(
            (data.get("places") or {}).get("untagged_town_min_population", 100_000)
        ),
        harm_verbs=frozenset(str(v) for v in data.get("harm_verbs") or ()),
    )


def _pairs(table: dict[str, list[str]] | None) -> dict[tuple[str, str], str]:
    """``{type: ["verb object words", …]}`` -> ``{(verb, "object words"): type}``."""
    out: dict[tuple[str, str], str] = {}
    for kind, phrases in (table or {}).items():
        for phrase in phrases:
            verb, _, rest = str(phrase).partition(" ")
            out.setdefault((verb, rest), str(kind))
    return out


def verb_type(token: Token, table: Triggers) -> tuple[str, bool] | None:
    """The incident type a verb names and whether it is told rather than named, or None.

    "Police arrested four" names an arrest (a trigger verb); "gunmen opened fire" and "a
    device went off" tell a shooting and a bombing through an idiom or the verb's subject.
    """
    kind = _idiom_type(token, table)
    if kind:
        return kind, True
    kind = table.verbs.get(token.lemma_.lower())
    if kind in ATTACK_TYPES and _by_suicide_attacker(token, table):
        return "suicide_bombing", False
    if kind:
        return kind, False
    kind = _told_type(token, table)
    return (kind, True) if kind else None


def noun_type(token: Token, table: Triggers) -> str | None:
    """The incident type a trigger noun names ("suicide attack" -> suicide_bombing), None for
    other nouns and for a "claim" that is not one of responsibility."""
    kind = table.nouns.get(token.lemma_.lower()) or table.nouns.get(token.lower_)
    if kind is None:
        return None
    if kind == "claim":
        words = {t.lower_ for t in token.subtree}
        return "claim" if "responsibility" in words else None
    if kind in ATTACK_TYPES:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i:
                special = table.modifiers.get(child.lower_) or table.modifiers.get(child.lemma_)
                if special and not (kind == "bombing" and special == "bombing"):
                    return special if kind != "bombing" or special == "suicide_bombing" else kind
    return kind


def _object_words(token: Token) -> str:
    """An object's lemma with the compound words before it ("petrol bombs" -> "petrol bomb")."""
    before = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
    return " ".join([*before, token.lemma_.lower()])


def _phrasal_forms(token: Token) -> set[str]:
    """The verb's lemma alone and with each particle or preposition ("go off", "tear through")."""
    lemma = token.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "prep")}


def _idiom_type(token: Token, table: Triggers) -> str | None:
    """The type of a verb + object or complement idiom ("opened fire", "set … ablaze")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):  # "opened fire", "shots were fired"
            words = _object_words(child).split()
            for n in range(len(words)):  # "petrol bomb", then "bomb"
                kind = table.verb_objects.get((lemma, " ".join(words[n:])))
                if kind:
                    return kind
        elif child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp"):
            kind = table.verb_complements.get((lemma, child.lower_))
            if kind:
                return kind
    return None


def happening(token: Token) -> bool:
    """A verb telling what an incident did ("went off", "tore through", "killed")."""
    return bool(_phrasal_forms(token) & triggers().happening_verbs)


def _told_type(token: Token, table: Triggers) -> str | None:
    """The type of incident the verb tells through its subject ("a device went off")."""
    if not happening(token):
        return None
    for child in token.children:
        if child.dep_ == "nsubj":
            kind = table.subject_nouns.get(child.lemma_.lower()) or table.subject_nouns.get(
                _object_words(child)
            )
            if kind:
                return kind
    return None


def _by_suicide_attacker(token: Token, table: Triggers) -> bool:
    """ "A suicide bomber blew himself up": the subject's modifier makes the type."""
    for child in token.children:
        if child.dep_ == "nsubj":
            for mod in child.lefts:
                if table.modifiers.get(mod.lower_) == "suicide_bombing":
                    return True
    return False


def family(kind: str) -> str:
    """Attacks of every type and claims of them are one family: mentions of one incident."""
    return "attack" if kind in ATTACK_TYPES or kind == "claim" else kind


__all__ = ["ATTACK_TYPES", "Triggers", "family", "happening", "noun_type", "triggers", "verb_type"]
