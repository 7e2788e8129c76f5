"""Commands about what was extracted: claims, entities, events, statements, eval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import Format, console, emit, emit_object
from crosscheck.pipeline.claims import list_claims
from crosscheck.pipeline.evaluation import evaluate_store
from crosscheck.pipeline.listings import entities_rows, events_rows, statements_rows

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]
DocOpt = Annotated[
    str | None, typer.Option("--doc", help="Only this document (id, prefix or path)")
]
MeasureOpt = Annotated[
    str | None, typer.Option("--measure", help="Only this measure (killed, percent…)")
]
EntityOpt = Annotated[
    str | None, typer.Option("--entity", help="Only about this entity (id or name)")
]
EventOpt = Annotated[str | None, typer.Option("--event", help="Only about this event (id or name)")]


@app.command()
def claims(
    doc: DocOpt = None,
    measure: MeasureOpt = None,
    entity: EntityOpt = None,
    event: EventOpt = None,
    rejected: Annotated[bool, typer.Option(help="Include claims an analyst rejected")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """List numeric claims (the claim contract with --format json)."""
    rows = list_claims(
        STATE.store, doc=doc, measure=measure, entity=entity, event=event, include_rejected=rejected
    )
    if fmt is Format.json:
        emit(rows, fmt)
        return
    flat = [
        {
            "id": r["id"],
            "outlet": r["document"]["outlet"],
            "published": r["document"]["published"],
            "measure": r["measure"],
            "low": r["low"],
            "high": r["high"],
            "flags": ",".join(k for k in ("approximate", "vague", "corrected") if r.get(k)),
            "label": r["label"],
            "subject": r["subject"]["name"],
            "as_of": r["as_of"],
            "attributed_to": r["attributed_to"],
            "sentence": r["sentence"],
        }
        for r in rows
    ]
    emit(flat, fmt, widths={"sentence": 70, "label": 30})


@app.command()
def entities(
    doc: DocOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List entities (actors, organisations, places) with their aliases."""
    emit(entities_rows(STATE.store, doc=doc), fmt, widths={"aliases": 60})


@app.command()
def events(
    doc: DocOpt = None,
    entity: EntityOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List events (incidents) with type, date, place and actors."""
    emit(events_rows(STATE.store, doc=doc, entity=entity), fmt, widths={"name": 50})


@app.command()
def statements(
    doc: DocOpt = None,
    entity: EntityOpt = None,
    event: EventOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List attributed statements: who said what, with the stance verb."""
    emit(
        statements_rows(STATE.store, doc=doc, entity=entity, event=event),
        fmt,
        widths={"content": 70},
    )


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold file in the DESIGN.md format")],
    fmt: FormatOpt = Format.table,
    output: Annotated[Path | None, typer.Option(help="Also write the JSON report here")] = None,
) -> None:
    """Score the store against a gold file: recall, precision, grouping F1, verdicts."""
    report = evaluate_store(STATE.store, gold)
    data = report.to_dict()
    if output:
        output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if fmt is Format.json:
        emit_object(data, fmt)
        return
    scores = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    emit_object(scores, fmt)
    out = console()
    for key in ("misses", "noise", "wrong_verdicts"):
        items = data.get(key) or []
        if items:
            out.print(f"\n{key} ({len(items)}):", markup=False)
            emit(items, fmt)
