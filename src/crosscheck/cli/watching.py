"""Watch rules, alerts, warnings and Admiralty grades: ``crosscheck rules|alerts|warnings|
grades|grade``. Thin faces over :mod:`crosscheck.pipeline.rules`, ``warnings`` and ``grading``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.text import Text

from crosscheck.assess.records import Target
from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import (
    Format,
    LimitOpt,
    OffsetOpt,
    clean,
    console,
    emit,
    page_limit,
    page_note,
)
from crosscheck.pipeline.grading import outlet_grades, set_grade
from crosscheck.pipeline.rules import (
    add_rule,
    alerts_listing,
    remove_rule,
    rules_view,
    run_rules,
)
from crosscheck.pipeline.warnings import warnings_view

rules_app = typer.Typer(
    help="Watch rules: alerts about events, places, organisations and figures (never people).",
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]


class RuleKind(StrEnum):
    report = "report"
    figure = "figure"
    warning = "warning"
    pair = "pair"


class GradeKind(StrEnum):
    outlet = "outlet"
    claim = "claim"


@rules_app.command("add")
def rules_add(
    kind: Annotated[
        RuleKind,
        typer.Argument(
            help="report (a new report about it), figure (a figure changes or turns to"
            " conflict), warning (a new warning about it), pair (two named in one new report)"
        ),
    ],
    event: Annotated[list[str] | None, typer.Option(help="An event, by name or id")] = None,
    entity: Annotated[
        list[str] | None, typer.Option(help="An organisation or place (repeat for a pair)")
    ] = None,
    place: Annotated[list[str] | None, typer.Option(help="A place")] = None,
    measure: Annotated[str | None, typer.Option(help="Only this measure (figure rules)")] = None,
    name: Annotated[str, typer.Option(help="A name for the rule")] = "",
    webhook: Annotated[str | None, typer.Option(help="POST each alert to this URL")] = None,
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Add a watch rule; it runs at the end of every ingest and in `crosscheck watch`."""
    targets = [Target("event", t) for t in event or []]
    targets += [Target("entity", t) for t in entity or []]
    targets += [Target("place", t) for t in place or []]
    rule = add_rule(
        STATE.store,
        kind.value,
        targets,
        measure=measure,
        name=name,
        webhook=webhook,
        author=author,
        reason=reason,
    )
    console(stderr=True).print(f"rule {rule.id}: {rule.name}", markup=False)


@rules_app.command("list")
def rules_list(fmt: FormatOpt = Format.table) -> None:
    """The rules in force, what they match now and how many alerts they raised."""
    rows = rules_view(STATE.store)
    if fmt is not Format.json:
        rows = [
            {
                "id": r["id"],
                "kind": r["kind"],
                "name": r["name"],
                "targets": ", ".join(f"{t['kind']} {t['text']}" for t in r["targets"]),
                "matches_now": sum(len(m) for m in r["matches_now"]),
                "alerts": r["alerts"],
                "webhook": r["webhook"] or "",
            }
            for r in rows
        ]
    emit(rows, fmt)


@rules_app.command("remove")
def rules_remove(
    rule: Annotated[str, typer.Argument(help="Rule id or unique prefix")],
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Stop a rule (its alerts are kept)."""
    removed = remove_rule(STATE.store, rule, author, reason)
    console(stderr=True).print(f"rule {removed.id} removed", markup=False)


@rules_app.command("run")
def rules_run() -> None:
    """Run every rule over every stored report now (alerts already raised are not repeated)."""
    new = run_rules(STATE.store, STATE.store.document_ids())
    console(stderr=True).print(f"new alerts: {len(new)}", markup=False)


@app.command()
def alerts(
    rule: Annotated[str | None, typer.Option(help="Only this rule's alerts")] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """Alerts the watch rules raised, newest first (also at /alerts and /alerts.atom)."""
    page = alerts_listing(STATE.store, rule=rule, limit=page_limit(limit, fmt), offset=offset)
    if fmt is Format.table:
        _print_alerts(page.items)
        note = page_note(len(page.items), page.total, offset)
        if note:
            console(stderr=True).print(note, markup=False)
        return
    rows = page.items
    if fmt is Format.csv:
        rows = [
            {k: a[k] for k in ("created_at", "rule", "kind", "title", "summary", "delivery")}
            for a in rows
        ]
    emit(rows, fmt)


def _print_alerts(alerts: list[dict[str, Any]]) -> None:
    """One block per alert, the summary in full: readable in a narrow terminal."""
    out = console()
    if not alerts:
        out.print("No alerts yet.", markup=False)
    for a in alerts:
        line = Text()
        line.append(f"{a['kind'].upper():<8}", style="bold")
        line.append(f" {clean(a['title'])}")
        line.append(f"  ({a['rule']}, {a['created_at']})", style="dim")
        out.print(line)
        out.print(Text("         " + clean(a["summary"], 300)))
        if a.get("delivery"):
            out.print(Text(f"         webhook: {clean(a['delivery'])}", style="dim"))


@app.command("warnings")
def warnings_cmd(
    event: Annotated[str | None, typer.Option(help="Only warnings linked to this event")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Warnings (statements with the stance `warns`) and the later events they warned of."""
    rows: list[dict[str, Any]] = warnings_view(STATE.store, event=event)
    if fmt is not Format.json:
        rows = [
            {
                "statement": w["statement"],
                "speaker": w["speaker"],
                "date": w["date"] if w["precision"] != "published" else f"by {w['published']}",
                "warned of": w["content"],
                "places": ", ".join(w["places"]),
                "linked": "; ".join(f"{x['name']}: {x['text']}" for x in w["links"]),
            }
            for w in rows
        ]
    emit(rows, fmt, widths={"warned of": 70, "linked": 60})


@app.command()
def grades(fmt: FormatOpt = Format.table) -> None:
    """Outlets' Admiralty reliability (A-F): track record, suggestion, analyst's grade."""
    rows = outlet_grades(STATE.store)
    if fmt is not Format.json:
        rows = [
            {
                "outlet": r["outlet"],
                "grade": r["grade"]["value"],
                "set by": r["grade"]["source"],
                "right": r["right"],
                "superseded": r["superseded"],
                "contradicted": r["contradicted"],
                "why": r["grade"]["reason"],
            }
            for r in rows
        ]
    emit(rows, fmt, widths={"why": 90})


@app.command()
def grade(
    kind: Annotated[GradeKind, typer.Argument(help="outlet or claim")],
    target: Annotated[str, typer.Argument(help="The outlet's name or the claim's id")],
    value: Annotated[str, typer.Argument(help="A-F for an outlet, 1-6 for a claim, or clear")],
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Set an Admiralty grade by hand; it beats the suggestion and survives re-processing."""
    act = set_grade(STATE.store, kind.value, target, value, author, reason)
    console(stderr=True).print(f"grade of {act.target}: {value} (#{act.id})", markup=False)


__all__ = ["rules_app"]
