"""Figures in a Russian report, per the claim contract and the English measures.

A quantity (:mod:`.numbers`) is a claim when it counts people: the noun it quantifies is a
noun of people ("человек", "детей") or fixes the measure by itself ("четверо нападавших"),
or no noun follows and a cue word is near ("погибли 40"); :mod:`.counting` reads which
measure. Times, dates, ages, distances and sums are never claims. A figure after "в том
числе" / "среди них" is a part of the figure before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from crosscheck.analysis.lang.ru.counting import (
    counted_label,
    counted_noun,
    counts_attackers,
    counts_people,
    cue_of,
    english_noun,
    measure_of,
    not_a_count,
)
from crosscheck.analysis.lang.ru.dates import find_dates
from crosscheck.analysis.lang.ru.grammar import Grammar, fold, grammar
from crosscheck.analysis.lang.ru.lists import summed_lists
from crosscheck.analysis.lang.ru.numbers import Quantity, find_quantities
from crosscheck.analysis.lang.ru.parse import Sentence, Token, singular
from crosscheck.analysis.lang.ru.statistics import percent_token, read_share
from crosscheck.model import Claim, EventMention, Mention, Statement

_PARTS = (("в", "том", "числе"), ("среди",), ("из", "них"), ("включая",))
_VIOLENT = ("attack", "shooting", "bombing", "suicide_bombing", "arson")


def _part_cue(tokens: tuple[Token, ...], before: int, after: int) -> bool:
    words = tuple(fold(t.text) for t in tokens[before:after])
    return any(words[i : i + len(p)] == p for p in _PARTS for i in range(len(words) - len(p) + 1))


def _attribution(sent: Sentence, statements: list[Statement]) -> str | None:
    """Who says the sentence: a statement in it, or one after it that says all of it
    ("Об этом сообщил губернатор")."""
    whole = sent.text.strip(" ,.:;—-")
    for st in statements:
        said = st.sentence == sent.text or st.content == whole
        if said and st.stance in ("says", "confirms", "claims"):
            return st.speaker
    return None


def _subject(sent: Sentence, measure: str, events: list[EventMention]) -> EventMention | None:
    """The incident a figure is about: a placed one its sentence names, else the report's
    first placed attack (a bare "нападение" is the report's incident, not a new one)."""
    inside = [e for e in events if sent.start <= e.span[0] < sent.end]
    wanted = ("arrest",) if measure == "arrested" else _VIOLENT
    placed = [e for e in events if e.location and e.type in _VIOLENT]
    for pool in (
        [e for e in inside if e.type in wanted and e.location],
        [e for e in inside if e.type in _VIOLENT and e.location],
        placed,
        [e for e in inside if e.type in wanted],
        [e for e in events if e.type in _VIOLENT],
    ):
        if pool:
            return pool[0]
    return None


#: Words on a noun that make it no single person ("каждый", "ни один", "никакой").
_NOT_ONE = frozenset({"каждый", "ни", "никакой", "любой", "один", "несколько", "много"})


def _lone_people(tokens: tuple[Token, ...], g: Grammar) -> list[tuple[Token, str, Token, int]]:
    """ "В результате обстрела погиб мирный житель": one person, no numeral. The subject of
    an unnegated cue verb that names a person counts 1 for the verb's measure, and each
    person joined to it by "и" or a comma one more ("погибли полицейский и охранник": 2).
    (noun, measure, last member, count)."""
    out: list[tuple[Token, str, Token, int]] = []
    for noun in tokens:
        if noun.rel not in ("nsubj", "nsubj:pass") or not 0 <= noun.head < len(tokens):
            continue
        verb = tokens[noun.head]
        if not _person(noun, g) or verb.pos != "VERB" or noun.pos not in ("NOUN", "VERB"):
            continue
        measure = cue_of(verb, g, tokens)
        members = _joined_people(tokens, noun, g)
        if measure is None or members is None or not singular(noun.text):
            continue
        if not (singular(verb.text) or members):
            continue
        negated = verb.index and tokens[verb.index - 1].lemma == "не"
        if not negated and not _counted(tokens, noun):
            out.append((noun, measure, members[-1] if members else noun, 1 + len(members)))
    return out


def _person(noun: Token, g: Grammar) -> bool:
    return noun.lemma in g.people or any(noun.lemma in ls for ls in g.counted.values())


def _counted(tokens: tuple[Token, ...], noun: Token) -> bool:
    """A numeral or a word of quantity on the noun: no lone person ("каждый", "двое")."""
    return any(t.head == noun.index and (t.pos == "NUM" or t.lemma in _NOT_ONE) for t in tokens)


def _joined_people(tokens: tuple[Token, ...], noun: Token, g: Grammar) -> list[Token] | None:
    """The single people joined to ``noun`` ("полицейский и охранник"), in text order; None
    when a member is counted or several ("мужчина и двое детей" is the numbers' to read)."""
    members = [t for t in tokens if t.rel == "conj" and t.head == noun.index and t.pos == "NOUN"]
    people = [t for t in members if _person(t, g)]
    if any(_counted(tokens, t) or not singular(t.text) for t in people):
        return None
    return people


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


#: Words before a date that make it the date a figure holds for ("по состоянию на 23 марта").
_AS_OF = (
    ("по", "состоянию", "на"),
    ("на", "утро"),
    ("на", "вечер"),
    ("к", "утру"),
    ("к", "вечеру"),
)


def _as_of(sent: Sentence, published: date | None) -> str | None:
    """The date the sentence says its figures hold for, if it says one."""
    words = [fold(t.text) for t in sent.tokens]
    for found in find_dates(sent.tokens, published):
        before = tuple(words[max(0, found.start - 3) : found.start])
        if any(before[len(before) - len(p) :] == p for p in _AS_OF):
            return found.iso
    return None


@dataclass(frozen=True)
class _Report:
    """What every figure of a report is read against: its incidents, statements and names."""

    doc_id: str
    events: list[EventMention]
    statements: list[Statement]
    mentions: list[Mention]


def _share(report: _Report, sent: Sentence, q: Quantity, pct: Token, as_of: str | None) -> Claim:
    """A percentage as the statistic measure ``percent``, its owner as the subject."""
    label, counted, owner = read_share(sent.tokens, pct, report.mentions, q.first)
    what = ("percent", label, counted)
    return _claim(report, sent, q, as_of, what, _about_owner(owner), pct.end)


#: What a figure is about: (subject kind, subject ref, subject name).
_About = tuple[Literal["event", "entity", "none"], str | None, str | None]


def _about_owner(owner: Mention | None) -> _About:
    """A statistic's owner as its subject ("населения Таджикистана")."""
    if owner is None:
        return "none", None, None
    return "entity", owner.key, owner.canonical or owner.text


def _about_event(event: EventMention | None) -> _About:
    """The incident a count is a toll of."""
    if event is None:
        return "none", None, None
    return "event", event.id, event.description


def _claim(
    report: _Report,
    sent: Sentence,
    q: Quantity,
    as_of: str | None,
    what: tuple[str, str, str],
    about: _About,
    end: int,
    part_of: str | None = None,
) -> Claim:
    """The claim of ``q`` (``what``: measure, label, counted; ``about``: its subject); its
    span runs from the number to ``end``."""
    measure, label, counted = what
    kind, ref, name = about
    return Claim(
        doc_id=report.doc_id,
        measure=measure,
        low=_number(q.low),
        high=_number(q.high),
        span=(sent.tokens[q.first].start, end),
        sentence=sent.text,
        label=label,
        approximate=q.approximate,
        vague=q.vague,
        as_of=as_of,
        attributed_to=_attribution(sent, report.statements),
        subject_kind=kind,
        subject_ref=ref,
        subject_name=name,
        counted=counted,
        part_of=part_of,
    )


def find_claims(
    doc_id: str,
    sentences: tuple[Sentence, ...],
    events: list[EventMention],
    statements: list[Statement],
    published: date | None = None,
    mentions: list[Mention] | None = None,
) -> list[Claim]:
    """The figures of a Russian report, in text order.

    ``mentions``: the report's names, so a share's owner ("населения Таджикистана") can be
    its subject."""
    report = _Report(doc_id, events, statements, mentions or [])
    out: list[Claim] = []
    totals: dict[str, Claim] = {}  # measure -> the report's last whole figure
    for sent in sentences:
        as_of = _as_of(sent, published)
        quantities = find_quantities(sent.tokens)
        if not quantities:
            out.extend(_lone_claims(report, sent, as_of))
            continue
        before = len(out)
        _figures(report, sent, quantities, as_of, out, totals)
        # A sentence with figures counts by them; a lone person is read beside them only
        # for a measure none of them gives ("погиб мужчина, двое детей получили ранения").
        given = {c.measure for c in out[before:]}
        lone = [c for c in _lone_claims(report, sent, as_of) if c.measure not in given]
        if lone:
            out[before:] = sorted(out[before:] + lone, key=lambda c: c.span)
    return out


def _figures(
    report: _Report,
    sent: Sentence,
    quantities: list[Quantity],
    as_of: str | None,
    out: list[Claim],
    totals: dict[str, Claim],
) -> None:
    """Add the figures of a sentence's quantities to ``out``; ``totals`` keeps each
    measure's last whole figure, which a later part ("в том числе трое детей") is of."""
    g = grammar()
    tokens = sent.tokens
    since = 0
    quantities = summed_lists(tokens, quantities, g)
    # Times, ages and sums ("на два месяца") do not stand between a cue and its figure.
    counts = [q for q in quantities if not not_a_count(tokens, q, g)]
    for q in quantities:
        pct = percent_token(tokens, q)
        if pct is not None:
            out.append(_share(report, sent, q, pct, as_of))
            continue
        # "в том числе трое детей" before the figure, "около 80 из них" after it.
        size = _group_size(report, sent, q, as_of)
        if size is not None:
            out.append(size)
            continue
        part = _part_cue(tokens, since, q.first) or _part_cue(tokens, q.last, q.last + 2)
        total_here = bool(since and out) and out[-1].sentence == sent.text
        measure = _measure(tokens, q, counts, out[-1] if part and total_here else None, g)
        if measure is None:
            continue
        total = totals.get(measure)
        part_of = total.id if total and part else None
        claim = _figure(report, sent, q, measure, as_of, part_of)
        out.append(claim)
        since = q.last
        if part_of is None:
            totals[measure] = claim


def _measure(
    tokens: tuple[Token, ...],
    q: Quantity,
    counts: list[Quantity],
    total: Claim | None,
    g: Grammar,
) -> str | None:
    """The measure a figure counts; ``total``: the figure of the same sentence it is a part
    of, when a part cue stands between them."""
    measure = measure_of(tokens, q, counts)
    if total is not None:
        # "задержаны 11 человек, в том числе четверо исполнителей": the part's noun
        # says who they are among the total (as English "including four gunmen").
        counted_by_noun = counts_attackers(tokens, q, g)
        measure = "perpetrators" if counted_by_noun else measure
        if not counted_by_noun and (measure or counts_people(tokens, q, g)):
            measure = total.measure  # a part counts what its total counts
    return measure


def _figure(
    report: _Report,
    sent: Sentence,
    q: Quantity,
    measure: str,
    as_of: str | None,
    part_of: str | None,
) -> Claim:
    tokens = sent.tokens
    subject = _subject(sent, measure, report.events)
    counted, label = counted_label(tokens, q, measure, grammar())
    end = tokens[q.last - 1].end
    return _claim(
        report, sent, q, as_of, (measure, label, counted), _about_event(subject), end, part_of
    )


def _group_size(report: _Report, sent: Sentence, q: Quantity, as_of: str | None) -> Claim | None:
    """The size of a group ("численность ИГИЛ-Х оценивается в 6000 боевиков"): the
    statistic ``count`` of the group named in the sentence, keyed by the members' English
    noun, as English keys "ISIS-K has 6,000 fighters"."""
    g = grammar()
    noun = counted_noun(sent.tokens, q)
    singular = g.size_nouns.get(noun.lemma) if noun is not None else None
    if singular is None or not any(t.lemma in g.size_words for t in sent.tokens[: q.first]):
        return None
    inside = [m for m in report.mentions if sent.start <= m.start and m.end <= sent.end]
    # Only an armed group: an organisation in the sentence is as often the source ("по
    # данным ООН") as the group.
    owner = next((m for m in inside if m.label == "ARMED_GROUP"), None)
    what = ("count", f"{singular}s", singular)
    return _claim(report, sent, q, as_of, what, _about_owner(owner), sent.tokens[q.last - 1].end)


def _lone_claims(report: _Report, sent: Sentence, as_of: str | None) -> list[Claim]:
    """One person each, for a sentence without figures: "погиб мирный житель"."""
    g = grammar()
    out = []
    for noun, measure, last, count in _lone_people(sent.tokens, g):
        subject = _subject(sent, measure, report.events)
        english = english_noun(sent.tokens, noun, g) if count == 1 else None
        label = g.labels.get(measure, measure)
        out.append(
            Claim(
                doc_id=report.doc_id,
                measure=measure,
                low=count,
                high=count,
                span=(noun.start, last.end),
                sentence=sent.text,
                label=f"{english} {label.split()[-1]}" if english else label,
                as_of=as_of,
                attributed_to=_attribution(sent, report.statements),
                subject_kind="event" if subject else "none",
                subject_ref=subject.id if subject else None,
                subject_name=subject.description if subject else None,
                counted=english or "people",
            )
        )
    return out


__all__ = ["find_claims"]
