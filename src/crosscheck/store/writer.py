"""One writer at a time per store, and one lock order for every write.

Every write (an ingest batch, a reconcile, a correction, a merge or split, a re-processing
batch, an import, a rebuild) goes through :func:`writing`, which takes its locks in this
order and no other:

1. **the writer turn** of this database in this process: a re-entrant lock per database
   (all connections to one SQLite file or one PostgreSQL database share it), waited for
   until a deadline and refused with :class:`~crosscheck.errors.BusyError` after it;
2. **the database's write lock**, by opening one write transaction: SQLite's
   ``BEGIN IMMEDIATE`` (other processes wait up to what is left of the deadline), then
   :meth:`Store.lock_picture` (PostgreSQL's "picture" advisory lock, with
   ``lock_timeout`` set to what is left of the deadline);
3. only inside both, whatever the pipeline keeps in memory about the picture (the lock of
   :mod:`crosscheck.pipeline.picture`).

Because the turn comes before the transaction in every thread, two writers of one
process can never hold each other's locks (a correction holding the picture lock while
an upload holds the SQLite write lock was the deadlock this module removes), and writers
of different processes meet only at step 2, where the database queues them.

A write either commits whole or rolls back whole: callers put every change of one user
action (the correction and the picture it changes) inside one ``writing`` block, so an
answer can truthfully say "stored" or "refused, nothing stored". Nested blocks in the
thread that holds the turn join the outer transaction; callbacks given as
``on_rollback`` run after the outermost block rolled back (in-memory state that was
derived from the rolled-back writes must be dropped).

This module must not know about the pipeline: it only sees :class:`Store` methods.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from crosscheck.errors import BusyError

#: How long a command-line write waits for another writer (a long ingest's reconcile):
#: a batch job should queue, not fail. The server waits ``Settings.write_wait`` instead.
WRITE_WAIT_S = 600.0


class WriterStore(ABC):
    """Transactions and the writer turn; :class:`crosscheck.store.Store` inherits this."""

    url: str
    #: Seconds a write waits for other writers before :class:`BusyError`; the server sets
    #: ``Settings.write_wait`` (see :func:`crosscheck.store.open_store`).
    write_wait: float = WRITE_WAIT_S

    @abstractmethod
    def transaction(self, wait: float | None = None) -> AbstractContextManager[None]:
        """A transaction; nested calls join the outer one.

        Writes go through :meth:`writing` instead, which takes the writer turn first.
        ``wait``: seconds the database may make this transaction wait for another
        process's write lock (None: the connection's default).
        """

    @abstractmethod
    def in_transaction(self) -> bool:
        """True while a :meth:`transaction` of this connection is open."""

    def lock_picture(self) -> None:
        """Serialise reconcilers; call first inside a transaction.

        SQLite needs nothing more: its write transaction already excludes other writers.
        """
        return None

    def writing(
        self, *, wait: float | None = None, on_rollback: Callable[[], None] | None = None
    ) -> AbstractContextManager[None]:
        """The writer turn and one write transaction (see :func:`writing`)."""
        return writing(self, wait=wait, on_rollback=on_rollback)

    @property
    def writer_key(self) -> str:
        """What identifies the database for the writer turn (every connection to it shares it)."""
        return self.url

    @property
    def name(self) -> str:
        """The store as messages and pages may show it: never a password or a home folder."""
        return self.url


class _Turn:
    """The writer turn of one database in this process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.owner: int | None = None
        self.store: WriterStore | None = None
        self.on_rollback: list[Callable[[], None]] = []


_TURNS: dict[str, _Turn] = {}
_TURNS_GUARD = threading.Lock()


def _turn(key: str) -> _Turn:
    with _TURNS_GUARD:
        return _TURNS.setdefault(key, _Turn())


def holds_turn(store: WriterStore) -> bool:
    """True when the calling thread holds the writer turn of ``store``'s database."""
    return _turn(store.writer_key).owner == threading.get_ident()


@contextmanager
def writing(
    store: WriterStore,
    *,
    wait: float | None = None,
    on_rollback: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the writer turn and one write transaction of ``store`` for the block.

    Args:
        wait: seconds to wait for other writers in all (default ``store.write_wait``).
        on_rollback: called once if the outermost block rolls back.

    Raises:
        BusyError: another writer kept the store past ``wait``; nothing was written.
        RuntimeError: a programming error that would break the lock order (a transaction
            opened before the turn, or a second connection written from the same thread).
    """
    turn = _turn(store.writer_key)
    me = threading.get_ident()
    if turn.owner == me:
        if turn.store is not store:
            raise RuntimeError(
                f"{store.url}: this thread already writes through another connection;"
                " pass the same store down instead of opening a second one"
            )
        if on_rollback is not None:
            turn.on_rollback.append(on_rollback)
        with store.transaction():
            yield
        return
    if store.in_transaction():
        raise RuntimeError(
            f"{store.url}: a transaction was opened before the writer turn;"
            " use store.writing() instead of store.transaction() for writes"
        )
    wait = store.write_wait if wait is None else wait
    deadline = time.monotonic() + wait
    if not turn.lock.acquire(timeout=max(0.0, wait)):
        raise BusyError(
            f"{store.name}: another write of this server kept the store busy for {wait:.0f} s;"
            " nothing was stored, try again in a moment"
        )
    turn.owner, turn.store = me, store
    turn.on_rollback = [on_rollback] if on_rollback is not None else []
    try:
        with store.transaction(wait=max(0.0, deadline - time.monotonic())):
            store.lock_picture()
            yield
    except BaseException:
        for callback in turn.on_rollback:
            callback()
        raise
    finally:
        turn.owner, turn.store, turn.on_rollback = None, None, []
        turn.lock.release()


__all__ = ["WRITE_WAIT_S", "WriterStore", "holds_turn", "writing"]
