"""Casualty figures said without a number, and the outcome of a harm verb.

Local news rarely writes "1 person was killed": it writes "a 4-year-old girl was shot and
killed", "police found a man dead", "the shooting death of a teenager", "he died at the
hospital". Each is a figure (one person killed), and a list of victims is one figure too
("killed his two brothers, his mother and a sister-in-law before taking his own life" is
five killed: the shooter who dies is counted). This module makes those figures
(:func:`victim_readings`) from the harms a sentence tells (:mod:`.harmed`), the people its
victim phrases name (:mod:`.victims`) and what the harm verbs did to them (:mod:`.outcomes`:
"shot" alone says people were hit, ``casualties``; "shot and killed" that they died).

It reads a parse and returns readings; it never decides a figure's subject or source
(:mod:`crosscheck.analysis.lang.en.claims` does). Word lists live in ``data/en/casualties.yaml``
(:mod:`.harmwords`).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.harmed import harm_arguments
from crosscheck.analysis.lang.en.harmwords import (
    REFLEXIVE,
    table,
    words,
)
from crosscheck.analysis.lang.en.measures import Reading, lemma, lookup
from crosscheck.analysis.lang.en.outcomes import (
    contrasted_with_death,
    same_victim_verbs,
)
from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.analysis.lang.en.victims import number_on, phrase_members, victim_count


def victim_readings(
    sent: Span, taken: set[int], published: date | None = None
) -> list[tuple[Quantity, Reading]]:
    """Figures said by victim phrases without a number, in one sentence.

    Args:
        sent: the parsed sentence.
        taken: token indexes already covered by a numeric figure; a phrase touching one
            is left to that figure, unless it lists more people than the number does.
        published: the report's publication date: a single death the sentence dates to
            an earlier year ("a drone strike killed him in January 2020") is history.

    Returns:
        (quantity, reading) pairs like :func:`crosscheck.analysis.lang.en.counts.read_count`'s: an
        exact interval, the measure, and the victim noun and harm word.
    """
    best: dict[int, tuple[Quantity, Reading]] = {}
    history = _of_another_year(sent, published)
    for tok in sent:
        for head, measure, word in harm_arguments(tok):
            members = phrase_members(head)
            count = victim_count(head) or _attacker_own_death(head, word) or _one_body(head)
            if count is None or count < 1:
                continue
            if (history or _hedged(word)) and all(number_on(m) is None for m in members):
                continue
            numbered = [m for m in members if number_on(m) is not None]
            # The shooter's own death counts in the toll, when the victims are others; one
            # who finds the dead ("found a man ..., killing himself") harmed no one.
            self_harm = (
                measure == "killed"
                and head.dep_ == "dobj"
                and word.pos_ == "VERB"
                and lemma(word) not in words("dead_placing_verbs")
                and _self_harm(word, head)
            )
            plain = any(m.i in taken for m in members) and len(members) == len(numbered)
            if plain and not self_harm:
                continue  # plain numeric figures ("two men") are read by read_count
            if self_harm:
                count += 1
            start, end = _phrase_bounds(members)
            q = Quantity(start, end, head.i, count, count)
            reading = Reading(measure, _label(measure, word), "people", head, word)
            known = best.get(head.i)
            # One phrase, several harm words ("the boy, who was struck, has died"): the
            # outcome that says most wins.
            if known is None or _rank(measure) > _rank(known[1].measure):
                best[head.i] = (q, reading)
    return _one_outcome_each(sorted(best.values(), key=lambda p: p[0].start))


def _phrase_bounds(members: list[Token]) -> tuple[int, int]:
    """Token range of a victim phrase: from the first word of its first member to the end
    of its last member's noun ("sister-in-law" whole), without clauses or appositions."""
    first, last = members[0], members[-1]
    start = min(
        (t.i for t in first.subtree if t.i <= first.i and t.dep_ not in ("relcl", "acl")),
        default=first.i,
    )
    end = last.i + 1
    doc = last.doc
    # A hyphenated noun goes on while no space separates its pieces.
    while (
        end < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].is_alpha | (doc[end].text in ("-", "–"))
    ):
        end += 1
    return start, end


def _label(measure: str, verb: Token) -> str:
    if measure == "casualties":
        return f"people {verb.lower_ if verb.tag_ in ('VBN', 'VBD') else 'hit'}"
    return f"people {measure}"


def _of_another_year(sent: Span, published: date | None) -> bool:
    """The sentence dates what it tells to an earlier year: history, not the incident."""
    if published is None:
        return False
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        for tok in ent:
            year = tok.text.isdigit() and len(tok.text) == 4 and int(tok.text)
            if year and 1900 < year < published.year:
                return True
    return False


def _attacker_own_death(head: Token, word: Token) -> int | None:
    """1 for "a gunman ... killed himself": an attacker hit by others is not counted with the
    victims (their figures count perpetrators), but one who kills himself is, as when the
    report lists the victims "before taking his own life"."""
    own = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVE for c in word.children)
    attacker = lookup("measure_nouns").get(lemma(head)) == "perpetrators"
    return 1 if own and attacker and head.tag_ == "NN" else None


def _one_body(head: Token) -> int | None:
    """1 for "a body", "the body of a man": one person found dead (numbers are counts')."""
    if lemma(head) not in words("body_nouns") or head.tag_ != "NN":
        return None
    return 1 if any(c.dep_ == "det" for c in head.children) else None


def _one_outcome_each(found: list[tuple[Quantity, Reading]]) -> list[tuple[Quantity, Reading]]:
    """One victim hurt and then dead in one sentence is one death: "she was taken to a
    hospital, where she was pronounced dead", "a girl has died after she suffered a gunshot
    wound". A pronoun beside another single victim is taken to be that victim ("a boy was
    killed and a girl was hurt" names two people and keeps both)."""
    single = [(q, r) for q, r in found if q.low == 1 and r.measure in ("killed", "injured")]
    deaths = [p for p in single if p[1].measure == "killed"]
    if not deaths:
        return found
    pronoun = any(
        r.noun is not None and r.noun.lower_ in words("person_pronouns") for _, r in single
    )
    if not pronoun:
        return found
    # "shot a neighbor and then killed himself" names two people by its contrast.
    return [
        p for p in found if p not in single or p[1].measure != "injured" or _contrasted(p[1].verb)
    ]


def _contrasted(word: Token | None) -> bool:
    return (
        word is not None
        and word.pos_ in ("VERB", "AUX")
        and contrasted_with_death(word, same_victim_verbs(word))
    )


def _hedged(word: Token) -> bool:
    """ "was likely killed", "reportedly died": a guess, not a report."""
    verbs = same_victim_verbs(word) if word.pos_ in ("VERB", "AUX") else [word]
    return any(c.lower_ in words("hedge_adverbs") for v in verbs for c in v.children)


def _rank(measure: str) -> int:
    return HARM_MEASURES.index(measure) if measure in HARM_MEASURES else -1


def _self_harm(verb: Token, victims: Token) -> bool:
    """ "... before taking his own life", "then turned the gun on himself", "killed himself",
    said of the one who harmed ``victims``; a clause on the victim phrase itself ("found a man
    who had shot himself, killing himself") tells that victim's own death, counted once."""
    table_ = table()["self_harm"]
    pairs = {tuple(str(p).split()) for p in table_["verb_objects"]}
    reflexive = {tuple(str(p).split()) for p in table_["verb_reflexive"]}
    inside = {t.i for t in victims.subtree}
    for v in verb.subtree:
        if v.pos_ != "VERB" or v.i in inside:
            continue
        for c in v.children:
            own = c.dep_ == "dobj" and any(g.lower_ == "own" for g in c.subtree)
            if own and (lemma(v), lemma(c)) in pairs:
                return True
            if c.dep_ == "dobj" and c.lower_ in REFLEXIVE and (lemma(v),) in reflexive:
                return True
            if c.dep_ == "prep":
                objs = [o for o in c.children if o.dep_ == "pobj" and o.lower_ in REFLEXIVE]
                if objs and (lemma(v), c.lower_) in reflexive:
                    return True
    return False


__all__ = ["victim_readings"]
