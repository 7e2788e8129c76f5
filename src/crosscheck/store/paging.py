"""Paged listings: one page of groups, claims or events, and how many there are in all.

A listing over a large store must not read the whole table to show fifty rows, so the
page (``LIMIT``/``OFFSET``) and the total (``COUNT``) are answered by the database.
Every order ends with the record id, so pages are disjoint and stable between calls.
Orders are spelled out twice: as SQL here for both backends, and as Python keys in
:mod:`crosscheck.store.orders` for any other backend; tests hold them to the same result.

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from crosscheck.model import Claim, ClaimGroup, Event
from crosscheck.store.base import GROUP_ORDERS
from crosscheck.store.lookups import SqlLookups
from crosscheck.store.rows import (
    CLAIM_SELECT,
    GROUP_SELECT,
    claim_from_row,
    event_from_row,
    group_from_row,
)

#: More excluded ids than this are not worth an ``IN`` list; callers page in Python instead.
MAX_EXCLUDED = 2000

# The same ranking as the Python key in base.py: conflicts first, then evolving figures.
_ATTENTION = (
    "CASE status WHEN 'conflict' THEN 0 WHEN 'evolving' THEN 1 WHEN 'consistent' THEN 2"
    " WHEN 'corroborated' THEN 3 WHEN 'single' THEN 4 ELSE 9 END"
)
_SPREAD = (
    "CASE WHEN est_low IS NULL OR est_high IS NULL OR est_high = 0 THEN 0.0"
    " ELSE (est_high - est_low) / ABS(est_high) END"
)

# An event is "bare" when nothing tells one such incident from another: no date, no
# place, no named actor, a name that only repeats its type or a trigger word, and a
# single reporting document. Analysts cannot act on "arrest" with no when or where, but
# two documents tied to one incident are worth a look, so they stay listed. The same
# rule in Python is base.event_is_bare.
_BARE_EVENT = (
    "e.date IS NULL AND e.location IS NULL AND e.country IS NULL"
    " AND (e.actors IS NULL OR e.actors = '[]')"
    " AND (lower(e.name) = lower(e.type) OR EXISTS (SELECT 1 FROM event_links bl"
    " JOIN event_mentions bm ON bm.id = bl.event_mention_id WHERE bl.event_id = e.id"
    " AND (lower(bm.trigger_text) = lower(e.name) OR lower(bm.description) = lower(e.name))))"
    " AND (SELECT COUNT(DISTINCT dm.doc_id) FROM event_links dl JOIN event_mentions dm"
    " ON dm.id = dl.event_mention_id WHERE dl.event_id = e.id) <= 1"
)


# EVENT_SELECT's columns, qualified: the bare-event rule joins other tables.
_EVENT_SELECT = (
    "SELECT e.id, e.type, e.name, e.date, e.date_precision, e.location, e.country,"
    " e.latitude, e.longitude, e.actors FROM events e"
)


class SqlPaging(SqlLookups):
    """The paged listings of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    def _text(self, column: str) -> str:
        # PostgreSQL sorts text by the database's locale; byte order ("C") matches
        # SQLite and Python, so every backend pages in the same order.
        return f'{column} COLLATE "C"' if self.dialect == "postgresql" else column

    def _window(self, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        if limit is not None:
            return " LIMIT ? OFFSET ?", [limit, offset]
        if not offset:
            return "", []
        # SQLite takes OFFSET only after a LIMIT; -1 means none there.
        return (" LIMIT -1" if self.dialect == "sqlite" else "") + " OFFSET ?", [offset]

    # -- groups ------------------------------------------------------------------------------
    def _group_order(self, order: str) -> str:
        if order not in GROUP_ORDERS:
            raise ValueError(f"groups_page: order must be one of {', '.join(GROUP_ORDERS)}")
        subject = self._text("COALESCE(subject_name, '')")
        measure = self._text("measure")
        base = f"{subject}, {measure}, id"
        return {
            "subject": base,
            "measure": f"{measure}, {subject}, id",
            "sources": f"sources DESC, {base}",
            "spread": f"{_SPREAD} DESC, {base}",
            "status": f"{self._text('status')}, {base}",
            "attention": f"{_ATTENTION}, {_SPREAD} DESC, sources DESC, {base}",
        }[order]

    def groups_page(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
        order: str = "subject",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimGroup]:
        where, params = self._group_where(subject_id, statuses, measure)
        window, more = self._window(limit, offset)
        rows = self._rows(
            f"{GROUP_SELECT} WHERE {where} ORDER BY {self._group_order(order)}{window}",
            [*params, *more],
        )
        return [group_from_row(r) for r in rows]

    def count_groups(
        self,
        *,
        subject_id: str | None = None,
        statuses: Sequence[str] | None = None,
        measure: str | None = None,
    ) -> int:
        where, params = self._group_where(subject_id, statuses, measure)
        return int(self._rows(f"SELECT COUNT(*) FROM claim_groups WHERE {where}", params)[0][0])

    # -- claims ------------------------------------------------------------------------------
    @staticmethod
    def _claim_where(
        doc: str | None, measure: str | None, exclude: Iterable[str]
    ) -> tuple[str, list[Any]]:
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if doc is not None:
            where.append("c.doc_id = ?")
            params.append(doc)
        if measure is not None:
            where.append("c.measure = ?")
            params.append(measure)
        skip = sorted(set(exclude))
        if len(skip) > MAX_EXCLUDED:
            raise ValueError(f"claims_page: at most {MAX_EXCLUDED} excluded ids")
        if skip:
            where.append(f"c.id NOT IN ({', '.join('?' for _ in skip)})")
            params += skip
        return " AND ".join(where), params

    def claims_page(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        exclude: Iterable[str] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        where, params = self._claim_where(doc, measure, exclude)
        window, more = self._window(limit, offset)
        rows = self._rows(
            f"{CLAIM_SELECT} WHERE {where} ORDER BY c.doc_id, c.span_start, c.id{window}",
            [*params, *more],
        )
        return [claim_from_row(r) for r in rows]

    def count_claims(
        self, *, doc: str | None = None, measure: str | None = None, exclude: Iterable[str] = ()
    ) -> int:
        where, params = self._claim_where(doc, measure, exclude)
        return int(self._rows(f"SELECT COUNT(*) FROM claims c WHERE {where}", params)[0][0])

    # -- events ------------------------------------------------------------------------------
    @staticmethod
    def _event_where(ids: Sequence[str] | None, bare: bool) -> tuple[str, list[Any]]:
        where: list[str] = ["1 = 1"] if bare else [f"NOT ({_BARE_EVENT})"]
        params: list[Any] = []
        if ids is not None:
            where.append(f"e.id IN ({', '.join('?' for _ in ids)})" if ids else "1 = 0")
            params += list(ids)
        return " AND ".join(where), params

    def events_page(
        self,
        *,
        ids: Sequence[str] | None = None,
        bare: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        ids = None if ids is None else sorted(set(ids))
        where, params = self._event_where(ids, bare)
        window, more = self._window(limit, offset)
        rows = self._rows(
            f"{_EVENT_SELECT} WHERE {where} ORDER BY COALESCE(e.date, ''), e.id{window}",
            [*params, *more],
        )
        found = [r[0] for r in rows]
        links, _ = self._chunked(
            "SELECT event_mention_id, event_id FROM event_links WHERE event_id IN ({ids})", found
        )
        members: dict[str, list[str]] = {}
        for mid, eid in sorted(links):
            members.setdefault(eid, []).append(mid)
        return [event_from_row(r, members.get(r[0], [])) for r in rows]

    def count_events(self, *, ids: Sequence[str] | None = None, bare: bool = True) -> int:
        ids = None if ids is None else sorted(set(ids))
        where, params = self._event_where(ids, bare)
        return int(self._rows(f"SELECT COUNT(*) FROM events e WHERE {where}", params)[0][0])

    def event_document_counts_for(self, ids: Iterable[str]) -> dict[str, int]:
        rows, _ = self._chunked(
            "SELECT el.event_id, COUNT(DISTINCT em.doc_id) FROM event_links el"
            " JOIN event_mentions em ON em.id = el.event_mention_id"
            " WHERE el.event_id IN ({ids}) GROUP BY el.event_id",
            ids,
        )
        return {r[0]: int(r[1]) for r in rows}


__all__ = ["MAX_EXCLUDED", "SqlPaging"]
