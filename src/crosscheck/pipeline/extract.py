"""Extraction of a batch of documents, the unit of work for local and pooled runs.

Returns, per document, its :class:`Extraction` or a status string saying why
there is none ("no extractor for ru", "extraction failed: …"): a document
never fails the batch.
"""

from __future__ import annotations

import logging

from crosscheck.analysis import get_extractor
from crosscheck.config import Settings
from crosscheck.errors import CrosscheckError
from crosscheck.model import Document, Extraction

log = logging.getLogger(__name__)


def extract_batch(docs: list[Document], settings: Settings) -> list[Extraction | str]:
    """Extract every document of ``docs``; languages are batched through one pipeline each."""
    results: list[Extraction | str | None] = [None] * len(docs)
    by_language: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        if not doc.text.strip():
            results[i] = "no text"
            continue
        by_language.setdefault(doc.language or "unknown", []).append(i)
    for language, indexes in sorted(by_language.items()):
        extractor = get_extractor(language, settings)
        if extractor is None:
            for i in indexes:
                results[i] = f"no extractor for {language}"
            continue
        try:
            for i, extraction in zip(
                indexes, extractor.extract_many(docs[i] for i in indexes), strict=True
            ):
                results[i] = extraction
        except CrosscheckError:
            raise
        except Exception:  # one odd document must not lose the others: retry one by one
            log.exception("batch extraction failed; retrying document by document")
            for i in indexes:
                try:
                    results[i] = extractor.extract(docs[i])
                except Exception as exc:
                    results[i] = f"extraction failed: {exc.__class__.__name__}: {exc}"[:300]
    return [r if r is not None else "no text" for r in results]


__all__ = ["extract_batch"]
