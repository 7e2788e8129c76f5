"""The ACH matrix of a question: cells, suggestions, weights, scores; CSV export.

A cell shows the analyst's rating, else a suggestion (marked as such, with its reason) where
the evidence speaks plainly (:mod:`crosscheck.assess.suggest`). Scores count the analyst's
ratings and, unless ``confirmed_only``, the suggestions of unrated cells; the view says how
many suggestions it counted. Every face (CLI, API, page, brief) shows this one view.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from crosscheck.assess.ach import diagnosticity_level, item_weight, score
from crosscheck.assess.grading import admiralty
from crosscheck.assess.records import Hypothesis, Question
from crosscheck.assess.suggest import Suggestion, suggest
from crosscheck.pipeline.ach import get_question, rate
from crosscheck.pipeline.ach_records import ItemRecord, resolve_items
from crosscheck.reconcile.text import fold
from crosscheck.store import Store


def expand_names(store: Store, hypotheses: list[Hypothesis]) -> list[Hypothesis]:
    """Hypotheses whose names also hold the aliases of entities carrying one of those names.

    "ISKP" then also finds reports that say "Islamic State Khorasan Province", as far as
    entity resolution joined the two.
    """
    out = []
    for h in hypotheses:
        names = list(dict.fromkeys(h.names))
        for name in h.names:
            want = fold(name.strip())
            for entity in store.entities_matching(name.split()):
                if want in {fold(entity.name), *map(fold, entity.aliases)}:
                    names.extend(a for a in (entity.name, *entity.aliases) if a not in names)
        out.append(Hypothesis(h.key, h.label, names, h.author, h.created_at))
    return out


def _cells(
    question: Question, records: dict[str, ItemRecord], hypotheses: list[Hypothesis]
) -> dict[str, dict[str, dict[str, Any]]]:
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for item in question.evidence:
        rec = records[item.key]
        suggested: dict[str, Suggestion] = (
            suggest(rec.facts, hypotheses) if rec.facts is not None else {}
        )
        row: dict[str, dict[str, Any]] = {}
        for h in hypotheses:
            rating = question.ratings.get((item.key, h.key))
            hint = suggested.get(h.key)
            if rating is not None:
                row[h.key] = {
                    "rating": rating.rating,
                    "suggested": False,
                    "reason": rating.reason,
                    "author": rating.author,
                    "at": rating.created_at,
                    "suggestion": hint.rating if hint else None,
                }
            elif hint is not None:
                row[h.key] = {"rating": hint.rating, "suggested": True, "reason": hint.reason}
        cells[item.key] = row
    return cells


def matrix_view(store: Store, question_id: str, *, confirmed_only: bool = False) -> dict[str, Any]:
    """The question's matrix with grades, flags, suggestions and scores."""
    question = get_question(store, question_id)
    hypotheses = expand_names(store, question.hypotheses)
    records = resolve_items(store, question.evidence)
    cells = _cells(question, records, hypotheses)
    weights = {
        i.key: item_weight(
            records[i.key].credibility.value, records[i.key].reliability.value, i.relevance
        )
        for i in question.evidence
    }
    counted = {
        (ik, hk): c["rating"]
        for ik, row in cells.items()
        for hk, c in row.items()
        if not (confirmed_only and c["suggested"])
    }
    keys = [h.key for h in hypotheses]
    scores = score(keys, list(weights), list(weights.values()), counted)
    labels = {h.key: h.label for h in hypotheses}
    ranking = [
        {
            "rank": n,
            "hypothesis": h,
            "label": labels[h],
            "score": round(scores.scores[h], 3),
            "counts": scores.counts[h],
        }
        for n, h in enumerate(scores.ranking, start=1)
    ]
    return {
        "question": _question_dict(question, records),
        "hypotheses": [{"key": h.key, "label": h.label, "names": h.names} for h in hypotheses],
        "evidence": [
            _item_dict(i, records[i.key], weights[i.key], scores.diagnosticity[i.key])
            for i in question.evidence
        ],
        "cells": cells,
        "ranking": ranking,
        "sensitive": [
            {
                "item": s.item,
                "changes_leader": s.changes_leader,
                "ranking_without": s.ranking,
                "text": _sensitive_words(records[s.item], s.ranking, scores.ranking, labels),
            }
            for s in scores.sensitive
        ],
        "suggested_cells": sum(1 for row in cells.values() for c in row.values() if c["suggested"]),
        "confirmed_only": confirmed_only,
    }


def _sensitive_words(
    rec: ItemRecord, without: list[str], ranking: list[str], labels: dict[str, str]
) -> str:
    # The analyst reads the item by what it says and who said it, not by its key.
    where = ", ".join(str(rec.source[k]) for k in ("outlet", "published") if rec.source.get(k))
    item = f"“{_short(rec.summary)}”" + (f" ({where})" if where else "")
    if without[0] != ranking[0]:
        first, now = labels[without[0]], labels[ranking[0]]
        return f"without {item}, “{first}” would rank first instead of “{now}”"
    return f"without {item}, the order would become " + " > ".join(
        f"“{labels[h]}”" for h in without
    )


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _question_dict(q: Question, records: dict[str, ItemRecord]) -> dict[str, Any]:
    return {
        "id": q.id,
        "title": q.title,
        "description": q.description,
        "event": q.event.id if q.event else None,
        "event_ref": q.event_ref,
        "created_by": q.author,
        "created_at": q.created_at,
        "flagged": sum(1 for r in records.values() if r.flags),
    }


def _item_dict(item: Any, rec: ItemRecord, weight: float, diag: float) -> dict[str, Any]:
    return {
        "key": item.key,
        "kind": item.kind,
        "record": rec.current_id,
        "summary": rec.summary,
        "source": rec.source,
        "link": rec.link,
        "relevance": item.relevance,
        "credibility": rec.credibility.to_dict(),
        "reliability": rec.reliability.to_dict(),
        "code": admiralty(rec.reliability.value, rec.credibility.value),
        "weight": round(weight, 3),
        "diagnosticity": round(diag, 3),
        "diagnostic": diagnosticity_level(diag),
        "flags": rec.flags,
        "added_by": item.author,
        "added_at": item.created_at,
    }


def confirm_suggestions(
    store: Store,
    question_id: str,
    *,
    evidence: str | None = None,
    author: str = "analyst",
    reason: str = "",
) -> int:
    """Turn the shown suggestions (of one item, or all) into the analyst's ratings."""
    view = matrix_view(store, question_id)
    done = 0
    for item_key, row in view["cells"].items():
        if evidence is not None and evidence != item_key:
            continue
        for hyp_key, cell in row.items():
            if cell["suggested"]:
                why = reason or f"confirmed suggestion: {cell['reason']}"
                rate(
                    store, question_id, item_key, hyp_key, cell["rating"], author=author, reason=why
                )
                done += 1
    return done


def matrix_csv(view: dict[str, Any]) -> str:
    """The matrix as CSV: one row per item (a suggestion reads "CC?"), then the scores."""
    hyps = [h["key"] for h in view["hypotheses"]]
    head = ["evidence", "kind", "summary", "outlet", "published", "code", "relevance"]
    head += ["weight", "diagnosticity", "flags", *hyps]
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(head)
    for item in view["evidence"]:
        row = view["cells"].get(item["key"], {})
        out.writerow(
            [
                item["key"],
                item["kind"],
                _csv_text(item["summary"]),
                item["source"].get("outlet") or "",
                item["source"].get("published") or "",
                item["code"],
                item["relevance"],
                item["weight"],
                item["diagnosticity"],
                "; ".join(item["flags"]),
                *[
                    (row[h]["rating"] + ("?" if row[h]["suggested"] else "")) if h in row else ""
                    for h in hyps
                ],
            ]
        )
    scores = {r["hypothesis"]: r["score"] for r in view["ranking"]}
    ranks = {r["hypothesis"]: r["rank"] for r in view["ranking"]}
    out.writerow(
        ["score", "", "weighted inconsistency", "", "", "", "", "", "", ""]
        + [scores[h] for h in hyps]
    )
    out.writerow(
        ["rank", "", "1 = least inconsistent", "", "", "", "", "", "", ""]
        + [ranks[h] for h in hyps]
    )
    return buf.getvalue()


def _csv_text(text: str) -> str:
    """Report text cannot start a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


__all__ = ["confirm_suggestions", "expand_names", "matrix_csv", "matrix_view"]
