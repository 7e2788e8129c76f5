"""Shares in a Russian report: "95% населения Таджикистана — мусульмане", "доля мусульман
в стране составляет 98 процентов", "доля мусульман — 98%", "мусульмане составляют 98%
населения", "на долю мусульман приходится 98% населения", per the claim contract's
``percent`` measure.

As in English (:mod:`crosscheck.analysis.lang.en.statistics`) the label keeps the words
that say what the share is of and what it is, and the ``counted`` key keeps their content
words without the owner (whose population), so the owner can be the claim's subject.
The key is written in the English words of ``data/ru/measures.yaml`` (``share_words``) so
that a Russian and an English report of one share group together.
"""

from __future__ import annotations

from crosscheck.analysis.lang.ru.grammar import Grammar, grammar
from crosscheck.analysis.lang.ru.numbers import Quantity
from crosscheck.analysis.lang.ru.parse import Token
from crosscheck.model import Mention

#: How many words after the share (or after "доля") may say what it counts.
SHARE_WINDOW = 6
_CONTENT = ("NOUN", "PROPN", "ADJ")
#: Punctuation that ends what a share is about; the dash of "95% населения — мусульмане"
#: joins the share to its predicate instead.
_CLAUSE_END = frozenset({",", ".", ";", ":", "(", ")", "!", "?"})


def percent_token(tokens: tuple[Token, ...], q: Quantity) -> Token | None:
    """The "%" or "процентов" right after a quantity, if it is a percentage."""
    if q.end >= len(tokens):
        return None
    after = tokens[q.end]
    return after if after.text in ("%", "‰") or after.lemma in grammar().percent_words else None


def _following(tokens: tuple[Token, ...], start: int, stop: int | None = None) -> list[Token]:
    """The words from ``start`` that may say what a share counts, up to ``stop`` (the share
    itself, whose hedge "около" says nothing of what it counts)."""
    end = start + SHARE_WINDOW if stop is None or stop <= start else min(start + SHARE_WINDOW, stop)
    out: list[Token] = []
    for tok in tokens[start:end]:
        if tok.text in _CLAUSE_END or tok.pos in ("VERB", "AUX", "NUM"):
            break
        out.append(tok)
    return out


def _part(tokens: tuple[Token, ...], pct: Token, g: Grammar) -> list[Token]:
    """The words naming the part a share is of what follows it: the subject of "составляют"
    ("мигранты составляют 20% населения") or the owner of "на долю X приходится"."""
    if pct.head < 0 or tokens[pct.head].lemma not in g.share_part_verbs:
        return []
    verb = tokens[pct.head]
    for tok in tokens:
        if tok.head != verb.index or tok.index == pct.index:
            continue
        if tok.lemma in g.share_nouns and tok.pos == "NOUN":  # "на долю мигрантов"
            return _following(tokens, tok.index + 1, verb.index)
        if tok.rel == "nsubj" and tok.pos in ("NOUN", "PROPN"):  # "мигранты составляют"
            first = min([tok.index, *(t.index for t in tokens if t.head == tok.index)])
            return _following(tokens, first, verb.index)
    return []


def share_words(
    tokens: tuple[Token, ...], pct: Token, g: Grammar, first: int | None = None
) -> list[Token]:
    """The words that say what a share is: "населения Таджикистана — мусульмане" after it
    (with the part named before a verb such as "составляют"), or the words after a share
    noun that holds it ("доля мусульман ...") up to ``first``, the share's first word."""
    words = _following(tokens, pct.index + 1)
    if words:
        return [*words, *(t for t in _part(tokens, pct, g) if t not in words)]
    holder = next(
        (t for t in tokens[: pct.index] if t.lemma in g.share_nouns and t.pos == "NOUN"), None
    )
    return _following(tokens, holder.index + 1, first) if holder is not None else []


def _owner(words: list[Token], mentions: list[Mention]) -> Mention | None:
    for tok in words:
        if tok.pos == "PROPN":
            found = next((m for m in mentions if m.start <= tok.start < m.end), None)
            if found is not None:
                return found
    return None


def read_share(
    tokens: tuple[Token, ...], pct: Token, mentions: list[Mention], first: int | None = None
) -> tuple[str, str, Mention | None]:
    """(label, counted key, owner mention) of the share ending at ``pct`` (starting at the
    token ``first``)."""
    g = grammar()
    words = share_words(tokens, pct, g, first)
    owner = _owner(words, mentions)
    # The label reads in the report's order ("Мусульмане ... населения"); the key keeps the
    # whole before the part, as the English key does ("population muslim share").
    shown = sorted(words, key=lambda t: t.index)
    label = " ".join(t.text for t in shown if t.pos != "PUNCT") or "доля"
    key: list[str] = []
    for t in words:
        owned = owner is not None and owner.start <= t.start < owner.end
        # "в стране", "из Таджикистана": a place phrase says where, not what is counted.
        placed = any(c.head == t.index and c.rel == "case" for c in tokens)
        word = g.share_words.get(t.lemma, t.lemma)
        if t.pos in _CONTENT and not owned and not placed and word not in key:
            key.append(word)
    return f"{label} (share)", " ".join([*key, "share"]), owner


__all__ = ["percent_token", "read_share", "share_words"]
