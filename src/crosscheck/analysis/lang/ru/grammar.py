"""Russian grammar object: the word lists of ``data/ru/`` in the shapes the rules use.

Everything language-specific that is data lives here, loaded once; the rule modules
(:mod:`.numbers`, :mod:`.claims`, :mod:`.dates`, :mod:`.entities`, :mod:`.events`,
:mod:`.statements`) read only this object.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from crosscheck import data


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case with ё as е and dashes as spaces: how lemmas and table keys compare.

    Cached: the rules fold the same words many times over (every hedge, vague amount and
    part cue compares folded words)."""
    text = text.lower().replace("ё", "е")
    for dash in "-–—‐‑":
        text = text.replace(dash, " ")
    return " ".join(text.split())


def _words(items: Any) -> frozenset[str]:
    return frozenset(fold(str(w)) for w in items or ())


def _phrases(items: Any) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples, longest first, so the longest hedge wins."""
    out = {tuple(fold(str(p)).split()) for p in items or ()}
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class Grammar:
    """The Russian tables, keyed by folded lemmas or surface words."""

    units: dict[str, float]
    multipliers: dict[str, int]
    bare_multipliers: frozenset[str]
    hedges: dict[str, tuple[tuple[str, ...], ...]]  # lower/upper/approx -> phrases
    rise_verbs: frozenset[str]
    vague: dict[tuple[str, ...], tuple[int, int]]
    not_counts: frozenset[str]
    cues: dict[str, frozenset[str]]  # measure -> lemmas
    counted: dict[str, frozenset[str]]
    people: frozenset[str]
    role_measures: frozenset[str]
    later_measures: dict[str, frozenset[str]]  # counted noun's measure -> verbs' that win
    paired_cues: dict[str, tuple[str, frozenset[str]]]  # lemma -> (measure, its dependents)
    percent_words: frozenset[str]
    share_nouns: frozenset[str]
    share_part_verbs: frozenset[str]  # "X составляют N% Y": X is a part of Y
    share_words: dict[str, str]  # lemma -> English word of a share's counted key
    leave_verbs: frozenset[str]
    home_nouns: frozenset[str]
    labels: dict[str, str]
    nouns: dict[str, str]  # restrictive people noun lemma -> English noun
    count_heads: frozenset[str]
    possessives: frozenset[str]  # "двое его сообщников": between a number and its noun
    size_words: frozenset[str]
    size_nouns: dict[str, str]  # noun of a group's members -> English singular
    months: dict[str, int]
    weekdays: dict[str, int]
    past_weekday_words: frozenset[str]
    relative: dict[str, int]
    stances: dict[str, str]  # lemma -> stance
    claim_phrases: tuple[tuple[str, ...], ...]
    act_verbs: frozenset[str]  # say only with a clause: "объявили траур" is an act
    back_references: tuple[tuple[str, ...], ...]  # "об этом": the sentence before was said
    office_nouns: frozenset[str]  # "губернатор Курской области": the place's office speaks
    attribution: tuple[tuple[str, ...], ...]
    names: dict[str, str]  # folded lemma phrase -> English name
    demonyms: dict[str, str]
    place_adjectives: dict[str, str]
    letters: dict[str, str]
    endings: dict[str, str]
    given_names: dict[str, str]
    triggers: dict[str, str]
    trigger_phrases: dict[tuple[str, ...], str]


#: Keys of ``stance_verbs.yaml`` that are no stance.
_NOT_STANCES = frozenset(
    {"claim_phrases", "attribution_preps", "act_verbs", "back_references", "office_nouns"}
)


@cache
def grammar() -> Grammar:
    """The Russian grammar, read from ``data/ru/`` once."""
    return Grammar(
        **_number_tables(data.load("numbers", "ru")),
        **_measure_tables(data.load("measures", "ru")),
        **_date_tables(data.load("dates", "ru")),
        **_stance_tables(data.load("stance_verbs", "ru")),
        **_name_tables(data.load("aliases", "ru"), data.load("translit", "ru")),
        **_event_tables(data.load("events", "ru")),
    )


def _event_tables(events: dict[str, Any]) -> dict[str, Any]:
    return {
        "triggers": {fold(k): str(v) for k, v in events["triggers"].items()},
        "trigger_phrases": {
            tuple(fold(k).split()): str(v) for k, v in (events.get("trigger_phrases") or {}).items()
        },
    }


def _number_tables(numbers: dict[str, Any]) -> dict[str, Any]:
    return {
        "units": {fold(k): float(v) for k, v in numbers["units"].items()},
        "multipliers": {fold(k): int(v) for k, v in numbers["multipliers"].items()},
        "bare_multipliers": _words(numbers.get("bare_multipliers")),
        "hedges": {kind: _phrases(words) for kind, words in numbers["hedges"].items()},
        "rise_verbs": _words(numbers["rise_verbs"]),
        "vague": {
            tuple(fold(k).split()): (int(v[0]), int(v[1])) for k, v in numbers["vague"].items()
        },
        "not_counts": _words(numbers["not_counts"]),
    }


def _measure_tables(measures: dict[str, Any]) -> dict[str, Any]:
    return {
        "cues": {m: _words(ws) for m, ws in measures["cues"].items()},
        "counted": {m: _words(ws) for m, ws in measures["counted"].items()},
        "people": _words(measures["people"]),
        "role_measures": _words(measures.get("role_measures")),
        "later_measures": {
            str(m): _words(ws) for m, ws in (measures.get("later_measures") or {}).items()
        },
        "paired_cues": {
            fold(word): (str(m), _words(deps))
            for m, pairs in (measures.get("paired_cues") or {}).items()
            for word, deps in pairs.items()
        },
        "percent_words": _words(measures.get("percent_words")),
        "share_nouns": _words(measures.get("share_nouns")),
        "share_part_verbs": _words(measures.get("share_part_verbs")),
        "share_words": {fold(k): str(v) for k, v in (measures.get("share_words") or {}).items()},
        "leave_verbs": _words(measures.get("leave_verbs")),
        "home_nouns": _words(measures.get("home_nouns")),
        "labels": {str(k): str(v) for k, v in measures["labels"].items()},
        "nouns": {fold(k): str(v) for k, v in measures["nouns"].items()},
        "count_heads": _words(measures["count_heads"]),
        "possessives": _words(measures["possessives"]),
        "size_words": _words(measures.get("size_words")),
        "size_nouns": {fold(k): str(v) for k, v in (measures.get("size_nouns") or {}).items()},
    }


def _date_tables(dates: dict[str, Any]) -> dict[str, Any]:
    return {
        "months": {fold(k): int(v) for k, v in dates["months"].items()},
        "weekdays": {fold(k): int(v) for k, v in dates["weekdays"].items()},
        "past_weekday_words": _words(dates.get("past_weekday_words")),
        "relative": {fold(k): int(v) for k, v in dates["relative"].items()},
    }


def _stance_tables(stance: dict[str, Any]) -> dict[str, Any]:
    return {
        "stances": {
            fold(str(verb)): str(kind)
            for kind, verbs in stance.items()
            if kind not in _NOT_STANCES
            for verb in verbs
        },
        "claim_phrases": _phrases(" ".join(p) for p in stance["claim_phrases"]),
        "act_verbs": _words(stance.get("act_verbs")),
        "back_references": _phrases(stance.get("back_references")),
        "office_nouns": _words(stance.get("office_nouns")),
        "attribution": _phrases(stance["attribution_preps"]),
    }


def _name_tables(aliases: dict[str, Any], translit: dict[str, Any]) -> dict[str, Any]:
    return {
        "names": {fold(k): str(v) for k, v in aliases["names"].items()},
        "demonyms": {fold(k): str(v) for k, v in aliases["demonyms"].items()},
        "place_adjectives": {fold(k): str(v) for k, v in aliases["place_adjectives"].items()},
        "letters": {str(k): str(v) for k, v in translit["letters"].items()},
        "endings": {str(k): str(v) for k, v in translit["endings"].items()},
        "given_names": {fold(k): str(v) for k, v in translit["given_names"].items()},
    }


def transliterate(text: str) -> str:
    """Latin letters for a Cyrillic name, as English reports spell it ("Путин" -> "putin")."""
    g = grammar()
    out = []
    for word in fold(text).split():
        for ending, latin in g.endings.items():
            if word.endswith(ending) and len(word) > len(ending) + 2:
                word = word[: -len(ending)] + "\x00" + latin
                break
        head, _, tail = word.partition("\x00")
        out.append("".join(g.letters.get(ch, ch) for ch in head) + tail)
    return " ".join(out)


__all__ = ["Grammar", "fold", "grammar", "transliterate"]
