"""Extraction in N local processes (``crosscheck ingest --workers N``).

Each worker loads the spaCy pipeline once (pool initializer) and extracts whole
sub-batches; the parent keeps the store, so only one process writes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from crosscheck.config import Settings
from crosscheck.model import Document, Extraction
from crosscheck.pipeline.extract import extract_batch

_SETTINGS: Settings | None = None


def _init(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    from crosscheck.analysis import get_extractor

    get_extractor("en", settings)  # warm the pipeline before the first batch


def _work(docs: list[Document]) -> list[Extraction | str]:
    assert _SETTINGS is not None
    return extract_batch(docs, _SETTINGS)


class ExtractionPool:
    """A process pool that splits each batch across its workers, results in order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        # Load the pipeline once here and fork: workers start at once and share the model's
        # memory copy-on-write. They never touch the parent's store connection.
        # Where fork is unavailable, spawn loads the pipeline in each worker instead.
        methods = get_all_start_methods()
        if "fork" in methods:
            _init(settings)
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("fork" if "fork" in methods else "spawn"),
            initializer=_init,
            initargs=(settings,),
        )

    def submit(self, docs: list[Document]) -> list[Future[list[Extraction | str]]]:
        """Start extracting ``docs`` split across the workers; collect with :meth:`collect`."""
        size = max(1, -(-len(docs) // self.workers))
        return [self._executor.submit(_work, docs[i : i + size]) for i in range(0, len(docs), size)]

    @staticmethod
    def collect(futures: list[Future[list[Extraction | str]]]) -> list[Extraction | str]:
        out: list[Extraction | str] = []
        for future in futures:
            out.extend(future.result())
        return out

    def map(
        self, batches: Iterable[list[Document]]
    ) -> Iterator[tuple[list[Document], list[Extraction | str]]]:
        """Extract batches in order, keeping the next batch in flight while one is stored."""
        pending: deque[tuple[list[Document], list[Future[list[Extraction | str]]]]] = deque()
        for batch in batches:
            pending.append((batch, self.submit(batch)))
            if len(pending) > 1:
                done, futures = pending.popleft()
                yield done, self.collect(futures)
        while pending:
            done, futures = pending.popleft()
            yield done, self.collect(futures)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


__all__ = ["ExtractionPool"]
