"""Numbers that are not figures: years, dates, ages, durations, names, markers, pronouns.

A sentence holds many numbers that count nothing the report is about: "in 2019", "a
35-year-old", "Route 66", "told 13 News", "[1]", "1 in 5 recruits", "one of the". This
module tells them apart from the figures, from the parse and the words around the
number. It only says no to a number; reading what a figure counts is
:mod:`.measures`' and :mod:`.counts`' job.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from crosscheck.analysis.lang.en.harmwords import age_mark
from crosscheck.analysis.lang.en.measures import lemma, lookup, word_set
from crosscheck.analysis.lang.en.quantities import Quantity, number_words

_DIGIT_RUN = re.compile(r"\d{4}")
_PHONE = re.compile(r"^\+?\d[\d\s().-]{7,}\d$")
_NAME_ENTS = {"ORG", "PERSON", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "GPE", "LOC"}
_TIME_ENTS = {"DATE", "TIME"}


def not_a_figure(doc: Doc, q: Quantity) -> bool:
    """Whether the number phrase ``q`` counts nothing: a date, an age, a duration, part of a
    name, a marker, a code, a ratio or "one" as a pronoun."""
    return (
        _date_age_or_name(doc, q)
        or _vague_time(doc, q)
        or _named_or_dialled(doc, q)
        or _size_of_a_thing(doc, q)
        or _marker_or_code(doc, q)
        or _ratio_or_ranking_size(doc, q)
        or _one_as_pronoun(doc, q)
    )


def _neighbours(doc: Doc, q: Quantity) -> tuple[Token | None, Token | None]:
    """The tokens just before and just after the number phrase (None at the edges)."""
    prev = doc[q.start - 1] if q.start > 0 else None
    nxt = doc[q.end] if q.end < len(doc) else None
    return prev, nxt


def _date_age_or_name(doc: Doc, q: Quantity) -> bool:
    """A year, a date or a time, an age, or a number inside a name ("Route 66")."""
    if q.kind != "cardinal" or q.vague:
        return False
    if _is_year(doc[q.anchor], q) or _time_entity(doc, q) or _age(doc, q):
        return True
    return any(doc[i].ent_type_ in _NAME_ENTS for i in range(q.start, q.end))


def _vague_time(doc: Doc, q: Quantity) -> bool:
    """ "several days", "dozens of hours" tagged as a time: a vague span, not a count."""
    _, nxt = _neighbours(doc, q)
    return (
        q.vague
        and doc[q.anchor].ent_type_ in _TIME_ENTS
        and nxt is not None
        and (lemma(nxt) in word_set("not_counted_nouns"))
    )


def _name_label(doc: Doc, q: Quantity) -> Token | None:
    """The word before the number that may make it part of a name ("No. 2", "Article 5")."""
    prev, _ = _neighbours(doc, q)
    label = prev
    if prev is not None and prev.text == "." and q.start >= 2:
        label = doc[q.start - 2]  # "No. 2", "Art. 5"
    if doc[q.start].is_sent_start and label is not None and len(label.text) > 4:
        # "... the Eastern Battalion. Two suspects": only an abbreviation ("Art. 5")
        # names a number across a full stop.
        label = None
    return label


def _named_or_dialled(doc: Doc, q: Quantity) -> bool:
    """A broadcaster's name ("13 News"), a number to call ("911"), a numbered article or
    an age ("aged 25")."""
    prev, nxt = _neighbours(doc, q)
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in word_set("station_names"):
        return True  # "told 13 News": a broadcaster's name
    dialled = prev is not None and lemma(prev) in word_set("dialling_verbs")
    if dialled and doc[q.start].text in word_set("emergency_numbers"):
        return True  # "called 911 reporting he was shot": a number to call
    label = _name_label(doc, q)
    prefixes = word_set("name_prefixes")
    return label is not None and (
        (label.lower_ in word_set("age_words"))
        or (label.text[:1].isupper() and lemma(label).rstrip(".") in prefixes)
    )


def _size_of_a_thing(doc: Doc, q: Quantity) -> bool:
    """ "a 35-year-old", "a 20-minute siege", "a 300-page report", "24 hours": a number that
    measures time or size rather than counting people or things."""
    _, nxt = _neighbours(doc, q)
    if nxt is None:
        return False
    not_counted = word_set("not_counted_nouns")
    after = doc[q.end + 1] if q.end + 1 < len(doc) else None
    if (
        nxt.text in ("-", "–")
        and after is not None
        and (lemma(after) in not_counted or after.lower_.startswith("year"))
    ):
        return True
    if nxt.lower_.startswith("-year") or nxt.lower_ in ("years-old", "year-old"):
        return True
    return (
        lemma(nxt) in not_counted and q.kind == "cardinal" and q.low is not None and not (q.vague)
    )


def _marker_or_code(doc: Doc, q: Quantity) -> bool:
    """Footnote markers "[1]", list markers "1." / "2)" at a line start, phone numbers and
    codes."""
    prev, nxt = _neighbours(doc, q)
    bracketed = prev is not None and prev.text in ("[", "(") and nxt is not None
    closed = bracketed and nxt is not None and nxt.text in ("]", ")")
    if closed and q.kind == "cardinal" and not q.vague and (q.value or 0) < 1000:
        return True
    line_start = prev is None or "\n" in prev.text
    if line_start and nxt is not None and nxt.text in (".", ")") and doc[q.start].is_sent_start:
        return True
    if _PHONE.match(doc[q.start : q.end].text):
        return True
    # Digit groups side by side are one code or phone number ("0800 123 4567").
    return any(t is not None and t.is_digit for t in (prev, nxt))


def _ratio_or_ranking_size(doc: Doc, q: Quantity) -> bool:
    """ "1 in 5 recruits": a ratio; "45th out of 180 countries": the size of a ranking."""
    prev, nxt = _neighbours(doc, q)
    after = doc[q.end + 1] if q.end + 1 < len(doc) else None
    before = doc[q.start - 2] if q.start >= 2 else None
    ratio = (
        nxt is not None and nxt.lower_ == "in" and after is not None and _small_number(after)
    ) or (prev is not None and prev.lower_ == "in" and before is not None and _small_number(before))
    if q.kind == "cardinal" and ratio:
        return True
    return q.start >= 2 and doc[q.start - 2].lower_ == "out" and doc[q.start - 1].lower_ == "of"


def _one_as_pronoun(doc: Doc, q: Quantity) -> bool:
    """ "one of the", "one" as a pronoun, "the two presidents" as an anaphor; but "killing
    one and wounding four" and "one of them died" count a victim."""
    anchor = doc[q.anchor]
    if not (q.low == 1 and q.high == 1 and not q.vague) or _harmed(anchor):
        return False
    _, nxt = _neighbours(doc, q)
    if nxt is not None and nxt.lower_ == "of":
        return True
    return anchor.lower_ in ("one", "a", "an") and anchor.dep_ not in ("nummod",)


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


__all__ = ["not_a_figure"]
