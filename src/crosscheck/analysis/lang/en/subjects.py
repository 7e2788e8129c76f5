"""What a figure is about: the incident of a toll, or the entity whose number it is.

A casualty or arrest figure is about an incident: the event mention nearest it in its
sentence, or the attack a noun of the sentence names ("the Kerman bombing"). A figure
told of an earlier incident, a running total over a period or a roundup of separate
incidents is about none of the report's. Any other figure is about its owner
("Zorvania's army", "its population"), with pronouns and anaphors ("the country", "the
group") resolved to the nearest name before them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.geo import country_code
from crosscheck.analysis.lang.en.background import reference_day, told_before
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.measures import Reading, lemma, owner_of, word_set
from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.model import EVENT_MEASURES, EventMention, Mention

#: (subject_kind, subject_ref, subject_name) of a claim.
Subject = tuple[str, str | None, str | None]
_NO_SUBJECT: Subject = ("none", None, None)


def subject_of(
    chunk: Chunk,
    sent: Span,
    q: Quantity,
    reading: Reading,
    mentions: list[Mention],
    events: list[EventMention],
) -> Subject:
    """(subject_kind, subject_ref, subject_name) for one figure."""
    if reading.measure in EVENT_MEASURES:
        return _incident(chunk, sent, q, reading, events)
    return _owner(chunk, sent, reading, mentions)


def _incident(
    chunk: Chunk, sent: Span, q: Quantity, reading: Reading, events: list[EventMention]
) -> Subject:
    """The incident an event figure (killed, injured, arrested...) is the toll of."""
    doc = chunk.sdoc
    sstart, send = chunk.span_of(sent)
    qpos = chunk.abs(doc[q.start].idx, doc[q.start].idx)[0]
    if reading.measure in HARM_MEASURES and reading.verb is not None:
        in_lead = chunk.offset == 0 and sent.start == next(iter(doc.sents)).start
        if told_before(sent, reading.verb, chunk.published, reference_day(events), in_lead):
            return _NO_SUBJECT  # "a man killed in a shooting last week"
    if _separate_incidents(sent):
        return _NO_SUBJECT  # "two killed in three separate shootings": a roundup
    near = [e for e in events if sstart <= e.span[0] < send]
    if near and reading.verb is not None and _over_a_period(sent, reading.verb):
        return _NO_SUBJECT  # "so far in 2017, 47 people have been killed"
    if near:
        best = min(near, key=lambda e: abs(e.span[0] - qpos))
        return "event", best.id, best.description or best.trigger
    if _over_a_period(sent):
        return _NO_SUBJECT  # a running total, not a toll of the report's incident
    return _attack_named(doc, sent, q)


def _attack_named(doc: Doc, sent: Span, q: Quantity) -> Subject:
    """The attack a noun of the sentence names, nearest the figure, when no event mention
    is in the sentence."""
    attack = word_set("attack_nouns")
    nouns = [t for t in sent if lemma(t) in attack and t.pos_ == "NOUN"]
    if not nouns:
        return "event", None, None
    noun = min(nouns, key=lambda t: abs(t.i - q.anchor))
    if _many_incidents(noun):
        return _NO_SUBJECT  # "53 wounded in weekend shootings across the city"
    left = noun.left_edge.i
    # "a fifteen-minute shooting rampage": a measure of time names no incident.
    words = [
        t
        for t in doc[left : noun.i + 1]
        if t.pos_ in ("PROPN", "NOUN", "ADJ")
        and t.dep_ != "poss"
        and not (t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].like_num)
    ]
    while words and words[0].pos_ == "ADJ":
        words = words[1:]
    return "event", None, " ".join(t.text for t in words) or noun.text


def _owner(chunk: Chunk, sent: Span, reading: Reading, mentions: list[Mention]) -> Subject:
    """The entity whose statistic a figure is: a known mention, else the owner's words."""
    owner = _named_owner(sent, reading.owner)
    if owner is None:
        return _NO_SUBJECT
    start, end = chunk.abs(owner.idx, owner.idx + len(owner.text))
    for m in mentions:
        if m.start <= start < m.end or start <= m.start < end:
            return "entity", m.key, m.canonical or m.text
    doc = chunk.sdoc
    words = [
        t
        for t in doc[owner.left_edge.i : owner.i + 1]
        if (t.pos_ in ("PROPN", "NOUN") and t.dep_ != "poss") or t == owner
    ]
    name = " ".join(t.text for t in words).replace(" 's", "").replace(" ’s", "")
    name = re.sub(r"['’]s$", "", name).strip()
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return "entity", key or None, name or None


def _named_owner(sent: Span, owner: Token | None) -> Token | None:
    """The owner of a figure followed to the name it stands for: through nouns ("the army
    of Zorvania") and back from pronouns and anaphors ("its", "the country")."""
    while owner is not None and owner.pos_ == "NOUN":
        # "Zorvania's army", "the army of Zorvania": the figure is about Zorvania.
        inner = owner_of(owner)
        if inner is None:
            break
        owner = inner
    if owner is not None and (
        owner.pos_ == "PRON" or (owner.pos_ == "NOUN" and lemma(owner) in _anaphors())
    ):
        organisation = lemma(owner) in word_set("organisation_anaphors")
        named = _resolve_pronoun(sent, owner, organisation=organisation)
        owner = named or (owner if owner.pos_ == "NOUN" else None)
    return owner


def _many_incidents(noun: Token) -> bool:
    """A bare plural ("in shootings across the city", "weekend shootings") tells of many
    incidents; a counted, definite or named one ("two shootings", "the Kerman bombings")
    may be one."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    for c in noun.children:
        if c.dep_ == "nummod" or (
            c.dep_ in ("det", "poss") and c.lower_ in word_set("definite_words")
        ):
            return False
        named = c.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP", "EVENT")
        if c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or named):
            return False
    return True


def _separate_incidents(sent: Span) -> bool:
    """Whether the sentence sums several incidents: "in three separate shootings", "in
    unrelated attacks"; its figures are no one incident's toll."""
    attack, separate = word_set("attack_nouns"), word_set("separate_words")
    return any(
        lemma(t) in attack
        and t.tag_ in ("NNS", "NNPS")
        and any(c.dep_ == "amod" and c.lower_ in separate for c in t.children)
        for t in sent
    )


def _hangs_on(tok: Token, verb: Token) -> bool:
    """``tok`` modifies ``verb`` through prepositions and adverbs ("so far in 2017"), not
    through a noun ("the deadliest shooting this year")."""
    for a in list(tok.ancestors)[:3]:
        if a == verb:
            return True
        if a.pos_ in ("NOUN", "PROPN", "VERB"):
            return False
    return False


def _over_a_period(sent: Span, verb: Token | None = None) -> bool:
    """The sentence counts over a period ("this year", "since 2021"), not on one day.
    With ``verb``: the period is that verb's ("have been killed so far this year"), not a
    noun's ("the deadliest shooting this year")."""
    cues = word_set("period_words")
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        if verb is not None and not _hangs_on(ent.root, verb):
            continue
        # The cue may stand just before the date ("so far in 2017").
        lead = sent.doc[max(sent.start, ent.start - 3) : ent.end]
        said = f" {lead.text.lower()} "
        if any(f" {cue} " in said for cue in cues):
            return True
        # spaCy leaves the "since" of "since 2021" out of the date.
        before = sent.doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if before in ("since", "throughout"):
            return True
    return False


def _anaphors() -> frozenset[str]:
    return word_set("anaphoric_nouns")


def _is_source(tok: Token) -> bool:
    """Inside "by X", "according to X", "at X": a source, not what the figure is about."""
    return any(
        a.lower_ in ("by", "according", "to", "at") and a.dep_ in ("prep", "agent")
        for a in list(tok.ancestors)[:3]
    )


def _is_name(tok: Token) -> bool:
    if _is_source(tok) or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT"):
        return False
    if tok.ent_type_ in ("GPE", "ORG", "NORP"):
        return tok.is_alpha or "-" in tok.text
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and not tok.like_num
        and not tok.is_sent_start
    )


def _resolve_pronoun(sent: Span, pron: Token, *, organisation: bool = False) -> Token | None:
    """ "its", "the country" -> the nearest name before it (this or earlier sentences).

    ``organisation``: "the group" refers back to an organisation, not to the place named
    after it ("…recruited the bomber in Afghanistan. The group is believed to…").
    """
    doc = sent.doc
    floor = max(0, sent.start - 120)  # a few sentences back at most
    for k in range(pron.i - 1, floor - 1, -1):
        tok = doc[k]
        if organisation and (
            tok.ent_type_ in ("GPE", "LOC", "NORP", "FAC") or country_code(tok.text, False)
        ):
            continue
        if _is_name(tok):
            # Take the head of a multi-word name ("Lindqvist Institute" -> "Institute").
            while tok.dep_ == "compound" and tok.head.i > tok.i and _is_name(tok.head):
                tok = tok.head
            return tok
    return None


__all__ = ["Subject", "subject_of"]
