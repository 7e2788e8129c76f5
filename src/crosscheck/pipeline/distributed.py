"""Extraction on a Dask cluster: many machines parse and extract, one client stores.

:class:`DaskExtractionPool` has the same contract as the local
:class:`~crosscheck.pipeline.workers.ExtractionPool`: ``map(batches)`` yields
``(batch, results)`` in input order, ``close()`` releases it. Workers only run
:func:`~crosscheck.pipeline.extract.extract_batch` (each loads the spaCy pipeline
once, then keeps it); results travel back to the client, which alone writes to the
store. A Dask run therefore stores exactly what a single-process run stores.

Either connect to a running scheduler (``scheduler="tcp://10.0.0.5:8786"``, workers
started with ``dask worker tcp://10.0.0.5:8786 --nthreads 1``) or, with ``workers=N``
only, start a private ``LocalCluster`` of N single-threaded processes on loopback.
Workers need crosscheck and the spaCy model installed, like the client.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from crosscheck.config import Settings
from crosscheck.errors import ConfigError
from crosscheck.model import Document, Extraction
from crosscheck.pipeline.extract import extract_batch

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 20
Results = list[Extraction | str]


def _extract_remote(docs: list[Document], settings: Settings) -> Results:
    """The task a worker runs (a module-level function, so workers can import it)."""
    return extract_batch(docs, settings)


class DaskExtractionPool:
    """Extract batches on a Dask cluster, results in input order."""

    def __init__(
        self,
        settings: Settings,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        in_flight: int = 2,
        timeout: float = CONNECT_TIMEOUT_S,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
            raise ConfigError(
                f"Dask is not installed ({exc}); run `pip install 'dask[distributed]'`"
            ) from exc
        self.settings = settings
        self.in_flight = max(1, in_flight)
        self._cluster: Any = None
        if scheduler:
            try:
                self.client: Any = Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise ConfigError(
                    f"cannot connect to the Dask scheduler {scheduler}: {exc}; start it with"
                    " `dask scheduler` and its workers with `dask worker <address>`,"
                    " or use --workers N for local processes"
                ) from exc
        else:
            n = max(1, workers or settings.workers)
            self._cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",  # a free port: never clash with a running cluster
            )
            self.client = Client(self._cluster)
        # The settings go to every worker once instead of with every task.
        self._settings = self.client.scatter(settings, broadcast=True)

    @property
    def workers(self) -> int:
        """Worker threads in the cluster now (at least 1), used to split a batch."""
        threads = self.client.nthreads()
        return max(1, sum(threads.values()) if threads else 1)

    def submit(self, docs: list[Document]) -> list[Any]:
        """Start extracting ``docs`` split across the workers; collect with :meth:`collect`."""
        size = max(1, -(-len(docs) // self.workers))
        return [
            self.client.submit(_extract_remote, docs[i : i + size], self._settings, pure=False)
            for i in range(0, len(docs), size)
        ]

    @staticmethod
    def collect(futures: list[Any]) -> Results:
        out: Results = []
        for future in futures:
            out.extend(future.result())
        return out

    def map(self, batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], Results]]:
        """Extract batches in order, keeping ``in_flight`` batches busy while one is stored."""
        pending: deque[tuple[list[Document], list[Any]]] = deque()
        for batch in batches:
            pending.append((batch, self.submit(batch)))
            if len(pending) >= self.in_flight:
                done, futures = pending.popleft()
                yield done, self.collect(futures)
        while pending:
            done, futures = pending.popleft()
            yield done, self.collect(futures)

    def close(self) -> None:
        """Disconnect; a private local cluster is shut down, a shared one is left running."""
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None

    def __enter__(self) -> DaskExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_distributed(
    docs: Iterable[Document],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[tuple[Document, Extraction | str]]:
    """Each document with its extraction (or status), computed on a Dask cluster, in order."""

    def batches() -> Iterator[list[Document]]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= settings.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    with DaskExtractionPool(settings, scheduler=scheduler, workers=workers) as pool:
        for batch, results in pool.map(batches()):
            yield from zip(batch, results, strict=True)


__all__ = ["DaskExtractionPool", "extract_distributed"]
