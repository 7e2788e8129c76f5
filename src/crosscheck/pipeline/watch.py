"""A drop folder: ingest what a folder holds, then every report added to it or changed in it.

This is the loop behind ``crosscheck watch``. It exists because the picture update is cheap
only inside a long-running process (see :mod:`crosscheck.pipeline.picture`): here the spaCy
pipeline is loaded once and the picture's state stays warm, so a report dropped into the
folder is in the picture about as fast as its extraction.

Each burst of file events (watchfiles debounces them) becomes one batch, ingested through
the same :func:`~crosscheck.pipeline.ingest.ingest_paths` as ``crosscheck ingest``: unchanged
files are skipped by content hash, a changed file becomes a new version of its report, one
bad file is reported and the rest is stored. Nothing here prints: each batch is handed to
the caller as a :class:`BatchResult`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from threading import Event

import watchfiles

from crosscheck.config import Settings
from crosscheck.errors import CrosscheckError, InputError
from crosscheck.ingest import expand_inputs, read_sidecar, reader_for
from crosscheck.ingest.resources import load_data
from crosscheck.ingest.sidecar import SIDECAR_SUFFIX, is_sidecar
from crosscheck.model import Picture
from crosscheck.pipeline.ingest import IngestReport, Progress, ingest_paths, reconcile_pending
from crosscheck.pipeline.picture import update_picture
from crosscheck.store import Store

log = logging.getLogger(__name__)

#: watchfiles yields a burst once no new event came for STEP_MS, or after DEBOUNCE_MS at most.
#: The quiet time is longer than watchfiles' 50 ms so that a sidecar written just after its
#: report lands in the same batch (metadata is read when a report is first stored).
STEP_MS = 400
DEBOUNCE_MS = 3000


@dataclass
class BatchResult:
    """What one batch of the watch did."""

    paths: list[str]
    report: IngestReport = field(default_factory=IngestReport)
    claims: int = 0  # claims extracted from the batch's new documents
    groups_changed: int = 0  # groups added, changed or removed by the picture update
    groups_new: int = 0
    picture_seconds: float | None = None  # None when nothing reached the picture
    notes: list[str] = field(default_factory=list)
    error: CrosscheckError | None = None  # the whole batch failed (e.g. the store was busy)


@dataclass
class WatchSummary:
    """Totals of one watch, from start to stop."""

    batches: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0

    def add(self, batch: BatchResult) -> None:
        self.batches += 1
        self.new += len(batch.report.new)
        self.unchanged += len(batch.report.unchanged)
        self.failed += len(batch.report.failed) + (batch.error is not None)


@cache
def _ignored_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_data("drop_folder.yaml")
    return (
        tuple(p.lower() for p in data.get("prefixes", [])),
        tuple(s.lower() for s in data.get("suffixes", [])),
    )


def is_scratch_file(name: str) -> bool:
    """True for a file name a drop folder ignores: partial downloads, editor scratch, dotfiles."""
    prefixes, suffixes = _ignored_names()
    lowered = name.lower()
    return lowered.startswith(prefixes) or lowered.endswith(suffixes)


def _as_given(root: str, path: str) -> str | None:
    """``path`` (absolute, as watchfiles reports it) spelled under ``root`` as the user gave it.

    The initial ingest stores ``root/name``; the watch must store the same path, or a changed
    file would not be recognised as a new version of its report.
    """
    for base in (os.path.abspath(root), os.path.realpath(root)):
        rel = os.path.relpath(os.path.normpath(path), base)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return os.path.join(root, rel)
    return None


def _reports_of_sidecar(path: str) -> list[str]:
    """The reports beside a sidecar ``X.meta.json``: ``X.txt``, ``X.html``, … that exist."""
    folder, name = os.path.split(path)
    stem = name[: -len(SIDECAR_SUFFIX)]
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return []
    return [
        os.path.join(folder, n)
        for n in names
        if Path(n).stem == stem
        and not is_sidecar(Path(n))
        and not is_scratch_file(n)
        and os.path.isfile(os.path.join(folder, n))
    ]


def reports_to_ingest(
    changes: Iterable[tuple[watchfiles.Change, str]], root: str, *, recursive: bool = True
) -> tuple[list[str], set[str]]:
    """The report paths one burst of file events asks to (re-)ingest.

    Returns:
        The paths in name order, spelled under ``root``, and the subset that is there because
        its sidecar was written (so the caller can check the sidecar's metadata arrived).
    """
    changes = list(changes)
    wanted: set[str] = set()
    by_sidecar: set[str] = set()
    for change, raw in changes:
        # A deleted file is ignored on purpose: the store keeps what was ingested from it,
        # as `crosscheck ingest` never forgets a report whose file went away.
        if change == watchfiles.Change.deleted:
            continue
        path = _as_given(root, raw)
        if path is None:
            continue
        parts = Path(os.path.relpath(path, root)).parts
        if not recursive and len(parts) != 1:
            continue
        if any(is_scratch_file(part) for part in parts) or not os.path.isfile(path):
            continue
        if is_sidecar(Path(path)):
            reports = _reports_of_sidecar(path)
            wanted.update(reports)
            by_sidecar.update(reports)
        else:
            wanted.add(path)
    by_sidecar -= {p for _, raw in changes if (p := _as_given(root, raw)) in wanted}
    return sorted(wanted), by_sidecar


def folder_reports(root: str, *, recursive: bool = True) -> list[str]:
    """What ``crosscheck ingest ROOT`` would read first: ``[root]`` itself when recursive.

    Empty when the folder holds no readable report yet (an empty drop folder is normal,
    not an error). Without ``recursive`` only the files directly in ``root`` count.
    """
    if recursive:
        first = next(iter(expand_inputs([root])), None)
        return [] if first is None or isinstance(first, InputError) else [root]
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    return [
        os.path.join(root, n)
        for n in names
        if not is_scratch_file(n)
        and not is_sidecar(Path(n))
        and reader_for(Path(n)) is not None
        and os.path.isfile(os.path.join(root, n))
    ]


def _group_changes(old: Picture | None, new: Picture) -> tuple[int, int]:
    """(groups added, changed or removed; groups added) between two pictures."""
    before = {g.id: g for g in old.groups} if old is not None else {}
    after_ids = {g.id for g in new.groups}
    added = sum(1 for g in new.groups if g.id not in before)
    changed = sum(1 for g in new.groups if g.id in before and before[g.id] != g)
    return added + changed + len(before.keys() - after_ids), added


def _metadata_notes(store: Store, paths: Iterable[str], report: IngestReport) -> list[str]:
    """Notes for sidecars that came after their report's text was stored.

    A document's identity is its text, so re-reading an unchanged report with a new sidecar
    finds it "unchanged" and its stored metadata stays as first ingested.
    """
    notes = []
    unchanged = set(report.unchanged)
    for path in paths:
        doc = store.latest_version(path=path)
        if doc is None or doc.id not in unchanged:
            continue
        try:
            meta = read_sidecar(Path(path))
        except InputError:
            continue  # already reported as this batch's failure
        differ = sorted(k for k, v in meta.items() if getattr(doc, k) != v)
        if differ:
            notes.append(
                f"{path}: its sidecar's {', '.join(differ)} did not reach the stored document "
                "(its text was stored before the sidecar came); write the sidecar before or "
                "with its report"
            )
    return notes


class DropFolder:
    """One watched folder over one open store; call :meth:`start`, then :meth:`ingest`."""

    def __init__(
        self, store: Store, root: str, settings: Settings, *, recursive: bool = True
    ) -> None:
        self.store = store
        self.root = root
        self.settings = settings
        self.recursive = recursive
        self.picture: Picture | None = None

    def start(self, *, workers: int | None = None, progress: Progress | None = None) -> BatchResult:
        """Ingest what the folder already holds and load the picture's state into memory.

        The first picture update of a process reads the whole store; doing it here, before
        any report is dropped, keeps that cost out of the first drop.
        """
        paths = folder_reports(self.root, recursive=self.recursive)
        result = self._run(paths, workers=workers, progress=progress)
        if self.picture is None:
            began = time.perf_counter()
            # Nothing was pending, so this writes only what another process's reconcile left
            # out of date, like a correction does (update_picture takes the writer turn).
            self.picture = update_picture(self.store, set())
            result.picture_seconds = time.perf_counter() - began
        return result

    def ingest(self, paths: list[str], *, by_sidecar: Iterable[str] = ()) -> BatchResult:
        """Ingest one batch of report paths in this process and update the picture."""
        result = self._run(paths, workers=1)
        result.notes.extend(_metadata_notes(self.store, by_sidecar, result.report))
        return result

    def _run(
        self, paths: list[str], *, workers: int | None, progress: Progress | None = None
    ) -> BatchResult:
        result = BatchResult(paths=paths)
        try:
            if paths:
                result.report = ingest_paths(
                    self.store,
                    paths,
                    self.settings,
                    workers=workers,
                    progress=progress,
                    reconcile=False,
                    root=self.root,
                )
            # Even with no paths: documents an earlier run stored but did not reconcile.
            began = time.perf_counter()
            picture = reconcile_pending(self.store)
        except CrosscheckError as exc:
            if isinstance(exc, InputError) or self.picture is None:
                raise
            # Whole documents already stored stay stored (and pending): the next batch's
            # reconcile folds them in.
            result.error = exc
            return result
        if picture is not None:
            result.picture_seconds = time.perf_counter() - began
            result.groups_changed, result.groups_new = _group_changes(self.picture, picture)
            self.picture = picture
        if result.report.new:
            result.claims = len(self.store.claims(doc_ids=result.report.new))
        return result


def watch_folder(
    store: Store,
    root: str,
    settings: Settings,
    *,
    recursive: bool = True,
    workers: int | None = None,
    stop_event: Event | None = None,
    on_start: Callable[[BatchResult], None] | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
    progress: Progress | None = None,
) -> WatchSummary:
    """Ingest ``root``, then every report added or changed in it, until ``stop_event`` is set.

    Args:
        store: the open store; keep it open for the whole watch (its picture state is
            remembered per open store).
        root: the folder, spelled as documents' paths should start.
        settings: as for ``crosscheck ingest``.
        recursive: watch sub-folders too (and ingest what they hold at the start).
        workers: extraction processes for the initial ingest only; dropped reports are
            extracted in this process, where the spaCy pipeline stays loaded.
        stop_event: set it (from a signal handler or another thread) to stop after the
            batch in progress; a batch is never cut half-way.
        on_start: called with the initial ingest's result, once the watch is ready.
        on_batch: called with each later batch's result.
        progress: progress callback for the initial ingest.

    Returns:
        Totals over the initial ingest and every batch.

    Raises:
        InputError: ``root`` is not a directory.
        CrosscheckError: the initial ingest failed as a whole (store or model unusable).
    """
    if not os.path.isdir(root):
        raise InputError(root, "is not a directory", "give the folder to watch")
    began = time.perf_counter()
    stop = stop_event or Event()
    folder = DropFolder(store, root, settings, recursive=recursive)
    summary = WatchSummary()
    # The watcher is armed before the folder is read: a report written while the initial
    # ingest runs (or just after on_start) is then seen as a change, never lost between
    # the two. Changes seen meanwhile wait in the watcher until the first burst is asked for.
    bursts = _bursts(root, recursive, stop)
    # What changed before the first quiet step is read by the initial ingest anyway.
    next(bursts, None)
    first = folder.start(workers=workers, progress=progress)
    summary.add(first)
    if on_start:
        on_start(first)
    _follow(folder, bursts, summary, on_batch)
    summary.seconds = time.perf_counter() - began
    return summary


def _follow(
    folder: DropFolder,
    bursts: Iterator[tuple[list[str], set[str]]],
    summary: WatchSummary,
    on_batch: Callable[[BatchResult], None] | None,
) -> None:
    """Ingest each burst of changed reports as one batch, until the bursts end."""
    retry: list[str] = []
    for paths, by_sidecar in bursts:
        if not paths and not retry:
            continue
        batch = folder.ingest(sorted({*paths, *retry}), by_sidecar=by_sidecar)
        # A batch that failed as a whole (the store busy, say) is tried again with the next.
        retry = batch.paths if batch.error else []
        summary.add(batch)
        if on_batch:
            on_batch(batch)


def _bursts(root: str, recursive: bool, stop: Event) -> Iterator[tuple[list[str], set[str]]]:
    """Report paths per debounced burst of events, until ``stop`` is set or a signal comes.

    The watcher is armed when the first item is asked for, which comes after at most one
    quiet ``STEP_MS``; empty items (a quiet step) also let the caller retry a failed batch
    without waiting for a new event.
    """
    for changes in watchfiles.watch(
        root,
        watch_filter=None,  # our own filter (reports_to_ingest) knows sidecars and scratch files
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        recursive=recursive,
        raise_interrupt=False,
        rust_timeout=STEP_MS,
        yield_on_timeout=True,
    ):
        yield reports_to_ingest(changes, root, recursive=recursive)
        if stop.is_set():
            return


__all__ = [
    "BatchResult",
    "DropFolder",
    "WatchSummary",
    "folder_reports",
    "is_scratch_file",
    "reports_to_ingest",
    "watch_folder",
]
