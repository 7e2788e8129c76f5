"""Stored reports in SQL: adding, finding and listing documents, and their search index.

The search index differs per backend: the hooks here do nothing and
:class:`~crosscheck.store.sqlite.SQLiteStore` / :class:`~crosscheck.store.postgres.PostgresStore`
fill them in. Shared by both stores; this module must not know about the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from crosscheck.model import Document, Extraction
from crosscheck.store.extraction_sql import SqlExtractions
from crosscheck.store.savedstate import new_token

DOC_COLUMNS = (
    "id, content_hash, path, url, title, outlet, author, published, language, format,"
    " supersedes, status, ingested_at, name"
)
#: Where the text sits in a row of ``SELECT {DOC_COLUMNS}, text``.
_TEXT = 14


def shown_path(path: str | None) -> str | None:
    """What to show of a stored path with no name (stored before names existed).

    A relative path is what the analyst typed; of an absolute one only the file name.
    """
    if path is None or not os.path.isabs(path):
        return path
    return os.path.basename(path)


def now_iso(*, precise: bool = False) -> str:
    """The time now in UTC, ISO 8601; to the microsecond when ``precise`` (an ingest time,
    which orders the undated versions of one source: two in one second must not tie)."""
    now = datetime.now(UTC)
    return (now if precise else now.replace(microsecond=0)).isoformat()


class SqlDocuments(SqlExtractions):
    """The document table of :class:`Store` and its search-index hooks (SQLite and PostgreSQL)."""

    # -- search index hooks (the backends fill them in) ------------------------------------
    def _fts_add(self, doc: Document) -> None:
        """Index a new document for search (no-op where the database indexes itself)."""

    def _fts_remove(self, doc_id: str) -> None:
        """Drop a document from the search index."""

    def _fts_rebuild(self) -> None:
        """Index every stored document for search anew (a migration in ``REINDEX_VERSIONS``)."""

    def _stored_texts(self, batch: int = 200) -> Iterator[list[tuple[str, str, str]]]:
        """Every stored document's (id, title, text), a batch at a time: a store's texts
        need not fit in memory at once."""
        ids = [r[0] for r in self._rows("SELECT id FROM documents ORDER BY id")]
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT id, title, text FROM documents WHERE id IN ({marks})", chunk)
            yield [(r[0], r[1] or "", r[2]) for r in rows]

    def _search_query(self, query: str, limit: int, offset: int) -> tuple[str, list[Any]]:
        raise NotImplementedError

    # -- documents ------------------------------------------------------------------------
    def _doc(self, row: Sequence[Any], text: str = "") -> Document:
        return Document(
            id=row[0],
            content_hash=row[1],
            # Shown by its name, never by where the file lives (the stored path stays the
            # source identity that versions and lookups match on).
            path=row[13] or shown_path(row[2]),
            name=row[13],
            url=row[3],
            title=row[4],
            outlet=row[5],
            author=row[6],
            published=row[7],
            language=row[8],
            format=row[9],
            supersedes=row[10],
            status=row[11],
            ingested_at=row[12],
            text=text,
        )

    def _one_doc(self, where: str, params: Sequence[Any]) -> Document | None:
        rows = self._rows(f"SELECT {DOC_COLUMNS}, text FROM documents WHERE {where}", params)
        return self._doc(rows[0], rows[0][_TEXT]) if rows else None

    def get_document(self, doc_id: str) -> Document | None:
        return self._one_doc("id = ?", (doc_id,))

    def document_by_hash(self, content_hash: str) -> Document | None:
        return self._one_doc("content_hash = ?", (content_hash,))

    def latest_version(self, *, path: str | None = None, url: str | None = None) -> Document | None:
        if url:
            doc = self._one_doc("url = ? ORDER BY ingested_at DESC, id LIMIT 1", (url,))
            if doc is not None:
                return doc
        if path:
            return self._one_doc("path = ? ORDER BY ingested_at DESC, id LIMIT 1", (path,))
        return None

    def versions_of(self, *, path: str | None = None, url: str | None = None) -> list[Document]:
        if url:
            rows = self._rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE url = ?", (url,))
        elif path:
            where = "path = ? AND url IS NULL"
            rows = self._rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE {where}", (path,))
        else:
            return []
        return [self._doc(r) for r in rows]

    def set_supersedes(self, doc_id: str, previous: str | None) -> None:
        with self.transaction():
            self._exec("UPDATE documents SET supersedes = ? WHERE id = ?", (previous, doc_id))
            self._exec("DELETE FROM pending_reconcile WHERE doc_id = ?", (doc_id,))
            self._exec("INSERT INTO pending_reconcile (doc_id) VALUES (?)", (doc_id,))

    def _resolve_document_ref(self, ref: str) -> Document | None:
        doc = self._one_doc(
            "path = ? OR url = ? OR name = ? ORDER BY ingested_at DESC LIMIT 1", (ref, ref, ref)
        )
        if doc is not None:
            return doc
        rows = self._rows("SELECT id FROM documents WHERE id LIKE ? LIMIT 2", (ref + "%",))
        if len(rows) == 1:
            return self.get_document(rows[0][0])
        return None

    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        with self.transaction():
            # Inside the write transaction no other writer can slip in between this check
            # and the insert (the caller holds the writer turn; see store.writer).
            seen = self._rows(
                "SELECT 1 FROM documents WHERE content_hash = ? OR id = ?",
                (doc.content_hash, doc.id),
            )
            if seen:
                return False
            self._exec(
                f"INSERT INTO documents ({DOC_COLUMNS}, word_count, text, stamp)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.content_hash,
                    doc.path,
                    doc.url,
                    doc.title,
                    doc.outlet,
                    doc.author,
                    doc.published,
                    doc.language,
                    doc.format,
                    doc.supersedes,
                    doc.status,
                    doc.ingested_at or now_iso(),
                    doc.name,
                    doc.word_count,
                    doc.text,
                    new_token(),
                ),
            )
            self._fts_add(doc)
            self._exec("INSERT INTO pending_reconcile (doc_id) VALUES (?)", (doc.id,))
            if extraction is not None:
                self._insert_extraction(extraction)
        return True

    def pending_documents(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT doc_id FROM pending_reconcile ORDER BY doc_id")]

    def clear_pending(self, doc_ids: list[str]) -> None:
        with self.transaction():
            self._many("DELETE FROM pending_reconcile WHERE doc_id = ?", [(d,) for d in doc_ids])

    def set_document_status(self, doc_id: str, status: str) -> None:
        with self.transaction():
            self._exec("UPDATE documents SET status = ? WHERE id = ?", (status, doc_id))

    def documents(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        outlet: str | None = None,
        language: str | None = None,
        with_text: bool = False,
    ) -> list[Document]:
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if language:
            where.append("language = ?")
            params.append(language)
        cols = DOC_COLUMNS + (", text" if with_text else "")
        query = f"SELECT {cols} FROM documents WHERE {' AND '.join(where)} ORDER BY published, id"
        if limit is not None:
            query += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [self._doc(r, r[_TEXT] if with_text else "") for r in self._rows(query, params)]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM documents ORDER BY id")]

    def count_documents(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM documents")[0][0])

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Document]:
        sql, params = self._search_query(query, limit, offset)
        ids = [r[0] for r in self._rows(sql, params)]
        docs = {d.id: d for d in self._docs_by_ids(ids)}
        return [docs[i] for i in ids if i in docs]

    def _docs_by_ids(self, ids: list[str]) -> list[Document]:
        out: list[Document] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE id IN ({marks})", chunk)
            out.extend(self._doc(r) for r in rows)
        return out


__all__ = ["DOC_COLUMNS", "SqlDocuments", "now_iso", "shown_path"]
