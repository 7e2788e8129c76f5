"""Suggested ACH ratings, only where the evidence speaks plainly.

A claim of responsibility by a group is consistent with the hypothesis naming that group
(and inconsistent with hypotheses naming someone else); a denial by the accused is expected
either way; an accusation is consistent with the hypothesis it names, and no more. Anything
subtler is left to the analyst. Every suggestion carries its reason and stays a suggestion
until the analyst confirms it. The rules and word lists are in ``data/assess.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosscheck.assess.records import Hypothesis
from crosscheck.assess.tables import section
from crosscheck.reconcile.text import fold

#: Statement stances that report a claim (of responsibility when the object is an attack).
_ATTACK_WORDS = ("attack", "bombing", "bombings", "assault", "massacre", "shooting", "blast")


@dataclass
class Facts:
    """What a suggestion looks at in one evidence item."""

    kind: str
    stance: str | None = None
    speaker: str = ""
    text: str = ""
    perpetrators: list[str] = field(default_factory=list)
    event_type: str | None = None


@dataclass(frozen=True)
class Suggestion:
    rating: str
    reason: str


@functools.lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(fold(name).strip()) + r"(?![\w-])")


def names_in(text: str, names: Sequence[str]) -> list[str]:
    """The ``names`` that occur in ``text`` as whole words (case and accents folded)."""
    folded = fold(text)
    return [n for n in names if n.strip() and _pattern(n).search(folded)]


def _has_any(text: str, words: Sequence[str]) -> bool:
    return bool(names_in(text, words))


def suggest(facts: Facts, hypotheses: Sequence[Hypothesis]) -> dict[str, Suggestion]:
    """Suggested rating per hypothesis key (only the cells the evidence speaks to)."""
    rules = section("suggestions")
    if facts.kind == "statement":
        return _statement(facts, hypotheses, rules)
    if facts.kind == "event" and facts.perpetrators:
        actor = ", ".join(facts.perpetrators)
        if facts.event_type == "claim":
            return _claim(actor, facts.perpetrators, hypotheses, rules)
        named = [h for h in hypotheses if any(names_in(p, h.names) for p in facts.perpetrators)]
        rule = rules["perpetrator"]
        return {
            h.key: Suggestion(rule["named"], rule["reason_named"].format(actor=actor))
            for h in named
        }
    return {}


def _claim(
    speaker: str, voices: Sequence[str], hypotheses: Sequence[Hypothesis], rules: dict[str, object]
) -> dict[str, Suggestion]:
    rule: dict[str, str] = rules["claim_of_responsibility"]  # type: ignore[assignment]
    named = {h.key for h in hypotheses if any(names_in(v, h.names) for v in voices)}
    if not named:
        return {}
    out = {}
    for h in hypotheses:
        if h.key in named:
            out[h.key] = Suggestion(rule["named"], rule["reason_named"].format(speaker=speaker))
        elif h.names:
            out[h.key] = Suggestion(rule["others"], rule["reason_others"].format(speaker=speaker))
    return out


def _statement(
    facts: Facts, hypotheses: Sequence[Hypothesis], rules: dict[str, object]
) -> dict[str, Suggestion]:
    claim_words: list[str] = rules["claim_words"]  # type: ignore[assignment]
    accusing: list[str] = rules["accusation_words"]  # type: ignore[assignment]
    text, speaker = facts.text, facts.speaker
    claims = _has_any(text, claim_words) or (
        facts.stance == "claims" and _has_any(text, _ATTACK_WORDS)
    )
    if claims and facts.stance in ("claims", "says", "confirms"):
        found = _claim(speaker, [speaker], hypotheses, rules)
        if found:
            return found
    if facts.stance == "denies":
        rule: dict[str, str] = rules["denial"]  # type: ignore[assignment]
        return {
            h.key: Suggestion(rule["named"], rule["reason_named"])
            for h in hypotheses
            if names_in(speaker, h.names)
        }
    negated = _has_any(text, rules["negation_words"])  # type: ignore[arg-type]
    if facts.stance in ("blames", "says", "claims") and _has_any(text, accusing) and not negated:
        rule = rules["accusation"]  # type: ignore[assignment]
        return {
            h.key: Suggestion(rule["named"], rule["reason_named"].format(speaker=speaker))
            for h in hypotheses
            if names_in(text, h.names) and not names_in(speaker, h.names)
        }
    return {}


__all__ = ["Facts", "Suggestion", "names_in", "suggest"]
