"""Versions of one source: which stored document supersedes which.

A source is a URL, or a path when the document has no URL. Its versions are ordered by
what they say of themselves, not by when they happened to be ingested, so the same files
in any order or batching give the same chain and the same picture: first the publication
date (sidecar or page metadata), then the content hash between versions that state the
same date. A version without a date is placed by its ingest time, the only order it has
(an edited local file re-ingested later is the newer version). An upload's file name is
only a label, never a source: uploads are versions of each other only by URL.
"""

from __future__ import annotations

from crosscheck.model import Document
from crosscheck.store import Store


def _order(doc: Document) -> tuple[str, str]:
    return (doc.published or doc.ingested_at or "", doc.content_hash)


def link_versions(store: Store, doc: Document, *, by_path: bool = True) -> set[str]:
    """Re-chain the versions of ``doc``'s source after it was stored.

    ``by_path``: False when ``doc.path`` is only a label (an upload's file name), so
    only the same URL makes a version.

    Returns the ids whose ``supersedes`` changed (each is marked for reconciling).
    """
    if not doc.url and not by_path:
        return set()
    versions = store.versions_of(path=doc.path, url=doc.url)
    if len(versions) < 2:
        return set()
    changed: set[str] = set()
    previous: str | None = None
    for version in sorted(versions, key=_order):
        if version.supersedes != previous:
            store.set_supersedes(version.id, previous)
            changed.add(version.id)
        previous = version.id
    return changed


__all__ = ["link_versions"]
