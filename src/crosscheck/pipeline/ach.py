"""ACH questions over the store: create them, add hypotheses and evidence, rate cells.

Every change is an action in the assessment log (kind ``ach``, target the question id)
with who, when and why; :func:`get_question` replays them. Evidence items name store records
through anchors that survive re-processing (see :mod:`crosscheck.assess.anchors`). The
matrix, its scores and exports are in :mod:`crosscheck.pipeline.ach_matrix`; evidence
suggestions in :mod:`crosscheck.pipeline.ach_evidence`.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.assess.questions import (
    check_credibility,
    check_rating,
    check_relevance,
    check_reliability,
    check_slug,
    replay,
    slug,
)
from crosscheck.assess.records import Action, Anchor, Question
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.model import stable_id
from crosscheck.pipeline.views import find_event
from crosscheck.store import Store

#: Ids of other records ("c-…", "g-…"); anything else may be an event's name.
_RECORD_ID = re.compile(r"^[a-z]{1,2}-[0-9a-f]{4,}$")


def get_question(store: Store, question_id: str) -> Question:
    """The question as its log leaves it."""
    found = replay(question_id, store.actions("ach", question_id))
    if found is None:
        known = ", ".join(store.action_targets("ach")) or "none yet"
        raise NotFoundError(
            f"ACH question {question_id!r} does not exist (questions: {known});"
            " create it with `crosscheck ach new`"
        )
    return found


def list_questions(store: Store) -> list[dict[str, Any]]:
    """Every question with its size."""
    out = []
    for qid in store.action_targets("ach"):
        q = replay(qid, store.actions("ach", qid))
        if q is None:
            continue
        out.append(
            {
                "id": q.id,
                "title": q.title,
                "event": q.event.id if q.event else None,
                "hypotheses": len(q.hypotheses),
                "evidence": len(q.evidence),
                "ratings": len(q.ratings),
                "created_by": q.author,
                "created_at": q.created_at,
            }
        )
    return out


def _log(
    store: Store, qid: str, action: str, payload: dict[str, Any], author: str, reason: str
) -> Action:
    return store.add_action(Action("ach", qid, action, payload, author or "analyst", reason))


def event_anchor(store: Store, ref: str) -> Anchor:
    """An anchor for the event ``ref`` names (id, id prefix or name)."""
    event = find_event(store, ref)
    return Anchor("event", event["id"], sorted(event["mention_ids"]))


def create_question(
    store: Store,
    question_id: str,
    title: str,
    *,
    event: str | None = None,
    description: str = "",
    author: str = "analyst",
    reason: str = "",
) -> Question:
    """Start a question ("Who carried out the Crocus attack?"), optionally about one event."""
    check_slug(question_id, "question id")
    if replay(question_id, store.actions("ach", question_id)) is not None:
        raise AssessmentError(f"ACH question {question_id!r} exists already; choose another id")
    if not title.strip():
        raise AssessmentError(f"ACH question {question_id!r} needs a title (the question asked)")
    anchor = event_anchor(store, event) if event else None
    payload = {
        "title": title.strip(),
        "description": description.strip(),
        "event_ref": event,
        "event": anchor.to_dict() if anchor else None,
    }
    _log(store, question_id, "create", payload, author, reason)
    return get_question(store, question_id)


def add_hypothesis(
    store: Store,
    question_id: str,
    label: str,
    *,
    key: str | None = None,
    names: list[str] | None = None,
    author: str = "analyst",
    reason: str = "",
) -> str:
    """Add (or, with an existing key, restate) a hypothesis; returns its key.

    ``names`` are the actors the hypothesis holds responsible, as reports name them; they
    let crosscheck suggest ratings ("a claim by X is consistent with 'X did it'").
    """
    get_question(store, question_id)
    if not label.strip():
        raise AssessmentError("a hypothesis needs a label saying what it holds")
    hkey = check_slug(key, "hypothesis key") if key else slug(label, what="hypothesis")
    clean = [n.strip() for n in names or [] if n.strip()]
    payload = {"key": hkey, "label": label.strip(), "names": clean}
    _log(store, question_id, "hypothesis", payload, author, reason)
    return hkey


def drop_hypothesis(
    store: Store, question_id: str, key: str, author: str = "analyst", reason: str = ""
) -> None:
    """Remove a hypothesis (its ratings go with it; the log keeps the history)."""
    question = get_question(store, question_id)
    _hypothesis(question, key)
    _log(store, question_id, "drop-hypothesis", {"key": key}, author, reason)


def _hypothesis(question: Question, key: str) -> str:
    if any(h.key == key for h in question.hypotheses):
        return key
    known = ", ".join(h.key for h in question.hypotheses) or "none yet"
    raise NotFoundError(f"question {question.id} has no hypothesis {key!r} (it has: {known})")


def _evidence(question: Question, ref: str) -> str:
    for item in question.evidence:
        if ref in (item.key, item.anchor.id if item.anchor else None):
            return item.key
    known = ", ".join(i.key for i in question.evidence) or "none yet"
    raise NotFoundError(f"question {question.id} has no evidence {ref!r} (it has: {known})")


def record_anchor(store: Store, ref: str) -> Anchor:
    """The anchor of a store record named by id: claim, statement, group or event."""
    ref = ref.strip()
    if ref.startswith("c-") and store.claims_by_ids([ref]):
        return Anchor("claim", ref)
    if ref.startswith("s-") and store.statements_by_ids([ref]):
        return Anchor("statement", ref)
    if ref.startswith("g-"):
        group = store.get_group(ref)
        if group is None and len(ref) >= 6:
            ids = store.ids_with_prefix("group", ref, limit=2)
            group = store.get_group(ids[0]) if len(ids) == 1 else None
        if group is not None:
            return Anchor("group", group.id, sorted(group.claims))
    if ref.startswith("e-") or not _RECORD_ID.match(ref):
        try:
            return event_anchor(store, ref)
        except NotFoundError:
            pass
    raise NotFoundError(
        f"{ref!r} names no claim (c-…), statement (s-…), claim group (g-…) or event in"
        f" {store.url}; use an id from `crosscheck claims`, `statements`, `groups` or `events`,"
        " or --note for evidence typed in"
    )


def add_evidence(
    store: Store,
    question_id: str,
    ref: str | None = None,
    *,
    note: str | None = None,
    relevance: str = "high",
    credibility: str | None = None,
    reliability: str | None = None,
    author: str = "analyst",
    reason: str = "",
) -> str:
    """Add a store record (``ref``) or a typed-in ``note`` as evidence; returns its key.

    The key of a record is its id when added (claims and statements keep theirs; an event
    or group found again under another id keeps the key it was added with).
    """
    question = get_question(store, question_id)
    if (ref is None) == (note is None):
        raise AssessmentError("add evidence by a record id or as --note text, not both or neither")
    payload: dict[str, Any] = {"relevance": check_relevance(relevance)}
    if credibility:
        payload["credibility"] = check_credibility(credibility)
    if reliability:
        payload["reliability"] = check_reliability(reliability)
    if note is not None:
        if not note.strip():
            raise AssessmentError("a note needs its text")
        payload |= {"key": stable_id("n", note.strip(), length=8), "kind": "note"}
        payload["text"] = note.strip()
    else:
        anchor = record_anchor(store, str(ref))
        if any(i.anchor and i.anchor.id == anchor.id for i in question.evidence):
            return anchor.id
        payload |= {"key": anchor.id, "kind": anchor.kind, "anchor": anchor.to_dict()}
    _log(store, question_id, "evidence", payload, author, reason)
    return str(payload["key"])


def weigh_evidence(
    store: Store,
    question_id: str,
    ref: str,
    *,
    relevance: str | None = None,
    credibility: str | None = None,
    reliability: str | None = None,
    author: str = "analyst",
    reason: str = "",
) -> None:
    """Change an item's relevance or grades for this question ("" clears a grade)."""
    key = _evidence(get_question(store, question_id), ref)
    payload: dict[str, Any] = {"key": key}
    if relevance:
        payload["relevance"] = check_relevance(relevance)
    if credibility is not None:
        payload["credibility"] = check_credibility(credibility) if credibility else None
    if reliability is not None:
        payload["reliability"] = check_reliability(reliability) if reliability else None
    if len(payload) == 1:
        raise AssessmentError("say what to change: relevance, credibility or reliability")
    _log(store, question_id, "weigh", payload, author, reason)


def drop_evidence(
    store: Store, question_id: str, ref: str, author: str = "analyst", reason: str = ""
) -> None:
    """Remove an evidence item (and its ratings) from the question."""
    key = _evidence(get_question(store, question_id), ref)
    _log(store, question_id, "drop-evidence", {"key": key}, author, reason)


def rate(
    store: Store,
    question_id: str,
    evidence: str,
    hypothesis: str,
    rating: str,
    *,
    author: str = "analyst",
    reason: str = "",
) -> Action:
    """Rate one cell (CC, C, N, I, II, NA); "clear" removes the analyst's rating."""
    question = get_question(store, question_id)
    payload = {
        "evidence": _evidence(question, evidence),
        "hypothesis": _hypothesis(question, hypothesis),
        "rating": "" if rating.strip().lower() == "clear" else check_rating(rating),
    }
    return _log(store, question_id, "rate", payload, author, reason)


def question_log(store: Store, question_id: str) -> list[dict[str, Any]]:
    """Every action on the question, oldest first: who, when, what and why."""
    get_question(store, question_id)
    return [a.to_dict() for a in store.actions("ach", question_id)]


__all__ = [
    "add_evidence",
    "add_hypothesis",
    "create_question",
    "drop_evidence",
    "drop_hypothesis",
    "event_anchor",
    "get_question",
    "list_questions",
    "question_log",
    "rate",
    "record_anchor",
    "weigh_evidence",
]
