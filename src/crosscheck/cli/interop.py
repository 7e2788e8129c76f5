"""Commands that exchange results with other tools: ``export`` and ``import``.

Thin faces over :func:`crosscheck.export.export` and :func:`crosscheck.export.import_file`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import Format, emit_object
from crosscheck.errors import ExportError
from crosscheck.export import ExportOptions, export, exporter_names, import_file
from crosscheck.export.tables import TABLES


@app.command("export")
def export_cmd(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="stix, misp, csv, parquet, graphml or jsonl (or a plug-in format)",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write (a directory for csv/parquet unless --table is given)",
        ),
    ],
    event: Annotated[str | None, typer.Option(help="Only this event (id, prefix or name)")] = None,
    entity: Annotated[str | None, typer.Option(help="Only this entity (id, name or alias)")] = None,
    since: Annotated[str | None, typer.Option(help="Reports published on/after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Reports published by YYYY-MM-DD")] = None,
    table: Annotated[
        str | None,
        typer.Option(help=f"csv/parquet: write only this table ({', '.join(TABLES)}) to --output"),
    ] = None,
    out_fmt: Annotated[Format, typer.Option("--summary", help="How to print the summary")] = (
        Format.table
    ),
) -> None:
    """Export the picture for STIX/MISP platforms, notebooks, Gephi or another store."""
    if fmt not in exporter_names():
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(exporter_names())}"
        )
    if table is not None and table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    options = ExportOptions(event=event, entity=entity, since=since, until=until, table=table)
    result = export(STATE.store, fmt, output, options)
    emit_object(result.to_dict(), out_fmt)


@app.command("import")
def import_cmd(
    path: Annotated[
        Path, typer.Argument(help="A STIX 2.1 bundle (.json) or a crosscheck JSONL dump (.jsonl)")
    ],
    out_fmt: Annotated[Format, typer.Option("--format", "-f", help="How to print the summary")] = (
        Format.table
    ),
) -> None:
    """Merge a STIX 2.1 bundle or a JSONL dump into the store (importing twice adds nothing)."""
    summary = import_file(STATE.store, path, STATE.settings)
    emit_object(summary, out_fmt)
    if summary.get("failed"):
        raise typer.Exit(1)
