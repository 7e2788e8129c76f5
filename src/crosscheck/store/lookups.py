"""Targeted reads for the read-only views: one event, one group, claims by id, entities by name.

The API and the web pages must stay fast as a store grows, so their views fetch only
the rows they show instead of whole tables. :class:`SqlLookups` holds those queries for
both SQL backends (plain SQL that SQLite and PostgreSQL accept); rows become records
through :mod:`crosscheck.store.rows`, as in the bulk reads. Results keep the order of the
bulk readers they narrow (claims by document and offset, events by date, groups by subject
and measure).

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    Statement,
)
from crosscheck.store.base import PREFIX_KINDS, Store, most_linked
from crosscheck.store.rows import (
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
    like_escape,
    statement_from_row,
)

#: Ids per ``IN (…)`` list; well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500
#: More name fragments than this and :meth:`SqlLookups.event_actors` reads every event.
MAX_FRAGMENTS = 200

_R = TypeVar("_R")

_TABLES = {"event": "events", "entity": "entities", "group": "claim_groups", "claim": "claims"}


def _sorted_if(items: list[_R], chunks: int, key: Callable[[_R], Any]) -> list[_R]:
    # One chunk keeps the database's ORDER BY (the same order as the bulk readers); rows
    # from several chunks are merged in Python.
    return sorted(items, key=key) if chunks > 1 else items


class SqlLookups(Store):
    """The targeted reads of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    dialect = "sqlite"

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError  # provided by SqlStore

    def _chunked(
        self, query: str, ids: Iterable[str], before: Sequence[Any] = ()
    ) -> tuple[list[Any], int]:
        """Rows of ``query`` (an ``{ids}`` slot takes the IN list) over ``ids``, in chunks."""
        unique = list(dict.fromkeys(ids))
        rows: list[Any] = []
        chunks = 0
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows.extend(self._rows(query.format(ids=marks), [*before, *chunk]))
            chunks += 1
        return rows, chunks

    def _date_key(self, date: str | None) -> tuple[bool, str]:
        # ORDER BY date puts NULL first on SQLite and last on PostgreSQL.
        missing_first = self.dialect == "sqlite"
        return ((date is not None) if missing_first else (date is None), date or "")

    # -- events ------------------------------------------------------------------------------
    def get_event(self, event_id: str) -> Event | None:
        rows = self._rows(f"{EVENT_SELECT} WHERE id = ?", (event_id,))
        if not rows:
            return None
        members = self._rows(
            "SELECT event_mention_id FROM event_links WHERE event_id = ? ORDER BY event_mention_id",
            (event_id,),
        )
        return event_from_row(rows[0], [m[0] for m in members])

    def events_by_ids(self, ids: Iterable[str]) -> list[Event]:
        ids = list(ids)
        rows, chunks = self._chunked(f"{EVENT_SELECT} WHERE id IN ({{ids}}) ORDER BY date, id", ids)
        links, _ = self._chunked(
            "SELECT event_mention_id, event_id FROM event_links WHERE event_id IN ({ids})", ids
        )
        members: dict[str, list[str]] = {}
        for mid, eid in sorted(links):
            members.setdefault(eid, []).append(mid)
        events = [event_from_row(r, members.get(r[0], [])) for r in rows]
        return _sorted_if(events, chunks, lambda e: (self._date_key(e.date), e.id))

    def event_actors(self, fragments: Sequence[str] = ()) -> dict[str, list[dict[str, str]]]:
        where, params = "1 = 1", []
        if 0 < len(fragments) <= MAX_FRAGMENTS:
            # Actors are stored as JSON: a name with non-ASCII letters, quotes or backslashes
            # is escaped there (and may fold to anything), so such rows always come back;
            # plain ASCII text holds any name or key it carries verbatim.
            likes = [f"%{like_escape(f.casefold())}%" for f in fragments if f.isascii()]
            likes.append("%" + like_escape("\\") + "%")
            where = " OR ".join(r"lower(actors) LIKE ? ESCAPE '\'" for _ in likes)
            params = likes
        rows = self._rows(f"SELECT id, actors FROM events WHERE {where}", params)
        return {r[0]: json.loads(r[1]) for r in rows}

    def event_links_for(self, mention_ids: Iterable[str]) -> dict[str, str]:
        rows, _ = self._chunked(
            "SELECT event_mention_id, event_id FROM event_links WHERE event_mention_id IN ({ids})",
            mention_ids,
        )
        return {r[0]: r[1] for r in rows}

    def event_document_counts(self) -> dict[str, int]:
        return {
            r[0]: int(r[1])
            for r in self._rows(
                "SELECT el.event_id, COUNT(DISTINCT em.doc_id) FROM event_links el"
                " JOIN event_mentions em ON em.id = el.event_mention_id GROUP BY el.event_id"
            )
        }

    def event_mentions_by_ids(self, ids: Iterable[str]) -> list[EventMention]:
        rows, chunks = self._chunked(
            f"{EVENT_MENTION_SELECT} WHERE id IN ({{ids}}) ORDER BY doc_id, span_start", ids
        )
        found = [event_mention_from_row(r) for r in rows]
        return _sorted_if(found, chunks, lambda m: (m.doc_id, m.span[0]))

    # -- entities ----------------------------------------------------------------------------
    def get_entity(self, entity_id: str) -> Entity | None:
        rows = self._rows(f"{ENTITY_SELECT} WHERE id = ?", (entity_id,))
        if not rows:
            return None
        members = self._rows(
            "SELECT mention_id FROM mention_entities WHERE entity_id = ? ORDER BY mention_id",
            (entity_id,),
        )
        return entity_from_row(rows[0], [m[0] for m in members])

    def entities_by_ids(self, ids: Iterable[str], *, mention_ids: bool = True) -> list[Entity]:
        ids = list(ids)
        rows, chunks = self._chunked(
            f"{ENTITY_SELECT} WHERE id IN ({{ids}}) ORDER BY name, id", ids
        )
        members: dict[str, list[str]] = {}
        if mention_ids:
            links, _ = self._chunked(
                "SELECT mention_id, entity_id FROM mention_entities WHERE entity_id IN ({ids})",
                [r[0] for r in rows],
            )
            for mid, eid in sorted(links):
                members.setdefault(eid, []).append(mid)
        found = [entity_from_row(r, members.get(r[0], [])) for r in rows]
        return _sorted_if(found, chunks, lambda e: (e.name, e.id))

    def entities_matching(self, words: Sequence[str]) -> list[Entity]:
        # The SQL narrows to rows whose name or alias text holds every ASCII word (a
        # superset: aliases are JSON text); Python then applies the exact rule.
        where: list[str] = []
        params: list[Any] = []
        for word in words:
            if word.isascii():
                pattern = f"%{like_escape(word.lower())}%"
                where.append(r"(lower(name) LIKE ? ESCAPE '\' OR lower(aliases) LIKE ? ESCAPE '\')")
                params += [pattern, pattern]
        clause = " AND ".join(where) or "1 = 1"
        rows = self._rows(f"{ENTITY_SELECT} WHERE {clause} ORDER BY name, id", params)
        found = [entity_from_row(r, []) for r in rows]
        return [e for e in found if _names_hold(e, words)]

    def entity_mention_keys(self, entity_id: str) -> list[str]:
        rows = self._rows(
            "SELECT DISTINCT m.key FROM mentions m JOIN mention_entities me"
            " ON me.mention_id = m.id WHERE me.entity_id = ?",
            (entity_id,),
        )
        return sorted(r[0] for r in rows)

    def entity_mention_counts(self, *, doc: str | None = None) -> dict[str, int]:
        where, params = ("WHERE m.doc_id = ?", [doc]) if doc is not None else ("", [])
        rows = self._rows(
            "SELECT COALESCE(me.entity_id, m.key), COUNT(*) FROM mentions m"
            f" LEFT JOIN mention_entities me ON me.mention_id = m.id {where}"
            " GROUP BY COALESCE(me.entity_id, m.key)",
            params,
        )
        return {r[0]: int(r[1]) for r in rows}

    def mentions_by_ids(self, ids: Iterable[str]) -> list[Mention]:
        rows, chunks = self._chunked(
            f"{MENTION_SELECT} WHERE id IN ({{ids}}) ORDER BY doc_id, start_char", ids
        )
        found = [Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]
        return _sorted_if(found, chunks, lambda m: (m.doc_id, m.start))

    # -- groups and claims -------------------------------------------------------------------
    def get_group(self, group_id: str) -> ClaimGroup | None:
        rows = self._rows(f"{GROUP_SELECT} WHERE id = ?", (group_id,))
        return group_from_row(rows[0]) if rows else None

    def select_groups(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
    ) -> list[ClaimGroup]:
        where, params = self._group_where(subject_id, statuses, measure)
        rows = self._rows(
            f"{GROUP_SELECT} WHERE {where} ORDER BY subject_name, measure, id", params
        )
        return [group_from_row(r) for r in rows]

    @staticmethod
    def _group_where(
        subject_id: str | None, statuses: Sequence[str] | None, measure: str | None
    ) -> tuple[str, list[Any]]:
        """The WHERE clause and parameters of a group filter (no statuses: nothing matches)."""
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if subject_id is not None:
            where.append("subject_id = ?")
            params.append(subject_id)
        if statuses is not None:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})" if statuses else "1 = 0")
            params += list(statuses)
        if measure is not None:
            where.append("measure = ?")
            params.append(measure)
        return " AND ".join(where), params

    def claims_by_ids(self, ids: Iterable[str]) -> list[Claim]:
        rows, chunks = self._chunked(
            f"{CLAIM_SELECT} WHERE c.id IN ({{ids}}) ORDER BY c.doc_id, c.span_start", ids
        )
        found = [claim_from_row(r) for r in rows]
        return _sorted_if(found, chunks, lambda c: (c.doc_id, c.span[0]))

    def claims_for_subject(self, subject_id: str) -> list[Claim]:
        rows = self._rows(
            f"{CLAIM_SELECT} WHERE s.subject_id = ? ORDER BY c.doc_id, c.span_start",
            (subject_id,),
        )
        return [claim_from_row(r) for r in rows]

    # -- statements, documents, corrections --------------------------------------------------
    def statement_speakers(self) -> list[tuple[str, str | None]]:
        rows = self._rows("SELECT DISTINCT speaker, speaker_key FROM statements")
        return sorted(((r[0], r[1]) for r in rows), key=lambda p: (p[0], p[1] or ""))

    def statements_by_speakers(
        self, speakers: Iterable[str], keys: Iterable[str] = ()
    ) -> list[Statement]:
        said, known = list(dict.fromkeys(speakers)), [k for k in dict.fromkeys(keys) if k]
        found: dict[str, Statement] = {}
        for column, values in (("speaker", said), ("speaker_key", known)):
            rows, _ = self._chunked(f"{STATEMENT_SELECT} WHERE {column} IN ({{ids}})", values)
            for r in rows:
                statement = statement_from_row(r)
                found[statement.id] = statement
        return sorted(found.values(), key=lambda s: (s.doc_id, s.span[0]))

    def statements_by_ids(self, ids: Iterable[str]) -> list[Statement]:
        rows, chunks = self._chunked(
            f"{STATEMENT_SELECT} WHERE id IN ({{ids}}) ORDER BY doc_id, span_start", ids
        )
        found = [statement_from_row(r) for r in rows]
        return _sorted_if(found, chunks, lambda s: (s.doc_id, s.span[0]))

    def documents_by_ids(self, ids: Iterable[str]) -> list[Document]:
        wanted = list(dict.fromkeys(ids))
        found = {d.id: d for d in self._docs_by_ids(wanted)}
        return [found[i] for i in wanted if i in found]

    def _docs_by_ids(self, ids: list[str]) -> list[Document]:
        raise NotImplementedError  # provided by SqlStore

    def corrections_for(self, target_kind: str, targets: Iterable[str]) -> list[Correction]:
        rows, chunks = self._chunked(
            f"{CORRECTION_SELECT} WHERE target_kind = ? AND target IN ({{ids}}) ORDER BY id",
            targets,
            before=[target_kind],
        )
        found = [correction_from_row(r) for r in rows]
        return _sorted_if(found, chunks, lambda c: c.id or 0)

    # -- ids and counts ----------------------------------------------------------------------
    def ids_with_prefix(self, kind: str, prefix: str, *, limit: int = 2) -> list[str]:
        table = _TABLES.get(kind)
        if table is None:
            raise ValueError(f"ids_with_prefix: kind must be one of {', '.join(PREFIX_KINDS)}")
        rows = self._rows(
            f"SELECT id FROM {table} WHERE lower(id) LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
            (like_escape(prefix.lower()) + "%", limit),
        )
        return [r[0] for r in rows]

    def entities_for_keys(self, keys: Iterable[str]) -> dict[str, str]:
        rows, _ = self._chunked(
            "SELECT m.key, me.entity_id FROM mentions m"
            " JOIN mention_entities me ON me.mention_id = m.id WHERE m.key IN ({ids})",
            keys,
        )
        return most_linked(rows)

    def count(self, kind: str) -> int:
        table = {**_TABLES, "document": "documents", "mention": "mentions"}.get(kind)
        if table is None:
            raise ValueError(f"count: unknown kind {kind!r}")
        return int(self._rows(f"SELECT COUNT(*) FROM {table}")[0][0])


def _names_hold(entity: Entity, words: Sequence[str]) -> bool:
    names = [n.lower() for n in (entity.name, *entity.aliases)]
    return all(any(w.lower() in n for n in names) for w in words)


__all__ = ["CHUNK", "MAX_FRAGMENTS", "SqlLookups"]
