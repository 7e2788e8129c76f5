"""The store interface every backend implements.

Callers (pipeline, CLI, API, exports) only see :class:`Store`. The SQL lives in
:mod:`crosscheck.store.sql`, shared by the SQLite and PostgreSQL backends, which
differ only in connection, placeholders, upserts and full-text search.

:class:`Store` gathers its parts: the bulk reads and writes a backend must implement
(:mod:`~crosscheck.store.bulk`), the narrower reads with their defaults
(:mod:`~crosscheck.store.reads`), structured analysis, the picture's saved state and the
writer turn.
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Iterator

from crosscheck.model import Document
from crosscheck.store.assessing import AssessmentStore
from crosscheck.store.orders import GROUP_ORDERS, event_is_bare, group_order_key, group_spread
from crosscheck.store.reads import PREFIX_KINDS, DocumentFacts, StoreReads, most_linked
from crosscheck.store.savedstate import SavedStateStore
from crosscheck.store.writer import WriterStore


class Store(StoreReads, AssessmentStore, SavedStateStore, WriterStore, ABC):
    """Persistent home of documents, extractions, the reconciled picture and corrections
    (and, through :class:`AssessmentStore`, of structured analysis; through
    :class:`SavedStateStore`, of the picture's saved state; transactions and the writer
    turn come from :class:`WriterStore`)."""

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        """All documents with text, in id order, a batch at a time (bounded memory)."""
        offset = 0
        while True:
            docs = self.documents(limit=batch, offset=offset, with_text=True)
            if not docs:
                return
            yield from docs
            offset += len(docs)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "GROUP_ORDERS",
    "PREFIX_KINDS",
    "DocumentFacts",
    "Store",
    "event_is_bare",
    "group_order_key",
    "group_spread",
    "most_linked",
]
