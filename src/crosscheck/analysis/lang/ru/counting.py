"""What a Russian figure counts: its measure, from the noun it quantifies and the cues
around it, read by :mod:`.claims`.

The noun a quantity counts fixes the measure when it names one ("четверо нападавших",
"93 погибших"); else the verb the figure is the subject or object of, or the noun after
"число" before it, or the nearest cue lemma ("погибли", "пострадали", "задержаны") in its
own clause. A figure that counts no people and that no cue speaks for is no claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.analysis.lang.ru.grammar import Grammar, fold, grammar
from crosscheck.analysis.lang.ru.numbers import Quantity
from crosscheck.analysis.lang.ru.parse import Token

#: How far (tokens) a cue may sit from its number, and how far the counted noun may follow.
CUE_WINDOW = 20
NOUN_WINDOW = 3
#: Years a bare number is taken for ("в 2004-м", "2024") when no noun of people follows.
YEARS = range(1900, 2101)
_WORD = re.compile(r"\w", re.UNICODE)
#: Relations that join another clause, whose verb speaks for its own figures only.
_OTHER_CLAUSE = frozenset({"conj", "parataxis", "advcl", "ccomp", "acl", "acl:relcl"})
#: Relations that make a figure the verb's own: its subject or object.
_ARGUMENT = frozenset({"nsubj", "nsubj:pass", "obj", "iobj"})


def counted_noun(tokens: tuple[Token, ...], q: Quantity) -> Token | None:
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
        if tok.pos not in ("ADJ", "DET", "NUM") and fold(tok.text) not in g.possessives:
            return None
    return None


def _participle(tok: Token) -> bool:
    # "-мых" is the present passive one: "четверо подозреваемых", "пятерых обвиняемых".
    return tok.text.lower().endswith(("ших", "щих", "нных", "тых", "вших", "ных", "мых"))


def cue_of(tok: Token, g: Grammar, tokens: tuple[Token, ...] = ()) -> str | None:
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
    anchor = counted_noun(tokens, q) or tokens[q.start]
    if anchor.rel not in _ARGUMENT or not 0 <= anchor.head < len(tokens):
        return None
    verb = tokens[anchor.head]
    if verb.pos not in ("VERB", "AUX"):
        return None
    own = cue_of(verb, g, tokens)
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
            and (measure := cue_of(t, g, tokens)) is not None
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
            cue = cue_of(tok, g, tokens)
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
    return cue_of(head, g) is None and head.lemma not in g.people | g.count_heads


def _governed_elsewhere(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """The figure belongs to a verb that says nothing of harm ("в зале находились 6200
    зрителей"): no cue elsewhere in the sentence is about it. A verb whose own object is a
    cue ("19 человек получили ранения") speaks for it."""
    anchor = counted_noun(tokens, q) or tokens[q.start]
    if not 0 <= anchor.head < len(tokens):
        return False
    verb = tokens[anchor.head]
    if verb.pos not in ("VERB", "AUX") or cue_of(verb, g, tokens) or verb.lemma in g.rise_verbs:
        return False
    return not any(
        t.head == verb.index and t.rel not in _OTHER_CLAUSE and cue_of(t, g, tokens) for t in tokens
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
        measure = cue_of(tok, g, tokens)
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
    if tokens[q.start].lemma == "один" and q.end - q.start == 1 and not counted_noun(tokens, q):
        # "ещё одного ищут": a pronoun, not a count; "скончалась одна из раненых": one
        # more death, told beside the toll it raises, not a toll of one.
        return None
    if _among(tokens, q, g):
        return _governing_cue(tokens, q, g)
    noun = counted_noun(tokens, q)
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


def counted_label(
    tokens: tuple[Token, ...], q: Quantity, measure: str, g: Grammar
) -> tuple[str, str]:
    """What is counted and the English label: "people killed", or a restrictive noun's own
    ("children killed"), which groups apart from the toll as it does in English."""
    label = g.labels.get(measure, measure)
    if measure == "perpetrators":
        return "perpetrators", label
    if q.through:
        return "people", label  # "трое мужчин и две женщины": people of every kind
    noun = counted_noun(tokens, q)
    english = english_noun(tokens, noun, g) if noun is not None else None
    if english is None:
        return "people", label
    return english, f"{english} {label.split()[-1]}"


def english_noun(tokens: tuple[Token, ...], noun: Token, g: Grammar) -> str | None:
    """The English noun of a restrictive noun of people, read with the word before or
    after it when the two say more together ("мирных жителей" are civilians, "сотрудников
    полиции" police officers)."""
    pairs = []
    if noun.index > 0:
        pairs.append(f"{tokens[noun.index - 1].lemma} {noun.lemma}")
    if noun.index + 1 < len(tokens):
        pairs.append(f"{noun.lemma} {tokens[noun.index + 1].lemma}")
    found = next((g.nouns[p] for p in pairs if p in g.nouns), None)
    return found or g.nouns.get(noun.lemma)


def counts_attackers(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """The noun the figure counts names attackers ("четверо нападавших")."""
    noun = counted_noun(tokens, q)
    return noun is not None and noun.lemma in g.counted.get("perpetrators", frozenset())


def not_a_count(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    noun = counted_noun(tokens, q)
    return noun is not None and noun.lemma in g.not_counts


def counts_people(tokens: tuple[Token, ...], q: Quantity, g: Grammar) -> bool:
    """The figure counts people, or nothing named ("четверо из них")."""
    noun = counted_noun(tokens, q)
    return noun is None or noun.lemma in g.people


__all__ = [
    "counted_label",
    "counted_noun",
    "counts_attackers",
    "counts_people",
    "cue_of",
    "english_noun",
    "measure_of",
    "not_a_count",
]
