"""An ACH question is its log replayed: hypotheses, evidence and ratings as last decided.

The store keeps every analyst action (who, when, why) in the assessment log; this module
turns one question's actions, oldest first, into the current :class:`Question`. Replaying
instead of updating rows in place keeps the whole history for the audit and makes a
question independent of the picture: re-processing and rebuilds never touch it.

Actions (``Action.action``) and their payloads:

* ``create`` {title, description, event_ref, event: anchor}
* ``hypothesis`` {key, label, names}: add, or replace the hypothesis with that key
* ``drop-hypothesis`` {key}
* ``evidence`` {key, kind, anchor, text, relevance, credibility, reliability}
* ``weigh`` {key, relevance?, credibility?, reliability?}: change an item's weight
* ``drop-evidence`` {key}
* ``rate`` {evidence, hypothesis, rating}: an empty rating clears the cell
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crosscheck.assess.records import (
    CREDIBILITY,
    RATINGS,
    RELEVANCE,
    RELIABILITY,
    Action,
    Anchor,
    EvidenceItem,
    Hypothesis,
    Question,
    Rating,
)
from crosscheck.errors import AssessmentError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def slug(text: str, *, what: str = "key") -> str:
    """A short lower-case key from ``text`` ("ISIS-K did it" -> "isis-k-did-it")."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    key = "-".join(words)[:40].strip("-")
    if not key:
        raise AssessmentError(f"{what} {text!r} has no letters or digits; give a short name")
    return key


def check_slug(value: str, what: str) -> str:
    """``value`` when it is a valid key (lower-case letters, digits, dashes; up to 40)."""
    if not _SLUG.match(value):
        raise AssessmentError(
            f"{what} {value!r} is not a valid key; use lower-case letters, digits and dashes"
            " (up to 40), like 'crocus' or 'isis-k'"
        )
    return value


def check_rating(value: str) -> str:
    """A rating in canonical case, or an error naming the allowed ones."""
    canon = value.strip().upper()
    if canon not in RATINGS:
        raise AssessmentError(f"rating {value!r} is not one of {', '.join(RATINGS)}")
    return canon


def check_relevance(value: str) -> str:
    canon = value.strip().lower()
    if canon not in RELEVANCE:
        raise AssessmentError(f"relevance {value!r} is not one of {', '.join(RELEVANCE)}")
    return canon


def check_credibility(value: str) -> str:
    canon = value.strip()
    if canon not in CREDIBILITY:
        raise AssessmentError(
            f"credibility {value!r} is not an Admiralty grade 1-6 (1 confirmed … 6 cannot be"
            " judged)"
        )
    return canon


def check_reliability(value: str) -> str:
    canon = value.strip().upper()
    if canon not in RELIABILITY:
        raise AssessmentError(
            f"reliability {value!r} is not an Admiralty grade A-F (A completely reliable … F"
            " cannot be judged)"
        )
    return canon


def replay(question_id: str, actions: Iterable[Action]) -> Question | None:
    """The question as its actions (oldest first) leave it; None when it was never created."""
    question: Question | None = None
    for act in actions:
        p = act.payload
        if act.action == "create":
            event = p.get("event")
            question = Question(
                id=question_id,
                title=str(p.get("title", question_id)),
                event=Anchor.from_dict(event) if event else None,
                event_ref=p.get("event_ref"),
                description=str(p.get("description", "")),
                author=act.author,
                created_at=act.created_at,
            )
        elif question is not None:
            _apply(question, act)
    return question


def _apply(q: Question, act: Action) -> None:
    p = act.payload
    if act.action == "hypothesis":
        h = Hypothesis(
            str(p["key"]),
            str(p["label"]),
            [str(n) for n in p.get("names", [])],
            act.author,
            act.created_at,
        )
        q.hypotheses = [x for x in q.hypotheses if x.key != h.key] + [h]
    elif act.action == "drop-hypothesis":
        q.hypotheses = [x for x in q.hypotheses if x.key != p["key"]]
        q.ratings = {k: v for k, v in q.ratings.items() if k[1] != p["key"]}
    elif act.action == "evidence":
        anchor = p.get("anchor")
        item = EvidenceItem(
            key=str(p["key"]),
            kind=str(p["kind"]),
            anchor=Anchor.from_dict(anchor) if anchor else None,
            text=str(p.get("text", "")),
            relevance=str(p.get("relevance", "high")),
            credibility=p.get("credibility"),
            reliability=p.get("reliability"),
            author=act.author,
            created_at=act.created_at,
        )
        q.evidence = [x for x in q.evidence if x.key != item.key] + [item]
    elif act.action == "weigh":
        for item in q.evidence:
            if item.key == p["key"]:
                for name in ("relevance", "credibility", "reliability"):
                    if name in p:
                        setattr(item, name, p[name] or None)
                item.relevance = item.relevance or "high"
    elif act.action == "drop-evidence":
        q.evidence = [x for x in q.evidence if x.key != p["key"]]
        q.ratings = {k: v for k, v in q.ratings.items() if k[0] != p["key"]}
    elif act.action == "rate":
        cell = (str(p["evidence"]), str(p["hypothesis"]))
        if p.get("rating"):
            q.ratings[cell] = Rating(
                *cell, str(p["rating"]), act.author, act.reason, act.created_at
            )
        else:
            q.ratings.pop(cell, None)


__all__ = [
    "check_credibility",
    "check_rating",
    "check_relevance",
    "check_reliability",
    "check_slug",
    "replay",
    "slug",
]
