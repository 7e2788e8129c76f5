"""Ingest: read inputs, give each document its identity, extract, store, reconcile.

This is the one function behind ``crosscheck ingest``, web upload and the API.
Guarantees:

* one bad input never stops the batch: it is reported and the rest is stored;
* a document and its extractions are written in one transaction, batches of
  ``settings.batch_size``: a killed run leaves whole documents only, and the
  next run finds them "unchanged" and reconciles what was left pending;
* every write takes the store's writer turn first (:mod:`crosscheck.store.writer`), so
  parallel ingests, uploads and corrections queue instead of deadlocking, and a report
  another writer stored a moment ago is "unchanged", never a failed batch;
* versions of one source are chained by the dates they state, not by arrival
  (:mod:`crosscheck.pipeline.versions`), so any order or batching gives one picture;
* the spaCy pipeline is loaded only when there is something new to extract, so
  re-ingesting an unchanged corpus costs reading and hashing only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from crosscheck.config import Settings
from crosscheck.errors import CrosscheckError, InputError, NotFoundError
from crosscheck.ingest import RawDocument, content_hash, read_inputs
from crosscheck.model import Document, Extraction, Picture
from crosscheck.pipeline.versions import link_versions
from crosscheck.pipeline.workers import Extractors
from crosscheck.store import Store
from crosscheck.store.sql import now_iso

log = logging.getLogger(__name__)

#: Called with (documents handled so far, total when known, current source).
Progress = Callable[[int, int | None, str], None]


@dataclass
class IngestReport:
    """What one ingest did; ``ok`` is False when any input failed."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)  # new ids that supersede an older version
    failed: list[InputError] = field(default_factory=list)
    no_extractor: list[str] = field(default_factory=list)
    # One line per stored document in a language crosscheck does not analyse.
    notes: list[str] = field(default_factory=list)
    words: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": len(self.new),
            "unchanged": len(self.unchanged),
            "versions": len(self.versions),
            "failed": len(self.failed),
            "no_extractor": len(self.no_extractor),
            "words": self.words,
            "new_ids": self.new,
            "errors": [str(e) for e in self.failed],
        }


def document_from_raw(raw: RawDocument) -> Document:
    """Identity is the content: the same normalised text always gets the same id."""
    digest = content_hash(raw.text)
    return Document(
        id=f"d-{digest[:16]}",
        content_hash=digest,
        text=raw.text,
        path=raw.path,
        url=raw.url,
        title=raw.title,
        outlet=raw.outlet,
        author=raw.author,
        published=raw.published,
        language=raw.language,
        format=raw.format,
        ingested_at=now_iso(precise=True),
        name=raw.name,
    )


def _headline_key(title: str | None) -> str:
    return " ".join((title or "").casefold().split())


def other_headline(stored: Document, new: Document) -> bool:
    """Whether a document with the same text as a stored one is another report: both have
    headlines, and they differ. Without a headline on either side it is the same report."""
    a, b = _headline_key(stored.title), _headline_key(new.title)
    return bool(a and b and a != b)


def headed(raw: RawDocument) -> RawDocument:
    """The report with its headline as the first paragraph of its text."""
    return replace(raw, text=f"{(raw.title or '').strip()}\n\n{raw.text}")


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read_ahead(store: Store, reconcile: bool) -> Callable[[], object] | None:
    """Reading the store's saved picture state, when the update after extraction would read
    a large one, and preparing the follow-up of that update from it: done while a worker
    extracts, both are off the wait (see :class:`crosscheck.pipeline.workers.Extractors`)."""
    if not reconcile:
        return None
    from crosscheck.pipeline.picture import prefetch, worth_prefetching

    if not worth_prefetching(store):
        return None

    def read() -> None:
        try:
            start = prefetch(store)
        except CrosscheckError as exc:  # the update reads it again, and fails or rebuilds there
            log.debug("%s: the saved picture state was not read ahead (%s)", store.name, exc)
            return
        if start is not None:
            from crosscheck.pipeline.followup import prepare_follow_up

            prepare_follow_up(store, start)

    return read


def ingest_raw(
    store: Store,
    items: Iterable[RawDocument | InputError],
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    reconcile: bool = True,
    versions_by_path: bool = True,
    atomic: bool = False,
) -> IngestReport:
    """Store and extract already-read documents (files, uploads, feeds).

    ``workers`` > 1 extracts in local processes; ``scheduler`` (tcp://HOST:PORT) sends
    extraction to a Dask cluster. Either way only this process writes to the store.

    Args:
        versions_by_path: documents stored with the same path (and no URL) are versions
            of one source. False when the path is only a label (an upload's file name):
            then only the same URL makes a version.
        atomic: store every document and reconcile in one write, after extraction, so
            the whole ingest is stored or (on BusyError or any failure) none of it is.
            For uploads, whose answer must say which; a long CLI ingest stores batch by
            batch instead, so a killed run keeps what it finished.
    """
    report = IngestReport()
    # An atomic ingest (an upload to the server) extracts in this process, as it always did.
    ahead = None if atomic or scheduler else _read_ahead(store, reconcile)
    extractors = Extractors(settings, workers or settings.workers, scheduler, ahead)
    try:
        fresh = _fresh_documents(store, items, report, progress)
        done = extractors.map(_batches(fresh, settings.batch_size))
        if atomic:
            extracted = list(done)  # extraction outside the writer turn: it is the slow part
            with store.writing():
                for batch, results in extracted:
                    _store_batch(store, batch, results, report, versions_by_path)
                if reconcile:
                    reconcile_pending(store)
            return report
        for batch, results in done:
            with store.writing():
                _store_batch(store, batch, results, report, versions_by_path)
    finally:
        extractors.close()
    if reconcile:
        reconcile_pending(store)
    return report


def _fresh_documents(
    store: Store,
    items: Iterable[RawDocument | InputError],
    report: IngestReport,
    progress: Progress | None,
) -> Iterator[Document]:
    """The documents of ``items`` that are neither stored nor earlier in ``items``.

    Unreadable inputs go to ``report.failed``, stored ones to ``report.unchanged``;
    ``progress`` hears of every item, as it is reached.
    """
    seen: dict[str, Document] = {}
    for handled, item in enumerate(items, 1):
        if isinstance(item, InputError):
            report.failed.append(item)
            log.warning("%s", item)
            if progress:
                progress(handled, None, item.source)
            continue
        doc = document_from_raw(item)
        if progress:
            progress(handled, None, item.source)
        twin = seen.get(doc.content_hash) or store.document_by_hash(doc.content_hash)
        if twin is not None and other_headline(twin, doc):
            # Paywall and consent pages give different reports one body: the headline
            # is all that tells them apart, so it becomes part of the text.
            doc = document_from_raw(headed(item))
            twin = seen.get(doc.content_hash) or store.document_by_hash(doc.content_hash)
        if twin is not None:
            report.unchanged.append(doc.id)
            continue
        seen[doc.content_hash] = doc
        yield doc


def unsupported_note(doc: Document) -> str:
    """The one line that says a report was stored but not analysed, and why."""
    name = doc.name or doc.path or doc.url or doc.id
    language = doc.language or "an unknown language"
    return (
        f"{name}: written in {language}, which crosscheck does not analyse; stored and"
        " searchable, marked 'no extractor', no figures extracted (set its language in"
        " a .meta.json sidecar if it was misread)"
    )


def _store_batch(
    store: Store,
    batch: list[Document],
    results: list[Extraction | str],
    report: IngestReport,
    versions_by_path: bool,
) -> None:
    """Add one batch of documents with their extractions (inside the caller's write)."""
    for doc, result in zip(batch, results, strict=True):
        extraction = result if isinstance(result, Extraction) else None
        if isinstance(result, str):
            doc = replace(doc, status=result)
        if not store.add_document(doc, extraction):
            # Another writer stored the same report since we looked: unchanged, not an error.
            report.unchanged.append(doc.id)
            continue
        if isinstance(result, str) and result.startswith("no extractor"):
            report.no_extractor.append(doc.id)
            report.notes.append(unsupported_note(doc))
        if doc.id in link_versions(store, doc, by_path=versions_by_path):
            report.versions.append(doc.id)
        report.new.append(doc.id)
        report.words += doc.word_count


def ingest_paths(
    store: Store,
    paths: list[str],
    settings: Settings,
    *,
    overrides: dict[str, str | None] | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    reconcile: bool = True,
    root: str | None = None,
) -> IngestReport:
    """Ingest files, directories and globs into ``store`` (see module docstring).

    ``root``: the folder document names are relative to (a watched folder; see
    :func:`crosscheck.ingest.read_inputs`).
    """
    items = read_inputs(
        paths, overrides=overrides, max_bytes=int(settings.max_file_mb * 1024 * 1024), root=root
    )
    return ingest_raw(
        store,
        items,
        settings,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        reconcile=reconcile,
    )


def reconcile_pending(store: Store) -> Picture | None:
    """Fold every stored-but-unreconciled document into the picture.

    Returns:
        The updated picture, or ``None`` when nothing was pending (the picture is unchanged).
    """
    from crosscheck.pipeline.followup import follow_up
    from crosscheck.pipeline.picture import update_picture

    # One write under the picture lock: two reconcilers (two ingests, the web server and
    # a CLI) take turns instead of overwriting each other's picture.
    with store.writing():
        pending = store.pending_documents()
        if not pending:
            return None
        picture = update_picture(store, set(pending))
        store.clear_pending(pending)
    # Outside the picture's transaction: track records, watch rules and their webhooks.
    follow_up(store, picture, pending)
    return picture


def reprocess(
    store: Store,
    settings: Settings,
    *,
    doc_refs: list[str] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Re-run extraction on stored documents (after a model or lexicon change).

    Analyst corrections are records of their own keyed by stable ids, so the
    picture rebuilt afterwards re-applies them.
    """
    if doc_refs:
        docs = []
        for ref in doc_refs:
            doc = store.resolve_document(ref)
            if doc is None:
                raise NotFoundError(
                    f"document {ref!r} is not in {store.url}; see `crosscheck docs`"
                )
            docs.append(doc)
        source: Iterable[Document] = docs
    else:
        source = store.iter_documents()
    extractors = Extractors(settings, workers or settings.workers)
    count = 0
    try:
        for batch, results in extractors.map(_batches(source, settings.batch_size)):
            with store.writing():
                for doc, result in zip(batch, results, strict=True):
                    if isinstance(result, Extraction):
                        store.replace_extraction(result)
                        store.set_document_status(doc.id, "ok")
                    else:
                        store.replace_extraction(Extraction(doc_id=doc.id))
                        store.set_document_status(doc.id, result)
                    count += 1
                    if progress:
                        progress(count, None, doc.path or doc.id)
    finally:
        extractors.close()
    reconcile_pending(store)
    return count


__all__ = [
    "IngestReport",
    "document_from_raw",
    "ingest_paths",
    "ingest_raw",
    "reconcile_pending",
    "reprocess",
]
