"""Who said what in a Russian report: the speaker, the stance verb and what was said.

Stance verbs are lemmas from ``data/ru/stance_verbs.yaml`` ("заявил" says, "опроверг"
denies, "обвинил" blames, "предупредил" warns); "взяло на себя ответственность" claims.
The speaker is the verb's subject in Natasha's parse, else the nearest name around the
verb (Russian often puts it after: "..., сообщил Следственный комитет").
"""

from __future__ import annotations

from crosscheck.analysis.lang.ru.events import _claims_act
from crosscheck.analysis.lang.ru.grammar import grammar
from crosscheck.analysis.lang.ru.parse import Sentence, Token
from crosscheck.model import Mention, Statement

_SUBJECT_RELS = ("nsubj", "nsubj:pass")
_SPEAKER_LABELS = ("PERSON", "ORG", "AGENCY", "ARMED_GROUP", "GPE", "NORP")


def _subject(sent: Sentence, verb: Token) -> Token | None:
    for tok in sent.tokens:
        if tok.head == verb.index and tok.rel in _SUBJECT_RELS and tok.pos in ("NOUN", "PROPN"):
            return tok
    return None


def _speaker(sent: Sentence, verb: Token, mentions: list[Mention]) -> Mention | None:
    """The name that speaks: the one holding the verb's subject, else the nearest one."""
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
    named = [m for m in inside if m.label in _SPEAKER_LABELS]
    subject = _subject(sent, verb)
    if subject is not None:
        for m in named:
            if m.start <= subject.start < m.end or (
                subject.end <= m.start and m.start - subject.end <= 2
            ):
                return m
    # Without a parse to go by, a name inside a prepositional phrase ("в Самаре") is
    # where something happened, not who spoke.
    free = [m for m in named if not _after_preposition(sent, m)]
    if not free:
        return None
    return min(free, key=lambda m: min(abs(m.start - verb.end), abs(verb.start - m.end)))


def _after_preposition(sent: Sentence, mention: Mention) -> bool:
    before = [t for t in sent.tokens if t.end <= mention.start]
    return bool(before) and before[-1].pos == "ADP"


def _content(sent: Sentence, verb: Token, speaker: Mention) -> tuple[int, int]:
    """What was said: the clause after "что", else the sentence without verb and speaker."""
    for tok in sent.tokens[verb.index + 1 :]:
        if tok.lemma == "что":
            return tok.end + 1, sent.end
    if verb.start > speaker.end:  # "X заявил ..."
        return verb.end + 1, sent.end
    return sent.start, max(sent.start + 1, verb.start - 2)  # "..., сообщил X"


def _according_to(sent: Sentence, mentions: list[Mention], doc_id: str) -> Statement | None:
    """ "По данным МЧС, погибли 4 человека": the source after "по данным" / "по словам"
    speaks the rest of the sentence (the English "according to X")."""
    g = grammar()
    words = [t.text.lower().replace("ё", "е") for t in sent.tokens]
    for i in range(len(words)):
        phrase = next((p for p in g.attribution if tuple(words[i : i + len(p)]) == p), None)
        if phrase is None:
            continue
        first = i + len(phrase)
        stop = next((t.index for t in sent.tokens[first:] if t.pos == "PUNCT"), len(sent.tokens))
        source = sent.tokens[first:stop]
        if not source or len(source) > 6:
            continue
        begin, end = source[0].start, source[-1].end
        named = [m for m in mentions if begin <= m.start < end]
        # "По данным X, ..." speaks what follows; "..., по данным X" what comes before.
        if i == 0 and stop >= len(words):
            continue  # "По данным X" with nothing after it
        lo, hi = (sent.tokens[stop].end, sent.end) if i == 0 else (sent.start, sent.tokens[i].start)
        said = sent.text[lo - sent.start : hi - sent.start].strip(" ,.:;—-")
        if not said:
            continue
        return Statement(
            doc_id=doc_id,
            speaker=sent.text[begin - sent.start : end - sent.start],
            verb=" ".join(t.text for t in sent.tokens[i:first]),
            stance="says",
            content=said,
            span=(lo, hi),
            sentence=sent.text,
            speaker_key=named[0].key if named else None,
        )
    return None


def find_statements(
    sentences: tuple[Sentence, ...],
    mentions: list[Mention],
    speaking: set[str] | None = None,
    doc_id: str = "",
) -> list[Statement]:
    """Attributed statements of a Russian report, in text order.

    ``speaking``, when given, receives the ids of the mentions that speak; ``doc_id`` names
    the report for statements whose speaker is no recognised name ("по данным Минздрава").
    """
    g = grammar()
    out: list[Statement] = []
    speaking = set() if speaking is None else speaking
    doc_id = doc_id or next((m.doc_id for m in mentions), "")
    for sent in sentences:
        frame = _according_to(sent, mentions, doc_id)
        if frame is not None:
            out.append(frame)
        hits: list[tuple[Token, str]] = [
            (tok, g.stances[tok.lemma])
            for tok in sent.tokens
            if tok.lemma in g.stances
            and tok.pos in ("VERB", "AUX")
            and not (tok.index and sent.tokens[tok.index - 1].lemma == "не")
        ]
        claim_at = _claims_act(sent)
        if claim_at is not None:
            hits.append((sent.tokens[claim_at], "claims"))
        for verb, stance in hits:
            speaker = _speaker(sent, verb, mentions)
            if speaker is None:
                continue
            start, end = _content(sent, verb, speaker)
            text = sent.text[start - sent.start : end - sent.start].strip(" ,.:;—-")
            if not text:
                continue
            out.append(
                Statement(
                    doc_id=speaker.doc_id,
                    speaker=speaker.text,
                    verb=verb.text,
                    stance=stance,
                    content=text,
                    span=(verb.start, verb.end),
                    sentence=sent.text,
                    speaker_key=speaker.key,
                )
            )
            speaking.add(speaker.id)
    return out


__all__ = ["find_statements"]
