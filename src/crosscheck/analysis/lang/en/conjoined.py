"""Counts on conjoined nouns that make one figure: "three Tajik and one Uzbek national".

A sentence may split one group of people across a list: "three Tajik and one Uzbek
national" is four nationals, and "four women and one man were shot" five people hit. Two
counts joined by "and" are summed when they count the same kind of thing; "1,500 police
and 200 soldiers" stay two figures.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.measures import Reading, is_person, lemma
from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.model import EVENT_MEASURES


def merge_conjoined(pairs: list[tuple[Quantity, Reading]]) -> list[tuple[Quantity, Reading]]:
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


__all__ = ["merge_conjoined"]
