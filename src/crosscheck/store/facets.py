"""Light reads for filtered views: which documents report which incidents and figures.

The workbench filters (date range, outlet, event type, place, measure, status) join
events, groups and documents. These reads return bare id pairs, without sentences or
actors, so a filter over a large store costs two narrow scans instead of whole records.

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

from crosscheck.model import ClaimGroup, Event
from crosscheck.store.base import DocumentFacts
from crosscheck.store.paging import SqlPaging
from crosscheck.store.rows import EVENT_SELECT, event_from_row, group_from_row

# The group columns a filter reads: everything but the (long) reason text.
_GROUP_FACETS = (
    "SELECT id, subject_kind, subject_id, subject_name, measure, label, status, sources,"
    " est_low, est_best, est_high, conservative, '', claims FROM claim_groups"
)


class SqlFacets(SqlPaging):
    """The filter reads of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    def event_documents(self) -> list[tuple[str, str]]:
        # Two narrow scans joined here beat the SQL join on SQLite (17k links: 25 vs 85 ms).
        doc_of = dict(self._rows("SELECT id, doc_id FROM event_mentions"))
        links = self._rows("SELECT event_mention_id, event_id FROM event_links")
        return sorted({(event_id, doc_of[m]) for m, event_id in links if m in doc_of})

    def document_facts(self) -> list[DocumentFacts]:
        rows = self._rows("SELECT id, outlet, published, ingested_at FROM documents ORDER BY id")
        return [DocumentFacts(*r) for r in rows]

    def event_records(self) -> list[Event]:
        rows = self._rows(f"{EVENT_SELECT} ORDER BY date, id")
        return [event_from_row(r, []) for r in rows]

    def group_records(self) -> list[ClaimGroup]:
        rows = self._rows(f"{_GROUP_FACETS} ORDER BY subject_name, measure, id")
        return [group_from_row(r) for r in rows]

    def claim_documents(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._rows("SELECT id, doc_id FROM claims")}

    def outlet_names(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
        return sorted((r[0] for r in rows if r[0]), key=str.casefold)

    def event_types(self) -> list[str]:
        return sorted(r[0] for r in self._rows("SELECT DISTINCT type FROM events"))


__all__ = ["SqlFacets"]
