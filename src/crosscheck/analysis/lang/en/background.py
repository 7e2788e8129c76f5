"""Harms told as part of an earlier incident than the report's own.

Local news tells its incident and, beside it, older ones: the vigil was for "a man killed in a
shooting last week", the shooting "occurred eight months after a bystander was killed", the
victim's "mother died several years ago". Such a death is a figure of another incident: it
keeps no event subject, so it neither adds to the report's toll nor turns the people hit into
fewer injured. Only dates that hang on the harm's own verb (or the verb it is coordinated
with) count ("a man shot last week has died" is the report's own death, told late), and only
in a report whose lead dates an attack of its own: a follow-up's "Smith was shot last
Tuesday" is the incident it follows. Word lists are in ``data/en/measures.yaml``.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Span, Token

from crosscheck.analysis.lang.en.dates import resolve_date
from crosscheck.analysis.lang.en.eventtypes import ATTACK_TYPES
from crosscheck.analysis.lang.en.measures import lexicon, word_set
from crosscheck.analysis.profile import LEAD_CHARS
from crosscheck.model import EventMention


def _verbs(verb: Token) -> list[Token]:
    """The harm's verb and the verbs it is coordinated with ("was shot and killed last
    week": the date hangs on "killed", the harm is told by "shot")."""
    out = [verb]
    while out[-1].dep_ == "conj" and out[-1].head.pos_ in ("VERB", "AUX"):
        out.append(out[-1].head)
    # "was shot and killed on Aug. 10": the date may hang on either verb of the pair.
    out += [c for v in out for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return out


def _dates_on(sent: Span, verbs: list[Token]) -> list[Span]:
    """Date phrases of ``sent`` modifying one of ``verbs`` as an adverb, directly or through a
    preposition ("died several years ago", "killed in 2009"); an age ("a 16-year old was
    shot") is the verb's subject, not its date."""
    out = []
    for ent in sent.ents:
        if ent.label_ != "DATE" or ent.root.dep_ not in ("npadvmod", "advmod", "pobj"):
            continue
        head = ent.root.head
        if head in verbs or (head.dep_ == "prep" and head.head in verbs):
            out.append(ent)
    return out


def _range(iso: str, precision: str) -> tuple[date, date] | None:
    """The first and last day a resolved date can mean ("2013-08", month: 1-31 August)."""
    try:
        if precision == "day":
            day = date.fromisoformat(iso[:10])
            return day, day
        if precision == "month":
            year, month = int(iso[:4]), int(iso[5:7])
            first_next = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), first_next - timedelta(days=1)
        if precision == "year":
            return date(int(iso[:4]), 1, 1), date(int(iso[:4]), 12, 31)
    except ValueError:
        return None
    return None


def _earlier(ent: Span, published: date | None, reference: date, marked: bool) -> bool:
    found = resolve_date(ent.text, published)
    if found is not None:
        told = _range(*found)
        margin = timedelta(days=int(lexicon()["background_min_days"]))
        return told is not None and told[1] <= reference - margin
    # "several years ago", "weeks earlier", "eight months after ...": no day to compare,
    # but long before an incident the report tells as recent.
    words = {t.lower_ for t in ent}
    long_ago = bool(words & word_set("background_units")) and (
        marked or bool(words & word_set("background_markers"))
    )
    recent = published is None or reference >= published - timedelta(
        days=int(lexicon()["background_recent_days"])
    )
    return long_ago and recent


def _other_incident(verbs: list[Token]) -> bool:
    """The harm happened "in a previous shooting", "in a separate shooting"."""
    adjectives = word_set("other_incident_adjectives")
    attacks = word_set("attack_nouns")
    for verb in verbs:
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if noun.lemma_.lower() in attacks and any(
                    a.lower_ in adjectives for a in noun.children if a.dep_ == "amod"
                ):
                    return True
    return False


def reference_day(events: list[EventMention]) -> date | None:
    """The first day the report's own incident can have happened on, as its lead dates it
    ("in January": 1 January).

    None when the lead dates no attack of its own: then a date alone tells no other incident
    apart (a follow-up's "Smith was shot last Tuesday" is its own incident, and a report of
    an arrest dates the arrest, not the shooting).
    """
    for e in sorted(events, key=lambda e: e.span[0]):
        if e.span[0] < LEAD_CHARS and e.type in ATTACK_TYPES and e.date and e.date_precision:
            found = _range(e.date, e.date_precision)
            return found[0] if found else None
    return None


def told_before(
    sent: Span, verb: Token, published: date | None, reference: date | None, in_lead: bool
) -> bool:
    """Whether the harm ``verb`` tells belongs to an incident well before the report's.

    Args:
        sent: the harm's sentence.
        verb: the verb (or participle) that says people were killed, hit or hurt.
        published: the report's publication day, against which relative dates resolve.
        reference: the day of the report's own incident (see :func:`reference_day`).
        in_lead: the sentence is the report's lead, which tells its own incident.
    """
    if in_lead:
        return False
    verbs = _verbs(verb)
    if _other_incident(verbs):
        return True
    if reference is None:
        return False
    marked = any(
        c.dep_ == "mark" and c.lower_ in word_set("background_marks")
        for v in verbs
        for c in v.children
    ) and any(v.dep_ == "advcl" for v in verbs)
    return any(_earlier(ent, published, reference, marked) for ent in _dates_on(sent, verbs))


__all__ = ["reference_day", "told_before"]
