"""Score incidents against an incident gold file (the Gun Violence Corpus format).

An incident gold file says which real incident each report is about and the incident's final
counts::

    {"incidents": {"101725": {"date": "January 28, 2014", "city": "…", "state": "…",
                              "killed": 1, "injured": 0, "docs": ["gvc-101725-487a3272"]}},
     "documents": {"gvc-101725-487a3272": "101725"}}

A gold document is the stored report whose path, URL, title or id has that name (before its
first dot). The figures, as the public scorer of this format computes them:

* **coreference**: pairwise precision, recall and F1 over report pairs; two reports are
  together when their killed or injured figures share an incident;
* **killed / injured exact**: per gold incident, the incident most of its reports' killed and
  injured figures are about is its answer; the best estimate of that incident's largest
  killed (injured) group must equal the gold count (no group counts as 0).

Pure: the caller hands over documents, claims (with resolved subjects) and groups.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from crosscheck.errors import GoldError
from crosscheck.model import Claim, ClaimGroup, Document

MEASURES = ("killed", "injured")
#: Tenths of the incidents (by a hash of their id) held out of training the linking model.
HELD_OUT_TENTHS = 3


def is_incident_gold(data: Any) -> bool:
    """True for the incident format (``incidents`` and a ``documents`` map to incident ids)."""
    return isinstance(data, dict) and isinstance(data.get("incidents"), dict)


def held_out(incident_id: str) -> bool:
    """Whether an incident belongs to the fixed part kept out of training."""
    digest = hashlib.sha1(incident_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10 < HELD_OUT_TENTHS


def validate_incident_gold(data: Any, where: str = "gold") -> None:
    """Check the incident format; raise :class:`GoldError` naming the problem."""
    incidents, documents = data.get("incidents"), data.get("documents")
    if not isinstance(incidents, dict) or not isinstance(documents, dict):
        raise GoldError(f"{where}: expected 'incidents' and 'documents' objects")
    for inc_id, inc in incidents.items():
        if not isinstance(inc, dict):
            raise GoldError(f"{where}: incident {inc_id!r} is not an object")
        for key in MEASURES:
            value = inc.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise GoldError(f"{where}: incident {inc_id!r} needs a number for {key!r}")
    for doc, inc_id in documents.items():
        if str(inc_id) not in incidents:
            raise GoldError(f"{where}: document {doc!r} names unknown incident {inc_id!r}")


@dataclass
class IncidentScores:
    """The figures of one scoring run (a part of the incidents, or all)."""

    incidents: int
    documents: int
    coreference_f1: float
    coreference_precision: float
    coreference_recall: float
    killed_exact: float
    injured_exact: float
    killed_if_zero: float  # what saying 0 everywhere would score
    injured_if_zero: float


@dataclass
class IncidentReport:
    """Scores on all incidents and on the held-out part, with the incidents got wrong."""

    all: IncidentScores
    held_out: IncidentScores
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"all": asdict(self.all), "held_out": asdict(self.held_out), "wrong": self.wrong}


def _name(doc: Document | None, known: set[str]) -> str | None:
    if doc is None:
        return None
    for value in (doc.path, doc.url, doc.title, doc.id):
        base = os.path.basename(str(value or "")).split(".")[0]
        if base in known:
            return base
    return None


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _score(
    incidents: dict[str, dict[str, Any]],
    doc_incident: dict[str, str],
    events_of: dict[str, set[str]],
    votes: dict[str, Counter[str]],
    best: dict[tuple[str, str], float | None],
) -> tuple[IncidentScores, list[dict[str, Any]]]:
    docs = sorted(d for d, inc in doc_incident.items() if inc in incidents)
    by_incident: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_incident[doc_incident[d]].append(d)
    gold = {frozenset(p) for ds in by_incident.values() for p in itertools.combinations(ds, 2)}
    docs_of_event: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for e in events_of.get(d, ()):
            docs_of_event[e].add(d)
    pred = {
        frozenset(p) for ds in docs_of_event.values() for p in itertools.combinations(sorted(ds), 2)
    }
    tp = len(gold & pred)
    precision, recall = _ratio(tp, len(pred)), _ratio(tp, len(gold))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    right = dict.fromkeys(MEASURES, 0)
    zero = dict.fromkeys(MEASURES, 0)
    wrong: list[dict[str, Any]] = []
    for inc_id, inc in sorted(incidents.items()):
        answer = votes[inc_id].most_common(1)[0][0] if votes[inc_id] else None
        for m in MEASURES:
            got = best.get((answer, m)) if answer else None
            value = 0.0 if got is None else float(got)
            zero[m] += float(inc[m]) == 0.0
            if value == float(inc[m]):
                right[m] += 1
            else:
                wrong.append(
                    {
                        "incident": inc_id,
                        "measure": m,
                        "gold": inc[m],
                        "got": value,
                        "event": answer,
                        "docs": by_incident.get(inc_id, []),
                    }
                )
    n = len(incidents)
    scores = IncidentScores(
        incidents=n,
        documents=len(docs),
        coreference_f1=round(f1, 4),
        coreference_precision=round(precision, 4),
        coreference_recall=round(recall, 4),
        killed_exact=round(_ratio(right["killed"], n), 4),
        injured_exact=round(_ratio(right["injured"], n), 4),
        killed_if_zero=round(_ratio(zero["killed"], n), 4),
        injured_if_zero=round(_ratio(zero["injured"], n), 4),
    )
    return scores, wrong


def evaluate_incidents(
    gold: dict[str, Any],
    documents: Iterable[Document],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
) -> IncidentReport:
    """Score reports' incidents and tolls against an incident gold file.

    Args:
        gold: the parsed gold file (see :func:`validate_incident_gold`).
        documents: the stored reports (paths, URLs, titles and ids identify them).
        claims: every claim, with ``subject`` resolved by the picture.
        groups: every claim group.
    """
    doc_incident = {str(k): str(v) for k, v in gold["documents"].items()}
    known = set(doc_incident)
    names = {d.id: _name(d, known) for d in documents}
    events_of: dict[str, set[str]] = defaultdict(set)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        name = names.get(c.doc_id)
        subject = c.subject
        if not name or subject is None or subject.kind != "event" or c.measure not in MEASURES:
            continue
        events_of[name].add(subject.id or "")
        votes[doc_incident[name]][subject.id or ""] += 1
    largest: dict[tuple[str, str], tuple[int, float | None]] = {}
    for g in groups:
        if g.subject.kind != "event" or g.measure not in MEASURES or not g.subject.id:
            continue
        key = (g.subject.id, g.measure)
        if key not in largest or len(g.claims) > largest[key][0]:
            largest[key] = (len(g.claims), g.estimate.best)
    best = {k: v[1] for k, v in largest.items()}
    incidents = {str(k): v for k, v in gold["incidents"].items()}
    everything, wrong = _score(incidents, doc_incident, events_of, votes, best)
    kept = {k: v for k, v in incidents.items() if held_out(k)}
    held, _ = _score(kept, doc_incident, events_of, votes, best)
    return IncidentReport(all=everything, held_out=held, wrong=wrong)


__all__ = [
    "HELD_OUT_TENTHS",
    "IncidentReport",
    "IncidentScores",
    "evaluate_incidents",
    "held_out",
    "is_incident_gold",
    "validate_incident_gold",
]
