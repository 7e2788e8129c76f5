"""Pages of structured analysis: the ACH matrix, alerts and their Atom feed, grades, warnings.

Pages call the same library functions as the CLI and the API. Writes (ratings, hypotheses,
evidence, rules, grades) need a logged-in session and its CSRF token, checked exactly as the
other forms check them (:func:`crosscheck.web.forms._check_write`). The matrix is a plain
form: every cell a labelled ``<select>``, one button saves the cells that changed, so it
works from the keyboard and without scripts.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from crosscheck.assess.records import RATINGS, Target
from crosscheck.pipeline import ach as ach_ops
from crosscheck.pipeline.ach_evidence import add_suggested, suggest_evidence
from crosscheck.pipeline.ach_matrix import confirm_suggestions, matrix_view
from crosscheck.pipeline.delivery import atom_feed
from crosscheck.pipeline.grading import outlet_grades, set_grade
from crosscheck.pipeline.rules import add_rule, alerts_listing, remove_rule, rules_view
from crosscheck.pipeline.warnings import warnings_view
from crosscheck.web.forms import _check_write, _safe_next
from crosscheck.web.pages import StoreDep
from crosscheck.web.templating import render, server_of

router = APIRouter(include_in_schema=False)

AuthorForm = Annotated[str, Form(max_length=100)]
ReasonForm = Annotated[str, Form(max_length=2000)]


def _lines(text: str) -> list[str]:
    return [x.strip() for x in text.replace("\n", ",").split(",") if x.strip()]


@router.get("/ach")
def ach_list_page(request: Request, store: StoreDep) -> Response:
    return render(
        request, "ach_list.html", {"title": "ACH questions", "rows": ach_ops.list_questions(store)}
    )


@router.post("/ach")
def ach_new(
    request: Request,
    question: Annotated[str, Form(max_length=40)],
    title: Annotated[str, Form(max_length=500)],
    event: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    with server_of(request).pool.store() as store:
        ach_ops.create_question(
            store,
            question.strip(),
            title,
            event=event.strip() or None,
            author=author.strip() or "analyst",
            reason=reason.strip(),
        )
    return RedirectResponse(f"/ach/{question.strip()}", status_code=303)


@router.get("/ach/{question}")
def ach_page(request: Request, store: StoreDep, question: str) -> Response:
    view = matrix_view(store, question)
    return render(
        request,
        "ach.html",
        {
            "title": view["question"]["title"],
            "view": view,
            "ratings": RATINGS,
            "suggestions": suggest_evidence(store, question),
        },
    )


@router.post("/ach/{question}/ratings")
async def ach_ratings(request: Request, question: str) -> Response:
    """Save the cells whose rating changed (fields ``cell:ITEM:HYPOTHESIS``)."""
    form = await request.form()
    denied = _check_write(request, str(form.get("csrf", "")))
    if denied is not None:
        return denied
    author = str(form.get("author", "")).strip()[:100] or "analyst"
    reason = str(form.get("reason", "")).strip()[:2000]
    with server_of(request).pool.store() as store:
        current = ach_ops.get_question(store, question).ratings
        for field, value in form.multi_items():
            if not field.startswith("cell:"):
                continue
            _, item, hyp = field.split(":", 2)
            chosen = str(value).strip().upper()
            had = current.get((item, hyp))
            if chosen == (had.rating if had else ""):
                continue
            ach_ops.rate(
                store, question, item, hyp, chosen or "clear", author=author, reason=reason
            )
    return RedirectResponse(f"/ach/{question}#matrix", status_code=303)


@router.post("/ach/{question}/confirm")
def ach_confirm(
    request: Request,
    question: str,
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    with server_of(request).pool.store() as store:
        confirm_suggestions(store, question, author=author.strip() or "analyst", reason=reason)
    return RedirectResponse(f"/ach/{question}#matrix", status_code=303)


@router.post("/ach/{question}/hypotheses")
def ach_hypothesis(
    request: Request,
    question: str,
    label: Annotated[str, Form(max_length=500)],
    names: Annotated[str, Form(max_length=2000)] = "",
    key: Annotated[str, Form(max_length=40)] = "",
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    with server_of(request).pool.store() as store:
        ach_ops.add_hypothesis(
            store,
            question,
            label,
            key=key.strip() or None,
            names=_lines(names),
            author=author.strip() or "analyst",
            reason=reason.strip(),
        )
    return RedirectResponse(f"/ach/{question}#matrix", status_code=303)


@router.post("/ach/{question}/evidence")
def ach_evidence(
    request: Request,
    question: str,
    ref: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
    suggested: Annotated[str, Form()] = "",
    relevance: Annotated[str, Form()] = "high",
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    who = author.strip() or "analyst"
    with server_of(request).pool.store() as store:
        if suggested:
            add_suggested(store, question, author=who, reason=reason.strip())
        else:
            ach_ops.add_evidence(
                store,
                question,
                ref.strip() or None,
                note=note.strip() or None,
                relevance=relevance,
                author=who,
                reason=reason.strip(),
            )
    return RedirectResponse(f"/ach/{question}#matrix", status_code=303)


@router.get("/alerts")
def alerts_page(request: Request, store: StoreDep, rule: str = "") -> Response:
    listing = alerts_listing(store, rule=rule or None, limit=200)
    return render(
        request,
        "alerts.html",
        {
            "title": "Alerts",
            "alerts": listing.items,
            "total": listing.total,
            "rules": rules_view(store),
            "rule": rule,
        },
    )


@router.get("/alerts.atom")
def alerts_feed(request: Request, store: StoreDep, rule: str = "") -> Response:
    """The alerts as an Atom feed at a stable URL (``?rule=ID`` for one rule's)."""
    base = str(request.base_url)
    body = atom_feed(store, base, rule_id=rule or None)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.post("/rules")
def rules_add(
    request: Request,
    kind: Annotated[str, Form()],
    event: Annotated[str, Form(max_length=500)] = "",
    entities: Annotated[str, Form(max_length=1000)] = "",
    place: Annotated[str, Form(max_length=500)] = "",
    measure: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    webhook: Annotated[str, Form(max_length=2000)] = "",
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    targets = [Target("event", event.strip())] if event.strip() else []
    targets += [Target("entity", e) for e in _lines(entities)]
    targets += [Target("place", place.strip())] if place.strip() else []
    with server_of(request).pool.store() as store:
        add_rule(
            store,
            kind,
            targets,
            measure=measure or None,
            name=name,
            webhook=webhook.strip() or None,
            author=author.strip() or "analyst",
            reason=reason.strip(),
        )
    return RedirectResponse("/alerts", status_code=303)


@router.post("/rules/{rule_id}/remove")
def rules_remove(
    request: Request,
    rule_id: str,
    csrf: Annotated[str, Form()] = "",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    with server_of(request).pool.store() as store:
        remove_rule(store, rule_id, author.strip() or "analyst", reason.strip())
    return RedirectResponse("/alerts", status_code=303)


@router.get("/grades")
def grades_page(request: Request, store: StoreDep) -> Response:
    return render(request, "grades.html", {"title": "Source grades", "rows": outlet_grades(store)})


@router.post("/grades")
def grades_set(
    request: Request,
    kind: Annotated[str, Form()],
    target: Annotated[str, Form(max_length=300)],
    value: Annotated[str, Form(max_length=10)],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/grades",
    author: AuthorForm = "analyst",
    reason: ReasonForm = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    with server_of(request).pool.store() as store:
        set_grade(store, kind, target, value, author.strip() or "analyst", reason.strip())
    return RedirectResponse(_safe_next(next, "/grades"), status_code=303)


@router.get("/warnings")
def warnings_page(request: Request, store: StoreDep) -> Response:
    rows: list[dict[str, Any]] = warnings_view(store)
    return render(request, "warnings.html", {"title": "Warnings", "rows": rows})


__all__ = ["router"]
