"""The PostgreSQL store: the shared SQL of :mod:`crosscheck.store.sql` over psycopg 3.

For teams that run one store for several analysts, ingest processes and the web
server at once. Full-text search uses PostgreSQL's own text search over the tokens
SQLite's FTS5 index sees, so both stores find the same reports (a ``tsvector`` column
the store fills, with a GIN index; see :mod:`crosscheck.store.searchtext`). Not the
built-in 'russian' configuration: its Snowball stems cannot join forms whose stem
changes ("Орёл" / "в Орле"), which the lemma shadow does, and it would not match
SQLite's results.

Concurrency: the connection runs in autocommit mode and :meth:`SqlStore.transaction`
opens explicit ``BEGIN``/``COMMIT`` blocks, so reads outside a transaction never
leave a session "idle in transaction". Every write goes through
:func:`crosscheck.store.writer.writing`, whose transaction takes the "picture" advisory
lock first (with ``lock_timeout`` set to what is left of the writer's wait, so a refused
write raises BusyError instead of hanging); inside it, writers coordinate further:

* migrations run under a session lock, so two processes opening a fresh
  database do not both create the tables;
* a document insert takes a *try* lock on its content hash: if another
  transaction is inserting the same report right now, this one skips it instead
  of waiting on the unique index (waiting could deadlock two batches that hold
  each other's documents);
* replacing one document's extractions, saving the picture and numbering
  corrections take transaction-level locks, so concurrent writers queue instead
  of losing updates or colliding on primary keys; a picture delta is computed
  against the rows stored when the lock is held, never against a stale copy.

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crosscheck.errors import StoreError
from crosscheck.model import Correction, Document, Extraction, Picture
from crosscheck.store.searchtext import Term, compose, index_text, index_tokens
from crosscheck.store.sql import SqlStore

CONNECT_TIMEOUT_S = 10

# A '?' placeholder, or a quoted literal/identifier that must pass through untouched.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


def pg_placeholders(query: str) -> str:
    """Rewrite a ``?``-style query for psycopg: ``?`` → ``%s`` and a literal ``%`` → ``%%``.

    Question marks inside quoted literals are left alone (``'?'`` is text, not a
    parameter); percent signs are doubled everywhere because psycopg formats the
    whole query string.
    """

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _TOKENS.sub(swap, query)


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe for messages and ``stats``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host += f":{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def _phrase(tokens: list[str], *, prefix: bool = False) -> str:
    """``tokens`` as a tsquery phrase (the last one a prefix when ``prefix``)."""
    quoted = [f"'{t}'" for t in tokens]
    if prefix:
        quoted[-1] += ":*"
    return " <-> ".join(quoted)


def _ts_term(term: Term) -> str:
    if term.russian and term.stem:
        stem, shadow = index_tokens(term.stem), index_tokens(term.lemma)
        return f"({_phrase(stem, prefix=True)} | {_phrase(shadow)})"
    if term.russian:
        return f"({_phrase(index_tokens(term.lemma))})"
    return f"({_phrase(index_tokens(term.text))})"


def tsquery(query: str) -> str:
    """Free text as a ``to_tsquery('simple', …)`` argument that finds what SQLite's FTS5
    query finds (:func:`crosscheck.store.sqlite.fts_query`), or "" for nothing.

    Lexemes are the tokens of :func:`~crosscheck.store.searchtext.index_tokens` (letters
    and digits only), so quoting them needs no escapes and user input is never syntax.
    """
    return compose(query, _ts_term, " & ", " | ", "({match}) & !({excluded})")


def search_vector_text(title: str, text: str) -> str:
    """What the ``tsv`` column is built from: the tokens SQLite's index sees, space-joined."""
    return " ".join(index_tokens(f"{index_text(title)}\n{index_text(text)}"))


class PostgresStore(SqlStore):
    """A :class:`~crosscheck.store.base.Store` in a PostgreSQL database (``postgresql://…``)."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        # The real URL (with its password) only reaches the driver; everything the
        # store prints or reports uses the redacted form.
        self._dsn = url.replace("postgres://", "postgresql://", 1)
        super().__init__(redact_url(url))

    # -- backend hooks ---------------------------------------------------------------------
    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError(
                f"{self.url}: psycopg is not installed ({exc}); run `pip install 'psycopg[binary]'`"
            ) from exc
        try:
            return psycopg.connect(
                self._dsn,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="crosscheck",
            )
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise StoreError(
                f"cannot connect to {self.url}: {reason}; check that the server runs and the URL"
                " (host, port, user, password, database name)"
            ) from exc

    def _sql(self, query: str) -> str:
        return pg_placeholders(query)

    @property
    def writer_key(self) -> str:
        return "postgresql:" + self.url

    def _begin(self, wait: float | None) -> None:
        self._exec("BEGIN")
        if wait is not None:
            # Every lock this transaction waits for (the advisory picture lock first) gives
            # up after what is left of the writer's deadline; 0 would mean "wait forever".
            self._exec(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")

    def _is_busy(self, exc: Exception) -> bool:
        return getattr(exc, "sqlstate", None) == "55P03"  # lock_not_available

    def _fts_add(self, doc: Document) -> None:
        self._exec(
            "UPDATE documents SET tsv = to_tsvector('simple', ?) WHERE id = ?",
            (search_vector_text(doc.title or "", doc.text), doc.id),
        )

    def _fts_rebuild(self) -> None:
        for chunk in self._stored_texts():
            self._many(
                "UPDATE documents SET tsv = to_tsvector('simple', ?) WHERE id = ?",
                [(search_vector_text(title, text), doc_id) for doc_id, title, text in chunk],
            )

    def _search_query(self, query: str, limit: int, offset: int) -> tuple[str, list[Any]]:
        # The same terms as SQLite's FTS5 query over the same tokens (crosscheck.store.
        # searchtext), so both stores find the same reports for a query.
        match = tsquery(query)
        if not match:
            return "SELECT id FROM documents WHERE 1 = 0", []
        return (
            "SELECT d.id FROM documents d, (SELECT to_tsquery('simple', ?) AS q) x"
            " WHERE d.tsv @@ x.q ORDER BY ts_rank(d.tsv, x.q) DESC, d.id LIMIT ? OFFSET ?",
            [match, limit, offset],
        )

    # -- locking ---------------------------------------------------------------------------
    def _xact_lock(self, key: str) -> None:
        """Block until this transaction holds the advisory lock named ``key``."""
        self._exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (f"crosscheck:{key}",))

    def _try_xact_lock(self, key: str) -> bool:
        row = self._rows(
            "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))", (f"crosscheck:{key}",)
        )
        return bool(row[0][0])

    def _migrate(self) -> None:
        key = ("crosscheck:migrate",)
        self._exec("SELECT pg_advisory_lock(hashtextextended(?, 0))", key)
        try:
            super()._migrate()
        finally:
            self._exec("SELECT pg_advisory_unlock(hashtextextended(?, 0))", key)

    # -- writes that need coordination ---------------------------------------------------------
    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        """Insert ``doc`` unless the same content is stored (or being stored) already.

        A duplicate is skipped (False), as two ingests of one report should end with
        one copy and no failed batch.
        """
        with self.transaction():
            if not self._try_xact_lock(f"doc:{doc.content_hash}"):
                return False  # another writer is inserting this very report right now
            return super().add_document(doc, extraction)

    def replace_extraction(self, extraction: Extraction) -> None:
        with self.transaction():
            self._xact_lock(f"extraction:{extraction.doc_id}")
            super().replace_extraction(extraction)

    def save_picture(self, picture: Picture) -> None:
        with self.transaction():
            # Without the lock, a second writer's DELETE would not see the first one's fresh
            # rows (READ COMMITTED) and its INSERTs would collide with them.
            self._xact_lock("picture")
            super().save_picture(picture)

    def save_picture_delta(self, old: Picture, new: Picture, *, token: str | None = None) -> None:
        """Write ``new`` as a delta against the picture stored *now*, not the caller's ``old``.

        Another writer may have saved a picture since the caller read ``old``; a delta
        against that stale copy would re-insert rows that exist (a key violation) or
        leave rows behind that belong to neither picture. Only when the stored picture
        still carries ``token`` (the caller read it under the picture lock) are ``old``
        and ``new`` taken as given, which may then be the two halves of a delta.
        """
        with self.transaction():
            self._xact_lock("picture")
            if token is not None and token == self.picture_token():
                super().save_picture_delta(old, new)
            else:
                super().save_picture_delta(self.load_picture(), new)

    def lock_picture(self) -> None:
        """Hold the picture lock until the current transaction ends.

        Call it first in a transaction that reads the picture, reconciles and saves, so
        two reconcilers (two ingests, the web server and a CLI) take turns.
        """
        if not self._depth:
            raise StoreError(f"{self.url}: lock_picture() needs an open transaction")
        self._xact_lock("picture")

    def add_correction(self, correction: Correction) -> Correction:
        with self.transaction():
            # The shared code reads the new id back with MAX(id); the lock keeps another
            # writer's correction from landing in between.
            self._xact_lock("corrections")
            return super().add_correction(correction)

    # -- misc ------------------------------------------------------------------------------
    def disk_bytes(self) -> int:
        """Size of the database on disk (tables, indexes, TOAST), for benchmarks."""
        return int(self._rows("SELECT pg_database_size(current_database())")[0][0])


__all__ = ["PostgresStore", "pg_placeholders", "redact_url", "search_vector_text", "tsquery"]
