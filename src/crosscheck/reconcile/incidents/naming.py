"""Names people can read for incidents: type, venue, place and date.

"shooting at a house party, Hope Mills, 11 Jan 2015"; "attack on Crocus City Hall, Russia,
22 Mar 2024". The venue comes from the members' descriptions ("... at a billiards bar"),
kept only when its last word is a kind of place (``venue_nouns`` in data/reconcile.yaml):
a description's other phrases ("in the left leg", "on his daughter") name no venue. The
place is the incident's town (or country), the date is given at the precision known. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from crosscheck.model import EventMention
from crosscheck.reconcile.text import tables, words

_PREPOSITIONS = ("at", "on", "in", "near", "outside", "inside", "against")
_PHRASE = re.compile(rf"\b({'|'.join(_PREPOSITIONS)})\s+((?:[\w'’.-]+\s*){{1,7}})", re.UNICODE)


def _venue_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["venue_nouns"])


def _type_words() -> dict[str, str]:
    return {str(k): str(v) for k, v in tables()["event_type_names"].items()}


def venue(description: str) -> str | None:
    """The venue phrase of a description ("at a house party"), or None."""
    nouns = _venue_nouns()
    for m in _PHRASE.finditer(description):
        phrase = m.group(2).split()
        # Cut the phrase at its next preposition: "bar in Dayton" -> "bar".
        cut = next((k for k, w in enumerate(phrase) if w.lower() in _PREPOSITIONS), len(phrase))
        phrase = phrase[:cut]
        # The shortest beginning that ends in a run of place nouns: "Crocus City Hall large
        # concert venue" -> "Crocus City Hall".
        end = next((k + 1 for k, w in enumerate(phrase) if _is_venue(w, nouns)), 0)
        while end and end < len(phrase) and _is_venue(phrase[end], nouns):
            end += 1  # "a house party", "the bus station"
        phrase = phrase[:end]
        if phrase:
            return f"{m.group(1)} {' '.join(phrase)}"
    return _before_the_noun(description, nouns)


def _before_the_noun(description: str, nouns: frozenset[str]) -> str | None:
    """ "the Lakeside stadium attack": a venue named before the incident's noun."""
    toks = description.split()
    for end in range(len(toks) - 1, 0, -1):
        if _is_venue(toks[end - 1], nouns):
            start = 1 if toks[0].lower() in ("the", "a", "an") else 0
            det = "the " if start else ""
            if end > start:
                return f"at {det}{' '.join(toks[start:end])}"
    return None


def _is_venue(word: str, nouns: frozenset[str]) -> bool:
    head = word.lower().strip(".,'’")
    return head in nouns or (head.endswith("s") and head[:-1] in nouns)


def _when(value: str | None, precision: str | None) -> str | None:
    if not value:
        return None
    try:
        if precision == "year" or len(value) == 4:
            return value[:4]
        if precision == "month" or len(value) == 7:
            return date.fromisoformat(f"{value[:7]}-01").strftime("%b %Y")
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return f"{day.day} {day.strftime('%b %Y')}"


def event_name(
    kind: str,
    members: Sequence[EventMention],
    location: str | None,
    country: str | None,
    when: str | None,
    precision: str | None,
) -> str:
    """The readable name of an incident built from its member mentions."""
    what = _type_words().get(kind, kind.replace("_", " "))
    if kind == "disaster":  # "earthquake", "collapse": the word the reports use
        what = Counter(m.trigger.lower() for m in members).most_common(1)[0][0]
    venues = Counter(v for m in members if (v := venue(m.description or "")) is not None)
    town = set(words(location or ""))
    # A venue that is the incident's place ("on Crocus City Hall") first, then the most said.
    found = sorted(
        venues.items(),
        key=lambda kv: (not town or not town <= set(words(kv[0])), -kv[1], len(kv[0]), kv[0]),
    )
    parts = [f"{what} {found[0][0]}" if found else what]
    where = location or country
    # "attack on Crocus City Hall" already says where.
    if where and not (found and set(words(where)) <= set(words(found[0][0]))):
        parts.append(where)
    said = _when(when, precision)
    if said:
        parts.append(said)
    return ", ".join(parts)


__all__ = ["event_name", "venue"]
