"""Light reads for filtered views: which documents report which incidents and figures.

The workbench filters (date range, outlet, event type, place, measure, status) join
events, groups and documents. These reads return bare id pairs, without sentences or
actors, so a filter over a large store costs two narrow scans instead of whole records.

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

from crosscheck.store.paging import SqlPaging


class SqlFacets(SqlPaging):
    """The id-pair reads of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    def event_documents(self) -> list[tuple[str, str]]:
        rows = self._rows(
            "SELECT DISTINCT el.event_id, em.doc_id FROM event_links el"
            " JOIN event_mentions em ON em.id = el.event_mention_id"
        )
        return sorted((r[0], r[1]) for r in rows)

    def claim_documents(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows("SELECT id, doc_id FROM claims")}

    def outlet_names(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
        return sorted((r[0] for r in rows if r[0]), key=str.casefold)

    def event_types(self) -> list[str]:
        return sorted(r[0] for r in self._rows("SELECT DISTINCT type FROM events"))


__all__ = ["SqlFacets"]
