"""Figures in a Russian report, per the claim contract and the English measures.

A quantity (:mod:`.numbers`) is a claim when it counts people: the noun it quantifies is a
noun of people ("человек", "детей") or fixes the measure by itself ("четверо нападавших"),
or no noun follows and a cue word is near ("погибли 40"). Its measure is the nearest cue
lemma ("погибших", "пострадали", "госпитализированы", "задержаны"). Times, dates, ages,
distances and sums are never claims. A figure after "в том числе" / "среди них" is a part
of the figure before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from crosscheck.analysis.lang.ru.dates import find_dates
from crosscheck.analysis.lang.ru.grammar import Grammar, fold, grammar
from crosscheck.analysis.lang.ru.numbers import Quantity, find_quantities
from crosscheck.analysis.lang.ru.parse import Sentence, Token, singular
from crosscheck.analysis.lang.ru.statistics import percent_token, read_share
from crosscheck.model import Claim, EventMention, Mention, Statement

#: How far (tokens) a cue may sit from its number, and how far the counted noun may follow.
CUE_WINDOW = 20
NOUN_WINDOW = 3
#: Years a bare number is taken for ("в 2004-м", "2024") when no noun of people follows.
YEARS = range(1900, 2101)
_PARTS = (("в", "том", "числе"), ("среди",), ("из", "них"), ("включая",))
_WORD = re.compile(r"\w", re.UNICODE)
#: Relations that join another clause, whose verb speaks for its own figures only.
_OTHER_CLAUSE = frozenset({"conj", "parataxis", "advcl", "ccomp", "acl", "acl:relcl"})
#: Relations that make a figure the verb's own: its subject or object.
_ARGUMENT = frozenset({"nsubj", "nsubj:pass", "obj", "iobj"})
_VIOLENT = ("attack", "shooting", "bombing", "suicide_bombing", "arson")


def _counted(tokens: tuple[Token, ...], q: Quantity) -> Token | None:
    """The noun a quantity counts: the first noun (or noun-like participle) after it."""
    g = grammar()
    for tok in tokens[q.end : q.end + NOUN_WINDOW]:
        if not _WORD.search(tok.text):
            return None
        if tok.pos in ("NOUN", "PROPN"):
            return tok
        if tok.pos == "VERB":
            # A participle used as a noun ("93 погибших") counts; a finite verb
            # ("35 получили ранения") leaves the measure to the cues.
            nounlike = any(tok.lemma in ls for ls in (*g.counted.values(), g.people))
            return tok if nounlike and _participle(tok) else None
        if tok.pos not in ("ADJ", "DET", "NUM"):
            return None
    return None


def _participle(tok: Token) -> bool:
    # "-мых" is the present passive one: "четверо подозреваемых", "пятерых обвиняемых".
    return tok.text.lower().endswith(("ших", "щих", "нных", "тых", "вших", "ных", "мых"))


def _cue_of(tok: Token, g: Grammar, tokens: tuple[Token, ...] = ()) -> str | None:
    found = next((m for m, lemmas in g.cues.items() if tok.lemma in lemmas), None)
    if found is None and tok.lemma in g.leave_verbs and _leaves_home(tokens, tok, g):
        return "displaced"  # "покинули свои дома"
    if found is None and tok.lemma in g.paired_cues:
        measure, dependents = g.paired_cues[tok.lemma]
        # The pair hangs on the word ("медицинская помощь", "в тяжёлом состоянии") or, for
        # a subject or object, on its verb ("состояние шестерых оценивается как тяжёлое").
        heads = {tok.index}
        if tok.rel in _ARGUMENT and 0 <= tok.head < len(tokens):
            heads.add(tok.head)
        if any(t.head in heads and t.lemma in dependents for t in tokens):
            return measure
    return found


def _leaves_home(tokens: tuple[Token, ...], verb: Token, g: Grammar) -> bool:
    return any(t.head == verb.index and t.lemma in g.home_nouns for t in tokens)


def _governing_cue(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> str | None:
    """The cue verb whose subject or object the figure is, or the cue that verb governs:
    "Семь человек погибли и 15 были ранены" gives 15 to "ранены", however near "погибли"
    stands."""
    anchor = _counted(tokens, q) or tokens[q.start]
    if anchor.rel not in _ARGUMENT or not 0 <= anchor.head < len(tokens):
        return None
    verb = tokens[anchor.head]
    if verb.pos not in ("VERB", "AUX"):
        return None
    own = _cue_of(verb, g, tokens)
    if own is not None:
        return own
    # "шесть получили ранения": the verb's own object says it, however near another
    # clause's cue stands ("Четыре человека погибли, шесть получили ранения").
    return next(
        (
            measure
            for t in tokens
            if t.head == verb.index
            and t is not anchor
            and t.rel not in _OTHER_CLAUSE
            and (measure := _cue_of(t, g, tokens)) is not None
        ),
        None,
    )


def _is_date_day(tokens: tuple[Token, ...], tok: Token, g: Grammar) -> bool:
    following = tokens[tok.index + 1] if tok.index + 1 < len(tokens) else None
    return following is not None and following.lemma in g.months


def _headed_cue(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> str | None:
    """ "Число пострадавших ... достигло 24": the noun after "число" before the figure,
    with no other number and no new clause between, says what the figure counts."""
    for tok in reversed(tokens[: q.first]):
        if (tok.pos == "NUM" or tok.text.isdigit()) and not _is_date_day(tokens, tok, g):
            return None
        if _new_clause(tokens, tok.index, q.first):
            return None
        if tok.index and tokens[tok.index - 1].lemma in g.count_heads:
            cue = _cue_of(tok, g, tokens)
            if cue is not None:
                return cue
    return None


def _new_clause(tokens: tuple[Token, ...], at: int, figure: int) -> bool:
    """A colon or semicolon at ``at`` opens a clause with a verb of its own before the
    figure: "число жертв может вырасти: под завалами могут находиться от 5 до 10 человек"
    (but "число погибших: 12 человек" lists the figure under its noun)."""
    return tokens[at].text in (":", ";") and any(
        t.pos in ("VERB", "AUX") for t in tokens[at + 1 : figure]
    )


def _blocked(tokens: tuple[Token, ...], q: Quantity, cue: Token, g: Grammar) -> bool:
    """A cue after the figure that only describes another noun says nothing about it:
    "300 человек пришли почтить память погибших", "сотни пришли на прощание с погибшими"
    (but "35 получили ранения" is injured: there the cue is the verb's object)."""
    if cue.index < q.first or not 0 <= cue.head < len(tokens):
        return False
    head = tokens[cue.head]
    if head.pos not in ("NOUN", "PROPN") or q.first <= head.index < q.end:
        return False
    return _cue_of(head, g) is None and head.lemma not in g.people | g.count_heads


def _governed_elsewhere(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """The figure belongs to a verb that says nothing of harm ("в зале находились 6200
    зрителей"): no cue elsewhere in the sentence is about it. A verb whose own object is a
    cue ("19 человек получили ранения") speaks for it."""
    anchor = _counted(tokens, q) or tokens[q.start]
    if not 0 <= anchor.head < len(tokens):
        return False
    verb = tokens[anchor.head]
    if verb.pos not in ("VERB", "AUX") or _cue_of(verb, g, tokens) or verb.lemma in g.rise_verbs:
        return False
    return not any(
        t.head == verb.index and t.rel not in _OTHER_CLAUSE and _cue_of(t, g, tokens)
        for t in tokens
    )


def _across(q: Quantity, cue: Token, others: Sequence[Quantity]) -> bool:
    """Another figure stands between the figure and the cue: the cue is that figure's."""
    lo, hi = (cue.index, q.first) if cue.index < q.first else (q.end, cue.index)
    return any(o is not q and lo <= o.first and o.end <= hi for o in others)


def _nearest_cue(
    tokens: tuple[Token, ...], q: Quantity, g: Grammar, others: Sequence[Quantity]
) -> str | None:
    headed = _headed_cue(tokens, q, g) or _governing_cue(tokens, q, g)
    if headed is not None:
        return headed
    if _governed_elsewhere(tokens, q, g):
        return None
    best: tuple[int, str] | None = None
    for tok in tokens:
        if q.first <= tok.index < q.end:
            continue
        measure = _cue_of(tok, g, tokens)
        if measure is None or _blocked(tokens, q, tok, g) or _across(q, tok, others):
            continue
        if tok.index < q.first and any(
            _new_clause(tokens, k, q.first) for k in range(tok.index + 1, q.first)
        ):
            continue  # the cue is another clause's
        distance = q.first - tok.index if tok.index < q.first else tok.index - q.end + 1
        if distance <= CUE_WINDOW and (best is None or distance < best[0]):
            best = (distance, measure)
    return best[1] if best else None


def measure_of(
    tokens: tuple[Token, ...], q: Quantity, others: Sequence[Quantity] = ()
) -> str | None:
    """The measure a quantity counts, or ``None`` when it is no claim.

    ``others``: the sentence's other quantities (a cue beyond one of them is not ours).
    """
    g = grammar()
    if q.first and tokens[q.first - 1].lemma == "ни":
        return None  # "не пострадал ни один человек": nobody
    if q.first and fold(tokens[q.first - 1].text) == "по":
        return None  # "пострадавшим — по 500 тысяч": so much each, a sum, not a count
    if tokens[q.start].lemma == "один" and q.end - q.start == 1 and not _counted(tokens, q):
        # "ещё одного ищут": a pronoun, not a count; "скончалась одна из раненых": one
        # more death, told beside the toll it raises, not a toll of one.
        return None
    if _among(tokens, q, g):
        return _governing_cue(tokens, q, g)
    noun = _counted(tokens, q)
    if noun is not None:
        if noun.lemma in g.not_counts:
            return None
        for measure, lemmas in g.counted.items():
            if noun.lemma in lemmas:
                if measure in g.role_measures:
                    return _governing_cue(tokens, q, g) or measure
                later = _governing_cue(tokens, q, g)
                if later in g.later_measures.get(measure, ()):
                    return later  # "скончались двое пострадавших"
                return measure
        if noun.lemma not in g.people and not any(noun.lemma in ls for ls in g.cues.values()):
            return None
    elif not q.vague and q.low is not None and q.low == q.high and int(q.low) in YEARS:
        return None
    if q.end < len(tokens) and tokens[q.end].text in ("%", "‰"):
        return None
    return _nearest_cue(tokens, q, g, others)


def _among(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """ "двое из задержанных", "трое из раненых": the figure picks some of a group of
    people, so only the verb it is the subject or object of can say what befell them
    ("трое из раненых скончались" are killed; "трое из задержанных — иностранцы" is no
    figure, though "задержанных" stands beside it)."""
    if q.end + 1 >= len(tokens) or tokens[q.end].lemma != "из":
        return False
    noun = tokens[q.end + 1]
    return noun.lemma in g.people or any(noun.lemma in ls for ls in g.counted.values())


def _counted_label(
    tokens: tuple[Token, ...], q: Quantity, measure: str, g: Grammar
) -> tuple[str, str]:
    """What is counted and the English label: "people killed", or a restrictive noun's own
    ("children killed"), which groups apart from the toll as it does in English."""
    label = g.labels.get(measure, measure)
    if measure == "perpetrators":
        return "perpetrators", label
    noun = _counted(tokens, q)
    english = g.nouns.get(noun.lemma) if noun is not None else None
    if english is None:
        return "people", label
    return english, f"{english} {label.split()[-1]}"


def _not_a_count(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    noun = _counted(tokens, q)
    return noun is not None and noun.lemma in g.not_counts


def _counts_people(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """The figure counts people, or nothing named ("четверо из них")."""
    noun = _counted(tokens, q)
    return noun is None or noun.lemma in g.people


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


def _lone_people(tokens: tuple[Token, ...], g: Grammar) -> list[tuple[Token, str]]:
    """ "В результате обстрела погиб мирный житель": one person, no numeral. The subject of
    a singular, unnegated cue verb that names a person counts 1 for the verb's measure."""
    out: list[tuple[Token, str]] = []
    for noun in tokens:
        if noun.rel not in ("nsubj", "nsubj:pass") or not 0 <= noun.head < len(tokens):
            continue
        person = noun.lemma in g.people or any(noun.lemma in ls for ls in g.counted.values())
        verb = tokens[noun.head]
        if not person or verb.pos != "VERB" or noun.pos not in ("NOUN", "VERB"):
            continue
        measure = _cue_of(verb, g, tokens)
        if measure is None or not (singular(noun.text) and singular(verb.text)):
            continue
        negated = verb.index and tokens[verb.index - 1].lemma == "не"
        counted = any(
            t.head == noun.index and (t.pos == "NUM" or t.lemma in _NOT_ONE) for t in tokens
        )
        if not negated and not counted:
            out.append((noun, measure))
    return out


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


def _share(
    doc_id: str,
    sent: Sentence,
    q: Quantity,
    pct: Token,
    as_of: str | None,
    statements: list[Statement],
    mentions: list[Mention],
) -> Claim:
    """A percentage as the statistic measure ``percent``, its owner as the subject."""
    label, counted, owner = read_share(sent.tokens, pct, mentions, q.first)
    return Claim(
        doc_id=doc_id,
        measure="percent",
        low=_number(q.low),
        high=_number(q.high),
        span=(sent.tokens[q.first].start, pct.end),
        sentence=sent.text,
        label=label,
        approximate=q.approximate,
        vague=q.vague,
        as_of=as_of,
        attributed_to=_attribution(sent, statements),
        subject_kind="entity" if owner else "none",
        subject_ref=owner.key if owner else None,
        subject_name=owner.canonical or owner.text if owner else None,
        counted=counted,
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
    g = grammar()
    out: list[Claim] = []
    totals: dict[str, Claim] = {}  # measure -> the report's last whole figure
    for sent in sentences:
        tokens = sent.tokens
        as_of = _as_of(sent, published)
        since = 0
        quantities = find_quantities(tokens)
        # Times, ages and sums ("на два месяца") do not stand between a cue and its figure.
        counts = [q for q in quantities if not _not_a_count(tokens, q, g)]
        for q in quantities:
            pct = percent_token(tokens, q)
            if pct is not None:
                out.append(_share(doc_id, sent, q, pct, as_of, statements, mentions or []))
                continue
            measure = measure_of(tokens, q, counts)
            # "в том числе трое детей" before the figure, "около 80 из них" after it.
            part = _part_cue(tokens, since, q.first) or _part_cue(tokens, q.end, q.end + 2)
            if part and since and out and out[-1].sentence == sent.text:
                counted_by_noun = measure == "perpetrators"  # "двое нападавших" stay attackers
                if not counted_by_noun and (measure or _counts_people(tokens, q, g)):
                    measure = out[-1].measure  # a part counts what its total counts
            if measure is None:
                continue
            total = totals.get(measure)
            part_of = total.id if total and part else None
            subject = _subject(sent, measure, events)
            counted, label = _counted_label(tokens, q, measure, g)
            claim = Claim(
                doc_id=doc_id,
                measure=measure,
                low=_number(q.low),
                high=_number(q.high),
                span=(tokens[q.first].start, tokens[q.end - 1].end),
                sentence=sent.text,
                label=label,
                approximate=q.approximate,
                vague=q.vague,
                as_of=as_of,
                attributed_to=_attribution(sent, statements),
                subject_kind="event" if subject else "none",
                subject_ref=subject.id if subject else None,
                subject_name=subject.description if subject else None,
                counted=counted,
                part_of=part_of,
            )
            out.append(claim)
            since = q.end
            if part_of is None:
                totals[measure] = claim
        if quantities:
            continue  # a sentence with figures counts by them, not by its nouns
        for noun, measure in _lone_people(tokens, g):
            subject = _subject(sent, measure, events)
            english = g.nouns.get(noun.lemma)
            label = g.labels.get(measure, measure)
            out.append(
                Claim(
                    doc_id=doc_id,
                    measure=measure,
                    low=1,
                    high=1,
                    span=(noun.start, noun.end),
                    sentence=sent.text,
                    label=f"{english} {label.split()[-1]}" if english else label,
                    as_of=as_of,
                    attributed_to=_attribution(sent, statements),
                    subject_kind="event" if subject else "none",
                    subject_ref=subject.id if subject else None,
                    subject_name=subject.description if subject else None,
                    counted=english or "people",
                )
            )
    return out


__all__ = ["find_claims", "measure_of"]
