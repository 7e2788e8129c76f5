"""SQL shared by the SQLite and PostgreSQL stores.

Queries are written with ``?`` placeholders; a backend whose driver wants
another style rewrites them in :meth:`SqlStore._sql`. Records are (de)serialised
here and nowhere else.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from crosscheck.errors import BusyError, StoreError
from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Document,
    Entity,
    Event,
    EventMention,
    Extraction,
    Mention,
    Picture,
    Profile,
    Statement,
    Subject,
)
from crosscheck.store.assess_sql import SqlAssessments
from crosscheck.store.facets import SqlFacets
from crosscheck.store.lookups import (
    CLAIM_SELECT,
    CORRECTION_SELECT,
    ENTITY_SELECT,
    EVENT_MENTION_SELECT,
    EVENT_SELECT,
    GROUP_SELECT,
    MENTION_SELECT,
    STATEMENT_SELECT,
    claim_from_row,
    correction_from_row,
    entity_from_row,
    event_from_row,
    event_mention_from_row,
    group_from_row,
    statement_from_row,
)
from crosscheck.store.migrations import REINDEX_VERSIONS, migrations_for
from crosscheck.store.savedstate import SqlSavedState, new_token
from crosscheck.store.successors import SqlSuccessors

_T = TypeVar("_T", Mention, Claim, EventMention, Statement)

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


class SqlStore(SqlAssessments, SqlFacets, SqlSuccessors, SqlSavedState):
    """A :class:`Store` over a DB-API connection (targeted reads in :class:`SqlLookups`,
    paged listings in :class:`SqlPaging`, filter reads in :class:`SqlFacets`, structured
    analysis in :class:`SqlAssessments`, retired ids in :class:`SqlSuccessors`, the
    picture's saved state in :class:`SqlSavedState`)."""

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

    # -- extractions ------------------------------------------------------------------------
    def replace_extraction(self, extraction: Extraction) -> None:
        with self.transaction():
            for table in (
                "mentions",
                "claims",
                "event_mentions",
                "statements",
                "doc_profiles",
                "pending_reconcile",
            ):
                self._exec(f"DELETE FROM {table} WHERE doc_id = ?", (extraction.doc_id,))
            self._exec("INSERT INTO pending_reconcile (doc_id) VALUES (?)", (extraction.doc_id,))
            # A saved picture state finds this document changed by its stamp.
            self._exec(
                "UPDATE documents SET stamp = ? WHERE id = ?", (new_token(), extraction.doc_id)
            )
            self._insert_extraction(extraction)

    def _insert_extraction(self, ex: Extraction) -> None:
        self._many(
            "INSERT INTO mentions (id, doc_id, start_char, end_char, text, label, key, canonical)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (m.id, m.doc_id, m.start, m.end, m.text, m.label, m.key, m.canonical)
                for m in _unique(ex.mentions)
            ],
        )
        self._many(
            "INSERT INTO claims (id, doc_id, measure, low, high, approximate, vague, label, as_of,"
            " attributed_to, sentence, span_start, span_end, subject_kind, subject_ref,"
            " subject_name, counted, part_of, unconfirmed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    c.doc_id,
                    c.measure,
                    c.low,
                    c.high,
                    int(c.approximate),
                    int(c.vague),
                    c.label,
                    c.as_of,
                    c.attributed_to,
                    c.sentence,
                    c.span[0],
                    c.span[1],
                    c.subject_kind,
                    c.subject_ref,
                    c.subject_name,
                    c.counted,
                    c.part_of,
                    int(c.unconfirmed),
                )
                for c in _unique(ex.claims)
            ],
        )
        if ex.profile is not None:
            p = ex.profile
            self._exec(
                "INSERT INTO doc_profiles (doc_id, terms, title, lead) VALUES (?, ?, ?, ?)",
                (p.doc_id, json.dumps(p.terms), json.dumps(p.title), json.dumps(p.lead)),
            )
        self._many(
            "INSERT INTO event_mentions (id, doc_id, type, trigger_text, span_start, span_end,"
            " sentence, date, date_precision, location, country, latitude, longitude, actors,"
            " description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id,
                    e.doc_id,
                    e.type,
                    e.trigger,
                    e.span[0],
                    e.span[1],
                    e.sentence,
                    e.date,
                    e.date_precision,
                    e.location,
                    e.country,
                    e.latitude,
                    e.longitude,
                    json.dumps([dict(a) for a in e.actors]),
                    e.description,
                )
                for e in _unique(ex.events)
            ],
        )
        self._many(
            "INSERT INTO statements (id, doc_id, speaker, speaker_key, verb, stance, content,"
            " span_start, span_end, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.id,
                    s.doc_id,
                    s.speaker,
                    s.speaker_key,
                    s.verb,
                    s.stance,
                    s.content,
                    s.span[0],
                    s.span[1],
                    s.sentence,
                )
                for s in _unique(ex.statements)
            ],
        )

    @staticmethod
    def _filter(doc: str | None, doc_ids: list[str] | None) -> tuple[str, list[Any]]:
        if doc is not None:
            return "doc_id = ?", [doc]
        if doc_ids is not None:
            if not doc_ids:
                return "1 = 0", []
            return f"doc_id IN ({', '.join('?' for _ in doc_ids)})", list(doc_ids)
        return "1 = 1", []

    def claims(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        doc_ids: list[str] | None = None,
        subject_kind: str | None = None,
    ) -> list[Claim]:
        where, params = self._filter(doc, doc_ids)
        if measure:
            where += " AND c.measure = ?"
            params.append(measure)
        if subject_kind is not None:
            where += " AND s.subject_kind = ?"
            params.append(subject_kind)
        rows = self._rows(
            f"{CLAIM_SELECT} WHERE {where.replace('doc_id', 'c.doc_id')}"
            " ORDER BY c.doc_id, c.span_start",
            params,
        )
        return [claim_from_row(r) for r in rows]

    def mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Mention]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(f"{MENTION_SELECT} WHERE {where} ORDER BY doc_id, start_char", params)
        return [Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def event_mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[EventMention]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(
            f"{EVENT_MENTION_SELECT} WHERE {where} ORDER BY doc_id, span_start", params
        )
        return [event_mention_from_row(r) for r in rows]

    def statements(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Statement]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(f"{STATEMENT_SELECT} WHERE {where} ORDER BY doc_id, span_start", params)
        return [statement_from_row(r) for r in rows]

    def profiles(self, doc_ids: list[str] | None = None) -> dict[str, Profile]:
        where, params = self._filter(None, doc_ids)
        rows = self._rows(
            f"SELECT doc_id, terms, title, lead FROM doc_profiles WHERE {where}", params
        )
        return {
            r[0]: Profile(
                doc_id=r[0],
                terms=_pairs(r[1]),
                title=_pairs(r[2]),
                lead=_pairs(r[3]),
            )
            for r in rows
        }

    # -- picture -----------------------------------------------------------------------------
    def save_picture(self, picture: Picture) -> None:
        with self.transaction():
            old = self.load_picture()  # for the ids this picture retires
            for table in (
                "entities",
                "mention_entities",
                "events",
                "event_links",
                "claim_subjects",
                "claim_parts",
                "claim_groups",
            ):
                self._exec(f"DELETE FROM {table}")
            self._many(
                "INSERT INTO entities (id, name, label, aliases) VALUES (?, ?, ?, ?)",
                [
                    (e.id, e.name, e.label, json.dumps(e.aliases, sort_keys=True))
                    for e in picture.entities
                ],
            )
            self._many(
                "INSERT INTO mention_entities (mention_id, entity_id) VALUES (?, ?)",
                sorted(picture.mention_entities.items()),
            )
            self._many(
                "INSERT INTO events (id, type, name, date, date_precision, location, country,"
                " latitude, longitude, actors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.id,
                        e.type,
                        e.name,
                        e.date,
                        e.date_precision,
                        e.location,
                        e.country,
                        e.latitude,
                        e.longitude,
                        json.dumps([dict(a) for a in e.actors]),
                    )
                    for e in picture.events
                ],
            )
            self._many(
                "INSERT INTO event_links (event_mention_id, event_id) VALUES (?, ?)",
                sorted(picture.event_links.items()),
            )
            self._many(
                "INSERT INTO claim_subjects (claim_id, subject_kind, subject_id, subject_name)"
                " VALUES (?, ?, ?, ?)",
                [(cid, s.kind, s.id, s.name) for cid, s in sorted(picture.claim_subjects.items())],
            )
            self._many(
                "INSERT INTO claim_parts (claim_id, total_id) VALUES (?, ?)",
                sorted(picture.claim_parts.items()),
            )
            self._many(
                "INSERT INTO claim_groups (id, subject_kind, subject_id, subject_name, measure,"
                " label, status, sources, est_low, est_best, est_high, conservative, reason,"
                " claims)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        g.id,
                        g.subject.kind,
                        g.subject.id,
                        g.subject.name,
                        g.measure,
                        g.label,
                        g.status,
                        g.sources,
                        g.estimate.low,
                        g.estimate.best,
                        g.estimate.high,
                        g.conservative,
                        g.reason,
                        json.dumps(g.claims),
                    )
                    for g in picture.groups
                ],
            )
            self._save_successors(old, picture)
            self._new_picture_token()

    def save_picture_delta(self, old: Picture, new: Picture, *, token: str | None = None) -> None:
        """Delete rows that went away and rewrite rows that changed, table by table."""
        before, after = picture_rows(old), picture_rows(new)
        with self.transaction():
            lock = getattr(self, "_xact_lock", None)
            if lock is not None:  # PostgreSQL: serialise picture writers
                lock("picture")
            for table, (key_col, columns) in PICTURE_TABLES.items():
                old_rows, new_rows = before[table], after[table]
                stale = [k for k, row in old_rows.items() if new_rows.get(k) != row]
                fresh = [row for k, row in new_rows.items() if old_rows.get(k) != row]
                for start in range(0, len(stale), 500):
                    chunk = stale[start : start + 500]
                    marks = ", ".join("?" for _ in chunk)
                    self._exec(f"DELETE FROM {table} WHERE {key_col} IN ({marks})", chunk)
                marks = ", ".join("?" for _ in columns)
                rows: list[Sequence[Any]] = [tuple(r) for r in sorted(fresh)]
                self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            self._save_successors(old, new)
            self._new_picture_token()

    def load_picture(self) -> Picture:
        picture = Picture(entities=self.entities(), events=self.events(), groups=self.groups())
        picture.mention_entities = dict(
            self._rows("SELECT mention_id, entity_id FROM mention_entities")
        )
        picture.event_links = dict(self._rows("SELECT event_mention_id, event_id FROM event_links"))
        picture.claim_parts = dict(self._rows("SELECT claim_id, total_id FROM claim_parts"))
        picture.claim_subjects = {
            r[0]: Subject(kind=r[1], id=r[2], name=r[3])
            for r in self._rows(
                "SELECT claim_id, subject_kind, subject_id, subject_name FROM claim_subjects"
            )
        }
        return picture

    def _members(self, query: str) -> dict[str, list[str]]:
        """(member id, owner id) rows grouped by owner, members in id order."""
        members: dict[str, list[str]] = {}
        for member, owner in self._rows(query):
            members.setdefault(owner, []).append(member)
        return members

    def entities(self) -> list[Entity]:
        members = self._members(
            "SELECT mention_id, entity_id FROM mention_entities ORDER BY mention_id"
        )
        rows = self._rows(f"{ENTITY_SELECT} ORDER BY name, id")
        return [entity_from_row(r, members.get(r[0], [])) for r in rows]

    def events(self) -> list[Event]:
        members = self._members(
            "SELECT event_mention_id, event_id FROM event_links ORDER BY event_mention_id"
        )
        rows = self._rows(f"{EVENT_SELECT} ORDER BY date, id")
        return [event_from_row(r, members.get(r[0], [])) for r in rows]

    def groups(self) -> list[ClaimGroup]:
        rows = self._rows(f"{GROUP_SELECT} ORDER BY subject_name, measure, id")
        return [group_from_row(r) for r in rows]

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


PICTURE_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "entities": ("id", ("id", "name", "label", "aliases")),
    "mention_entities": ("mention_id", ("mention_id", "entity_id")),
    "events": (
        "id",
        (
            "id",
            "type",
            "name",
            "date",
            "date_precision",
            "location",
            "country",
            "latitude",
            "longitude",
            "actors",
        ),
    ),
    "event_links": ("event_mention_id", ("event_mention_id", "event_id")),
    "claim_subjects": ("claim_id", ("claim_id", "subject_kind", "subject_id", "subject_name")),
    "claim_parts": ("claim_id", ("claim_id", "total_id")),
    "claim_groups": (
        "id",
        (
            "id",
            "subject_kind",
            "subject_id",
            "subject_name",
            "measure",
            "label",
            "status",
            "sources",
            "est_low",
            "est_best",
            "est_high",
            "conservative",
            "reason",
            "claims",
        ),
    ),
}


def _f(value: Any) -> float | None:
    """Numbers as the DOUBLE columns return them, so stored and fresh rows compare equal."""
    return None if value is None else float(value)


def picture_rows(picture: Picture) -> dict[str, dict[str, tuple[Any, ...]]]:
    """The picture as table rows keyed by primary key (the columns of PICTURE_TABLES)."""
    return {
        "entities": {
            e.id: (e.id, e.name, e.label, json.dumps(e.aliases, sort_keys=True))
            for e in picture.entities
        },
        "mention_entities": {k: (k, v) for k, v in picture.mention_entities.items()},
        "events": {
            e.id: (
                e.id,
                e.type,
                e.name,
                e.date,
                e.date_precision,
                e.location,
                e.country,
                _f(e.latitude),
                _f(e.longitude),
                json.dumps([dict(a) for a in e.actors]),
            )
            for e in picture.events
        },
        "event_links": {k: (k, v) for k, v in picture.event_links.items()},
        "claim_subjects": {k: (k, s.kind, s.id, s.name) for k, s in picture.claim_subjects.items()},
        "claim_parts": {k: (k, v) for k, v in picture.claim_parts.items()},
        "claim_groups": {
            g.id: (
                g.id,
                g.subject.kind,
                g.subject.id,
                g.subject.name,
                g.measure,
                g.label,
                g.status,
                g.sources,
                _f(g.estimate.low),
                _f(g.estimate.best),
                _f(g.estimate.high),
                _f(g.conservative),
                g.reason,
                json.dumps(g.claims),
            )
            for g in picture.groups
        },
    }


def _pairs(text: str) -> tuple[tuple[str, float], ...]:
    """A stored word-weight vector (JSON pairs) as the tuple a Profile holds."""
    return tuple((str(w), float(v)) for w, v in json.loads(text))


def _unique(items: list[_T]) -> list[_T]:
    """Drop records whose stable id repeats (the same span found twice)."""
    seen: set[str] = set()
    out: list[_T] = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out


__all__ = ["SqlStore", "now_iso", "shown_path"]
