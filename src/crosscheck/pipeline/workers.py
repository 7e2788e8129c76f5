"""Extraction in this process or in N local processes (``crosscheck ingest --workers N``).

Each worker loads the spaCy pipeline once (pool initializer) and extracts whole
sub-batches; the parent keeps the store, so only one process writes.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any

from crosscheck.analysis import extractors_loaded
from crosscheck.analysis.geo import load_gazetteer
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

    def __init__(self, settings: Settings, workers: int, *, load_here: bool = True) -> None:
        self.workers = workers
        # Load the pipeline once here and fork: workers start at once and share the model's
        # memory copy-on-write. They never touch the parent's store connection.
        # Where fork is unavailable, spawn loads the pipeline in each worker instead.
        # Without ``load_here`` the worker loads it, while this process does other work.
        methods = get_all_start_methods()
        if "fork" in methods and load_here:
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
        self, batches: Iterable[list[Document]], meanwhile: Callable[[], object] | None = None
    ) -> Iterator[tuple[list[Document], list[Extraction | str]]]:
        """Extract batches in order, keeping the next batch in flight while one is stored.

        ``meanwhile`` is called once, as soon as the first batch is in the workers' hands.
        """
        pending: deque[tuple[list[Document], list[Future[list[Extraction | str]]]]] = deque()
        for batch in batches:
            pending.append((batch, self.submit(batch)))
            if meanwhile is not None:
                meanwhile()
                meanwhile = None
            if len(pending) > 1:
                done, futures = pending.popleft()
                yield done, self.collect(futures)
        while pending:
            done, futures = pending.popleft()
            yield done, self.collect(futures)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class Extractors:
    """Runs extraction in this process or a pool, created on first need.

    ``meanwhile``: work for this process while a local pool extracts the first batch. With
    one worker wanted and no model loaded here yet, a forked worker loads it and extracts
    while this process does that work (two cores, half the wait); else extraction stays here.
    """

    def __init__(
        self,
        settings: Settings,
        workers: int,
        scheduler: str | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.meanwhile = meanwhile
        self._pool: Any = None

    def _ahead(self) -> bool:
        """Whether one worker of a pool should extract while this process reads ahead."""
        return (
            self.meanwhile is not None
            and "fork" in get_all_start_methods()
            and not extractors_loaded()
        )

    def map(
        self, batches: Iterable[list[Document]]
    ) -> Iterator[tuple[list[Document], list[Extraction | str]]]:
        """(batch, results) pairs in order; a pool overlaps extraction with storing."""
        if self.scheduler:
            from crosscheck.pipeline.distributed import DaskExtractionPool

            self._pool = DaskExtractionPool(self.settings, scheduler=self.scheduler)
            yield from self._pool.map(batches)
            return
        alone = self.workers == 1
        if alone and not self._ahead():
            for batch in batches:
                yield batch, extract_batch(batch, self.settings)
            return
        # Nothing to extract (every input unchanged): no pool, no tables, nothing read ahead.
        pending = iter(batches)
        first = next(pending, None)
        if first is None:
            return
        batches = itertools.chain([first], pending)
        if alone:
            # Both processes geocode (extraction, then the picture update here): the
            # gazetteer's tables are read once, before the fork, and shared copy-on-write;
            # each process unpacks only the city shards of the names it looks up.
            load_gazetteer()
        self._pool = ExtractionPool(self.settings, self.workers, load_here=not alone)
        yield from self._pool.map(batches, self.meanwhile)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


__all__ = ["ExtractionPool", "Extractors"]
