"""Plain records of structured analysis: log actions, anchors, questions, rules, alerts.

Everything an analyst decides (a hypothesis, an evidence item, a rating, a grade, a watch
rule) is an :class:`Action` appended to the assessment log with who, when and why; the
current state is the log replayed (:mod:`crosscheck.assess.questions`). Records carry no
behaviour beyond (de)serialisation, so the store, the pipeline and the faces can share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

#: Consistency ratings of an ACH cell, from very consistent to very inconsistent; NA: the
#: item does not apply to the hypothesis.
RATINGS: tuple[str, ...] = ("CC", "C", "N", "I", "II", "NA")
RELEVANCE: tuple[str, ...] = ("high", "medium", "low")
#: Admiralty (NATO) information credibility and source reliability.
CREDIBILITY: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")
RELIABILITY: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
#: Store records an ACH evidence item can be, plus a note the analyst types in.
EVIDENCE_KINDS: tuple[str, ...] = ("claim", "group", "statement", "event", "note")

LogKind = Literal["ach", "grade", "rule"]


@dataclass
class Action:
    """One analyst decision in the assessment log (append-only: who, when, what, why)."""

    kind: LogKind
    target: str  # question id, "outlet:NAME" / "claim:ID", or rule id
    action: str
    payload: dict[str, Any] = field(default_factory=dict)
    author: str = "analyst"
    reason: str = ""
    created_at: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at,
            "author": self.author,
            "kind": self.kind,
            "target": self.target,
            "action": self.action,
            "payload": self.payload,
            "reason": self.reason,
        }


@dataclass
class Anchor:
    """How to find a picture record again after re-processing or a rebuild.

    ``id`` is the record's id when it was chosen. Claim, statement and document ids are
    stable (they hash the document and the span), but event and group ids follow the
    incidents they belong to, which may re-link: ``members`` keeps what identifies them
    regardless (an event's mention ids, a group's claim ids), so the record can be found
    again by the members it still holds (:mod:`crosscheck.assess.anchors`).
    """

    kind: str
    id: str
    members: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "members": list(self.members)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Anchor:
        return cls(str(data["kind"]), str(data["id"]), [str(m) for m in data.get("members", [])])


@dataclass
class Hypothesis:
    """One competing explanation; ``names`` are the actors it holds responsible."""

    key: str
    label: str
    names: list[str] = field(default_factory=list)
    author: str = "analyst"
    created_at: str | None = None


@dataclass
class EvidenceItem:
    """One row of the matrix: a store record (by anchor) or a note typed in."""

    key: str
    kind: str
    anchor: Anchor | None = None
    text: str = ""
    relevance: str = "high"
    credibility: str | None = None  # the analyst's Admiralty grade, when set
    reliability: str | None = None
    author: str = "analyst"
    created_at: str | None = None


@dataclass
class Rating:
    """An analyst's rating of one evidence item under one hypothesis."""

    evidence: str
    hypothesis: str
    rating: str
    author: str = "analyst"
    reason: str = ""
    created_at: str | None = None


@dataclass
class Question:
    """An ACH question with its hypotheses, evidence and the analyst's ratings."""

    id: str
    title: str
    event: Anchor | None = None
    event_ref: str | None = None
    description: str = ""
    hypotheses: list[Hypothesis] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    ratings: dict[tuple[str, str], Rating] = field(default_factory=dict)
    author: str = "analyst"
    created_at: str | None = None


@dataclass
class Target:
    """What a watch rule names: an event, an entity (organisation or place) or a place."""

    kind: Literal["event", "entity", "place"]
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass
class Rule:
    """A watch rule: which kind of change to look for, about which targets."""

    id: str
    kind: str  # report, figure, warning, pair
    targets: list[Target]
    measure: str | None = None
    name: str = ""
    webhook: str | None = None
    author: str = "analyst"
    reason: str = ""
    created_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "targets": [t.to_dict() for t in self.targets],
            "measure": self.measure,
            "webhook": self.webhook,
            "author": self.author,
            "reason": self.reason,
            "created_at": self.created_at,
        }


@dataclass
class Alert:
    """One match of a watch rule, stored with its evidence; ``id`` hashes rule and key."""

    id: str
    rule_id: str
    kind: str
    key: str
    title: str
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    doc_id: str | None = None
    created_at: str | None = None
    delivery: str | None = None  # webhook outcome: None (none asked), "ok …" or "failed …"
    attempts: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule_id,
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "evidence": self.evidence,
            "document": self.doc_id,
            "created_at": self.created_at,
            "delivery": self.delivery,
        }


__all__ = [
    "CREDIBILITY",
    "EVIDENCE_KINDS",
    "RATINGS",
    "RELEVANCE",
    "RELIABILITY",
    "Action",
    "Alert",
    "Anchor",
    "EvidenceItem",
    "Hypothesis",
    "LogKind",
    "Question",
    "Rating",
    "Rule",
    "Target",
]
