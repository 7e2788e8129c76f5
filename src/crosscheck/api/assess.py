"""JSON routes of structured analysis: ACH questions, grades, warnings, watch rules, alerts.

Reads are open like the other read routes; writes need the token exactly as the other
write routes (``Authorization: Bearer …``). Each route calls one library function, the
same one as the CLI (``crosscheck ach``, ``grades``, ``warnings``, ``rules``, ``alerts``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from crosscheck.api.deps import StoreDep, WriteAuth
from crosscheck.api.write import AUTH_RESPONSES
from crosscheck.assess.records import Target
from crosscheck.pipeline import ach as ach_ops
from crosscheck.pipeline.ach_evidence import add_suggested, suggest_evidence
from crosscheck.pipeline.ach_matrix import confirm_suggestions, matrix_csv, matrix_view
from crosscheck.pipeline.grading import claim_grades, group_record, outlet_grades, set_grade
from crosscheck.pipeline.paging import MAX_OFFSET
from crosscheck.pipeline.rules import add_rule, alerts_listing, remove_rule, rules_view
from crosscheck.pipeline.views import group_view
from crosscheck.pipeline.warnings import warnings_view

read = APIRouter(prefix="/api", tags=["analysis"])
write = APIRouter(prefix="/api", tags=["analysis"], dependencies=[WriteAuth])

Author = Field("analyst", max_length=100)
Reason = Field("", max_length=2000)


class NewQuestion(BaseModel):
    id: str = Field(..., max_length=40, description="Short id: lower-case letters, digits, -")
    title: str = Field(..., max_length=500, description="The question asked")
    event: str | None = Field(None, max_length=500, description="The event it is about")
    description: str = Field("", max_length=4000)
    author: str = Author
    reason: str = Reason


class NewHypothesis(BaseModel):
    label: str = Field(..., max_length=500)
    key: str | None = Field(None, max_length=40)
    names: list[str] = Field(default_factory=list, description="Actors it holds responsible")
    author: str = Author
    reason: str = Reason


class NewEvidence(BaseModel):
    ref: str | None = Field(None, max_length=200, description="A claim/statement/group/event id")
    note: str | None = Field(None, max_length=4000, description="Evidence typed in instead")
    suggested: bool = Field(False, description="Add every suggested record instead")
    relevance: Literal["high", "medium", "low"] = "high"
    credibility: str | None = Field(None, description="Admiralty 1-6 for this item")
    reliability: str | None = Field(None, description="Admiralty A-F for this item")
    author: str = Author
    reason: str = Reason


class CellRating(BaseModel):
    evidence: str = Field(..., max_length=200)
    hypothesis: str = Field(..., max_length=40)
    rating: str = Field(..., description="CC, C, N, I, II, NA or clear")
    author: str = Author
    reason: str = Reason


class Confirmation(BaseModel):
    evidence: str | None = Field(None, description="Only this item's suggestions")
    author: str = Author
    reason: str = Reason


class GradeRequest(BaseModel):
    kind: Literal["outlet", "claim"]
    target: str = Field(..., max_length=300, description="The outlet's name or the claim's id")
    value: str = Field(..., description="A-F (outlet), 1-6 (claim) or clear")
    author: str = Author
    reason: str = Reason


class RuleRequest(BaseModel):
    kind: Literal["report", "figure", "warning", "pair"]
    events: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="Organisations or places")
    places: list[str] = Field(default_factory=list)
    measure: str | None = None
    name: str = Field("", max_length=200)
    webhook: str | None = Field(None, max_length=2000, description="POST each alert here")
    author: str = Author
    reason: str = Reason


# -- reads -----------------------------------------------------------------------------------
@read.get("/ach", summary="ACH questions")
def get_questions(store: StoreDep) -> list[dict[str, Any]]:
    return ach_ops.list_questions(store)


@read.get("/ach/{question}", summary="An ACH matrix: cells, suggestions, grades, scores")
def get_matrix(
    store: StoreDep,
    question: str,
    confirmed_only: Annotated[bool, Query(description="Score analysts' ratings only")] = False,
) -> dict[str, Any]:
    return matrix_view(store, question, confirmed_only=confirmed_only)


@read.get("/ach/{question}/matrix.csv", summary="An ACH matrix as CSV")
def get_matrix_csv(store: StoreDep, question: str) -> Response:
    return Response(
        matrix_csv(matrix_view(store, question)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="ach-{question}.csv"'},
    )


@read.get("/ach/{question}/suggestions", summary="Records suggested as evidence")
def get_suggestions(store: StoreDep, question: str) -> list[dict[str, Any]]:
    return suggest_evidence(store, question)


@read.get("/ach/{question}/log", summary="Every change to a question: who, when, why")
def get_log(store: StoreDep, question: str) -> list[dict[str, Any]]:
    return ach_ops.question_log(store, question)


@read.get("/grades/outlets", summary="Outlets' Admiralty reliability with track records")
def get_outlet_grades(store: StoreDep) -> list[dict[str, Any]]:
    return outlet_grades(store)


@read.get("/grades/groups/{group_id}", summary="Admiralty grades of a group's claims")
def get_group_grades(store: StoreDep, group_id: str) -> dict[str, Any]:
    group = group_record(group_view(store, group_id))
    return {"group": group.id, "claims": claim_grades(store, [group])}


@read.get("/warnings", summary="Warnings and the later events they warned of")
def get_warnings(
    store: StoreDep,
    event: Annotated[str | None, Query(description="Only warnings linked to this event")] = None,
) -> list[dict[str, Any]]:
    return warnings_view(store, event=event)


@read.get("/rules", summary="Watch rules in force")
def get_rules(store: StoreDep) -> list[dict[str, Any]]:
    return rules_view(store)


@read.get("/alerts", summary="Alerts raised by watch rules, newest first")
def get_alerts(
    store: StoreDep,
    rule: Annotated[str | None, Query(description="Only this rule's alerts")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    return alerts_listing(store, rule=rule, limit=limit, offset=offset).to_dict()


# -- writes ----------------------------------------------------------------------------------
@write.post("/ach", status_code=201, responses=AUTH_RESPONSES, summary="Start an ACH question")
def post_question(store: StoreDep, body: NewQuestion) -> dict[str, Any]:
    ach_ops.create_question(
        store,
        body.id,
        body.title,
        event=body.event,
        description=body.description,
        author=body.author,
        reason=body.reason,
    )
    return matrix_view(store, body.id)


@write.post(
    "/ach/{question}/hypotheses",
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Add or restate a hypothesis",
)
def post_hypothesis(store: StoreDep, question: str, body: NewHypothesis) -> dict[str, str]:
    key = ach_ops.add_hypothesis(
        store,
        question,
        body.label,
        key=body.key,
        names=body.names,
        author=body.author,
        reason=body.reason,
    )
    return {"key": key}


@write.delete(
    "/ach/{question}/hypotheses/{key}", responses=AUTH_RESPONSES, summary="Drop a hypothesis"
)
def delete_hypothesis(store: StoreDep, question: str, key: str) -> dict[str, str]:
    ach_ops.drop_hypothesis(store, question, key)
    return {"dropped": key}


@write.post(
    "/ach/{question}/evidence",
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Add evidence: a record, a note, or every suggested record",
)
def post_evidence(store: StoreDep, question: str, body: NewEvidence) -> dict[str, Any]:
    if body.suggested:
        return {"keys": add_suggested(store, question, author=body.author, reason=body.reason)}
    key = ach_ops.add_evidence(
        store,
        question,
        body.ref,
        note=body.note,
        relevance=body.relevance,
        credibility=body.credibility,
        reliability=body.reliability,
        author=body.author,
        reason=body.reason,
    )
    return {"keys": [key]}


@write.delete(
    "/ach/{question}/evidence/{key}", responses=AUTH_RESPONSES, summary="Drop an evidence item"
)
def delete_evidence(store: StoreDep, question: str, key: str) -> dict[str, str]:
    ach_ops.drop_evidence(store, question, key)
    return {"dropped": key}


@write.put("/ach/{question}/ratings", responses=AUTH_RESPONSES, summary="Rate one cell")
def put_rating(store: StoreDep, question: str, body: CellRating) -> dict[str, Any]:
    act = ach_ops.rate(
        store,
        question,
        body.evidence,
        body.hypothesis,
        body.rating,
        author=body.author,
        reason=body.reason,
    )
    return act.to_dict()


@write.post(
    "/ach/{question}/confirm",
    responses=AUTH_RESPONSES,
    summary="Confirm the suggested ratings shown as the analyst's own",
)
def post_confirm(store: StoreDep, question: str, body: Confirmation) -> dict[str, int]:
    n = confirm_suggestions(
        store, question, evidence=body.evidence, author=body.author, reason=body.reason
    )
    return {"confirmed": n}


@write.put("/grades", responses=AUTH_RESPONSES, summary="Set an Admiralty grade by hand")
def put_grade(store: StoreDep, body: GradeRequest) -> dict[str, Any]:
    return set_grade(store, body.kind, body.target, body.value, body.author, body.reason).to_dict()


@write.post("/rules", status_code=201, responses=AUTH_RESPONSES, summary="Add a watch rule")
def post_rule(store: StoreDep, body: RuleRequest) -> dict[str, Any]:
    targets = [Target("event", t) for t in body.events]
    targets += [Target("entity", t) for t in body.entities]
    targets += [Target("place", t) for t in body.places]
    rule = add_rule(
        store,
        body.kind,
        targets,
        measure=body.measure,
        name=body.name,
        webhook=body.webhook,
        author=body.author,
        reason=body.reason,
    )
    return rule.to_dict()


@write.delete("/rules/{rule_id}", responses=AUTH_RESPONSES, summary="Stop a watch rule")
def delete_rule(store: StoreDep, rule_id: str) -> dict[str, Any]:
    return remove_rule(store, rule_id).to_dict()


__all__ = ["read", "write"]
