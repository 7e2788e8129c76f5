"""Commands about documents: info, ingest, reprocess, docs, show, search, stats."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app
from crosscheck.cli.output import Format, clean, console, emit, emit_object, say, stderr_is_terminal
from crosscheck.errors import NotFoundError
from crosscheck.pipeline.documents import document_view, info_view
from crosscheck.pipeline.ingest import IngestReport, ingest_paths, reprocess
from crosscheck.pipeline.ingest import Progress as IngestProgress

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format")]


@app.command()
def info(fmt: FormatOpt = Format.table) -> None:
    """Show the version, spaCy pipeline, store and settings in force."""
    from crosscheck import __version__

    emit_object(info_view(STATE.settings, __version__), fmt)


def _no_progress(done: int, total: int | None, source: str) -> None:
    return None


@contextmanager
def ingest_progress() -> Iterator[IngestProgress]:
    """A transient progress bar on stderr; yields the callback the ingest functions take.

    Only on a terminal: elsewhere a transient bar shows nothing, and the bar's module is not
    imported (a thirtieth of a second of a one-report ``crosscheck ingest``)."""
    if not stderr_is_terminal():
        yield _no_progress
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[source]}", markup=False),
        console=console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task("ingest", total=None, source="")

        def progress(done: int, total: int | None, source: str) -> None:
            bar.update(task, completed=done, total=total, source=clean(source, 60))

        yield progress


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or globs")],
    outlet: Annotated[str | None, typer.Option(help="Outlet name (single file)")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (single file)")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title (single file)")] = None,
    url: Annotated[str | None, typer.Option(help="Original URL (single file)")] = None,
    workers: Annotated[int | None, typer.Option(help="Extraction processes")] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address tcp://HOST:PORT for extraction")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Read reports, extract figures, store them and update the cross-checked picture.

    Prints a summary (new, unchanged, failed) and exits 1 when any input failed;
    every good input of the run is stored all the same.
    """
    overrides = {"outlet": outlet, "published": published, "title": title, "url": url}
    if any(overrides.values()) and (len(paths) != 1 or any(c in paths[0] for c in "*?[")):
        raise typer.BadParameter("--outlet/--published/--title/--url apply to a single file")
    settings = STATE.settings
    store = STATE.store
    with ingest_progress() as progress:
        report = ingest_paths(
            store,
            paths,
            settings,
            overrides=overrides,
            workers=workers,
            scheduler=scheduler,
            progress=progress,
        )
    print_ingest_report(report, fmt)
    if not report.ok:
        raise typer.Exit(1)


def print_ingest_report(report: IngestReport, fmt: Format) -> None:
    """One `failed: …` line per bad input, then the new/unchanged/failed counts."""
    for error in report.failed:
        say(f"failed: {clean(error)}", stderr=True)
    for note in report.notes:
        say(f"not analysed: {clean(note)}", stderr=True)
    summary = report.to_dict()
    if fmt is Format.json:
        emit_object(summary, fmt)
        return
    say(
        f"new: {summary['new']}, unchanged: {summary['unchanged']}, failed: {summary['failed']}"
        + (f", new versions: {summary['versions']}" if summary["versions"] else "")
        + (f", no extractor: {summary['no_extractor']}" if summary["no_extractor"] else ""),
        stderr=True,
    )


@app.command("reprocess")
def reprocess_cmd(
    docs: Annotated[list[str] | None, typer.Argument(help="Documents (default: all)")] = None,
    workers: Annotated[int | None, typer.Option(help="Extraction processes")] = None,
) -> None:
    """Re-run extraction on stored documents, keeping analyst corrections."""
    count = reprocess(STATE.store, STATE.settings, doc_refs=docs or None, workers=workers)
    console(stderr=True).print(f"reprocessed: {count}", markup=False)


@app.command()
def docs(
    outlet: Annotated[str | None, typer.Option(help="Only this outlet")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO code)")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many")] = None,
    offset: Annotated[int, typer.Option(help="Skip this many")] = 0,
    fmt: FormatOpt = Format.table,
) -> None:
    """List stored documents."""
    rows = [
        d.summary() | {"status": d.status, "supersedes": d.supersedes}
        for d in STATE.store.documents(limit=limit, offset=offset, outlet=outlet, language=language)
    ]
    emit(
        rows,
        fmt,
        ["id", "published", "outlet", "title", "language", "path", "url", "status"]
        if fmt is not Format.json
        else None,
        widths={"title": 50},
    )


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, id prefix, path or URL")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one document with its text and what was extracted from it."""
    view = document_view(STATE.store, doc)
    if fmt is Format.json:
        emit_object(view, fmt)
        return
    meta = {k: v for k, v in view.items() if k not in ("text", "claims")}
    emit_object(meta, fmt)
    if fmt is Format.table:
        console().print(
            clean(view["text"][:4000]) + ("…" if len(view["text"]) > 4000 else ""), markup=False
        )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words or a "quoted phrase"')],
    limit: Annotated[int, typer.Option(help="At most this many")] = 50,
    fmt: FormatOpt = Format.table,
) -> None:
    """Full-text search over the stored documents."""
    rows = [d.summary() for d in STATE.store.search(query, limit=limit)]
    emit(
        rows,
        fmt,
        ["id", "published", "outlet", "title", "path"] if fmt is not Format.json else None,
    )


@app.command()
def stats(fmt: FormatOpt = Format.table) -> None:
    """Counts of documents, words, claims, events, entities, groups and corrections."""
    emit_object(STATE.store.stats(), fmt)


def require_document(ref: str) -> str:
    doc = STATE.store.resolve_document(ref)
    if doc is None:
        raise NotFoundError(f"document {ref!r} is not in {STATE.store.url}; see `crosscheck docs`")
    return doc.id
