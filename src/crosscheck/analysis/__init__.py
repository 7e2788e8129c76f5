"""Analysis: language-specific extractors that turn a document into mentions, claims,
events and statements. Imports ingest-level records only; never the store."""

from __future__ import annotations

from crosscheck.analysis.registry import (
    Extractor,
    extractors_loaded,
    get_extractor,
    languages,
    register_extractor,
)

__all__ = ["Extractor", "extractors_loaded", "get_extractor", "languages", "register_extractor"]
