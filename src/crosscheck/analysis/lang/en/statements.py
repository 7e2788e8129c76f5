"""Attributed statements: who said what, with which stance.

A statement is the subject of a reporting or stance verb (lemma table in
``data/en/stance_verbs.yaml``) plus what the verb reports: its clausal complement,
else its object. "according to X, …" makes X the speaker of the rest of the
sentence. Speakers are kept as written (pronouns too) and keyed to an entity
mention when one overlaps. The module organises what sources say; it does not
judge it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.data import load as load_data
from crosscheck.model import Mention, Statement

#: Prepositions that introduce what a warning warns of.
_WARNED_OF = ("about", "of", "against", "over")


@dataclass(frozen=True)
class StanceTable:
    stances: dict[str, str]
    needs_target: frozenset[str]


@cache
def stance_table() -> StanceTable:
    """Lemma -> stance from ``data/en/stance_verbs.yaml``, loaded once."""
    data: dict[str, Any] = dict(load_data("stance_verbs", "en"))  # the loaded table is shared
    needs = frozenset(str(w) for w in data.pop("needs_target", ()) or ())
    stances: dict[str, str] = {}
    for stance, lemmas in data.items():
        for lemma in lemmas or ():
            stances.setdefault(str(lemma), str(stance))
    return StanceTable(stances, needs)


def _phrase(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "mark"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _speaker(verb: Token) -> Span | None:
    for candidate in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "expl":
                if child.dep_ == "nsubjpass":
                    return None  # "X was said to …": the speaker is unnamed
                return _trim(_phrase(child))
        for child in candidate.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _trim(_phrase(objs[0]))
    return None


def _content(verb: Token, stance: str, table: StanceTable) -> tuple[Span | None, str]:
    """The reported content and the stance it implies."""
    lemma = verb.lemma_.lower()
    comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # The parser hangs "to Ukraine" on the verb or on its object ("link the attack to …").
    heads = [verb] + ([obj] if obj is not None else [])
    target = next(
        (
            c
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("to", "with", "for")
        ),
        None,
    )
    if lemma in table.needs_target:
        if obj is None or target is None:
            return None, stance
        start = min(obj.left_edge.i, target.left_edge.i)
        end = max(obj.right_edge.i, target.right_edge.i) + 1
        return _trim(verb.doc[start:end]), "blames"
    if comp is not None:
        return _trim(_phrase(comp)), stance
    if stance == "warns":
        # "warned Moscow about a planned attack", "warned of an imminent attack": what was
        # warned of is the prepositional phrase, the object only whom.
        preps = [c for c in verb.children if c.dep_ == "prep"]
        # The parser may hang "of …" on a date before it ("warned on 2 May of an attack").
        nested = [g for p in preps for o in p.children if o.dep_ == "pobj" for g in o.children]
        about = [c for c in preps + nested if c.dep_ == "prep" and c.lower_ in _WARNED_OF]
        if about:
            start = obj.left_edge.i if obj is not None else min(p.i for p in about)
            end = max(p.right_edge.i for p in about) + 1
            return _trim(verb.doc[start:end]), stance
    if obj is not None:
        end = obj.right_edge.i + 1
        if target is not None and stance in ("blames", "claims", "denies"):
            end = max(end, target.right_edge.i + 1)
        return _trim(verb.doc[obj.left_edge.i : end]), stance
    return None, stance


def _pronoun(span: Span) -> bool:
    return len(span) == 1 and span[0].pos_ == "PRON"


def _speaker_of(verb: Token) -> Span | None:
    """The verb's speaker; a pronoun inside what another speaker said is that speaker.

    "Washington said it had warned Moscow": the one who warned is Washington.
    """
    speaker = _speaker(verb)
    if speaker is not None and _pronoun(speaker) and verb.dep_ == "ccomp":
        outer = _speaker(verb.head)
        if outer is not None and not _pronoun(outer):
            return outer
    return speaker


def _speaker_key(speaker: Span, mentions: list[Mention], chunk: Chunk) -> str | None:
    start, end = chunk.span_of(speaker)
    head_start = chunk.abs(speaker.root.idx, speaker.root.idx)[0]
    overlapping = [m for m in mentions if m.start < end and start < m.end]
    if not overlapping:
        return None
    at_head = [m for m in overlapping if m.start <= head_start < m.end]
    return (at_head or overlapping)[0].key


def _according_to(sent: Span) -> tuple[Span, Span] | None:
    """("according to X", rest of the sentence) when the sentence has that frame."""
    for token in sent:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            continue
        speaker = _trim(_phrase(obj))
        phrase_end = max(t.i for t in token.subtree) + 1
        if token.i == sent.start:
            rest = sent.doc[phrase_end : sent.end]
        else:
            rest = sent.doc[sent.start : token.i]
        content = _trim(rest)
        if speaker is not None and content is not None:
            return speaker, content
    return None


def find_statements(chunk: Chunk, mentions: list[Mention]) -> list[Statement]:
    """Attributed statements in ``chunk``, in text order, with document offsets."""
    table = stance_table()
    out: list[Statement] = []
    doc_id = chunk.document.id
    for sent in chunk.sdoc.sents:
        sentence = sent.text.strip()
        frame = _according_to(sent)
        if frame is not None:
            source, said = frame
            out.append(
                Statement(
                    doc_id=doc_id,
                    speaker=source.text,
                    verb="according to",
                    stance="says",
                    content=said.text,
                    span=chunk.span_of(said),
                    sentence=sentence,
                    speaker_key=_speaker_key(source, mentions, chunk),
                )
            )
        for token in sent:
            if token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children):
                continue
            stance = table.stances.get(token.lemma_.lower())
            if stance is None:
                continue
            speaker = _speaker_of(token)
            if speaker is None:
                continue
            content, stance = _content(token, stance, table)
            if content is None:
                continue
            out.append(
                Statement(
                    doc_id=doc_id,
                    speaker=speaker.text,
                    verb=token.text,
                    stance=stance,
                    content=content.text,
                    span=chunk.span_of(content),
                    sentence=sentence,
                    speaker_key=_speaker_key(speaker, mentions, chunk),
                )
            )
    return out


__all__ = ["find_statements", "stance_table"]
