"""Numeric claims: the figures of a chunk, as :class:`~crosscheck.model.Claim` records.

Pipeline per sentence: find number phrases (:mod:`.quantities`), drop the numbers that
are not figures (:mod:`.notfigures`: years, dates, ages, durations, names, footnotes, list
markers, "one of the"), read what each counts (:mod:`.measures`, :mod:`.statistics`), sum
conjoined counts (:mod:`.conjoined`: "three Tajik and one Uzbek national"), then attach the
subject (:mod:`.subjects`), the source (:mod:`.provenance`) and the as-of date.

Sub-counts introduced by "including"/"among them" ("at least 93 people, including nine
children") and the sets a part is drawn from ("one of the 130 victims") are skipped: the
total is the figure; the part is detail, and reporting it as its own toll would make
grouping compare a part with a whole. The one exception is a part that names another
measure: "eleven people were detained, including all four gunmen" also gives the number
of perpetrators.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.casualties import victim_readings
from crosscheck.analysis.lang.en.conjoined import merge_conjoined
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.counts import harm_participle, read_count
from crosscheck.analysis.lang.en.labels import event_counted, event_label
from crosscheck.analysis.lang.en.measures import Reading, counted_noun, lemma, lookup, word_set
from crosscheck.analysis.lang.en.notfigures import not_a_figure
from crosscheck.analysis.lang.en.outcomes import fatal_adverb
from crosscheck.analysis.lang.en.provenance import as_of, attribution, rumour
from crosscheck.analysis.lang.en.quantities import Quantity, find_quantities
from crosscheck.analysis.lang.en.statistics import is_rank, read_money, read_percent, read_rank
from crosscheck.analysis.lang.en.subjects import subject_of
from crosscheck.model import EVENT_MEASURES, Claim, EventMention, Mention

#: A number phrase and what it was read to count.
Pair = tuple[Quantity, Reading]


def _is_subcount(doc: Doc, q: Quantity) -> bool:
    """ "including nine children", "among them two police officers": a part of a total."""
    subcount = word_set("subcount_words")
    return any(doc[i].lower_ in subcount for i in range(max(0, q.start - 3), q.start))


def _is_reference_set(doc: Doc, q: Quantity) -> bool:
    """ "one of three people questioned": the set a part is drawn from; and the parts
    after "Of those, ..." which refer back to an earlier total."""
    sent = doc[q.start].sent
    first = [t.lower_ for t in sent[:2]]
    if first[:1] == ["of"] and first[1:] and first[1] in ("those", "them", "these", "whom"):
        return True
    k = q.start - 1
    if k >= 0 and doc[k].lower_ in ("the", "those", "these"):
        k -= 1
    if k < 1 or doc[k].lower_ != "of":
        return False
    before = doc[k - 1]
    return before.like_num or before.lower_ in ("one", "each", "some", "none", "all")


def _harmed_set(reading: Reading | None) -> Reading | None:
    """ "one of the four women wounded": the set a part is drawn from, told as harmed by its
    own participle, tells how many were hit (some of whom the sentence may say died, so the
    set counts them all as hit). None for a set told without its harm."""
    if reading is None or reading.measure not in HARM_MEASURES or reading.noun is None:
        return None
    harm = harm_participle(reading.noun)
    if harm is None:
        return None
    label = f"{reading.noun.lower_} {harm.lower_}"
    return dataclasses.replace(reading, measure="casualties", label=label, counted="people")


def _definite_small(doc: Doc, q: Quantity, reading: Reading) -> bool:
    """ "the two presidents", "all three areas": a reference, not a new figure."""
    if reading.measure != "count" or q.vague or (q.value or 0) >= 10:
        return False
    if reading.noun is not None and lemma(reading.noun) in word_set("attack_nouns"):
        return False  # "the two blasts": the number of incidents is a figure
    noun = reading.noun
    if noun is None:
        return q.value == 1 or q.value is None
    if q.value == 1 and not q.hedge:
        return True
    definite = word_set("definite_words")
    return any(
        c.dep_ in ("det", "predet", "poss") and c.lower_ in definite for c in noun.children
    ) or (q.start > 0 and doc[q.start - 1].lower_ in definite)


def _read(doc: Doc, q: Quantity, antecedent: Token | None) -> Reading | None:
    if q.kind == "percent":
        return read_percent(doc, q)
    if q.kind == "money":
        return read_money(doc, q)
    if q.kind == "ordinal":
        return read_rank(doc, q) if is_rank(doc, q) else None
    if is_rank(doc, q):
        return read_rank(doc, q)
    return read_count(doc, q, antecedent)


def find_claims(chunk: Chunk, mentions: list[Mention], events: list[EventMention]) -> list[Claim]:
    """The numeric claims of one parsed chunk, with document offsets.

    Args:
        chunk: the parsed slice of the document.
        mentions: entity mentions of the chunk (may be empty).
        events: event mentions of the chunk (may be empty).

    Returns:
        Claims in text order; spans cover the number phrase ("at least 130").
    """
    claims: list[Claim] = []
    for sent in chunk.sdoc.sents:
        claims += _sentence_claims(chunk, sent, mentions, events)
    return claims


def _sentence_claims(
    chunk: Chunk, sent: Span, mentions: list[Mention], events: list[EventMention]
) -> list[Claim]:
    """The claims of one sentence: its figures read, split, summed and given subjects."""
    doc = chunk.sdoc
    found = find_quantities(sent)
    split = [p for q in found if (p := _split_outcome(doc, q)) is not None]
    quantities = [q for q in found if not not_a_figure(doc, q)]
    pairs, parts = _readings(doc, quantities, split)
    pairs = _apply_splits(pairs, split)
    if parts:
        pairs = [p for p in pairs if p[0].start not in parts or p[1].measure in EVENT_MEASURES]
    taken = {r.noun.i for _, r in pairs if r.noun is not None}
    pairs += [p for p in _lone_perpetrators(sent) if p[0].anchor not in taken]
    pairs = _with_victims(pairs, victim_readings(sent, taken, chunk.published))
    pairs.sort(key=lambda p: p[0].start)
    made = []
    for q, reading in merge_conjoined(_running_totals(pairs)):
        made.append((q.start in parts, _claim(chunk, sent, q, reading, mentions, events)))
    return _parts_joined(made)


def _readings(
    doc: Doc, quantities: list[Quantity], split: list[Pair]
) -> tuple[list[Pair], set[int]]:
    """What each figure of a sentence counts, and the starts of the figures that are parts
    of the total before them ("including nine children")."""
    pairs: list[Pair] = []
    parts: set[int] = set()
    antecedent: Token | None = None
    for q in quantities:
        if any(q.start == p[0].start for p in split):
            continue
        reading = _read(doc, q, antecedent)
        # The set a part is drawn from is no figure of its own ("one of the 130
        # victims"); a part of a total ("including nine children") is one, a part of
        # the figure before it, unless it names a different measure ("eleven detained,
        # including all four gunmen").
        if _is_reference_set(doc, q) and (reading is None or reading.measure != "perpetrators"):
            harmed = _harmed_set(reading)
            if harmed is None:
                continue
            reading = harmed
        if _is_subcount(doc, q) and (reading is None or reading.measure != "perpetrators"):
            part = _part_reading(doc, q, pairs)
            if part is not None:
                parts.add(q.start)
                pairs.append((q, part))
            continue
        if reading is None or _definite_small(doc, q, reading):
            continue
        if reading.noun is not None and reading.measure == "count":
            antecedent = reading.noun
        pairs.append((q, reading))
    return pairs, parts


def _part_reading(doc: Doc, q: Quantity, pairs: list[Pair]) -> Reading | None:
    """A part of a total ("including nine children") counts what the last event figure
    before it counts; None when there is none to be a part of."""
    total = next((r for _, r in reversed(pairs) if r.measure in EVENT_MEASURES), None)
    if total is None or total.measure == "perpetrators":
        return None
    noun = counted_noun(doc, q)
    return Reading(
        total.measure,
        event_label(total.measure, noun),
        event_counted(total.measure, noun),
        noun,
        total.verb,
    )


def _parts_joined(made: list[tuple[bool, Claim]]) -> list[Claim]:
    """Claims with each part tied to the whole it is a part of (the last claim before it
    of its measure); a part with no whole is dropped."""
    claims: list[Claim] = []
    for k, (is_part, claim) in enumerate(made):
        if not is_part:
            claims.append(claim)
            continue
        whole = next(
            (c.id for p, c in reversed(made[:k]) if not p and c.measure == claim.measure),
            None,
        )
        if whole is not None:
            claims.append(dataclasses.replace(claim, part_of=whole))
    return claims


def _pair_index(doc: Doc, q: Quantity) -> int | None:
    """0 for the "from" figure, 1 for the "to" figure of a change; else None."""
    change = word_set("change_verbs")
    verb = next((a for a in doc[q.anchor].ancestors if a.pos_ == "VERB"), None)
    if verb is None or lemma(verb) not in change or q.start == 0:
        return None
    before = doc[q.start - 1].lower_
    if before == "from":
        return 0
    if before == "to" and any(t.lower_ == "from" for t in doc[verb.i : q.start - 1]):
        return 1
    return None


def _lone_perpetrators(sent: Span) -> list[Pair]:
    """ "carried out by a lone gunman", "the single attacker": one perpetrator, said with
    "lone" instead of a number (a bare article is not a count: see measures.yaml)."""
    nouns = lookup("measure_nouns")
    lone = word_set("lone_words")
    out: list[Pair] = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or nouns.get(lemma(noun)) != "perpetrators":
            continue
        kids = list(noun.children)
        single = next((c for c in kids if c.dep_ == "amod" and c.lower_ in lone), None)
        if single is None or any(c.dep_ == "nummod" or c.like_num for c in kids):
            continue
        det = next((c for c in kids if c.dep_ == "det" and c.i < single.i), None)
        q = Quantity(single.i if det is None else det.i, noun.i + 1, noun.i, 1, 1)
        verb = noun.head if noun.head.pos_ == "VERB" else None
        out.append((q, Reading("perpetrators", noun.lower_, "perpetrators", noun=noun, verb=verb)))
    return out


def _running_totals(pairs: list[Pair]) -> list[Pair]:
    """ "A further 9 were detained, bringing the total to 21": a bare total after an event
    figure in the same sentence is the running total of that measure."""
    out: list[Pair] = []
    for q, r in pairs:
        last = out[-1][1] if out else None
        bare = r.measure == "count" and r.label.lower() in word_set("running_total_nouns")
        if bare and last is not None and last.measure in EVENT_MEASURES:
            r = Reading(last.measure, last.label, last.counted, r.noun, r.verb)
        out.append((q, r))
    return out


def _split_outcome(doc: Doc, q: Quantity) -> Pair | None:
    """ "Six people were shot, one fatally": the bare number with an outcome adverb."""
    if q.kind != "cardinal" or q.vague or q.value is None:
        return None
    anchor = doc[q.anchor]
    measure = fatal_adverb(anchor)
    verb = anchor.head
    if anchor.dep_ == "appos":
        # "Four people were shot, two of them fatally": the part hangs on the people.
        verb = verb.head
    if (
        measure is None
        or verb.pos_ != "VERB"
        or lookup("patient_verbs").get(lemma(verb))
        not in (
            "casualties",
            "injured",
        )
    ):
        return None
    return q, Reading(measure, f"people {measure}", "people", None, verb)


def _apply_splits(pairs: list[Pair], split: list[Pair]) -> list[Pair]:
    """ "Six people were shot, one fatally" is one killed and five injured, not six hit."""
    if not split:
        return pairs
    out = list(pairs)
    for sq, sr in split:
        for k, (q, r) in enumerate(out):
            same_verb = r.verb is not None and r.verb == sr.verb
            if not same_verb or r.measure != "casualties" or q.low is None or q.low != q.high:
                continue
            # "one fatally": the others were hurt. "one critically" says nothing of a death:
            # all of them were hurt, one gravely (the part stays a part of that total).
            rest = q.low - (sq.low or 0) if sr.measure == "killed" else q.low
            if rest >= 0:
                moved = dataclasses.replace(q, low=rest, high=rest)
                out[k] = (moved, Reading("injured", "people injured", r.counted, r.noun, r.verb))
        out.append((sq, sr))
    return out


def _with_victims(pairs: list[Pair], victims: list[Pair]) -> list[Pair]:
    """Add victim phrases; a list of victims replaces the numbers inside it."""
    out = list(pairs)
    for vq, vr in victims:
        inside = [p for p in out if vq.start <= p[0].start and p[0].end <= vq.end]
        out = [p for p in out if p not in inside]
        out.append((vq, vr))
    return out


def _sentence_text(sent: Span, q: Quantity) -> str:
    """The sentence of the figure; a headline glued to the lead by the parser is cut off."""
    text = sent.text
    at = sent.doc[q.start].idx - sent.start_char
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    piece = text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]
    return piece.strip()


def _claim(
    chunk: Chunk,
    sent: Span,
    q: Quantity,
    reading: Reading,
    mentions: list[Mention],
    events: list[EventMention],
) -> Claim:
    doc = chunk.sdoc
    span = chunk.span_of(doc[q.start : q.end])
    kind, ref, name = subject_of(chunk, sent, q, reading, mentions, events)
    unconfirmed = rumour(sent, doc[q.anchor])
    return Claim(
        doc_id=chunk.document.id,
        measure=reading.measure,
        low=q.low,
        high=q.high,
        span=span,
        sentence=_sentence_text(sent, q),
        label=reading.label,
        approximate=q.approximate,
        vague=q.vague,
        as_of=as_of(sent, q.start, q.end, _pair_index(doc, q), chunk.published),
        attributed_to=unconfirmed or attribution(sent, doc[q.anchor]),
        unconfirmed=unconfirmed is not None,
        subject_kind=kind,  # type: ignore[arg-type]
        subject_ref=ref,
        subject_name=name,
        counted=reading.counted,
    )


__all__ = ["find_claims"]
