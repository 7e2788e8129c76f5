"""Persistence: one :class:`Store` interface, SQLite (embedded) and PostgreSQL backends."""

from __future__ import annotations

from crosscheck.errors import StoreError
from crosscheck.store.base import Store


def open_store(url: str, *, write_wait: float | None = None) -> Store:
    """Open (and migrate) the store named by ``url``.

    ``postgresql://…`` selects PostgreSQL; anything else is a SQLite file path
    (optionally ``sqlite:///path``). ``write_wait``: seconds a write waits for other
    writers before BusyError (None: the command-line default,
    ``crosscheck.store.writer.WRITE_WAIT_S``).
    """
    store: Store
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from crosscheck.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on installation
            raise StoreError(f"{url}: PostgreSQL support is not installed ({exc})") from exc
        store = PostgresStore(url)
    else:
        from crosscheck.store.sqlite import SQLiteStore

        store = SQLiteStore(url)
    if write_wait is not None:
        store.write_wait = write_wait
    return store


__all__ = ["Store", "open_store"]
