"""Who said what in a Russian report: the speaker, the stance verb and what was said.

Stance verbs are lemmas from ``data/ru/stance_verbs.yaml`` ("заявил" says, "опроверг"
denies, "обвинил" blames, "предупредил" warns); "взяло на себя ответственность" claims.
The speaker is the verb's subject in Natasha's parse, else the nearest name around the
verb (Russian often puts it after: "..., сообщил Следственный комитет").
"""

from __future__ import annotations

from crosscheck.analysis.lang.ru.events import _claims_act
from crosscheck.analysis.lang.ru.grammar import fold, grammar
from crosscheck.analysis.lang.ru.parse import Sentence, Token, singular
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
        if subject.lemma in grammar().office_nouns:
            # "губернатор Курской области": the region speaks through its office.
            named = [m for m in inside if m.label in (*_SPEAKER_LABELS, "LOC")]
        held = _subject_names(subject, named)
        if held:
            # "заявил директор ФСБ Александр Бортников": the person, not the agency.
            return next((m for m in held if m.label == "PERSON"), held[0])
    else:
        inside_org = _institution(sent, verb, named)
        if inside_org is not None:
            return inside_org
    # Without a parse to go by, a name inside a prepositional phrase ("в Самаре") is
    # where something happened, not who spoke.
    free = [m for m in named if not _after_preposition(sent, m)]
    if not free:
        return None
    return min(free, key=lambda m: min(abs(m.start - verb.end), abs(verb.start - m.end)))


def _office_title(sent: Sentence, verb: Token, speaker: Mention) -> str:
    """The speaker as written: a place with the office before it that speaks for it
    ("губернатор Курской области", "власти Дагестана"), else the name."""
    subject = _subject(sent, verb)
    if (
        speaker.label not in ("LOC", "GPE")
        or subject is None
        or subject.lemma not in grammar().office_nouns
        or not 0 <= speaker.start - subject.end <= 2
    ):
        return speaker.text
    return sent.text[subject.start - sent.start : speaker.end - sent.start]


def _subject_names(subject: Token, named: list[Mention]) -> list[Mention]:
    """The names the subject's phrase holds: the one it starts in or that follows it, and
    the names that follow that one word by word ("директор ФСБ Александр Бортников")."""
    out: list[Mention] = []
    end = subject.end
    for m in sorted(named, key=lambda m: m.start):
        if m.start <= subject.start < m.end or (end <= m.start and m.start - end <= 2):
            out.append(m)
            end = m.end
    return out


#: Labels of names that speak from within ("в МЧС сообщили", "в Кремле опровергли").
_INSTITUTIONS = ("ORG", "AGENCY", "FAC")


def _institution(sent: Sentence, verb: Token, named: list[Mention]) -> Mention | None:
    """ "В МЧС сообщили", "сообщили в Следственном комитете": a plural verb with no subject
    speaks for the organisation it is said "в" (the institution speaking, not a place)."""
    if singular(verb.text):
        return None
    for tok in sent.tokens:
        if tok.head != verb.index or tok.rel != "obl":
            continue
        if not any(t.head == tok.index and t.rel == "case" and t.lemma == "в" for t in sent.tokens):
            continue
        for m in named:
            if m.label in _INSTITUTIONS and m.start <= tok.start < m.end:
                return m
    return None


def _after_preposition(sent: Sentence, mention: Mention) -> bool:
    before = [t for t in sent.tokens if t.end <= mention.start]
    return bool(before) and before[-1].pos == "ADP"


def _content(sent: Sentence, verb: Token, speaker: Mention) -> tuple[int, int] | None:
    """What was said: the clause after "что", else the sentence without verb and speaker;
    ``None`` when the sentence says it elsewhere ("Об этом сообщает ТАСС")."""
    for tok in sent.tokens[verb.index + 1 :]:
        if tok.lemma == "что":
            return tok.end + 1, sent.end
    if verb.start > speaker.end:  # "X заявил ..."
        if verb.lemma in grammar().act_verbs and not _said_after(sent, verb):
            return None  # "власти объявили траур": the act, not speech
        return verb.end + 1, sent.end
    before = sent.tokens[verb.index - 1] if verb.index else None
    if before is None or before.pos != "PUNCT":
        return None
    return sent.start, before.start  # "..., сообщил X", "«...», — заявил X"


#: Words right after a verb that open what was said: "объявил о ...", "объявил: «...»".
_SAID_OPENERS = frozenset({"о", "об", "обо", ":", *'«"„“'})


def _said_after(sent: Sentence, verb: Token) -> bool:
    after = sent.tokens[verb.index + 1 : verb.index + 2]
    return bool(after) and fold(after[0].text) in _SAID_OPENERS


def _pointed_at(sentences: tuple[Sentence, ...], k: int) -> Sentence | None:
    """The sentence before ``k`` when ``k`` opens by pointing back at it ("Об этом
    сообщил губернатор"), else ``None``."""
    words = tuple(fold(t.text) for t in sentences[k].tokens[:3])
    if k == 0 or not any(words[: len(p)] == p for p in grammar().back_references):
        return None
    return sentences[k - 1]


def _according_to(sent: Sentence, mentions: list[Mention], doc_id: str) -> Statement | None:
    """ "По данным МЧС, погибли 4 человека": the source after "по данным" / "по словам"
    (also "по предварительным данным", "как сообщил источник в полиции") speaks the rest
    of the sentence (the English "according to X")."""
    words = [t.text.lower().replace("ё", "е") for t in sent.tokens]
    for i in range(len(words)):
        first = _attribution_end(sent.tokens, words, i)
        if first is None:
            continue
        stop = next(
            (t.index for t in sent.tokens[first:] if t.pos == "PUNCT" and t.text not in _QUOTES),
            len(sent.tokens),
        )
        source = [t for t in sent.tokens[first:stop] if t.text not in _QUOTES]
        if source and source[0].pos == "ADP":
            source = source[1:]  # "как сообщили в МЧС": МЧС speaks
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
            speaker=sent.text[begin - sent.start : end - sent.start].strip('«»"„“”'),
            verb=" ".join(t.text for t in sent.tokens[i:first]),
            stance="says",
            content=said,
            span=(lo, hi),
            sentence=sent.text,
            speaker_key=named[0].key if named else None,
        )
    return None


#: Quotation marks around a source's name ("как сообщает «Интерфакс»").
_QUOTES = frozenset('«»"„“”')
#: Words between "по" and "данным" that leave the phrase whole ("по уточнённым данным").
_PHRASE_GAP = 2


def _attribution_end(tokens: tuple[Token, ...], words: list[str], i: int) -> int | None:
    """The token after an attribution phrase starting at ``i`` ("по данным", "по
    предварительным данным", "как сообщил"), or ``None`` when none starts there."""
    g = grammar()
    for phrase in g.attribution:
        if words[i] != phrase[0]:
            continue
        for gap in range(_PHRASE_GAP + 1):
            rest = i + 1 + gap
            skipped = tokens[i + 1 : rest]
            if any(t.pos not in ("ADJ", "VERB", "DET") for t in skipped):
                break
            if tuple(words[rest : rest + len(phrase) - 1]) == phrase[1:]:
                return rest + len(phrase) - 1
    if _as_told(tokens, i):
        return i + 2  # "как сообщил источник ..., ..."
    return None


def _as_told(tokens: tuple[Token, ...], i: int) -> bool:
    """ "Как сообщил источник в полиции, ...": "как" and a verb of saying open the source."""
    return (
        i + 1 < len(tokens)
        and tokens[i].lemma == "как"
        and grammar().stances.get(tokens[i + 1].lemma) == "says"
    )


def _statement(
    sentences: tuple[Sentence, ...], k: int, verb: Token, stance: str, mentions: list[Mention]
) -> tuple[Statement, Mention] | None:
    """The statement a stance verb of sentence ``k`` makes, with the name that speaks."""
    sent = sentences[k]
    speaker = _speaker(sent, verb, mentions)
    if speaker is None:
        return None
    said = _content(sent, verb, speaker)
    if said is None and stance == "claims":
        said = sent.start, sent.end  # the act claimed is the sentence's
    told = sent if said is not None else _pointed_at(sentences, k)
    if said is None and told is not None:
        said = told.start, told.end  # "Об этом сообщил X": the sentence before
    if said is None or told is None:
        return None
    start, end = said
    text = told.text[start - told.start : end - told.start].strip(" ,.:;—-")
    if not text:
        return None
    statement = Statement(
        doc_id=speaker.doc_id,
        speaker=_office_title(sent, verb, speaker),
        verb=verb.text,
        stance=stance,
        content=text,
        span=(verb.start, verb.end),
        sentence=sent.text,
        speaker_key=speaker.key,
    )
    return statement, speaker


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
    for k, sent in enumerate(sentences):
        frame = _according_to(sent, mentions, doc_id)
        if frame is not None:
            out.append(frame)
        hits: list[tuple[Token, str]] = [
            (tok, g.stances[tok.lemma])
            for tok in sent.tokens
            if tok.lemma in g.stances
            and tok.pos in ("VERB", "AUX")
            and tok.rel != "amod"  # "по уточнённым данным": a participle says nothing
            and not (tok.index and sent.tokens[tok.index - 1].lemma == "не")
        ]
        claim_at = _claims_act(sent)
        if claim_at is not None:
            hits.append((sent.tokens[claim_at], "claims"))
        for verb, stance in hits:
            found = _statement(sentences, k, verb, stance, mentions)
            if found is None:
                continue
            statement, speaker = found
            out.append(statement)
            if statement.speaker == speaker.text:
                # A place whose office speaks may still be where the incident was.
                speaking.add(speaker.id)
    return out


__all__ = ["find_statements"]
