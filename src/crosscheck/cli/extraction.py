"""Commands about what was extracted: claims, entities, events, statements, eval."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import (
    Format,
    LimitOpt,
    OffsetOpt,
    console,
    emit,
    emit_object,
    emit_page,
    page_limit,
)
from crosscheck.pipeline.claims import claims_listing
from crosscheck.pipeline.evaluation import evaluate_store
from crosscheck.pipeline.listings import entities_rows, events_listing, statements_rows
from crosscheck.pipeline.paging import page_of

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
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List numeric claims (the claim contract with --format json)."""
    page = claims_listing(
        STATE.store,
        doc=doc,
        measure=measure,
        entity=entity,
        event=event,
        include_rejected=rejected,
        limit=page_limit(limit, fmt),
        offset=offset,
    )
    rows = page.items
    if fmt is Format.json:
        emit(rows, fmt)
        return
    flat = [
        {
            "id": r["id"],
            "outlet": r["document"]["outlet"],
            "published": r["document"]["published"],
            "lang": r["document"].get("language"),
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
    emit_page(flat, fmt, total=page.total, offset=offset, widths={"sentence": 70, "label": 30})


@app.command()
def entities(
    doc: DocOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List entities (actors, organisations, places) with their aliases."""
    page = page_of(entities_rows(STATE.store, doc=doc), page_limit(limit, fmt), offset)
    emit_page(page.items, fmt, total=page.total, offset=offset, widths={"aliases": 60})


@app.command()
def events(
    doc: DocOpt = None,
    entity: EntityOpt = None,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Also incidents with no date, place, actor or second source"),
    ] = False,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List events (incidents) with type, date, place and actors."""
    page = events_listing(
        STATE.store,
        doc=doc,
        entity=entity,
        bare=everything,
        limit=page_limit(limit, fmt),
        offset=offset,
    )
    note = (
        f"{page.hidden:,} incident{'s' if page.hidden != 1 else ''} with no date, place, actor"
        " or second source hidden; --all lists them"
        if page.hidden
        else ""
    )
    emit_page(page.items, fmt, total=page.total, offset=offset, notes=[note], widths={"name": 50})


@app.command()
def statements(
    doc: DocOpt = None,
    entity: EntityOpt = None,
    event: EventOpt = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List attributed statements: who said what, with the stance verb."""
    rows = statements_rows(STATE.store, doc=doc, entity=entity, event=event)
    page = page_of(rows, page_limit(limit, fmt), offset)
    emit_page(page.items, fmt, total=page.total, offset=offset, widths={"content": 70})


@app.command("eval")
def eval_cmd(
    gold: Annotated[
        Path, typer.Argument(help="Gold file: DESIGN.md figures, or real-news incidents")
    ],
    fmt: FormatOpt = Format.table,
    output: Annotated[Path | None, typer.Option(help="Also write the JSON report here")] = None,
) -> None:
    """Score the store against a gold file: recall, precision, grouping F1 and verdicts, or
    for an incident gold (real news) coreference F1 and killed/injured exact."""
    report = evaluate_store(STATE.store, gold)
    data = report.to_dict()
    if output:
        output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if fmt is Format.json:
        emit_object(data, fmt)
        return
    if "held_out" in data:
        rows = [{"part": part, **data[part]} for part in ("all", "held_out")]
        emit(rows, fmt)
        return
    scores = {k: v for k, v in data.items() if not isinstance(v, (list, dict))}
    emit_object(scores, fmt)
    out = console()
    for key in ("misses", "noise", "wrong_verdicts"):
        items = data.get(key) or []
        if items:
            out.print(f"\n{key} ({len(items)}):", markup=False)
            emit(items, fmt)
