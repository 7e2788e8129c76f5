"""Event mentions: specific incidents (attacks, arrests, plots, claims…) in a chunk.

Triggers are noun and verb lemmas from ``data/en/event_triggers.yaml``. A trigger
becomes an event only when it names one incident: a noun with a definite
determiner, a date, a place or a name, or a verb with a concrete subject or
object; talk about incidents in general ("the threat of attacks", "attacks in
many countries") is skipped. Each event gets its sentence, the nearest date
(resolved against publication), the most specific geocodable place in its
clause, the actors the syntax names, and a short description.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from crosscheck.analysis.geo import Place, geocode
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.dates import find_dates
from crosscheck.analysis.lang.en.harmed import harm_word
from crosscheck.analysis.lang.en.harmwords import HEADLINE
from crosscheck.analysis.lang.en.measures import lexicon
from crosscheck.analysis.lang.en.spans import doc_text
from crosscheck.data import load as load_data
from crosscheck.model import EventMention, Mention, actors_of

ATTACK_TYPES = frozenset({"attack", "shooting", "bombing", "suicide_bombing", "arson"})
_PLACE_LABELS = ("FAC", "GPE", "LOC")
_PLACE_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting"})
_DESCRIPTION_PREPS = frozenset({"on", "in", "at", "against", "near", "outside", "inside"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must"})


@dataclass(frozen=True)
class Triggers:
    nouns: dict[str, str]
    verbs: dict[str, str]
    modifiers: dict[str, str]
    generic_heads: frozenset[str]
    carry_verbs: frozenset[str]
    excluded_objects: frozenset[str]
    authority_types: frozenset[str]
    not_actors: frozenset[str]
    subject_nouns: dict[str, str]
    happening_verbs: frozenset[str]
    verb_objects: dict[tuple[str, str], str]
    verb_complements: dict[tuple[str, str], str]
    untagged_town_min_population: int


def _pairs(table: dict[str, list[str]] | None) -> dict[tuple[str, str], str]:
    """``{type: ["verb object words", …]}`` -> ``{(verb, "object words"): type}``."""
    out: dict[tuple[str, str], str] = {}
    for kind, phrases in (table or {}).items():
        for phrase in phrases:
            verb, _, rest = str(phrase).partition(" ")
            out.setdefault((verb, rest), str(kind))
    return out


@cache
def triggers() -> Triggers:
    """The trigger tables of ``data/en/event_triggers.yaml``, loaded once."""
    data: dict[str, Any] = load_data("event_triggers", "en")
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    for kind, words in data["types"].items():
        for noun in words.get("nouns") or ():
            # Multi-word nouns ("suicide attack") are typed by the modifiers table.
            if " " not in noun:
                nouns.setdefault(str(noun), str(kind))
        for verb in words.get("verbs") or ():
            verbs.setdefault(str(verb), str(kind))
    nouns.setdefault("claim", "claim")
    return Triggers(
        nouns=nouns,
        verbs=verbs,
        modifiers={str(k): str(v) for k, v in (data.get("modifiers") or {}).items()},
        generic_heads=frozenset(data.get("generic_heads") or ()),
        carry_verbs=frozenset(data.get("carry_verbs") or ()),
        excluded_objects=frozenset(data.get("verb_objects_excluded") or ()),
        authority_types=frozenset(data.get("authority_types") or ()),
        not_actors=frozenset(data.get("not_actors") or ()),
        subject_nouns={
            str(noun): str(kind)
            for kind, nouns in (data.get("subject_nouns") or {}).items()
            for noun in nouns
        },
        happening_verbs=frozenset(str(v) for v in data.get("happening_verbs") or ()),
        verb_objects=_pairs(data.get("verb_objects")),
        verb_complements=_pairs(data.get("verb_complements")),
        untagged_town_min_population=int(
            (data.get("places") or {}).get("untagged_town_min_population", 100_000)
        ),
    )


def _mention_at(token: Token, mentions: list[Mention], chunk: Chunk) -> Mention | None:
    start, end = chunk.abs(token.idx, token.idx + len(token.text))
    for m in mentions:
        if m.start <= start and end <= m.end:
            return m
    return None


def _noun_type(token: Token, table: Triggers) -> str | None:
    kind = table.nouns.get(token.lemma_.lower()) or table.nouns.get(token.lower_)
    if kind is None:
        return None
    if kind == "claim":
        words = {t.lower_ for t in token.subtree}
        return "claim" if "responsibility" in words else None
    if kind in ATTACK_TYPES:
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i:
                special = table.modifiers.get(child.lower_) or table.modifiers.get(child.lemma_)
                if special and not (kind == "bombing" and special == "bombing"):
                    return special if kind != "bombing" or special == "suicide_bombing" else kind
    return kind


def _object_words(token: Token) -> str:
    """An object's lemma with the compound words before it ("petrol bombs" -> "petrol bomb")."""
    before = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
    return " ".join([*before, token.lemma_.lower()])


def _phrasal_forms(token: Token) -> set[str]:
    """The verb's lemma alone and with each particle or preposition ("go off", "tear through")."""
    lemma = token.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "prep")}


def _idiom_type(token: Token, table: Triggers) -> str | None:
    """The type of a verb + object or complement idiom ("opened fire", "set … ablaze")."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):  # "opened fire", "shots were fired"
            words = _object_words(child).split()
            for n in range(len(words)):  # "petrol bomb", then "bomb"
                kind = table.verb_objects.get((lemma, " ".join(words[n:])))
                if kind:
                    return kind
        elif child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp"):
            kind = table.verb_complements.get((lemma, child.lower_))
            if kind:
                return kind
    return None


def _happening(token: Token) -> bool:
    """A verb telling what an incident did ("went off", "tore through", "killed")."""
    return bool(_phrasal_forms(token) & triggers().happening_verbs)


def _told_type(token: Token, table: Triggers) -> str | None:
    """The type of incident the verb tells through its subject ("a device went off")."""
    if not _happening(token):
        return None
    for child in token.children:
        if child.dep_ == "nsubj":
            kind = table.subject_nouns.get(child.lemma_.lower()) or table.subject_nouns.get(
                _object_words(child)
            )
            if kind:
                return kind
    return None


def _by_suicide_attacker(token: Token, table: Triggers) -> bool:
    """ "A suicide bomber blew himself up": the subject's modifier makes the type."""
    for child in token.children:
        if child.dep_ == "nsubj":
            for mod in child.lefts:
                if table.modifiers.get(mod.lower_) == "suicide_bombing":
                    return True
    return False


def verb_type(token: Token, table: Triggers) -> tuple[str, bool] | None:
    """The incident type a verb names and whether it is told rather than named, or None.

    "Police arrested four" names an arrest (a trigger verb); "gunmen opened fire" and "a
    device went off" tell a shooting and a bombing through an idiom or the verb's subject.
    """
    kind = _idiom_type(token, table)
    if kind:
        return kind, True
    kind = table.verbs.get(token.lemma_.lower())
    if kind in ATTACK_TYPES and _by_suicide_attacker(token, table):
        return "suicide_bombing", False
    if kind:
        return kind, False
    kind = _told_type(token, table)
    return (kind, True) if kind else None


def _has_anchor(token: Token, mentions: list[Mention], chunk: Chunk) -> bool:
    """A date, a name or a place in the trigger's phrase makes it one incident."""
    for t in token.subtree:
        if t.ent_type_ in ("DATE", "GPE", "FAC", "LOC", "ORG", "PERSON"):
            return True
        if t is not token and _mention_at(t, mentions, chunk) is not None:
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
    found = _mention_at(token, mentions, chunk)
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
                and verb.lemma_.lower() not in _HARM_VERBS  # victims are no target
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


def _place(
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
        tagged = _mention_at(t, mentions, chunk)
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


def _description(token: Token, kind: str, place: Mention | None) -> str:
    doc = token.doc
    if token.pos_ == "NOUN":
        left = token.i
        while (
            left > 0
            and doc[left - 1].head.i >= left
            and doc[left - 1].head.i <= token.i
            and (doc[left - 1].dep_ in ("compound", "amod", "nmod", "nummod", "poss", "case"))
            and doc[left - 1].ent_type_ not in ("DATE", "CARDINAL")
        ):
            left -= 1
        # A name split by the tokenizer ("ISIS-K attack") starts where its first token starts.
        while (
            left >= 2
            and doc[left - 1].text in ("-", "–", "—")
            and doc[left - 1].whitespace_ == ""
            and doc[left - 2].whitespace_ == ""
        ):
            left -= 2
        words = [t.text_with_ws for t in doc[left : token.i + 1]]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in _DESCRIPTION_PREPS:
                tail = _trimmed([t for t in child.subtree if t.ent_type_ != "DATE"][:8])
                words += [" "] + [t.text_with_ws for t in tail]
                break
        else:
            head = token.head
            if token.dep_ == "nsubj" and head.pos_ == "VERB" and _happening(head):
                # "the blast killed 12 at a market": the place phrase hangs on the verb.
                words.append(_where(head))
        text = "".join(words)
    else:
        noun = {"suicide_bombing": "suicide bombing", "claim": "claim of responsibility"}
        text = noun.get(kind, kind)
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in triggers().not_actors:
            obj = None  # the idiom's own object: "opened fire", "threw petrol bombs"
        if obj is not None and (
            token.lemma_.lower() in _HARM_VERBS or any(t.like_num for t in obj.subtree)
        ):
            obj = None  # "a car bomb killed nine people": victims, not a target
        if obj is not None and kind in ATTACK_TYPES and obj.pos_ != "PRON":
            text += " on " + " ".join(t.text for t in obj.subtree if t.dep_ not in ("det", "punct"))
        elif kind in ATTACK_TYPES:
            text += _where(token)
        if place is not None and place.text not in text:
            text += " in " + place.text
    for article in ("the ", "The ", "a ", "an "):
        text = text.removeprefix(article)
    return " ".join(text.replace(" 's", "'s").replace(" ’s", "’s").split())[:120]


# How a told incident's place phrase reads in its name: "tore through the hall" -> "at the hall".
_PLACE_PREP_AS = {"through": "at", "into": "at", "to": "at", "inside": "inside"}
_TARGET_ONLY = frozenset({"on", "against", "to"})
_HARM_VERBS = frozenset({"kill", "wound", "injure", "hurt", "maim"})


def _trimmed(tail: list[Token]) -> list[Token]:
    """A description's phrase up to its first clause break, without a dangling end."""
    stop = next((i for i, t in enumerate(tail) if t.text in (",", ";", "(")), None)
    tail = tail[:stop]
    while tail and (tail[-1].dep_ in ("cc", "punct", "prep") or tail[-1].is_punct):
        tail = tail[:-1]
    return tail


def _where(token: Token) -> str:
    """ " at the market in Kabul" from the verb's first place phrase, or ""."""
    preps = _DESCRIPTION_PREPS | _PLACE_PREP_AS.keys()
    heads = [token, *(c for c in token.children if c.dep_ == "prt")]
    found = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps]
    # "opened fire on worshippers at a mosque": a place phrase says more than a target one.
    found.sort(key=lambda c: (c.lower_ in _TARGET_ONLY, c.i))
    for child in found:
        if any(o.like_num for o in child.children if o.dep_ == "pobj"):
            continue  # "rose to 15": a figure, not a place
        tail = [t for t in child.subtree if t.ent_type_ not in ("DATE", "TIME")][1:9]
        tail = _trimmed([t for t in tail if t.dep_ != "det" or t.i != child.i + 1])
        if tail:
            said = _PLACE_PREP_AS.get(child.lower_, child.lower_)
            return f" {said} " + "".join(t.text_with_ws for t in tail).strip()
    return ""


def find_events(chunk: Chunk, mentions: list[Mention]) -> list[EventMention]:
    """Specific incidents named in ``chunk``, one per trigger, in text order."""
    table = triggers()
    events: list[EventMention] = []
    for sent in chunk.sdoc.sents:
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN"):
                kind = _noun_type(token, table)
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
    if not any(_family(e.type) in ("attack", "disaster") for e in events):
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
        named = _noun_type(t, table)
        if (
            named is not None
            and _family(named) == _family(kind)
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
            dated.setdefault((_family(event.type), event.location or ""), event)
    for k, event in enumerate(events):
        if event.date is None and _town_level(event.location):
            source = dated.get((_family(event.type), event.location or ""))
            if source is not None:
                events[k] = dataclasses.replace(
                    event, date=source.date, date_precision=source.date_precision
                )


def _town_level(location: str | None) -> bool:
    """A town or venue: a country holds too many incidents to share a date across."""
    place = geocode(location) if location else None
    return place is not None and place.kind in ("city", "venue")


def _family(kind: str) -> str:
    return "attack" if kind in ATTACK_TYPES or kind == "claim" else kind


def _event(
    token: Token, kind: str, sent: Span, mentions: list[Mention], chunk: Chunk
) -> EventMention:
    located = _place(token, sent, mentions, chunk)
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
        description=_description(token, kind, located[0] if located else None),
    )


__all__ = ["ATTACK_TYPES", "find_events", "triggers"]
