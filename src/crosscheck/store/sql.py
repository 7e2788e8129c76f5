"""SQL shared by the SQLite and PostgreSQL stores: connection, transactions, migrations.

Queries are written with ``?`` placeholders; a backend whose driver wants
another style rewrites them in :meth:`SqlStore._sql`. Records are (de)serialised
in the SQL modules of the store and nowhere else: documents in
:mod:`~crosscheck.store.document_sql`, extractions in :mod:`~crosscheck.store.extraction_sql`,
the picture in :mod:`~crosscheck.store.picture_sql`; corrections and counts here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from crosscheck.errors import BusyError, StoreError
from crosscheck.model import Correction
from crosscheck.store.assess_sql import SqlAssessments
from crosscheck.store.document_sql import SqlDocuments, now_iso, shown_path
from crosscheck.store.facets import SqlFacets
from crosscheck.store.migrations import REINDEX_VERSIONS, migrations_for
from crosscheck.store.picture_sql import SqlPicture
from crosscheck.store.rows import CORRECTION_SELECT, correction_from_row
from crosscheck.store.savedstate import SqlSavedState
from crosscheck.store.successors import SqlSuccessors


class SqlStore(SqlDocuments, SqlPicture, SqlAssessments, SqlFacets, SqlSuccessors, SqlSavedState):
    """A :class:`Store` over a DB-API connection (documents in :class:`SqlDocuments`,
    extractions in :class:`SqlExtractions`, the picture in :class:`SqlPicture`, targeted
    reads in :class:`SqlLookups`, paged listings in :class:`SqlPaging`, filter reads in
    :class:`SqlFacets`, structured analysis in :class:`SqlAssessments`, retired ids in
    :class:`SqlSuccessors`, the picture's saved state in :class:`SqlSavedState`)."""

    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        self.url = url
        self._depth = 0
        self.conn: Any = self._connect()
        self._migrate()

    # -- backend hooks ---------------------------------------------------------------------
    def _connect(self) -> Any:
        raise NotImplementedError

    def _sql(self, query: str) -> str:
        return query

    def _begin(self, wait: float | None) -> None:
        """Open a transaction; ``wait``: how long another process's write lock may hold it up."""
        self._exec("BEGIN")

    def _is_busy(self, exc: Exception) -> bool:
        """Whether a driver error means "another writer holds the lock" (see BusyError)."""
        return False

    # -- plumbing -------------------------------------------------------------------------
    def _exec(self, query: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self._sql(query), tuple(params))
        except Exception as exc:  # driver exceptions differ per backend
            raise self._error(exc, f"{query.split()[0]} failed") from exc

    def _error(self, exc: Exception, what: str) -> StoreError:
        """A driver error as one of ours: BusyError when another writer held the lock."""
        if self._is_busy(exc):
            return BusyError(
                f"{self.name}: another process kept the store locked past the wait;"
                " nothing was stored, try again in a moment"
            )
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return StoreError(f"{self.url}: database error ({reason}); {what}")

    def _many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            cur = self.conn.cursor()
            cur.executemany(self._sql(query), [tuple(r) for r in rows])
        except Exception as exc:
            raise self._error(exc, "writing failed") from exc

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self._exec(query, params).fetchall())

    @contextmanager
    def transaction(self, wait: float | None = None) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin(wait)
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self.conn.commit()
        except Exception as exc:
            self._rollback()
            raise self._error(exc, "COMMIT failed; nothing of this write was stored") from exc

    def _rollback(self) -> None:
        try:
            self.conn.rollback()
        except Exception:  # a broken connection has nothing left to roll back
            pass

    def in_transaction(self) -> bool:
        return self._depth > 0

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # closing twice is harmless
            pass

    # -- migrations -------------------------------------------------------------------------
    def _applied(self) -> set[int]:
        """Versions already applied (none when the store is new), read without a write lock."""
        try:
            return {int(r[0]) for r in self._rows("SELECT version FROM schema_migrations")}
        except StoreError:
            return set()

    def _migrate(self) -> None:
        wanted = migrations_for(self.dialect)
        if self._applied() >= set(wanted):
            # Opening an up-to-date store takes no write lock: a server opening a
            # connection for a page must not queue behind a long write.
            return
        self._exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " applied_at TEXT NOT NULL)"
        )
        self.conn.commit()
        # One rebuild of the search index does for every pending version that asks for one:
        # the last of them rebuilds it (a store opened anew redoes what an interrupted
        # upgrade left undone, since that version is not marked as applied).
        pending = set(wanted) - self._applied()
        reindex_at = max(REINDEX_VERSIONS & pending, default=None)
        for version, statements in sorted(wanted.items()):
            with self.transaction():
                done = self._rows("SELECT 1 FROM schema_migrations WHERE version = ?", (version,))
                if done:
                    continue
                for statement in statements:
                    self._exec(statement)
                if version == reindex_at:
                    self._fts_rebuild()
                self._exec(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                    (version, now_iso()),
                )

    def schema_version(self) -> int:
        row = self._rows("SELECT MAX(version) FROM schema_migrations")
        return int(row[0][0] or 0)

    # -- corrections -------------------------------------------------------------------------
    def add_correction(self, correction: Correction) -> Correction:
        created = correction.created_at or now_iso()
        with self.transaction():
            self._exec(
                "INSERT INTO corrections (target_kind, target, action, payload, author, reason,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    correction.target_kind,
                    correction.target,
                    correction.action,
                    json.dumps(correction.payload, sort_keys=True),
                    correction.author,
                    correction.reason,
                    created,
                ),
            )
            row = self._rows("SELECT MAX(id) FROM corrections")
        return replace(correction, id=int(row[0][0]), created_at=created)

    def corrections(self, *, target_kind: str | None = None) -> list[Correction]:
        where, params = ("target_kind = ?", [target_kind]) if target_kind else ("1 = 1", [])
        rows = self._rows(f"{CORRECTION_SELECT} WHERE {where} ORDER BY id", params)
        return [correction_from_row(r) for r in rows]

    # -- stats -----------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        def count(table: str) -> int:
            return int(self._rows(f"SELECT COUNT(*) FROM {table}")[0][0])

        statuses = dict(self._rows("SELECT status, COUNT(*) FROM claim_groups GROUP BY status"))
        languages = dict(
            self._rows(
                "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM documents GROUP BY language"
            )
        )
        words = self._rows("SELECT COALESCE(SUM(word_count), 0) FROM documents")[0][0]
        return {
            "store": self.url,
            "schema_version": self.schema_version(),
            "documents": count("documents"),
            "words": int(words),
            "languages": languages,
            "mentions": count("mentions"),
            "entities": count("entities"),
            "claims": count("claims"),
            "events": count("events"),
            "event_mentions": count("event_mentions"),
            "statements": count("statements"),
            "groups": count("claim_groups"),
            "group_status": {s: int(statuses.get(s, 0)) for s in sorted(statuses)},
            "corrections": count("corrections"),
        }


__all__ = ["SqlStore", "now_iso", "shown_path"]
