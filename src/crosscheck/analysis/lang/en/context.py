"""What every English component receives: one parsed chunk of one document.

Components (entities, events, statements, claims) are plain functions of a
:class:`Chunk`; they return records whose spans are offsets into the whole
document text (``chunk.offset`` is added for them by :meth:`Chunk.abs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from crosscheck.model import Document


@dataclass
class Chunk:
    """A parsed slice of a document, ``doc.text[offset: offset + len(sdoc.text)]``."""

    document: Document
    sdoc: Doc
    offset: int = 0

    @property
    def published(self) -> date | None:
        """The publication date, the anchor for relative dates ("on Friday")."""
        if not self.document.published:
            return None
        try:
            return date.fromisoformat(self.document.published[:10])
        except ValueError:
            return None

    def abs(self, start: int, end: int) -> tuple[int, int]:
        """Chunk-relative character offsets to document offsets."""
        return (start + self.offset, end + self.offset)

    def span_of(self, span: Span) -> tuple[int, int]:
        return self.abs(span.start_char, span.end_char)


__all__ = ["Chunk"]
