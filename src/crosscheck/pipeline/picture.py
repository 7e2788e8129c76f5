"""Keeping the stored picture up to date after an ingest, a re-processing or a correction.

The picture is recomputed with :func:`crosscheck.reconcile.reconcile` over every stored
extraction (so an incremental update can never drift from a rebuild from scratch), and
only the rows that changed are written back (``Store.save_picture_delta``): adding one
report rewrites the handful of entities, incidents and groups it touches, not the tables.
"""

from __future__ import annotations

import logging

from crosscheck.config import Settings
from crosscheck.model import Picture
from crosscheck.reconcile import reconcile_with_notes
from crosscheck.store import Store

log = logging.getLogger(__name__)


def compute_picture(store: Store, settings: Settings | None = None) -> tuple[Picture, list[str]]:
    """Reconcile everything the store holds; returns the picture and skipped-correction notes."""
    if settings is not None:
        threshold = settings.fuzzy_threshold
    else:
        threshold = int(Settings.model_fields["fuzzy_threshold"].default)
    documents = store.documents()
    # An older version of a re-ingested report is not a second source.
    superseded = {d.supersedes for d in documents if d.supersedes}
    ok = {d.id for d in documents if d.id not in superseded}
    return reconcile_with_notes(
        [d for d in documents if d.id in ok],
        [m for m in store.mentions() if m.doc_id in ok],
        [e for e in store.event_mentions() if e.doc_id in ok],
        [c for c in store.claims() if c.doc_id in ok],
        store.corrections(),
        threshold,
    )


def update_picture(
    store: Store, touched_doc_ids: set[str] | None = None, settings: Settings | None = None
) -> Picture:
    """Bring the stored picture up to date after ``touched_doc_ids`` changed.

    Args:
        store: the store to read extractions from and write the picture to.
        touched_doc_ids: documents added, re-processed or removed since the last update;
            ``None`` means "anything may have changed" (same result, full rewrite).
        settings: for ``fuzzy_threshold``; defaults to the built-in settings.

    Returns:
        The new picture, identical to :func:`rebuild_picture`'s.
    """
    new, notes = compute_picture(store, settings)
    for note in notes:
        log.warning(note)
    if touched_doc_ids is None:
        store.save_picture(new)
    else:
        store.save_picture_delta(store.load_picture(), new)
    return new


def rebuild_picture(store: Store, settings: Settings | None = None) -> Picture:
    """Recompute the whole picture from scratch and replace the stored one."""
    return update_picture(store, None, settings)


def skipped_corrections(store: Store, settings: Settings | None = None) -> list[str]:
    """Corrections that no longer apply (their target vanished), one note each."""
    return compute_picture(store, settings)[1]


__all__ = ["compute_picture", "rebuild_picture", "skipped_corrections", "update_picture"]
