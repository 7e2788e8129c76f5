"""Shares in a Russian report: "95% населения Таджикистана — мусульмане", "доля мусульман
в стране составляет 98 процентов", per the claim contract's ``percent`` measure.

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


def _following(tokens: tuple[Token, ...], start: int) -> list[Token]:
    out: list[Token] = []
    for tok in tokens[start : start + SHARE_WINDOW]:
        if tok.text in _CLAUSE_END or tok.pos in ("VERB", "AUX", "NUM"):
            break
        out.append(tok)
    return out


def share_words(tokens: tuple[Token, ...], pct: Token, g: Grammar) -> list[Token]:
    """The words that say what a share is: "населения Таджикистана — мусульмане" after it,
    or the words after a share noun that holds it ("доля мусульман в стране ...")."""
    words = _following(tokens, pct.index + 1)
    if words:
        return words
    holder = next(
        (t for t in tokens[: pct.index] if t.lemma in g.share_nouns and t.pos == "NOUN"), None
    )
    return _following(tokens, holder.index + 1) if holder is not None else []


def _owner(words: list[Token], mentions: list[Mention]) -> Mention | None:
    for tok in words:
        if tok.pos == "PROPN":
            found = next((m for m in mentions if m.start <= tok.start < m.end), None)
            if found is not None:
                return found
    return None


def read_share(
    tokens: tuple[Token, ...], pct: Token, mentions: list[Mention]
) -> tuple[str, str, Mention | None]:
    """(label, counted key, owner mention) of the share ending at ``pct``."""
    g = grammar()
    words = share_words(tokens, pct, g)
    owner = _owner(words, mentions)
    label = " ".join(t.text for t in words if t.pos != "PUNCT") or "доля"
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
