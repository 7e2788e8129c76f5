"""The embedded SQLite store: one file, WAL mode, FTS5 search.

Concurrency: WAL lets readers run beside one writer; writers take the lock up
front (``BEGIN IMMEDIATE``) and wait up to ``busy_timeout`` for each other, so
two ingests into one file both succeed, one after the other per batch.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from crosscheck.errors import StoreError
from crosscheck.model import Document
from crosscheck.store.searchtext import Term, compose, index_text
from crosscheck.store.sql import SqlStore

BUSY_TIMEOUT_MS = 60_000


def _fts_term(term: Term) -> str:
    if term.russian and term.stem:
        return f'("{term.stem}"* OR "{term.lemma}")'
    if term.russian:
        return f'"{term.lemma}"'
    return f'"{term.text}"'


def fts_query(query: str) -> str:
    """Free text as a safe FTS5 query (see :func:`crosscheck.store.searchtext.parse_query`),
    or "" for one that finds nothing.

    Quotes around every term keep stray FTS5 operators and punctuation from ever reaching
    the parser as syntax. A Russian word matches its lemma in the report's lemma shadow, and
    a word pymorphy3 does not know its stem as a prefix too.
    """
    return compose(query, _fts_term, " AND ", " OR ", "({match}) NOT ({excluded})")


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch a database to WAL, waiting while another process holds it.

    Changing the journal mode needs the database to itself, and SQLite answers "locked"
    at once rather than through the busy handler; two ingests opening a new file at the
    same moment would otherwise fail. Once in WAL the mode sticks, so this returns at once.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(SqlStore):
    dialect = "sqlite"

    def _connect(self) -> Any:
        path = self._path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(
                    f"{self.url}: folder {parent} does not exist; create it or choose another --db"
                )
        try:
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.url}: not a usable SQLite database ({exc}); point --db at another file"
            ) from exc
        return conn

    @property
    def _path(self) -> str:
        return self.url.removeprefix("sqlite:///").removeprefix("sqlite://")

    @property
    def writer_key(self) -> str:
        path = self._path
        if path == ":memory:":  # every connection is a database of its own
            return f"sqlite-memory:{id(self)}"
        return "sqlite:" + str(Path(path).expanduser().resolve())

    @property
    def name(self) -> str:
        return Path(self._path).name

    def _begin(self, wait: float | None) -> None:
        # IMMEDIATE takes the write lock now, so a concurrent writer waits instead of
        # failing later with "database is locked" on upgrade from a read lock. Only the
        # BEGIN waits for the lock: once held, nothing in the transaction waits again.
        if wait is None:
            self._exec("BEGIN IMMEDIATE")
            return
        self.conn.execute(f"PRAGMA busy_timeout = {max(1, int(wait * 1000))}")
        try:
            self._exec("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _is_busy(self, exc: Exception) -> bool:
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        text = str(exc).lower()
        return "locked" in text or "busy" in text

    def _fts_add(self, doc: Document) -> None:
        self._exec(
            "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
            (doc.id, index_text(doc.title or ""), index_text(doc.text)),
        )

    def _fts_rebuild(self) -> None:
        self._exec("DELETE FROM documents_fts")
        for chunk in self._stored_texts():
            self._many(
                "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
                [(doc_id, index_text(title), index_text(text)) for doc_id, title, text in chunk],
            )

    def _fts_remove(self, doc_id: str) -> None:
        self._exec("DELETE FROM documents_fts WHERE doc_id = ?", (doc_id,))

    def _search_query(self, query: str, limit: int, offset: int) -> tuple[str, list[Any]]:
        match = fts_query(query)
        if not match:
            return "SELECT doc_id FROM documents_fts WHERE 1 = 0", []
        return (
            "SELECT doc_id FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rank LIMIT ? OFFSET ?",
            [match, limit, offset],
        )
