"""Views of documents and of the installation, shared by the CLI, API and web pages."""

from __future__ import annotations

from typing import Any

from crosscheck.config import Settings
from crosscheck.errors import NotFoundError
from crosscheck.ingest import supported_suffixes
from crosscheck.pipeline.claims import claim_to_dict
from crosscheck.store import Store


def info_view(settings: Settings, version: str) -> dict[str, Any]:
    """What `crosscheck info` prints: versions, pipeline and store in force."""
    import spacy

    from crosscheck.analysis import languages

    return {
        "version": version,
        "spacy_version": spacy.__version__,
        "spacy_model": settings.spacy_model,
        "store": settings.db,
        "languages": languages(),
        "formats": supported_suffixes(),
        "settings": settings.model_dump(exclude={"token"}),
    }


def get_document(store: Store, ref: str) -> Any:
    doc = store.resolve_document(ref)
    if doc is None:
        raise NotFoundError(f"document {ref!r} is not in {store.url}; see `crosscheck docs`")
    return doc


def document_view(store: Store, ref: str) -> dict[str, Any]:
    """One document: metadata, text, and its claims in the contract shape."""
    doc = get_document(store, ref)
    claims = store.claims(doc=doc.id)
    return doc.summary() | {
        "author": doc.author,
        "format": doc.format,
        "status": doc.status,
        "supersedes": doc.supersedes,
        "ingested_at": doc.ingested_at,
        "words": doc.word_count,
        "claims": [claim_to_dict(c, doc) for c in claims],
        "text": doc.text,
    }


__all__ = ["document_view", "get_document", "info_view"]
