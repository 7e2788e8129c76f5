"""The harm word tables and the word-level tests the casualty readers share.

Word lists live in ``data/en/casualties.yaml`` and are read here once. The tests below
look at one word and its nearest neighbours in the parse ("has a subject", "is a time",
"is an age standing for a person", "is in a headline"); reading victims, outcomes and the
harms a sentence tells is left to :mod:`.victims`, :mod:`.outcomes` and :mod:`.harmed`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.measures import lemma, lookup
from crosscheck.data import load as load_data

#: Set in a parse's ``user_data`` when it is a headline, written without determiners.
HEADLINE = "crosscheck_headline"
#: Reflexive pronouns: "killed himself" names the one who did it.
REFLEXIVE = frozenset({"himself", "herself", "themselves"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


@cache
def table() -> dict[str, Any]:
    """The word lists of ``data/en/casualties.yaml`` (loaded once)."""
    found: dict[str, Any] = load_data("casualties", "en")
    return found


@cache
def words(name: str) -> frozenset[str]:
    """One word list of ``data/en/casualties.yaml`` as a set."""
    return frozenset(str(w) for w in table()[name])


def in_headline(tok: Token) -> bool:
    """Whether ``tok`` is in a parsed headline (see :data:`HEADLINE`)."""
    return bool(tok.doc.user_data.get(HEADLINE))


def has_subject(verb: Token) -> bool:
    """Whether ``verb`` has a subject of its own (a clause, not a conjunct sharing one)."""
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def has_object(verb: Token) -> bool:
    """An object of the verb; a time the parser took for one ("killed Tuesday evening") is
    not one."""
    return any(c.dep_ in ("dobj", "obj") and not a_time(c) for c in verb.children)


def a_time(tok: Token) -> bool:
    """ "Tuesday evening", but not "a 15-year-old", which the tagger also calls a date."""
    return tok.ent_type_ in ("DATE", "TIME") and not age_person(tok)


def age_person(tok: Token) -> bool:
    """ "a 16-year-old", "the 4-month-old": an age phrase standing for the person."""
    if tok.lower_ in words("age_heads") or tok.lower_.endswith(("-year-old", "-month-old")):
        return True
    return tok.lower_ == "old" and any(
        c.dep_ == "npadvmod" and lemma(c) in ("year", "month", "week") for c in tok.children
    )


def age_mark(doc: Doc, i: int) -> bool:
    """Whether an abbreviation of "years old" starts at token ``i`` ("25 y/o")."""
    marks = words("age_marks")
    return any("".join(t.lower_ for t in doc[i : i + n]) in marks for n in (1, 2, 3))


@cache
def _units() -> dict[str, int]:
    from crosscheck.analysis.lang.en.quantities import number_words

    return {str(k): int(v) for k, v in number_words()["units"].items() if float(v).is_integer()}


def lookup_number(word: str) -> int | None:
    """A number word's value ("two" -> 2), None for other words."""
    return _units().get(word)


def relative_antecedent(arg: Token) -> Token:
    """ "the boy, who was struck in the chest": the relative pronoun stands for "the boy"."""
    clause = arg.head
    if arg.lower_ in ("who", "that", "whom") and clause.dep_ == "relcl":
        return clause.head
    return arg


def harm_measure(verb: Token) -> str | None:
    """The measure a harm verb alone gives its victims (None for other verbs)."""
    found = lookup("patient_verbs").get(lemma(verb))
    return found if found in HARM_MEASURES else None


__all__ = [
    "HEADLINE",
    "REFLEXIVE",
    "a_time",
    "age_mark",
    "age_person",
    "harm_measure",
    "has_object",
    "has_subject",
    "in_headline",
    "lookup_number",
    "relative_antecedent",
    "table",
    "words",
]
