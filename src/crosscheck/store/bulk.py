"""The bulk reads and writes of :class:`~crosscheck.store.base.Store` every backend implements.

Documents, extractions, the reconciled picture and corrections, each read and written
whole (or by document); the narrower reads built on these defaults live in
:mod:`crosscheck.store.reads`. This module must not know about the pipeline.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
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
    Profile,
    Statement,
)


class BulkStore(ABC):
    """What a backend must implement: whole records in, whole records out."""

    url: str

    # -- lifecycle (transactions and the writer turn: WriterStore) -------------------------
    @abstractmethod
    def close(self) -> None: ...

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
    def versions_of(self, *, path: str | None = None, url: str | None = None) -> list[Document]:
        """Every stored document of this source (the URL if given, else the path), no text."""

    @abstractmethod
    def set_supersedes(self, doc_id: str, previous: str | None) -> None:
        """Link a document to its previous version and mark it for reconciling."""

    @abstractmethod
    def add_document(self, doc: Document, extraction: Extraction | None = None) -> bool:
        """Insert a new document and its extractions in the current transaction.

        Returns:
            False, storing nothing, when the same content is stored already (another
            writer may have stored it a moment ago: that is "unchanged", not an error).
        """

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
    def profiles(self, doc_ids: list[str] | None = None) -> dict[str, Profile]:
        """Each report's weighted words by document id (all reports when ``doc_ids`` is None)."""

    @abstractmethod
    def claims(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        doc_ids: list[str] | None = None,
        subject_kind: str | None = None,
    ) -> list[Claim]:
        """Claims in document order; ``subject_kind`` keeps those resolved to that kind."""

    @abstractmethod
    def mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Mention]: ...

    @abstractmethod
    def event_mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[EventMention]: ...

    @abstractmethod
    def statements(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Statement]: ...

    # -- the picture -------------------------------------------------------------------------
    @abstractmethod
    def save_picture(self, picture: Picture) -> None:
        """Replace the reconciled layer (entities, events, groups, links)."""

    @abstractmethod
    def load_picture(self) -> Picture: ...

    def save_picture_delta(self, old: Picture, new: Picture, *, token: str | None = None) -> None:
        """Write only what differs between ``old`` (as stored) and ``new``.

        ``old`` and ``new`` are whole pictures, or (with ``token``, the
        :meth:`picture_token` of the stored picture the caller read under the picture
        lock) the two halves of a delta: the records gone and the records that came.
        Backends override this to touch a handful of rows after a small update; the
        default simply replaces everything (whole pictures only).
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

    def successor(self, kind: str, old_id: str) -> str | None:
        """The id of the entity, event or group (``kind``) that took over a retired id.

        None when ``old_id`` was never retired (see :mod:`crosscheck.store.successors`).
        """
        return None

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...


__all__ = ["BulkStore"]
