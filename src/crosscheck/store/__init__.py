"""Persistence: one :class:`Store` interface, SQLite (embedded) and PostgreSQL backends."""

from __future__ import annotations

from crosscheck.errors import StoreError
from crosscheck.store.base import Store


def open_store(url: str) -> Store:
    """Open (and migrate) the store named by ``url``.

    ``postgresql://…`` selects PostgreSQL; anything else is a SQLite file path
    (optionally ``sqlite:///path``).
    """
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from crosscheck.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on installation
            raise StoreError(f"{url}: PostgreSQL support is not installed ({exc})") from exc
        return PostgresStore(url)
    from crosscheck.store.sqlite import SQLiteStore

    return SQLiteStore(url)


__all__ = ["Store", "open_store"]
