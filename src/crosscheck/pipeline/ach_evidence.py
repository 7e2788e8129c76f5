"""Evidence suggested for an ACH question, and questions loaded from a file.

For a question about one event, the store already holds much of the evidence: the
statements in the reports of that event that name an actor a hypothesis holds responsible
(claims of responsibility, denials, accusations), incidents near it in time that name those
actors (claims, arrests, other attacks), and the event's own figures (perpetrators,
arrests). :func:`suggest_evidence` lists them; the analyst adds what matters.

:func:`load_question` reads a question with its hypotheses (and typed-in notes, ratings) from
a YAML file and brings the store up to it, adding only what differs, so loading the same
file twice changes nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from crosscheck.assess.anchors import relocate
from crosscheck.assess.records import Question
from crosscheck.assess.suggest import names_in
from crosscheck.assess.tables import section
from crosscheck.assess.warnings import start_of
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.model import Event, stable_id
from crosscheck.pipeline.ach import (
    add_evidence,
    add_hypothesis,
    create_question,
    get_question,
    rate,
)
from crosscheck.pipeline.ach_matrix import expand_names
from crosscheck.store import Store


def question_event(store: Store, question: Question) -> Event | None:
    """The question's event as the picture holds it now (followed when its id changed)."""
    if question.event is None:
        return None
    owners = store.event_links_for(question.event.members)
    eid = relocate(question.event, lambda x: store.get_event(x) is not None, owners)
    return store.get_event(eid) if eid else None


def suggest_evidence(store: Store, question_id: str) -> list[dict[str, Any]]:
    """Records that bear on the question and are not evidence yet, with why each is offered."""
    question = get_question(store, question_id)
    names = [n for h in expand_names(store, question.hypotheses) for n in h.names]
    taken = {i.anchor.id for i in question.evidence if i.anchor}
    event = question_event(store, question)
    rules = section("suggestions")
    out: list[dict[str, Any]] = []
    if event is not None:
        docs = sorted({m.doc_id for m in store.event_mentions_by_ids(event.mention_ids)})
        statements = store.statements(doc_ids=docs) if docs else []
    else:
        statements = [
            s for stance in rules["evidence_stances"] for s in store.statements_with_stance(stance)
        ]
    for s in statements:
        found = names_in(f"{s.speaker} ; {s.content}", names)
        if s.id not in taken and found:
            out.append(
                {
                    "ref": s.id,
                    "kind": "statement",
                    "summary": f"{s.speaker} ({s.stance}): {s.content}",
                    "why": f"names {', '.join(dict.fromkeys(found))}",
                }
            )
    if event is not None:
        out += _events_near(store, event, names, taken, rules)
        for g in store.select_groups(subject_id=event.id):
            if g.measure in rules["evidence_measures"] and g.id not in taken:
                out.append(
                    {
                        "ref": g.id,
                        "kind": "group",
                        "summary": f"{g.label}: {g.status}, best {g.estimate.best}",
                        "why": f"a figure about {event.name}",
                    }
                )
    return out


def _events_near(
    store: Store, event: Event, names: list[str], taken: set[str], rules: dict[str, Any]
) -> list[dict[str, Any]]:
    day = start_of(event.date)
    span = timedelta(days=int(rules["evidence_event_days"]))
    out = []
    for e in store.events():
        when = start_of(e.date)
        near = e.id == event.id or (
            day is not None and when is not None and abs(when - day) <= span
        )
        if not near or e.type not in rules["evidence_event_types"] or e.id in taken:
            continue
        actors = [a["name"] for a in e.actors if a.get("role") == "perpetrator"]
        found = names_in(" ; ".join(actors), names)
        if found:
            out.append(
                {
                    "ref": e.id,
                    "kind": "event",
                    "summary": f"{e.name} ({e.type}, {e.date or 'undated'})",
                    "why": f"names {', '.join(dict.fromkeys(found))} as perpetrator",
                }
            )
    return out


def add_suggested(
    store: Store, question_id: str, *, author: str = "analyst", reason: str = ""
) -> list[str]:
    """Add every suggested record as evidence; returns the keys added."""
    why = reason or "suggested by crosscheck for this question"
    return [
        add_evidence(store, question_id, s["ref"], author=author, reason=why)
        for s in suggest_evidence(store, question_id)
    ]


def read_question_file(path: Path) -> dict[str, Any]:
    """A question file (YAML) as a mapping, or a one-line error naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AssessmentError(f"{path}: cannot read the question file ({exc})") from exc
    if not isinstance(data, dict) or not data.get("id") or not data.get("title"):
        raise AssessmentError(f"{path}: a question file needs at least `id` and `title`")
    return data


_LOADED = "loaded from a question file"


def _ensure_question(store: Store, data: dict[str, Any], author: str) -> tuple[Question, int]:
    """The question of ``data``, created when the store lacks it (then 1, else 0)."""
    qid = str(data["id"])
    try:
        return get_question(store, qid), 0
    except NotFoundError:
        question = create_question(
            store,
            qid,
            str(data["title"]),
            event=data.get("event"),
            description=str(data.get("description", "")),
            author=author,
            reason=_LOADED,
        )
        return question, 1


def _load_hypotheses(
    store: Store, qid: str, question: Question, hypotheses: list[dict[str, Any]], author: str
) -> int:
    """Add the hypotheses the question lacks or words differently; returns how many."""
    have = {h.key: h for h in question.hypotheses}
    added = 0
    for h in hypotheses:
        key, label, names = str(h["key"]), str(h["label"]), [str(n) for n in h.get("names", [])]
        old = have.get(key)
        if old is None or (old.label, old.names) != (label, names):
            add_hypothesis(store, qid, label, key=key, names=names, author=author, reason=_LOADED)
            added += 1
    return added


def _load_evidence(store: Store, qid: str, data: dict[str, Any], author: str) -> dict[str, str]:
    """Add the file's evidence (suggested, record ids) and notes; returns note text -> key."""
    wanted = data.get("evidence")
    if wanted == "suggested":
        add_suggested(store, qid, author=author)
    for ref in wanted if isinstance(wanted, list) else []:
        add_evidence(store, qid, str(ref), author=author, reason=_LOADED)
    notes = {}
    for note in data.get("notes", []):
        text = str(note["text"]).strip()
        notes[text] = stable_id("n", text, length=8)
        if notes[text] not in {i.key for i in get_question(store, qid).evidence}:
            add_evidence(
                store,
                qid,
                note=text,
                relevance=str(note.get("relevance", "high")),
                credibility=note.get("credibility"),
                reliability=note.get("reliability"),
                author=author,
                reason=_LOADED,
            )
    return notes


def _load_ratings(
    store: Store,
    qid: str,
    question: Question,
    ratings: list[dict[str, Any]],
    notes: dict[str, str],
    author: str,
) -> int:
    """Rate the cells whose rating differs from the file's; returns how many."""
    added = 0
    for r in ratings:
        item = notes.get(str(r["evidence"]).strip(), str(r["evidence"]))
        cell = question.ratings.get((item, str(r["hypothesis"])))
        if cell is None or cell.rating != str(r["rating"]).upper():
            rate(
                store,
                qid,
                item,
                str(r["hypothesis"]),
                str(r["rating"]),
                author=author,
                reason=str(r.get("reason", _LOADED)),
            )
            added += 1
    return added


def load_question(store: Store, data: dict[str, Any], *, author: str = "analyst") -> dict[str, int]:
    """Bring the store up to a question file; returns what was added.

    Keys: ``id``, ``title``, ``event``, ``description``, ``hypotheses`` (``key``, ``label``,
    ``names``), ``evidence`` (``suggested`` or a list of record ids), ``notes`` (``text``,
    ``relevance``, ``credibility``, ``reliability``) and ``ratings`` (``evidence``: a record id
    or a note's text, ``hypothesis``, ``rating``, ``reason``).
    """
    qid = str(data["id"])
    added = {"question": 0, "hypotheses": 0, "evidence": 0, "ratings": 0}
    question, added["question"] = _ensure_question(store, data, author)
    added["hypotheses"] = _load_hypotheses(store, qid, question, data.get("hypotheses", []), author)
    before = len(get_question(store, qid).evidence)
    notes = _load_evidence(store, qid, data, author)
    question = get_question(store, qid)
    added["evidence"] = len(question.evidence) - before
    added["ratings"] = _load_ratings(store, qid, question, data.get("ratings", []), notes, author)
    return added


__all__ = [
    "add_suggested",
    "load_question",
    "question_event",
    "read_question_file",
    "suggest_evidence",
]
