"""The store interface every backend implements.

Callers (pipeline, CLI, API, exports) only see :class:`Store`. The SQL lives in
:mod:`crosscheck.store.sql`, shared by the SQLite and PostgreSQL backends, which
differ only in connection, placeholders, upserts and full-text search.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

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
    Statement,
)


class Store(ABC):
    """Persistent home of documents, extractions, the reconciled picture and corrections."""

    url: str

    # -- lifecycle -------------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction; nested calls join the outer one."""

    @abstractmethod
    def schema_version(self) -> int: ...

    # -- documents -------------------------------------------------------------------------
    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def document_by_hash(self, content_hash: str) -> Document | None: ...

    @abstractmethod
    def latest_version(self, *, path: str | None = None, url: str | None = None) -> Document | None:
        """The newest stored document with this path or URL (for versioning)."""

    @abstractmethod
    def add_document(self, doc: Document, extraction: Extraction | None = None) -> None:
        """Insert a new document and its extractions in the current transaction."""

    @abstractmethod
    def replace_extraction(self, extraction: Extraction) -> None:
        """Swap one document's extractions (re-processing)."""

    @abstractmethod
    def pending_documents(self) -> list[str]:
        """Ids of documents stored or re-processed but not yet reconciled."""

    @abstractmethod
    def clear_pending(self, doc_ids: list[str]) -> None: ...

    @abstractmethod
    def set_document_status(self, doc_id: str, status: str) -> None: ...

    @abstractmethod
    def documents(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        outlet: str | None = None,
        language: str | None = None,
        with_text: bool = False,
    ) -> list[Document]: ...

    @abstractmethod
    def document_ids(self) -> list[str]: ...

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[Document]:
        """Full-text search over title and text, best match first."""

    def resolve_document(self, ref: str) -> Document | None:
        """Find a document by id, unique id prefix, path or URL."""
        doc = self.get_document(ref)
        if doc is not None:
            return doc
        return self._resolve_document_ref(ref)

    @abstractmethod
    def _resolve_document_ref(self, ref: str) -> Document | None: ...

    # -- extractions -----------------------------------------------------------------------
    @abstractmethod
    def claims(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        doc_ids: list[str] | None = None,
    ) -> list[Claim]: ...

    @abstractmethod
    def mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Mention]: ...

    @abstractmethod
    def event_mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[EventMention]: ...

    @abstractmethod
    def statements(self, *, doc: str | None = None) -> list[Statement]: ...

    # -- the picture -------------------------------------------------------------------------
    @abstractmethod
    def save_picture(self, picture: Picture) -> None:
        """Replace the reconciled layer (entities, events, groups, links)."""

    @abstractmethod
    def load_picture(self) -> Picture: ...

    def save_picture_delta(self, old: Picture, new: Picture) -> None:
        """Write only what differs between ``old`` (as stored) and ``new``.

        Backends override this to touch a handful of rows after a small update; the
        default simply replaces everything.
        """
        self.save_picture(new)

    @abstractmethod
    def entities(self) -> list[Entity]: ...

    @abstractmethod
    def events(self) -> list[Event]: ...

    @abstractmethod
    def groups(self) -> list[ClaimGroup]: ...

    # -- corrections -------------------------------------------------------------------------
    @abstractmethod
    def add_correction(self, correction: Correction) -> Correction: ...

    @abstractmethod
    def corrections(self, *, target_kind: str | None = None) -> list[Correction]: ...

    # -- misc --------------------------------------------------------------------------------
    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

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


__all__ = ["Store"]
