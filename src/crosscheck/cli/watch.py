"""``crosscheck watch DIR``: a drop folder that keeps the picture current.

A thin face over :func:`crosscheck.pipeline.watch.watch_folder`: it turns Ctrl-C and SIGTERM
into the loop's stop event and prints one line per batch.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from threading import Event
from types import FrameType
from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app
from crosscheck.cli.documents import ingest_progress
from crosscheck.cli.output import clean, console
from crosscheck.pipeline.watch import BatchResult, WatchSummary, watch_folder

#: File names shown in a batch line before "+N more".
SHOWN_FILES = 3


@contextmanager
def _stop_on_signals() -> Iterator[Event]:
    """An event the first Ctrl-C or SIGTERM sets; a second Ctrl-C interrupts at once."""
    stop = Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        sys.stderr.write("stopping after the current batch (Ctrl-C again to stop at once)\n")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _files(paths: list[str], root: str) -> str:
    names = [clean(os.path.relpath(p, root)) for p in paths[:SHOWN_FILES]]
    more = len(paths) - len(names)
    return ", ".join(names) + (f" +{more} more" if more else "")


def _counts(batch: BatchResult) -> str:
    report = batch.report
    text = f"new {len(report.new)}, unchanged {len(report.unchanged)}, failed {len(report.failed)}"
    if report.versions:
        text += f", new versions {len(report.versions)}"
    return text


def _print_problems(batch: BatchResult) -> None:
    err = console(stderr=True)
    for error in batch.report.failed:
        err.print(f"failed: {clean(error)}", markup=False)
    if batch.error is not None:
        err.print(
            f"failed: batch of {len(batch.paths)} file(s): {clean(batch.error)}; "
            "it is tried again with the next change",
            markup=False,
        )
    for note in batch.notes:
        err.print(f"note: {clean(note)}", markup=False)


def _batch_line(batch: BatchResult, root: str) -> str:
    line = f"[{time.strftime('%H:%M:%S')}] {len(batch.paths)} file(s): {_files(batch.paths, root)}"
    line += f" — {_counts(batch)}, claims +{batch.claims}"
    if batch.picture_seconds is None:
        return line + "; picture unchanged"
    return (
        line + f", groups changed {batch.groups_changed} ({batch.groups_new} new);"
        f" picture updated in {batch.picture_seconds:.2f} s"
    )


def _start_line(batch: BatchResult, root: str, recursive: bool) -> str:
    line = f"watching {clean(root)}" + (" and its sub-folders" if recursive else "")
    if batch.paths:
        line += f" — already there: {_counts(batch)}"
    if batch.picture_seconds is not None:
        line += f"; picture ready in {batch.picture_seconds:.1f} s"
    return line + "; Ctrl-C to stop"


def _summary_line(summary: WatchSummary) -> str:
    minutes, seconds = divmod(int(summary.seconds), 60)
    return (
        f"stopped after {minutes}m{seconds:02d}s: {summary.batches - 1} batch(es) since the start;"
        f" new {summary.new}, unchanged {summary.unchanged}, failed {summary.failed} in all"
    )


@app.command()
def watch(
    directory: Annotated[str, typer.Argument(help="The drop folder to ingest and watch")],
    recursive: Annotated[
        bool, typer.Option("--recursive/--no-recursive", help="Include sub-folders")
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(help="Extraction processes for what the folder already holds"),
    ] = None,
) -> None:
    """Ingest a drop folder, then every report added to it or changed, keeping the picture current.

    Runs until Ctrl-C or SIGTERM, then prints a summary and exits 0. Files being written
    (.part, .tmp, .swp, ~, dotfiles) are ignored; a sidecar X.meta.json re-reads X; deleted
    files are ignored (the store keeps what was ingested).
    """
    with _stop_on_signals() as stop, ExitStack() as bar:
        # The progress bar covers the initial ingest only; batch lines follow it.
        progress = bar.enter_context(ingest_progress())

        def started(batch: BatchResult) -> None:
            bar.close()
            _print_problems(batch)
            console().print(_start_line(batch, directory, recursive), markup=False)

        summary = watch_folder(
            STATE.store,
            directory,
            STATE.settings,
            recursive=recursive,
            workers=workers,
            stop_event=stop,
            progress=progress,
            on_start=started,
            on_batch=lambda batch: _print_batch(batch, directory),
        )
    console().print(_summary_line(summary), markup=False)


def _print_batch(batch: BatchResult, root: str) -> None:
    console().print(_batch_line(batch, root), markup=False)
    _print_problems(batch)
