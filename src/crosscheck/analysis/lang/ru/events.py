"""Event mentions in a Russian report: a trigger word with the date, place and actors of
its sentence, described in English so the incident is named and linked as for English.

Triggers are lemmas from ``data/ru/events.yaml`` ("теракт", "нападение", "стрельба",
"задержание"); a claim of responsibility ("взяло на себя ответственность") is a ``claim``
event with the group as its perpetrator. A sentence names an incident once per type.
"""

from __future__ import annotations

from datetime import date

from crosscheck.analysis.geo import geocode
from crosscheck.analysis.lang.ru.dates import FoundDate, find_dates
from crosscheck.analysis.lang.ru.grammar import grammar
from crosscheck.analysis.lang.ru.parse import Sentence
from crosscheck.model import Actor, EventMention, Mention

_PLACE_LABELS = ("FAC", "GPE", "LOC")
_VIOLENT = frozenset({"attack", "shooting", "bombing", "suicide_bombing", "arson"})
_GROUP_LABELS = ("ARMED_GROUP",)
#: The English word each type is described by.
_WORDS = {
    "attack": "attack",
    "shooting": "shooting",
    "bombing": "bombing",
    "suicide_bombing": "suicide bombing",
    "arson": "arson attack",
    "arrest": "arrest",
    "sentencing": "sentencing",
    "deportation": "deportation",
    "claim": "claim of responsibility",
}


#: Verbs (lemmas) that with "ответственность" near them claim an act, in either order:
#: "взяло на себя ответственность", "ответственность за взрыв взяло на себя".
_TAKE = frozenset({"взять", "брать", "признать", "принять"})
RESPONSIBILITY_WINDOW = 6


def _phrase_at(lemmas: list[str], phrase: tuple[str, ...]) -> int | None:
    """Where the lemma ``phrase`` first starts in ``lemmas``, or None."""
    for i in range(len(lemmas) - len(phrase) + 1):
        if tuple(lemmas[i : i + len(phrase)]) == phrase:
            return i
    return None


def _claims_act(sent: Sentence) -> int | None:
    """The token where a phrase claiming an act starts ("взяло на себя ответственность")."""
    lemmas = [t.lemma for t in sent.tokens]
    for phrase in grammar().claim_phrases:
        at = _phrase_at(lemmas, phrase)
        if at is not None:
            return at
    for i, word in enumerate(lemmas):
        if word != "ответственность":
            continue
        lo, hi = max(0, i - RESPONSIBILITY_WINDOW), i + RESPONSIBILITY_WINDOW + 1
        for j in range(lo, min(hi, len(lemmas))):
            if lemmas[j] in _TAKE:
                return j
    return None


#: A place as an event records it: name, country, latitude, longitude and kind.
_Place = tuple[str | None, str | None, float | None, float | None, str | None]


def _place(mentions: list[Mention]) -> _Place:
    """The most precise place the sentence names: a venue or city before a region or country."""
    best = None
    for m in mentions:
        if m.label not in _PLACE_LABELS:
            continue
        place = geocode(m.canonical or m.key.title())
        if place is None:
            continue
        rank = 0 if place.kind in ("venue", "city") else 1 if place.kind == "region" else 2
        if best is None or rank < best[0]:
            best = (rank, place)
    if best is None:
        return None, None, None, None, None
    place = best[1]
    return place.name, place.country_name, place.latitude, place.longitude, place.kind


#: A date belongs to a trigger this close (tokens); farther, it dates the reporting
#: ("..., сообщил в воскресенье СК").
DATE_WINDOW = 8


def _date_near(sent: Sentence, dates: list[FoundDate], start: int) -> tuple[str | None, str | None]:
    at = next((t.index for t in sent.tokens if t.start == start), 0)
    near = [d for d in dates if min(abs(d.start - at), abs(at - d.end)) <= DATE_WINDOW]
    if not near:
        return None, None
    best = min(near, key=lambda d: min(abs(d.start - at), abs(at - d.end)))
    return best.iso, best.precision


def find_events(
    sentences: tuple[Sentence, ...],
    mentions: list[Mention],
    doc_id: str,
    published: date | None,
    speakers: frozenset[str] = frozenset(),
) -> list[EventMention]:
    """Event mentions of a Russian report, in text order.

    ``speakers``: ids of mentions that speak in a statement; a place that speaks ("Киев
    опроверг причастность к теракту") is not where the incident happened.
    """
    out: list[EventMention] = []
    for sent in sentences:
        found = _triggers(sent)
        if not found:
            continue
        inside = [
            m
            for m in mentions
            if sent.start <= m.start and m.end <= sent.end and m.id not in speakers
        ]
        dates = find_dates(sent.tokens, published)
        places = _place(inside)
        # A venue in the sentence is where the attack was, not where arrests were made.
        other = _place([m for m in inside if m.label != "FAC"])
        groups = [m for m in inside if m.label in _GROUP_LABELS]
        for kind, trigger in found.items():
            where = places if kind in _VIOLENT else other
            when = _date_near(sent, dates, trigger[0])
            out.append(_event(doc_id, sent, kind, trigger, when, where, groups))
    out.sort(key=lambda e: e.span)
    return out


def _triggers(sent: Sentence) -> dict[str, tuple[int, int, str]]:
    """The first trigger of each kind in the sentence: kind -> (start, end, its text)."""
    g = grammar()
    found: dict[str, tuple[int, int, str]] = {}
    for tok in sent.tokens:
        kind = g.triggers.get(tok.lemma)
        if kind is not None and kind not in found:
            found[kind] = (tok.start, tok.end, tok.text)
    for kind, phrase in _phrase_triggers(sent):
        if kind not in found or phrase[0] < found[kind][0]:
            found[kind] = phrase
    claim_at = _claims_act(sent)
    if claim_at is not None:
        tok = sent.tokens[claim_at]
        found["claim"] = (tok.start, tok.end, tok.text)
    return found


def _phrase_triggers(sent: Sentence) -> list[tuple[str, tuple[int, int, str]]]:
    """Incidents named by a phrase of lemmas ("открыли огонь"): (kind, (start, end, text))."""
    lemmas = [t.lemma for t in sent.tokens]
    out = []
    for phrase, kind in grammar().trigger_phrases.items():
        i = _phrase_at(lemmas, phrase)
        if i is not None:
            first, last = sent.tokens[i], sent.tokens[i + len(phrase) - 1]
            text = sent.text[first.start - sent.start : last.end - sent.start]
            out.append((kind, (first.start, last.end, text)))
    return out


def _event(
    doc_id: str,
    sent: Sentence,
    kind: str,
    trigger: tuple[int, int, str],
    when: tuple[str | None, str | None],
    where: _Place,
    groups: list[Mention],
) -> EventMention:
    location, country, lat, lon, kind_of_place = where
    actors = (
        tuple(Actor("perpetrator", m.canonical or m.text, m.key) for m in groups)
        if kind in ("claim", "attack", "shooting", "bombing")
        else ()
    )
    preposition = "at" if kind_of_place == "venue" else "in"
    place = f" {preposition} {location}" if location and kind != "claim" else ""
    return EventMention(
        doc_id=doc_id,
        type=kind,
        trigger=trigger[2],
        span=(trigger[0], trigger[1]),
        sentence=sent.text,
        date=when[0],
        date_precision=when[1],  # type: ignore[arg-type]
        location=location,
        country=country,
        latitude=lat,
        longitude=lon,
        actors=actors,
        description=_WORDS.get(kind, kind) + place,
    )


__all__ = ["find_events"]
