"""Who a victim phrase names, and how many people that is.

"his two brothers, his mother and a sister-in-law" names four people; "two victims, a
25-year-old man and a 26-year-old man" names two (the list renames the victims); "a
mother and son", "both men", "Kevin Ross, 19" are counted from their determiners, pair
words and names. A phrase that cannot be counted gives None.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.lang.en.harmwords import (
    age_mark,
    age_person,
    in_headline,
    lookup_number,
    words,
)
from crosscheck.analysis.lang.en.measures import is_person, lemma


def number_on(tok: Token) -> int | None:
    """The whole number on a victim noun ("two brothers"), None when it has none."""
    for c in tok.children:
        k = c.i - 1
        if k > 0 and c.doc[k].text == ".":
            k -= 1  # "No. 2" is tokenized "No", ".", "2"
        if k >= 0 and c.doc[k].lower_.rstrip(".") in ("no", "number", "#"):
            continue  # "the group's No. 2 leader": a rank, not a count
        if c.dep_ == "nummod" and c.like_num and not age_mark(c.doc, c.i + 1):
            try:
                return int(c.text.replace(",", ""))
            except ValueError:
                value = lookup_number(c.lower_)
                if value is not None:
                    return value
    return None


def one_member(tok: Token) -> int | None:
    """How many people one conjunct of a victim phrase names, None when it is not countable."""
    low = tok.lower_
    if tok.pos_ == "PRON":
        return 1 if low in words("person_pronouns") else None
    if tok.pos_ == "PROPN":
        named = tok.ent_type_ in ("PERSON", "") or any(c.dep_ == "compound" for c in tok.children)
        return 1 if named or _named_person_elsewhere(tok) else None
    number = number_on(tok)
    if tok.lower_ in words("dead_words") and tok.pos_ == "NOUN":
        # "left a 16-year-old dead": the parser makes "dead" the head of the phrase.
        aged = any(age_person(c) for c in tok.children if c.dep_ in ("amod", "compound"))
        if not aged:
            return None
    person = (
        is_person(tok)
        or age_person(tok)
        or tok.ent_type_ == "PERSON"
        or tok.lower_ in words("dead_words")
    )
    if not person:
        return None
    if number is not None:
        return number
    kids = list(tok.children)
    if tok.tag_ in ("NNS", "NNPS"):
        both = any(c.lower_ in words("pair_words") for c in kids)
        return 2 if both else None
    determined = any(
        (c.dep_ == "det" and c.lower_ in words("one_determiners")) or c.dep_ == "poss" for c in kids
    )
    # "a mother and son": a singular conjunct shares the first one's determiner. Headlines
    # drop determiners: "Boy, 11, shot and killed" names one boy.
    headline = in_headline(tok) and tok.tag_ in ("NN", "NNP")
    return 1 if determined or age_person(tok) or tok.dep_ == "conj" or headline else None


def _named_person_elsewhere(tok: Token) -> bool:
    """ "Velazquez suffered a hand injury": a surname alone, which the parser may take for an
    organisation, is a person when the text names that person in full ("Rosa Velazquez")."""
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and tok.text == ent[-1].text for ent in tok.doc.ents
    )


def phrase_members(head: Token) -> list[Token]:
    """The conjuncts of a victim phrase, with a listed apposition ("his two brothers, his
    mother and a sister-in-law"); an apposition that only renames ("the victim, Jane Roe")
    is the same person."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            listed = c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)
            if c.dep_ == "conj" or listed:
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def victim_count(head: Token) -> int | None:
    """How many people a victim phrase names, None when it cannot be counted.

    A list that names the people a numbered "victims" are counts them once: "two victims, a
    25-year-old man and a 26-year-old man, died" is two, not four; "his two brothers, his
    mother and a sister-in-law" is four.
    """
    members = phrase_members(head)
    number = number_on(head)
    renamed = lemma(head) in words("victim_nouns") and len(members) > 1
    if (
        number is not None
        and renamed
        and all(m.head != head or m.dep_ == "appos" for m in members[1:])
        and victim_count_of(members[1:]) == number
    ):
        return number
    return victim_count_of(members)


def victim_count_of(members: list[Token]) -> int | None:
    """How many people these conjuncts name together, None when one cannot be counted."""
    total = 0
    for member in members:
        n = one_member(member)
        if n is None:
            return None
        total += n
    return total


__all__ = ["number_on", "one_member", "phrase_members", "victim_count", "victim_count_of"]
