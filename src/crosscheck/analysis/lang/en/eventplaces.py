"""Event places: the most specific geocodable place of an incident's clause.

Place mentions are ranked by how close they sit to the trigger (its phrase, its clause,
its sentence) and how specific they are (venue, city, region, country). Hospitals where
victims were treated, surnames that are also town names and towns the tagger missed are
handled here.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from crosscheck.analysis.geo import Place, geocode
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.eventtypes import triggers
from crosscheck.analysis.lang.en.measures import lexicon
from crosscheck.model import Mention

_PLACE_LABELS = ("FAC", "GPE", "LOC")
_PLACE_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}


def event_place(
    token: Token, sent: Span, mentions: list[Mention], chunk: Chunk
) -> tuple[Mention, Place] | None:
    """The most specific geocodable place in the trigger's clause, else its sentence."""
    clause_root = token
    while (
        clause_root.dep_ not in ("ROOT", "ccomp", "advcl", "relcl")
        and clause_root.head != clause_root
    ):
        clause_root = clause_root.head
    s_start, s_end = chunk.span_of(sent)
    clause = {t.idx for t in clause_root.subtree}
    near = {t.idx for t in token.subtree}
    scored: list[tuple[int, float, int, Mention, Place]] = []
    for m in mentions:
        if m.label not in _PLACE_LABELS or not (s_start <= m.start and m.end <= s_end):
            continue
        place = geocode(m.canonical or m.text)
        if place is None or _names_a_hospital(chunk, m) or _surname(m, mentions):
            continue
        local = m.start - chunk.offset
        scope = 0 if local in near else 1 if local in clause else 2
        distance = abs(local - token.idx)
        rank: float = _PLACE_RANK.get(place.kind, 3)
        if place.kind == "city" and _names_a_thing(chunk, m):
            # "the Elmwood restaurant in Bhiwandi": a town's name used as a venue's name
            # places the incident less surely than the town the phrase goes on to name.
            rank += 0.5
        scored.append((scope, rank, distance, m, place))
    if not scored:
        return _unlabelled_town(clause_root, mentions, chunk)
    best = min(scored, key=lambda s: (s[0], s[1], s[2]))
    return best[3], best[4]


def mention_at(token: Token, mentions: list[Mention], chunk: Chunk) -> Mention | None:
    """The entity mention that covers ``token``, if any."""
    start, end = chunk.abs(token.idx, token.idx + len(token.text))
    for m in mentions:
        if m.start <= start and end <= m.end:
            return m
    return None


def _surname(m: Mention, mentions: list[Mention]) -> bool:
    """ "Allen said she called her son, Joseph Allen": a one-word place that is the surname
    of a person the text names is that person (a person's surname is never a place)."""
    word = m.text.strip()
    if " " in word:
        return False
    return any(
        p.label == "PERSON" and " " in p.text.strip() and p.text.split()[-1] == word
        for p in mentions
    )


@cache
def _hospital_words() -> frozenset[str]:
    return frozenset(str(w) for w in lexicon()["hospital_nouns"]) | {"center", "centre"}


def _mention_span(chunk: Chunk, m: Mention) -> Span | None:
    """The tokens of a mention in the chunk's parse (None when it covers none)."""
    span = chunk.sdoc.char_span(
        m.start - chunk.offset, m.end - chunk.offset, alignment_mode="expand"
    )
    return span if span is not None and len(span) else None


def _names_a_hospital(chunk: Chunk, m: Mention) -> bool:
    """ "taken to Mount Sinai Hospital", "Christ Medical Center": the hospital's name is where
    victims were treated, not where the incident happened."""
    span = _mention_span(chunk, m)
    if span is None:
        return False
    doc = span.doc
    end = span.end
    while end < len(doc) and end < span.end + 3 and doc[end].pos_ == "PROPN":
        if doc[end].lower_ in _hospital_words():
            return True
        end += 1
    head = span.root
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head
    return head.i >= span.end and head.lower_ in _hospital_words()


def _names_a_thing(chunk: Chunk, m: Mention) -> bool:
    """The mention modifies a common noun after it ("Elmwood" in "the Elmwood restaurant")."""
    span = _mention_span(chunk, m)
    if span is None:
        return False
    last = span[-1]
    return (
        last.dep_ in ("compound", "amod", "nmod")
        and last.head.pos_ == "NOUN"
        and (last.head.i > last.i)
    )


def _unlabelled_town(
    clause_root: Token, mentions: list[Mention], chunk: Chunk
) -> tuple[Mention, Place] | None:
    """A sizeable town the tagger missed or mislabelled, named after "in", "near" or "outside".

    The small model misses many towns ("a mosque in Linfen") or takes them for a person or an
    organisation ("a nightclub in Izmir"); a proper noun in such a phrase
    that is a known town of some size is taken as the place (never a country or region,
    whose names the tagger rarely misses).
    """
    least = triggers().untagged_town_min_population
    for t in clause_root.subtree:
        if t.pos_ != "PROPN" or t.dep_ != "pobj" or t.head.lower_ not in ("in", "near", "outside"):
            continue
        tagged = mention_at(t, mentions, chunk)
        if tagged is not None and tagged.label in _PLACE_LABELS:
            continue  # a tagged place that is no known town: not one to second-guess
        first = min((c.i for c in t.lefts if c.dep_ == "compound"), default=t.i)
        words = t.doc[first : t.i + 1]
        place = geocode(words.text)
        if place is None or place.kind != "city" or place.population < least:
            continue
        start, end = chunk.abs(words.start_char, words.end_char)
        key = words.text.lower()
        return Mention(chunk.document.id, start, end, words.text, "GPE", key), place
    return None


__all__ = ["event_place", "mention_at"]
