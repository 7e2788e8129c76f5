"""Event mentions: specific incidents (attacks, arrests, plots, claims…) in a chunk.

Triggers are noun and verb lemmas from ``data/en/event_triggers.yaml``. A trigger
becomes an event only when it names one incident: a noun with a definite
determiner, a date, a place or a name, or a verb with a concrete subject or
object; talk about incidents in general ("the threat of attacks", "attacks in
many countries") is skipped. Each event gets its sentence, the nearest date
(resolved against publication), the most specific geocodable place in its
clause (:mod:`.eventplaces`), the actors the syntax names, and a short description
(:mod:`.eventdescriptions`). Types come from :mod:`.eventtypes`.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from crosscheck.analysis.geo import geocode
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.dates import find_dates
from crosscheck.analysis.lang.en.eventdescriptions import describe
from crosscheck.analysis.lang.en.eventplaces import event_place, mention_at
from crosscheck.analysis.lang.en.eventtypes import (
    ATTACK_TYPES,
    family,
    noun_type,
    triggers,
    verb_type,
)
from crosscheck.analysis.lang.en.harmed import harm_word
from crosscheck.analysis.lang.en.harmwords import HEADLINE
from crosscheck.analysis.lang.en.spans import doc_text
from crosscheck.model import EventMention, Mention, actors_of

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must"})


def find_events(chunk: Chunk, mentions: list[Mention]) -> list[EventMention]:
    """Specific incidents named in ``chunk``, one per trigger, in text order."""
    table = triggers()
    events: list[EventMention] = []
    for sent in chunk.sdoc.sents:
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN"):
                kind = noun_type(token, table)
                if kind is None or not _is_specific_noun(token, mentions, chunk):
                    continue
            elif _headline_gerund(token):
                kind = table.nouns.get(token.lower_)
                if kind is None or kind not in ATTACK_TYPES:
                    continue
            elif token.pos_ == "VERB":
                typed = verb_type(token, table)
                if typed is None or not _is_specific_verb(token, typed[0]):
                    continue
                kind, told = typed
                if told and _named_in_clause(token, kind, mentions, chunk):
                    continue
            else:
                continue
            events.append(_event(token, kind, sent, mentions, chunk))
    _share_dates(events)
    if not any(family(e.type) in ("attack", "disaster") for e in events):
        events.extend(_harm_event(chunk, mentions))
    return events


def _headline_gerund(token: Token) -> bool:
    """A headline's "-ing" form used as a noun, with no subject or object of its own: "Four
    wounded in shooting at drive-through", "Shooting in Fresno lands four in hospital"."""
    return (
        bool(token.doc.user_data.get(HEADLINE))
        and token.tag_ == "VBG"
        and token.dep_ in ("pcomp", "csubj", "nsubj", "pobj", "ROOT")
        and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in token.children)
    )


def _harm_event(chunk: Chunk, mentions: list[Mention]) -> list[EventMention]:
    """A chunk that names no attack but says people were shot, killed or hurt ("five people
    were found shot in a bar's parking lot", "a man has died after getting shot"): the first
    such harm is an incident mention, so the figures have an incident to be about."""
    table = triggers()
    for sent in chunk.sdoc.sents:
        word = harm_word(sent)
        if word is None:
            continue
        said = word.lemma_.lower()
        kind = table.verbs.get(said) or table.nouns.get(said) or "attack"
        return [_event(word, kind if kind in ATTACK_TYPES else "attack", sent, mentions, chunk)]
    return []


def _named_in_clause(token: Token, kind: str, mentions: list[Mention], chunk: Chunk) -> bool:
    """A told incident ("opened fire") that a trigger noun of its clause already names
    ("opened fire in a shooting at a market"): the noun's mention is the one to keep."""
    table = triggers()
    for t in token.subtree:
        if t is token or t.pos_ not in ("NOUN", "PROPN"):
            continue
        named = noun_type(t, table)
        if (
            named is not None
            and family(named) == family(kind)
            and _is_specific_noun(t, mentions, chunk)
        ):
            return True
    return False


def _share_dates(events: list[EventMention]) -> None:
    """An undated mention of an incident takes the date of a dated one at the same place.

    Reports date an incident once and then call it "the attack": within one chunk, the
    same town and the same family of type (attacks, or the claim of an attack) is
    taken to be the same incident ("the deadliest attack in Russia since the 2004 siege"
    is not the siege).
    """
    dated: dict[tuple[str, str], EventMention] = {}
    for event in events:
        if event.date and _town_level(event.location):
            dated.setdefault((family(event.type), event.location or ""), event)
    for k, event in enumerate(events):
        if event.date is None and _town_level(event.location):
            source = dated.get((family(event.type), event.location or ""))
            if source is not None:
                events[k] = dataclasses.replace(
                    event, date=source.date, date_precision=source.date_precision
                )


def _town_level(location: str | None) -> bool:
    """A town or venue: a country holds too many incidents to share a date across."""
    place = geocode(location) if location else None
    return place is not None and place.kind in ("city", "venue")


def _event(
    token: Token, kind: str, sent: Span, mentions: list[Mention], chunk: Chunk
) -> EventMention:
    located = event_place(token, sent, mentions, chunk)
    when = _date(token, sent, chunk)
    place = located[1] if located else None
    return EventMention(
        doc_id=chunk.document.id,
        type=kind,
        trigger=token.text,
        span=chunk.abs(token.idx, token.idx + len(token.text)),
        sentence=sent.text.strip(),
        date=when[0] if when else None,
        date_precision=when[1] if when else None,  # type: ignore[typeddict-item, arg-type]
        location=located[0].canonical or located[0].text if located else None,
        country=place.country_name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        actors=actors_of(_actors(token, kind, mentions, chunk)),
        description=describe(token, kind, located[0] if located else None),
    )


def _has_anchor(token: Token, mentions: list[Mention], chunk: Chunk) -> bool:
    """A date, a name or a place in the trigger's phrase makes it one incident."""
    for t in token.subtree:
        if t.ent_type_ in ("DATE", "GPE", "FAC", "LOC", "ORG", "PERSON"):
            return True
        if t is not token and mention_at(t, mentions, chunk) is not None:
            return True
    return False


def _is_specific_noun(token: Token, mentions: list[Mention], chunk: Chunk) -> bool:
    table = triggers()
    head = token.head
    if token.dep_ == "pobj" and head.head.lemma_.lower() in table.generic_heads:
        return False
    if token.dep_ in ("compound", "amod"):
        return False
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    anchored = _has_anchor(token, mentions, chunk)
    plural = token.tag_ in ("NNS", "NNPS")
    if plural:
        counted = any(c.dep_ == "nummod" or c.lower_ in ("twin", "both") for c in token.children)
        return anchored and (counted or bool(dets & _DEFINITE))
    if dets & _DEFINITE or any(c.dep_ == "poss" for c in token.children):
        return True
    if not dets and token.doc.user_data.get(HEADLINE):
        return True  # headlines drop articles: "Four wounded in shooting at drive-through"
    return anchored


def _is_specific_verb(token: Token, kind: str) -> bool:
    table = triggers()
    if token.pos_ != "VERB":
        return False
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in children):
        return False
    if token.dep_ in ("xcomp", "amod", "acomp") and kind in ATTACK_TYPES:
        return False  # "plans to attack", "wanted to bomb": intentions, not incidents
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if any(o.lemma_.lower() in table.excluded_objects for o in objects):
        return False
    if kind == "claim":
        return any(o.lower_ == "responsibility" or o.lemma_ in table.nouns for o in objects)
    has_actor = any(c.dep_ in ("nsubj", "nsubjpass", "agent", "dobj") for c in children)
    return has_actor and token.tag_ in ("VBD", "VBN", "VBZ", "VBP")


def _noun_phrase(token: Token, mentions: list[Mention], chunk: Chunk) -> tuple[str, str | None]:
    """The name and key of an actor: its mention when known, else the bare noun phrase."""
    found = mention_at(token, mentions, chunk)
    if found is not None:
        return found.text, found.key
    # A mention inside the phrase ("Russian" in "the Russian embassy") is not the actor: the
    # phrase's own words are.
    words = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")] + [token]
    return " ".join(w.text for w in words), None


_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def _actor(role: str, token: Token, mentions: list[Mention], chunk: Chunk) -> dict[str, str]:
    name, key = _noun_phrase(token, mentions, chunk)
    actor = {"role": role, "name": name, "key": key or name.lower()}
    # Parses put days ("on Monday") and weapons ("explosives") where actors stand; an
    # actor is somebody, so those are marked and dropped by the caller.
    if token.ent_type_ in _NON_ACTOR_ENTS or token.lemma_.lower() in triggers().not_actors:
        actor["skip"] = "1"
    return actor


def _actors(token: Token, kind: str, mentions: list[Mention], chunk: Chunk) -> list[dict[str, str]]:
    table = triggers()
    doer = "authority" if kind in table.authority_types else "perpetrator"
    actors: list[dict[str, str]] = []
    verb = token if token.pos_ in ("VERB", "AUX") else None
    if verb is None and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        if token.head.lemma_.lower() in table.carry_verbs:
            verb = token.head
    elif verb is None and token.dep_ == "pobj" and token.head.lower_ == "for":
        # "claimed responsibility for the attack": the claimer is the (claimed) perpetrator.
        resp = token.head.head
        if resp.lower_ == "responsibility" and resp.head.pos_ == "VERB":
            verb = resp.head
    if verb is not None:
        for child in verb.children:
            if child.dep_ == "nsubj" and child.pos_ != "PRON":
                actors.append(_actor(doer, child, mentions, chunk))
            elif child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        actors.append(_actor(doer, obj, mentions, chunk))
            elif (
                child.dep_ == "dobj"
                and verb is token
                and kind in ATTACK_TYPES
                and child.pos_ != "PRON"
                and verb.lemma_.lower() not in table.harm_verbs  # victims are no target
            ):
                actors.append(_actor("target", child, mentions, chunk))
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            actors.append(_actor(doer, child, mentions, chunk))
        if child.dep_ == "prep" and token.pos_ == "NOUN":
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if child.lower_ in _TARGET_PREPS and kind in ATTACK_TYPES:
                    actors.append(_actor("target", obj, mentions, chunk))
                elif child.lower_ == "by":
                    actors.append(_actor(doer, obj, mentions, chunk))
    unique: dict[tuple[str, str], dict[str, str]] = {}
    for a in actors:
        if a.get("skip"):
            continue
        unique.setdefault((a["role"], a["key"]), a)
    return list(unique.values())


def _date(token: Token, sent: Span, chunk: Chunk) -> tuple[str, str] | None:
    text = doc_text(sent.doc)
    # "the deadliest attack since the 2004 siege": the siege's year, in the attack's phrase.
    elsewhere = {
        t.idx
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("since", "until", "before")
        for t in c.subtree
    }
    subtree = {t.idx for t in token.subtree} - elsewhere
    # "the death toll from the bombing ... on 3 June": the parser hangs the date on the
    # noun that governs the trigger; it still dates the trigger.
    governing = token.head.head if token.dep_ == "pobj" else None
    if governing is not None and governing.pos_ == "NOUN" and token.head.lower_ in ("from", "of"):
        for c in governing.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "in") and c.i > token.i:
                subtree |= {t.idx for t in c.subtree}
    # "the deadliest attack since 1979" is not dated 1979 (but "since the 2004 siege" names
    # the siege's own year: a date inside the trigger's phrase is its own).

    def inside(d: tuple[int, int, str, str]) -> bool:
        return any(d[0] <= i < d[1] for i in subtree)

    found = [
        d
        for d in find_dates(sent, chunk.published)
        if inside(d)
        or not (
            text[max(0, d[0] - 7) : d[0]].strip().lower().endswith(("since", "until", "before"))
            or text[d[0] : d[1]].lower().startswith(("since", "until", "before"))
        )
    ]
    if not found:
        return None
    if token.pos_ in ("NOUN", "PROPN") and not _takes_clause_date(token):
        # "Funerals were held on Saturday for victims of the bombing": Saturday is the
        # funerals' day. A noun deep in another phrase has only the dates of its own phrase.
        found = [d for d in found if inside(d)]
        if not found:
            return None
    best = min(found, key=lambda d: (not inside(d), abs(d[0] - token.idx)))
    return best[2], best[3]


_CLAUSE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos", "conj"})


def _takes_clause_date(token: Token) -> bool:
    """A noun that is an argument of its clause's verb ("the attack happened on Friday",
    "officials confirmed the massacre on 22 March") shares the clause's date."""
    if token.dep_ in _CLAUSE_ROLES:
        return True
    head = token.head
    return (
        token.dep_ == "pobj"
        and head.dep_ in ("prep", "agent")
        and head.head.pos_
        in (
            "VERB",
            "AUX",
        )
    )


__all__ = ["ATTACK_TYPES", "find_events", "triggers"]
