"""Lists of counted people joined by "и": one figure of all their members.

"погибли трое мужчин и две женщины" is five killed, "ранены двое взрослых и трое детей"
five injured, "задержаны четверо мужчин и женщина" five arrested, "погибли мужчина и двое
детей" three, as English adds up "two men and a woman". Each member is a number with its own
noun of people (or a lone noun: one person, last or first), and Natasha's parse must join
the nouns (``conj``): "погибли трое детей и двое взрослых получили ранения" are two figures
of two verbs.
"""

from __future__ import annotations

from dataclasses import replace

from crosscheck.analysis.lang.ru.counting import counted_noun
from crosscheck.analysis.lang.ru.grammar import Grammar
from crosscheck.analysis.lang.ru.numbers import Quantity
from crosscheck.analysis.lang.ru.parse import Token, singular

#: What may stand between one member's noun and the next member ("мужчин, две женщины и
#: ребёнок"); the parse's ``conj`` tells a list's comma from a clause's.
_JOINS = (["и"], [","], [",", "и"])
#: What joins a lone person to the members beside it.
_JOIN_WORDS = frozenset({"и", ","})


def summed_lists(
    tokens: tuple[Token, ...], quantities: list[Quantity], g: Grammar
) -> list[Quantity]:
    """``quantities`` with each list of exact counts of people joined into one quantity
    that adds them up, its phrase running through the last member's noun."""
    out: list[Quantity] = []
    nouns = {n.index for q in quantities if (n := counted_noun(tokens, q)) is not None}
    for q in quantities:
        prev = out[-1] if out else None
        joined = _next_member(tokens, prev, q, nouns, g) if prev is not None else None
        if prev is not None and joined is not None and prev.low is not None and q.low is not None:
            noun, lone = joined
            total = prev.low + lone + q.low
            out[-1] = replace(prev, low=total, high=total, through=noun + 1)
        else:
            out.append(q)
    return [_lone_last(tokens, _lone_first(tokens, q, nouns, g), g) for q in out]


def _member(tok: Token | None, g: Grammar) -> bool:
    """A noun of people that names no measure ("мужчин", "детей"; not "погибших", whose
    sum with "раненых" would mix two measures)."""
    if tok is None or tok.lemma in g.not_counts:
        return False
    named = tok.lemma in g.people or tok.lemma in g.nouns
    return named and not any(tok.lemma in lemmas for lemmas in g.counted.values())


def _exact(q: Quantity) -> bool:
    return q.low is not None and q.low == q.high and not (q.approximate or q.vague)


def _members(tokens: tuple[Token, ...], q: Quantity) -> set[int]:
    """Indices of the member nouns a quantity has read so far."""
    first = counted_noun(tokens, q)
    found = {first.index} if first is not None else set()
    if q.through:
        found.add(q.through - 1)
    return found


def _last_noun(tokens: tuple[Token, ...], q: Quantity) -> Token | None:
    return tokens[q.through - 1] if q.through else counted_noun(tokens, q)


def _next_member(
    tokens: tuple[Token, ...], prev: Quantity, q: Quantity, counted: set[int], g: Grammar
) -> tuple[int, int] | None:
    """When ``q`` is the next member of ``prev``'s list: the index of ``q``'s noun and how
    many lone people stand between them ("двое мужчин, женщина и трое детей": 1)."""
    last = _last_noun(tokens, prev)
    if last is None or not _member(last, g) or not (_exact(prev) and _exact(q)):
        return None
    if q.first != q.start:
        return None
    noun = counted_noun(tokens, q)
    if noun is None or not _member(noun, g) or noun.rel != "conj":
        return None
    heads = _members(tokens, prev)
    if noun.head not in heads:
        return None
    lone = _lone_between(tokens, last.index + 1, q.first, heads, counted, g)
    return None if lone is None else (noun.index, lone)


def _lone_between(
    tokens: tuple[Token, ...], start: int, end: int, heads: set[int], counted: set[int], g: Grammar
) -> int | None:
    """How many lone people stand between two members of a list, each joined to its first
    noun, with a comma or "и" on each side; None when anything else does."""
    words = tokens[start:end]
    if [t.text.lower() for t in words] in _JOINS:
        return 0
    joins, people = words[0::2], words[1::2]
    if len(words) % 2 == 0 or any(t.text.lower() not in _JOIN_WORDS for t in joins):
        return None
    if not all(
        _single(tokens, t, counted, g) and t.rel == "conj" and t.head in heads for t in people
    ):
        return None
    return len(people)


def _lone_last(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> Quantity:
    """ "трое мужчин и женщина": a lone singular noun of people joined last is one more."""
    last = _last_noun(tokens, q)
    if last is None or not _exact(q) or not _member(last, g) or q.low is None:
        return q
    at = last.index + 1
    if at + 1 >= len(tokens) or tokens[at].text.lower() != "и":
        return q
    noun = tokens[at + 1]
    lone = noun.pos == "NOUN" and noun.rel == "conj" and noun.head in _members(tokens, q)
    if not (lone and _member(noun, g) and singular(noun.text)):
        return q
    return replace(q, low=q.low + 1, high=q.low + 1, through=noun.index + 1)


def _lone_first(tokens: tuple[Token, ...], q: Quantity, counted: set[int], g: Grammar) -> Quantity:
    """ "мужчина и двое детей", "мужчина, женщина и двое детей": lone singular nouns of
    people joined before a count are one more each. Only a whole list counts, from its first
    noun (the one the others are joined to), none of them counted by a number of its own."""
    noun = counted_noun(tokens, q)
    if noun is None or q.through or q.first != q.start or not _exact(q) or q.low is None:
        return q
    if not _member(noun, g) or noun.rel != "conj":
        return q
    first, added, at = None, 0, q.start - 1
    while at >= 1 and tokens[at].text.lower() in _JOIN_WORDS:
        lone = tokens[at - 1]
        if not _single(tokens, lone, counted, g) or noun.head not in (lone.index, lone.head):
            return q
        first, added, at = lone.index, added + 1, lone.index - 1
        if lone.index == noun.head:
            break
    if first is None or first != noun.head:
        return q
    low = q.low + added
    return replace(q, first=first, low=low, high=low, through=noun.index + 1)


def _single(tokens: tuple[Token, ...], noun: Token, counted: set[int], g: Grammar) -> bool:
    """One person named by a lone singular noun, with no number of its own."""
    if noun.pos != "NOUN" or noun.index in counted or not _member(noun, g):
        return False
    numbered = any(t.head == noun.index and t.pos == "NUM" for t in tokens)
    return singular(noun.text) and not numbered


__all__ = ["summed_lists"]
