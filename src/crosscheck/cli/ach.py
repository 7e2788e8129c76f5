"""``crosscheck ach …``: Analysis of Competing Hypotheses over the store's own evidence.

Thin faces over :mod:`crosscheck.pipeline.ach`, :mod:`~crosscheck.pipeline.ach_matrix` and
:mod:`~crosscheck.pipeline.ach_evidence`; every change is logged with who, when and why.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import Format, clean, console, emit, emit_object
from crosscheck.pipeline import ach as ach_ops
from crosscheck.pipeline.ach_evidence import (
    add_suggested,
    load_question,
    read_question_file,
    suggest_evidence,
)
from crosscheck.pipeline.ach_matrix import confirm_suggestions, matrix_csv, matrix_view

ach_app = typer.Typer(
    help="Analysis of Competing Hypotheses: questions, hypotheses, evidence, ratings, scores.",
    no_args_is_help=True,
)
app.add_typer(ach_app, name="ach")

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]
Author = Annotated[str, typer.Option(help="Who decides")]
Reason = Annotated[str, typer.Option(help="Why")]


def _done(text: str) -> None:
    console(stderr=True).print(text, markup=False)


@ach_app.command("list")
def list_cmd(fmt: FormatOpt = Format.table) -> None:
    """List the ACH questions."""
    emit(ach_ops.list_questions(STATE.store), fmt)


@ach_app.command("new")
def new_cmd(
    question: Annotated[str, typer.Argument(help="A short id, e.g. crocus")],
    title: Annotated[str, typer.Argument(help="The question asked")],
    event: Annotated[str | None, typer.Option(help="The event it is about (id or name)")] = None,
    description: Annotated[str, typer.Option(help="Background in a sentence or two")] = "",
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Start an ACH question ("Who carried out the Crocus attack?")."""
    q = ach_ops.create_question(
        STATE.store,
        question,
        title,
        event=event,
        description=description,
        author=author,
        reason=reason,
    )
    _done(f"question {q.id} created" + (f" about event {q.event.id}" if q.event else ""))


@ach_app.command("hypothesis")
def hypothesis_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    label: Annotated[str, typer.Argument(help="What the hypothesis holds")],
    key: Annotated[str | None, typer.Option(help="Short key (default: from the label)")] = None,
    name: Annotated[
        list[str] | None, typer.Option("--name", help="An actor it holds responsible (repeat)")
    ] = None,
    drop: Annotated[bool, typer.Option("--drop", help="Remove the hypothesis KEY")] = False,
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Add a hypothesis to a question (or restate one with --key, or --drop it)."""
    if drop:
        ach_ops.drop_hypothesis(STATE.store, question, key or label, author, reason)
        _done(f"hypothesis {key or label} dropped")
        return
    hkey = ach_ops.add_hypothesis(
        STATE.store, question, label, key=key, names=name or [], author=author, reason=reason
    )
    _done(f"hypothesis {hkey} added")


@ach_app.command("evidence")
def evidence_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    ref: Annotated[str | None, typer.Argument(help="A claim, statement, group or event id")] = None,
    note: Annotated[str | None, typer.Option(help="Evidence typed in instead")] = None,
    suggested: Annotated[
        bool, typer.Option("--suggested", help="Add every record crosscheck suggests")
    ] = False,
    relevance: Annotated[str, typer.Option(help="high, medium or low")] = "high",
    credibility: Annotated[str | None, typer.Option(help="Admiralty 1-6 for this item")] = None,
    reliability: Annotated[str | None, typer.Option(help="Admiralty A-F for this item")] = None,
    drop: Annotated[bool, typer.Option("--drop", help="Remove the item REF")] = False,
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Add evidence to a question: a store record, a typed-in --note, or --suggested ones."""
    store = STATE.store
    if suggested:
        keys = add_suggested(store, question, author=author, reason=reason)
        _done(f"{len(keys)} suggested item(s) added")
        return
    if drop:
        if ref is None:
            raise typer.BadParameter("--drop needs the item's key or record id")
        ach_ops.drop_evidence(store, question, ref, author, reason)
        _done(f"evidence {ref} dropped")
        return
    key = ach_ops.add_evidence(
        store,
        question,
        ref,
        note=note,
        relevance=relevance,
        credibility=credibility,
        reliability=reliability,
        author=author,
        reason=reason,
    )
    _done(f"evidence {key} added")


@ach_app.command("weigh")
def weigh_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    ref: Annotated[str, typer.Argument(help="The evidence item's key or record id")],
    relevance: Annotated[str | None, typer.Option(help="high, medium or low")] = None,
    credibility: Annotated[str | None, typer.Option(help="1-6, or '' to clear")] = None,
    reliability: Annotated[str | None, typer.Option(help="A-F, or '' to clear")] = None,
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Change an evidence item's relevance or grades for this question."""
    ach_ops.weigh_evidence(
        STATE.store,
        question,
        ref,
        relevance=relevance,
        credibility=credibility,
        reliability=reliability,
        author=author,
        reason=reason,
    )
    _done(f"evidence {ref} weighed")


@ach_app.command("suggest")
def suggest_cmd(
    question: Annotated[str, typer.Argument(help="Question id")], fmt: FormatOpt = Format.table
) -> None:
    """List the records crosscheck suggests as evidence, with why."""
    emit(suggest_evidence(STATE.store, question), fmt, widths={"summary": 80})


@ach_app.command("rate")
def rate_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    evidence: Annotated[str, typer.Argument(help="Evidence item key or record id")],
    hypothesis: Annotated[str, typer.Argument(help="Hypothesis key")],
    rating: Annotated[str, typer.Argument(help="CC, C, N, I, II, NA, or clear")],
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Rate one cell of the matrix (how consistent the evidence is with the hypothesis)."""
    ach_ops.rate(STATE.store, question, evidence, hypothesis, rating, author=author, reason=reason)
    _done(f"{evidence} × {hypothesis}: {rating.upper()}")


@ach_app.command("confirm")
def confirm_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    evidence: Annotated[str | None, typer.Option(help="Only this item's suggestions")] = None,
    author: Author = "analyst",
    reason: Reason = "",
) -> None:
    """Confirm the suggested ratings shown (of one item, or all) as your own."""
    n = confirm_suggestions(STATE.store, question, evidence=evidence, author=author, reason=reason)
    _done(f"{n} suggestion(s) confirmed")


@ach_app.command("show")
def show_cmd(
    question: Annotated[str, typer.Argument(help="Question id")],
    confirmed_only: Annotated[
        bool, typer.Option("--confirmed-only", help="Score the analysts' ratings only")
    ] = False,
    matrix: Annotated[
        bool, typer.Option("--matrix/--no-matrix", help="Print the matrix under the ranking")
    ] = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """The ranking of hypotheses, the matrix, diagnosticity and what the ranking rests on."""
    view = matrix_view(STATE.store, question, confirmed_only=confirmed_only)
    if fmt is Format.json:
        emit_object(view, fmt)
    elif fmt is Format.csv:
        sys.stdout.write(matrix_csv(view))
    else:
        print_matrix(view, matrix=matrix)


def print_matrix(view: dict[str, Any], *, matrix: bool = True) -> None:
    """The ranking first (what the demo ends with), then the matrix and the sensitive items."""
    out = console()
    q = view["question"]
    out.print(Text(f"ACH: {clean(q['title'])} ({q['id']})", style="bold"))
    for r in view["ranking"]:
        c = r["counts"]
        out.print(
            Text(
                f"  {r['rank']}. {clean(r['label'], 70)}  score {r['score']:.2f}"
                f"  (II {c['II']}, I {c['I']}, N {c['N']}, C {c['C']}, CC {c['CC']})"
            )
        )
    basis = (
        "analysts' ratings only"
        if view["confirmed_only"]
        else (f"{view['suggested_cells']} cell(s) are unconfirmed suggestions")
    )
    out.print(Text(f"  weighted inconsistency, least inconsistent first; {basis}", style="dim"))
    for s in view["sensitive"]:
        out.print(Text(f"  sensitive: {clean(s['text'])}"))
    if not matrix:
        return
    hyps = [h["key"] for h in view["hypotheses"]]
    rows = []
    for item in view["evidence"]:
        cells = view["cells"].get(item["key"], {})
        row = {
            "evidence": item["key"],
            "summary": item["summary"],
            "grade": item["code"],
            "diag.": item["diagnostic"],
            "flags": "; ".join(item["flags"]),
        }
        for h in hyps:
            cell = cells.get(h)
            row[h] = "" if cell is None else cell["rating"] + ("?" if cell["suggested"] else "")
        rows.append(row)
    out.print()
    emit(rows, Format.table, widths={"summary": 60, "flags": 30})
    out.print(Text("  X? = suggested, not yet confirmed (crosscheck ach confirm)", style="dim"))


@ach_app.command("load")
def load_cmd(
    path: Annotated[Path, typer.Argument(help="A question file (YAML)")],
    author: Author = "analyst",
) -> None:
    """Create or update a question from a YAML file (hypotheses, evidence, notes, ratings)."""
    added = load_question(STATE.store, read_question_file(path), author=author)
    _done(", ".join(f"{k} +{v}" for k, v in added.items()))


@ach_app.command("log")
def log_cmd(
    question: Annotated[str, typer.Argument(help="Question id")], fmt: FormatOpt = Format.table
) -> None:
    """Every change to a question: who, when, what and why."""
    emit(ach_ops.question_log(STATE.store, question), fmt, widths={"payload": 80})


__all__ = ["ach_app", "print_matrix"]
