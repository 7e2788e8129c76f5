"""A report's term profile: the weighted words that tell its incident from other incidents.

Hundreds of short reports of different shootings share "police", "shooting" and "hospital";
what tells two reports of one incident apart from two of different incidents are the rarer
words they share: a victim's surname, a street, a venue, a town. A profile is the report's
title and text as a unit-length vector of word weights, (1 + log count) times an inverse
document frequency. The frequencies come from a fixed table of the words common in news
reports (``data/<lang>/idf.json``, computed by ``scripts/train_linking.py``); every other word
weighs the same, as a rare word. A fixed table keeps a profile a function of its report
alone: adding a report never changes another report's profile.

Reconcile compares profiles to link reports of one incident
(:mod:`crosscheck.reconcile.incidents`). This module only reads text; no parse is needed.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from crosscheck.model import Profile

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
#: How many words a profile keeps (the heaviest); the rest change cosines very little.
KEEP = 160
#: Characters of text that make a report's lead, after its title.
LEAD_CHARS = 500


@dataclass(frozen=True)
class Weights:
    """A language's word weights: the common words' idf, and the weight of any other word."""

    common: dict[str, float]
    rare: float
    stopwords: frozenset[str]


@cache
def weights(lang: str) -> Weights:
    """The weight table of ``lang`` (English when the language has none)."""
    folder = resources.files("crosscheck.data")
    path = folder.joinpath(lang).joinpath("idf.json")
    if not path.is_file():
        path = folder.joinpath("en").joinpath("idf.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return Weights(
        common={str(k): float(v) for k, v in data["common"].items()},
        rare=float(data["rare"]),
        stopwords=frozenset(str(w) for w in data.get("stopwords", ())),
    )


def tokens(text: str, lang: str = "en") -> list[str]:
    """The lower-case words of ``text`` that a profile counts (no stop words)."""
    stop = weights(lang).stopwords
    return [w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in stop]


def vector(text: str, lang: str = "en", keep: int = KEEP) -> tuple[tuple[str, float], ...]:
    """Unit-length word weights of ``text``: the ``keep`` heaviest, sorted by word."""
    table = weights(lang)
    counts = Counter(tokens(text, lang))
    raw = {w: (1.0 + math.log(n)) * table.common.get(w, table.rare) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    top = sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return tuple(sorted((w, round(v / norm, 6)) for w, v in top))


def profile(doc_id: str, title: str | None, text: str, lang: str = "en") -> Profile:
    """The profile of one report: its whole text, its title, and its title with its lead."""
    title = title or ""
    return Profile(
        doc_id=doc_id,
        terms=vector(f"{title}\n{text}", lang),
        title=vector(title, lang, keep=40),
        lead=vector(f"{title}\n{text[:LEAD_CHARS]}", lang, keep=60),
    )


def cosine(a: tuple[tuple[str, float], ...], b: tuple[tuple[str, float], ...]) -> float:
    """The cosine of two sorted word-weight vectors."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    index = dict(large)
    return sum(v * index.get(w, 0.0) for w, v in small)


__all__ = ["KEEP", "LEAD_CHARS", "Weights", "cosine", "profile", "tokens", "vector", "weights"]
