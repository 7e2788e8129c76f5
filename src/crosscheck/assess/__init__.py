"""Structured analysis on the cross-checked picture: ACH, Admiralty grading, warnings, rules.

Pure logic over plain records: scoring an Analysis of Competing Hypotheses matrix
(:mod:`~crosscheck.assess.ach`), replaying a question's log (:mod:`~.questions`), suggesting
ratings (:mod:`~.suggest`), grading claims and outlets (:mod:`~.grading`), linking warnings
to later events (:mod:`~.warnings`), matching watch rules (:mod:`~.rules`) and finding
records again after re-processing (:mod:`~.anchors`). It sits below the store (which keeps
its records) and above reconcile; it must not read or write the store itself.
"""

from __future__ import annotations

from crosscheck.assess.ach import Scores, score
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
