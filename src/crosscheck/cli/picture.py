"""Commands about the cross-checked picture: groups, conflicts, events, entities,
corrections (confirm/reject/edit, merge/split), the audit log and the brief."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from crosscheck.brief import render_brief
from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import (
    Format,
    LimitOpt,
    OffsetOpt,
    clean,
    console,
    emit,
    emit_object,
    emit_page,
    page_limit,
    page_note,
)
from crosscheck.pipeline.corrections import audit_log, correct_claim, merge, split
from crosscheck.pipeline.reasons import explain_groups, reason_in_words
from crosscheck.pipeline.views import entity_view, event_view, groups_listing

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]


class Kind(StrEnum):
    entity = "entity"
    event = "event"


class ClaimAction(StrEnum):
    confirm = "confirm"
    reject = "reject"
    edit = "edit"


class BriefFormat(StrEnum):
    md = "md"
    html = "html"


def _group_rows(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": g["id"],
            "subject": g["subject"]["name"],
            "measure": g["measure"],
            "label": g["label"],
            "status": g["status"],
            "sources": g["sources"],
            "low": g["estimate"]["low"],
            "best": g["estimate"]["best"],
            "high": g["estimate"]["high"],
            "reason": g.get("reason", ""),
        }
        for g in groups
    ]


@app.command()
def groups(
    status: Annotated[str | None, typer.Option(help="Only this status")] = None,
    measure: Annotated[str | None, typer.Option(help="Only this measure")] = None,
    event: Annotated[str | None, typer.Option(help="Only about this event")] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List claim groups with their verdicts and low/best/high estimates."""
    page = groups_listing(
        STATE.store,
        status=status,
        measure=measure,
        event=event,
        limit=page_limit(limit, fmt),
        offset=offset,
    )
    rows = page.items if fmt is Format.json else _group_rows(page.items)
    emit_page(rows, fmt, total=page.total, offset=offset, widths={"reason": 80})


@app.command()
def conflicts(
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List groups whose sources disagree (conflict) or whose figure evolved over time."""
    # Conflicts first, then evolving figures, each by subject: the "status" order.
    page = groups_listing(
        STATE.store,
        statuses=["conflict", "evolving"],
        sort="status",
        limit=page_limit(limit, fmt),
        offset=offset,
    )
    if fmt is Format.table:
        _print_group_blocks(explain_groups(STATE.store, page.items))
        note = page_note(len(page.items), page.total, offset)
        if note:
            console(stderr=True).print(note, markup=False)
        return
    emit(page.items if fmt is Format.json else _group_rows(page.items), fmt)


def _print_group_blocks(groups: list[dict[str, Any]]) -> None:
    """A readable summary: one block per group, the verdict's reason in full, its claims
    named by outlet, date and wording (after :func:`explain_groups`), not by id."""
    out = console()
    if not groups:
        out.print("No conflicting or evolving figures.", markup=False)
        return
    styles = {"conflict": "bold red", "evolving": "bold yellow"}
    for g in groups:
        est = g["estimate"]
        line = Text()
        line.append(f"{g['status'].upper():<9}", style=styles.get(g["status"], "bold"))
        line.append(f" {clean(g['label'])}")
        if g["subject"].get("name"):
            line.append(f" — {clean(g['subject']['name'], 70)}")
        line.append(f"  ({g['sources']} sources, {g['id']})", style="dim")
        out.print(line)
        out.print(
            Text(
                f"          low {_num(est['low'])} · best {_num(est['best'])}"
                f" · high {_num(est['high'])}"
            )
        )
        if g.get("reason"):
            out.print(Text("          " + clean(reason_in_words(g))))
        out.print()


def _num(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _print_detail(view: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        emit_object(view, fmt)
        return
    scalars = {k: v for k, v in view.items() if not isinstance(v, (list, dict))}
    emit_object(scalars, fmt)
    for key, value in view.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            console().print(f"\n{key} ({len(value)}):", markup=False)
            emit(value, fmt, widths={"sentence": 70, "reason": 70, "content": 70})


@app.command()
def event(
    ref: Annotated[str, typer.Argument(help="Event id, id prefix or name")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Everything about one incident: figures per source, verdicts, actors, place."""
    _print_detail(event_view(STATE.store, ref), fmt)


@app.command()
def entity(
    ref: Annotated[str, typer.Argument(help="Entity id, id prefix or name")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Everything about one entity: aliases and the documents that taught them, events, claims."""
    _print_detail(entity_view(STATE.store, ref), fmt)


@app.command("merge")
def merge_cmd(
    kind: Annotated[Kind, typer.Argument(help="entity or event")],
    refs: Annotated[list[str], typer.Argument(help="Two or more ids or names to merge")],
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Merge entities or events the machine kept apart (survives re-processing)."""
    corr = merge(STATE.store, kind.value, refs, author=author, reason=reason)
    console(stderr=True).print(f"merged: correction #{corr.id}", markup=False)


@app.command("split")
def split_cmd(
    kind: Annotated[Kind, typer.Argument(help="entity or event")],
    ref: Annotated[str, typer.Argument(help="The id or name to split")],
    members: Annotated[list[str], typer.Argument(help="Aliases or mention ids to move out")],
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Split aliases or mentions out of an entity or event (survives re-processing)."""
    corr = split(STATE.store, kind.value, ref, members, author=author, reason=reason)
    console(stderr=True).print(f"split: correction #{corr.id}", markup=False)


@app.command()
def correct(
    claim: Annotated[str, typer.Argument(help="Claim id")],
    action: Annotated[ClaimAction, typer.Argument(help="confirm, reject or edit")],
    low: Annotated[float | None, typer.Option(help="New low value (edit)")] = None,
    high: Annotated[float | None, typer.Option(help="New high value (edit)")] = None,
    measure: Annotated[str | None, typer.Option(help="New measure (edit)")] = None,
    subject: Annotated[str | None, typer.Option(help="New subject event/entity id (edit)")] = None,
    author: Annotated[str, typer.Option(help="Who decides")] = "analyst",
    reason: Annotated[str, typer.Option(help="Why")] = "",
) -> None:
    """Confirm, reject or edit one claim; the decision survives re-processing."""
    changes: dict[str, Any] = {
        k: v
        for k, v in {"low": low, "high": high, "measure": measure, "subject": subject}.items()
        if v is not None
    }
    for key in ("low", "high"):
        if isinstance(changes.get(key), float) and changes[key].is_integer():
            changes[key] = int(changes[key])
    corr = correct_claim(STATE.store, claim, action.value, changes, author=author, reason=reason)
    console(stderr=True).print(f"{action.value}: correction #{corr.id}", markup=False)


@app.command()
def audit(fmt: FormatOpt = Format.table) -> None:
    """The audit log: every analyst correction, who, when, what and why."""
    rows = [
        {
            "id": c.id,
            "created_at": c.created_at,
            "author": c.author,
            "kind": c.target_kind,
            "target": c.target,
            "action": c.action,
            "payload": c.payload,
            "reason": c.reason,
        }
        for c in audit_log(STATE.store)
    ]
    emit(rows, fmt)


@app.command()
def brief(
    fmt: Annotated[BriefFormat, typer.Option("--format", "-f", help="md or html")] = BriefFormat.md,
    event_ref: Annotated[str | None, typer.Option("--event", help="Only this event")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file")
    ] = None,
) -> None:
    """Write the cross-checked brief: agreements, differences with sources, reasons, charts."""
    text = render_brief(STATE.store, fmt.value, event=event_ref)
    if output is None:
        typer.echo(text)
        return
    output.write_text(text, encoding="utf-8")
    console(stderr=True).print(f"brief written to {clean(str(output))}", markup=False)
