"""Numeric claims: the figures of a chunk, as :class:`~crosscheck.model.Claim` records.

Pipeline per sentence: find number phrases (:mod:`.quantities`), drop the numbers that
are not figures (years, dates, ages, durations, names, footnotes, list markers, "one of
the"), read what each counts (:mod:`.measures`, :mod:`.statistics`), sum conjoined
counts ("three Tajik and one Uzbek national"), then attach the subject, the source
(:mod:`.provenance`) and the as-of date.

Sub-counts introduced by "including"/"among them" ("at least 93 people, including nine
children") and the sets a part is drawn from ("one of the 130 victims") are skipped: the
total is the figure; the part is detail, and reporting it as its own toll would make
grouping compare a part with a whole. The one exception is a part that names another
measure: "eleven people were detained, including all four gunmen" also gives the number
of perpetrators.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from crosscheck.analysis.geo import country_code
from crosscheck.analysis.lang.en.background import reference_day, told_before
from crosscheck.analysis.lang.en.casualties import (
    HARM_MEASURES,
    age_mark,
    fatal_adverb,
    victim_readings,
)
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.counts import (
    event_counted,
    event_label,
    harm_participle,
    read_count,
)
from crosscheck.analysis.lang.en.measures import (
    Reading,
    counted_noun,
    is_person,
    lemma,
    lookup,
    owner_of,
    word_set,
)
from crosscheck.analysis.lang.en.provenance import as_of, attribution, rumour
from crosscheck.analysis.lang.en.quantities import Quantity, find_quantities, number_words
from crosscheck.analysis.lang.en.statistics import is_rank, read_money, read_percent, read_rank
from crosscheck.model import EVENT_MEASURES, Claim, EventMention, Mention

_DIGIT_RUN = re.compile(r"\d{4}")
_PHONE = re.compile(r"^\+?\d[\d\s().-]{7,}\d$")
_NAME_ENTS = {"ORG", "PERSON", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC"}
_TIME_ENTS = {"DATE", "TIME"}
_SUBCOUNT = {"including", "include", "among", "of whom", "incl"}
_DEFINITE = {"the", "these", "those", "all", "both", "its", "their", "his", "her", "our"}
_AGE_WORDS = {"aged", "age", "ages"}


def _is_year(tok: Token, q: Quantity) -> bool:
    text = tok.text
    return (
        q.kind == "cardinal"
        and bool(re.fullmatch(r"\d{4}", text))
        and 1800 <= int(text) <= 2100
        and q.start == q.anchor == q.end - 1
    )


def _time_entity(doc: Doc, q: Quantity) -> bool:
    """True when the number is part of a date or a time, not a count.

    The small English model often tags a count as DATE or TIME ("around 55", "Between 78
    and 108", "54 by evening"). The tag is trusted only when the phrase holds a plausible
    year or sits right beside a word of time ("12 March", "24 hours", "5 pm").
    """
    if not any(doc[i].ent_type_ in _TIME_ENTS for i in range(q.start, q.end)):
        return False
    for tok in doc[q.start : q.end]:
        if _DIGIT_RUN.fullmatch(tok.text) and 1800 <= float(tok.text) <= 2100:
            return True  # a year
    before = doc[q.start - 1].text if q.start > 0 else ""
    after = doc[q.end].lower_ if q.end < len(doc) else "."
    if before == "," and after in (",", ".", ";", ")", "and", "or") and q.hedge is None:
        return True  # "Alan Smith, 32, and ...": the tagger marks ages as dates
    times = _time_words()
    k = q.start - 1
    while k >= 0 and doc[k].text in (",", "-", "–", "of", "the"):
        k -= 1
    j = q.end
    while j < len(doc) and doc[j].text in (",", "-", "–", "of"):
        j += 1
    beside = [doc[k]] if k >= 0 else []
    beside += [doc[j]] if j < len(doc) else []
    # "may", "march" and "sun" are also verbs: "100,000 may have died".
    return any(
        (t.lower_ in times or lemma(t) in times) and t.pos_ not in ("AUX", "VERB") for t in beside
    )


def _age(doc: Doc, q: Quantity) -> bool:
    """ "a 25 y/o man", and "Roy Fields, 64 were found" or "a man, 22, was shot": a small
    whole number after a comma that follows one person, and not counting a noun of its own."""
    if age_mark(doc, q.end):
        return True
    if q.start >= 2 and doc[q.start - 1].lower_ == "than":
        return doc[q.start - 2].lower_ in word_set("age_comparatives")  # "a boy younger than 12"
    if q.start < 2 or doc[q.start - 1].text != "," or q.end - q.start != 1:
        return False
    num, person = doc[q.start], doc[q.start - 2]
    if not num.is_digit or not 0 < int(num.text) < 120:
        return False
    if num.dep_ == "nummod" and num.head.i > num.i:
        return False  # "Smith, 3 others": a count of the noun that follows
    return person.ent_type_ == "PERSON" or (
        person.tag_ == "NN" and lemma(person) in word_set("people_nouns")
    )


@cache
def _time_words() -> frozenset[str]:
    """Words of time from ``data/en/numbers.yaml``."""
    return frozenset(str(w) for w in number_words()["time_words"])


def _small_number(tok: Token) -> bool:
    """A number word or figure below 1000 (not a year): the other side of "1 in 5"."""
    if tok.is_digit:
        return int(tok.text) < 1000
    return tok.like_num and not tok.text[:1].isdigit()


def _not_a_figure(doc: Doc, q: Quantity) -> bool:
    """Numbers that are not claims: dates, ages, durations, names, markers, pronouns."""
    anchor = doc[q.anchor]
    first = doc[q.start]
    nxt = doc[q.end] if q.end < len(doc) else None
    prev = doc[q.start - 1] if q.start > 0 else None
    not_counted = word_set("not_counted_nouns")
    if q.kind == "cardinal" and not q.vague:
        if _is_year(anchor, q) or _time_entity(doc, q) or _age(doc, q):
            return True
        if any(doc[i].ent_type_ in _NAME_ENTS for i in range(q.start, q.end)):
            return True
    if (
        q.vague
        and anchor.ent_type_ in _TIME_ENTS
        and nxt is not None
        and (lemma(nxt) in not_counted)
    ):
        return True
    label = prev
    if prev is not None and prev.text == "." and q.start >= 2:
        label = doc[q.start - 2]  # "No. 2", "Art. 5"
    if first.is_sent_start and label is not None and len(label.text) > 4:
        # "... the Eastern Battalion. Two suspects": only an abbreviation ("Art. 5")
        # names a number across a full stop.
        label = None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in word_set("station_names"):
        return True  # "told 13 News": a broadcaster's name
    dialled = prev is not None and lemma(prev) in word_set("dialling_verbs")
    if dialled and first.text in word_set("emergency_numbers"):
        return True  # "called 911 reporting he was shot": a number to call
    prefixes = word_set("name_prefixes")
    if label is not None and (
        (label.lower_ in _AGE_WORDS)
        or (label.text[:1].isupper() and lemma(label).rstrip(".") in prefixes)
    ):
        return True
    if nxt is not None:
        # "a 35-year-old", "a 20-minute siege", "a 300-page report"
        after = doc[q.end + 1] if q.end + 1 < len(doc) else None
        if (
            nxt.text in ("-", "–")
            and after is not None
            and (lemma(after) in not_counted or after.lower_.startswith("year"))
        ):
            return True
        if nxt.lower_.startswith("-year") or nxt.lower_ in ("years-old", "year-old"):
            return True
        if (
            lemma(nxt) in not_counted
            and q.kind == "cardinal"
            and q.low is not None
            and not (q.vague)
        ):
            return True
    # Footnote markers "[1]", list markers "1." / "2)" at a line start.
    bracketed = prev is not None and prev.text in ("[", "(") and nxt is not None
    closed = bracketed and nxt is not None and nxt.text in ("]", ")")
    if closed and q.kind == "cardinal" and not q.vague and (q.value or 0) < 1000:
        return True
    line_start = prev is None or "\n" in prev.text
    if line_start and nxt is not None and nxt.text in (".", ")") and first.is_sent_start:
        return True
    if _PHONE.match(doc[q.start : q.end].text):
        return True
    # Digit groups side by side are one code or phone number ("0800 123 4567").
    if any(t is not None and t.is_digit for t in (prev, nxt)):
        return True
    # "1 in 5 recruits": a ratio, not a count.
    after = doc[q.end + 1] if q.end + 1 < len(doc) else None
    before = doc[q.start - 2] if q.start >= 2 else None
    ratio = (
        nxt is not None and nxt.lower_ == "in" and after is not None and _small_number(after)
    ) or (prev is not None and prev.lower_ == "in" and before is not None and _small_number(before))
    if q.kind == "cardinal" and ratio:
        return True
    # "45th out of 180 countries": the size of the ranking, not a figure.
    if q.start >= 2 and doc[q.start - 2].lower_ == "out" and doc[q.start - 1].lower_ == "of":
        return True
    # "one of the", "one" as a pronoun, "the two presidents" as an anaphor; but "killing
    # one and wounding four" and "one of them died" count a victim.
    if q.low == 1 and q.high == 1 and not q.vague and not _harmed(anchor):
        if nxt is not None and nxt.lower_ == "of":
            return True
        if anchor.lower_ in ("one", "a", "an") and anchor.dep_ not in ("nummod",):
            return True
    return False


def _harmed(anchor: Token) -> bool:
    """ "one" as the victim of a harm verb: "killing one", "one of them died"."""
    if anchor.lower_ != "one" or any(c.lower_ in ("no", "not") for c in anchor.children):
        return False  # "no one was hurt"
    harms = ("killed", "injured", "casualties")
    adjectives = lookup("adjectives")
    if any(c.dep_ == "amod" and adjectives.get(c.lower_) in harms for c in anchor.children):
        return True  # "One dead, four injured after shooting"
    if anchor.dep_ in ("appos", "npadvmod"):
        # "Five were shot -- one killed and four wounded": the participle on the part.
        patient = lookup("patient_verbs")
        return any(c.dep_ == "acl" and patient.get(lemma(c)) in harms for c in anchor.children)
    if anchor.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return False
    head = anchor.head
    verbs = lookup("patient_verbs") if anchor.dep_ != "nsubj" else lookup("agent_verbs")
    return head.pos_ == "VERB" and verbs.get(lemma(head)) in harms


def _is_subcount(doc: Doc, q: Quantity) -> bool:
    return any(doc[i].lower_ in _SUBCOUNT for i in range(max(0, q.start - 3), q.start))


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
    return any(
        c.dep_ in ("det", "predet", "poss") and c.lower_ in _DEFINITE for c in noun.children
    ) or (q.start > 0 and doc[q.start - 1].lower_ in _DEFINITE)


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


def _merge_conjoined(pairs: list[tuple[Quantity, Reading]]) -> list[tuple[Quantity, Reading]]:
    """Sum counts on conjoined nouns of one measure: "three Tajik and one Uzbek national"."""
    out: list[tuple[Quantity, Reading]] = []
    for q, r in pairs:
        merged = _merged(out[-1], (q, r)) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append((q, r))
    return out


def _nationality(noun: Token) -> bool:
    """A people noun named by nationality: "Tajik", "Afghans", "Uzbek national"."""
    if noun.ent_type_ == "NORP" or noun.pos_ == "PROPN" or lemma(noun) in ("national", "citizen"):
        return True
    return any(
        c.ent_type_ == "NORP" or c.pos_ == "PROPN"
        for c in noun.children
        if c.dep_ in ("amod", "compound")
    )


def _merged(
    first: tuple[Quantity, Reading], second: tuple[Quantity, Reading]
) -> tuple[Quantity, Reading] | None:
    (pq, pr), (q, r) = first, second
    if r.noun is None or pr.noun is None or pr.measure != r.measure or q.vague or pq.vague:
        return None
    if r.noun.dep_ != "conj" or r.noun.head != pr.noun:
        return None
    # "three Tajik and one Uzbek national" is one group of people; "1,500 police and 200
    # soldiers" are two figures. Victims are one toll whoever they are: "four women and one
    # man were shot" is five people hit.
    same_kind = (
        lemma(pr.noun) == lemma(r.noun)
        or (_nationality(pr.noun) and _nationality(r.noun))
        or (pr.measure in HARM_MEASURES and is_person(pr.noun) and is_person(r.noun))
    )
    if not same_kind:
        return None
    if pq.low is None or q.low is None or pq.high is None or q.high is None:
        return None
    end = max(q.end, r.noun.i + 1)
    quantity = Quantity(
        pq.start,
        end,
        pq.anchor,
        pq.low + q.low,
        pq.high + q.high,
        pq.kind,
        pq.approximate or q.approximate,
    )
    label = r.label if pr.measure in EVENT_MEASURES else pr.label
    return quantity, Reading(pr.measure, label, pr.counted, r.noun, pr.verb)


def _many_incidents(noun: Token) -> bool:
    """A bare plural ("in shootings across the city", "weekend shootings") tells of many
    incidents; a counted, definite or named one ("two shootings", "the Kerman bombings")
    may be one."""
    if noun.tag_ not in ("NNS", "NNPS"):
        return False
    for c in noun.children:
        if c.dep_ == "nummod" or (c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE):
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


def _subject(
    chunk: Chunk,
    sent: Span,
    q: Quantity,
    reading: Reading,
    mentions: list[Mention],
    events: list[EventMention],
) -> tuple[str, str | None, str | None]:
    """(subject_kind, subject_ref, subject_name) for one figure."""
    doc = chunk.sdoc
    sstart, send = chunk.span_of(sent)
    qpos = chunk.abs(doc[q.start].idx, doc[q.start].idx)[0]
    if reading.measure in EVENT_MEASURES:
        if reading.measure in HARM_MEASURES and reading.verb is not None:
            in_lead = chunk.offset == 0 and sent.start == next(iter(doc.sents)).start
            if told_before(sent, reading.verb, chunk.published, reference_day(events), in_lead):
                return "none", None, None  # "a man killed in a shooting last week"
        if _separate_incidents(sent):
            return "none", None, None  # "two killed in three separate shootings": a roundup
        near = [e for e in events if sstart <= e.span[0] < send]
        if near and reading.verb is not None and _over_a_period(sent, reading.verb):
            return "none", None, None  # "so far in 2017, 47 people have been killed"
        if near:
            best = min(near, key=lambda e: abs(e.span[0] - qpos))
            return "event", best.id, best.description or best.trigger
        if _over_a_period(sent):
            return "none", None, None  # a running total, not a toll of the report's incident
        attack = word_set("attack_nouns")
        nouns = [t for t in sent if lemma(t) in attack and t.pos_ == "NOUN"]
        if nouns:
            noun = min(nouns, key=lambda t: abs(t.i - q.anchor))
            if _many_incidents(noun):
                return "none", None, None  # "53 wounded in weekend shootings across the city"
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
        return "event", None, None
    owner = reading.owner
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
    if owner is None:
        return "none", None, None
    start, end = chunk.abs(owner.idx, owner.idx + len(owner.text))
    for m in mentions:
        if m.start <= start < m.end or start <= m.start < end:
            return "entity", m.key, m.canonical or m.text
    words = [
        t
        for t in doc[owner.left_edge.i : owner.i + 1]
        if (t.pos_ in ("PROPN", "NOUN") and t.dep_ != "poss") or t == owner
    ]
    name = " ".join(t.text for t in words).replace(" 's", "").replace(" ’s", "")
    name = re.sub(r"['’]s$", "", name).strip()
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return "entity", key or None, name or None


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


def _lone_perpetrators(sent: Span) -> list[tuple[Quantity, Reading]]:
    """ "carried out by a lone gunman", "the single attacker": one perpetrator, said with
    "lone" instead of a number (a bare article is not a count: see measures.yaml)."""
    nouns = lookup("measure_nouns")
    lone = word_set("lone_words")
    out: list[tuple[Quantity, Reading]] = []
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


def _running_totals(pairs: list[tuple[Quantity, Reading]]) -> list[tuple[Quantity, Reading]]:
    """ "A further 9 were detained, bringing the total to 21": a bare total after an event
    figure in the same sentence is the running total of that measure."""
    out: list[tuple[Quantity, Reading]] = []
    for q, r in pairs:
        last = out[-1][1] if out else None
        bare = r.measure == "count" and r.label.lower() in word_set("running_total_nouns")
        if bare and last is not None and last.measure in EVENT_MEASURES:
            r = Reading(last.measure, last.label, last.counted, r.noun, r.verb)
        out.append((q, r))
    return out


def _split_outcome(doc: Doc, q: Quantity) -> tuple[Quantity, Reading] | None:
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


def _apply_splits(
    pairs: list[tuple[Quantity, Reading]], split: list[tuple[Quantity, Reading]]
) -> list[tuple[Quantity, Reading]]:
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


def _with_victims(
    pairs: list[tuple[Quantity, Reading]], victims: list[tuple[Quantity, Reading]]
) -> list[tuple[Quantity, Reading]]:
    """Add victim phrases; a list of victims replaces the numbers inside it."""
    out = list(pairs)
    for vq, vr in victims:
        inside = [p for p in out if vq.start <= p[0].start and p[0].end <= vq.end]
        out = [p for p in out if p not in inside]
        out.append((vq, vr))
    return out


def find_claims(chunk: Chunk, mentions: list[Mention], events: list[EventMention]) -> list[Claim]:
    """The numeric claims of one parsed chunk, with document offsets.

    Args:
        chunk: the parsed slice of the document.
        mentions: entity mentions of the chunk (may be empty).
        events: event mentions of the chunk (may be empty).

    Returns:
        Claims in text order; spans cover the number phrase ("at least 130").
    """
    doc = chunk.sdoc
    claims: list[Claim] = []
    for sent in doc.sents:
        found = find_quantities(sent)
        split = [p for q in found if (p := _split_outcome(doc, q)) is not None]
        quantities = [q for q in found if not _not_a_figure(doc, q)]
        pairs: list[tuple[Quantity, Reading]] = []
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
                total = next((r for _, r in reversed(pairs) if r.measure in EVENT_MEASURES), None)
                if total is None or total.measure == "perpetrators":
                    continue
                noun = counted_noun(doc, q)
                reading = Reading(
                    total.measure,
                    event_label(total.measure, noun),
                    event_counted(total.measure, noun),
                    noun,
                    total.verb,
                )
                parts.add(q.start)
                pairs.append((q, reading))
                continue
            if reading is None or _definite_small(doc, q, reading):
                continue
            if reading.noun is not None and reading.measure == "count":
                antecedent = reading.noun
            pairs.append((q, reading))
        pairs = _apply_splits(pairs, split)
        if parts:
            pairs = [p for p in pairs if p[0].start not in parts or p[1].measure in EVENT_MEASURES]
        taken = {r.noun.i for _, r in pairs if r.noun is not None}
        pairs += [p for p in _lone_perpetrators(sent) if p[0].anchor not in taken]
        pairs = _with_victims(pairs, victim_readings(sent, taken, chunk.published))
        pairs.sort(key=lambda p: p[0].start)
        made = []
        for q, reading in _merge_conjoined(_running_totals(pairs)):
            made.append((q.start in parts, _claim(chunk, sent, q, reading, mentions, events)))
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
    kind, ref, name = _subject(chunk, sent, q, reading, mentions, events)
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
