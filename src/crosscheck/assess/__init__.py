"""Structured analysis on the cross-checked picture: ACH, Admiralty grading, warnings, rules.

Pure logic over plain records: scoring an Analysis of Competing Hypotheses matrix
(:mod:`~crosscheck.assess.ach`), replaying a question's log (:mod:`~.questions`), suggesting
ratings (:mod:`~.suggest`), grading claims and outlets (:mod:`~.grading`), linking warnings
to later events (:mod:`~.warnings`), matching watch rules (:mod:`~.rules`) and finding
records again after re-processing (:mod:`~.anchors`). It sits below the store (which keeps
its records) and above reconcile; it must not read or write the store itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crosscheck.assess.records import (
    RATINGS,
    Action,
    Alert,
    Anchor,
    EvidenceItem,
    Hypothesis,
    Question,
    Rating,
    Rule,
    Target,
)

if TYPE_CHECKING:
    from crosscheck.assess.ach import Scores, score

__all__ = [
    "RATINGS",
    "Action",
    "Alert",
    "Anchor",
    "EvidenceItem",
    "Hypothesis",
    "Question",
    "Rating",
    "Rule",
    "Scores",
    "Target",
    "score",
]


def __getattr__(name: str) -> Any:
    # The ACH scorer pulls in numpy (tens of milliseconds); the store imports this package for
    # its records on every command, so the scorer is loaded only when someone asks for it.
    if name in ("Scores", "score"):
        from crosscheck.assess import ach

        return getattr(ach, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
