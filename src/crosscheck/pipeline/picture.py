"""Keeping the stored picture up to date after an ingest, a re-processing or a correction.

The pipeline owns one :class:`~crosscheck.reconcile.Reconciler` per open store: it holds the
store's records and what the last update computed, and its picture is always what
:func:`crosscheck.reconcile.reconcile` makes of every stored extraction. An update reads only
the documents it is told changed (the pending ones) and hands them over as a
:class:`~crosscheck.reconcile.Delta`; only the rows of the picture that changed are written
back. The first update of a process reads the whole store.

Before each update the Reconciler is brought up to the store as it is: the documents whose
stamps moved since it last saw them (another process's ingest or re-processing) are read
with the touched ones, and the corrections are read whole. A process without one reads the
state saved in the store (:mod:`crosscheck.pipeline.saved`), and rebuilds only when there is
none or it cannot be trusted. Its settings come from :func:`configure` (the CLI and the
server call it when they open a store), else from the defaults.

Lock order (:mod:`crosscheck.store.writer`): an update runs inside the store's writer turn
and write transaction (:meth:`Store.writing`, joined when the caller already holds it) and
only then takes this module's lock; nothing here opens a transaction while holding it. If
the write rolls back, this store's Reconciler is dropped, so it never describes a picture
that was not stored.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import weakref
from collections.abc import Iterable, Set

from crosscheck.config import Settings
from crosscheck.model import Picture
from crosscheck.pipeline import saved
from crosscheck.reconcile import Delta, DocRecords, Reconciler, ReconcileSettings
from crosscheck.store import Store

log = logging.getLogger(__name__)

#: Ids per ``doc_ids`` query, well under the SQL parameter limits.
CHUNK = 400
#: A saved state this large (about 1,000 reports; a few tenths of a second to read) is worth
#: reading ahead, while another process extracts (:func:`worth_prefetching`).
PREFETCH_BYTES = 8_000_000


_HELD: weakref.WeakKeyDictionary[Store, saved.Held] = weakref.WeakKeyDictionary()
_SETTINGS: weakref.WeakKeyDictionary[Store, ReconcileSettings] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def reconcile_settings(settings: Settings | None) -> ReconcileSettings:
    """The part of the settings reconcile reads."""
    if settings is None:
        return ReconcileSettings()
    return ReconcileSettings(fuzzy_threshold=settings.fuzzy_threshold)


def configure(store: Store, settings: Settings) -> None:
    """Reconcile this store's picture with these settings from now on."""
    wanted = reconcile_settings(settings)
    with _LOCK:
        _SETTINGS[store] = wanted
        held = _HELD.get(store)
        if held is not None and held.reconciler.settings != wanted:
            del _HELD[store]


def forget_state(store: Store | None = None) -> None:
    """Drop this process's Reconciler of ``store`` (of every store when ``None``)."""
    with _LOCK:
        if store is None:
            _HELD.clear()
        else:
            _HELD.pop(store, None)


def worth_prefetching(store: Store) -> bool:
    """Whether the next update would first read a large saved state (none is held here)."""
    with _LOCK:
        if store in _HELD:
            return False
    return store.saved_state_bytes() >= PREFETCH_BYTES


def prefetch(store: Store) -> Reconciler | None:
    """Read the store's saved Reconciler now, so that the next update starts from it.

    Returns that Reconciler (None: the update rebuilds), for work to be prepared from its
    records and picture meanwhile (:func:`crosscheck.pipeline.followup.prepare_follow_up`);
    the caller only reads it.

    Safe whenever it is done: an update trusts a held Reconciler only as far as the store's
    stamps and picture token say (:mod:`crosscheck.pipeline.saved`), as it trusts one held
    since the last update. The read takes no write transaction and runs outside this
    module's lock (it takes a second at 10,000 reports). An unusable state is let be, without
    a word: the update reads it again, says why it cannot be used, and rebuilds as before.
    """
    with _LOCK:
        wanted = _SETTINGS.get(store) or reconcile_settings(None)
        held = _HELD.get(store)
        if held is not None and held.reconciler.settings == wanted:
            return held.reconciler
    held = saved.load(store, wanted, notify=False)
    if held is None:
        return None
    with _LOCK:
        # One another thread brought up to date meanwhile is newer: keep it.
        return _HELD.setdefault(store, held).reconciler


def _doc_records(store: Store, doc_ids: list[str] | None) -> dict[str, DocRecords]:
    """The records of these documents (every document when None), by id."""
    chunks: Iterable[list[str] | None] = (
        [None]
        if doc_ids is None
        else [doc_ids[i : i + CHUNK] for i in range(0, len(doc_ids), CHUNK)]
    )
    out: dict[str, DocRecords] = {}
    for chunk in chunks:
        docs = store.documents() if chunk is None else store.documents_by_ids(chunk)
        parts: dict[str, tuple[list, list, list]] = {d.id: ([], [], []) for d in docs}  # type: ignore[type-arg]
        for m in store.mentions(doc_ids=chunk):
            if m.doc_id in parts:
                parts[m.doc_id][0].append(m)
        for em in store.event_mentions(doc_ids=chunk):
            if em.doc_id in parts:
                parts[em.doc_id][1].append(em)
        for c in store.claims(doc_ids=chunk):
            if c.doc_id in parts:
                # The resolved subject and total the store joins in are the picture's, not
                # extraction's: reconcile works them out again.
                if c.subject is not None or c.total_id is not None:
                    c = dataclasses.replace(c, subject=None, total_id=None)
                parts[c.doc_id][2].append(c)
        profiles = store.profiles(chunk)
        for d in docs:
            ms, ems, cs = parts[d.id]
            out[d.id] = DocRecords(d, tuple(ms), tuple(ems), tuple(cs), profiles.get(d.id))
    return out


def _current(records: dict[str, DocRecords]) -> dict[str, DocRecords]:
    """The documents that make the picture: an older version of a report is not a source."""
    superseded = {d.document.supersedes for d in records.values() if d.document.supersedes}
    return {k: d for k, d in records.items() if k not in superseded}


def _fresh(store: Store, settings: ReconcileSettings) -> Reconciler:
    reconciler = Reconciler(settings)
    docs = _current(_doc_records(store, None))
    reconciler.update(Delta(upserts=tuple(docs.values()), corrections=tuple(store.corrections())))
    return reconciler


def _delta(store: Store, reconciler: Reconciler, touched: set[str], stored: Set[str]) -> Delta:
    """What changed in the store since the Reconciler's last update, for these documents
    (``stored``: the ids of every stored document, as just read with their stamps)."""
    known = reconciler.records.docs
    read = _doc_records(store, sorted(touched & stored))
    # A new version leaves its predecessor out of the picture; a removed one brings it back.
    superseded = {d.document.supersedes for d in read.values() if d.document.supersedes}
    removals = {k for k in touched | superseded if k not in stored or k in superseded}
    removals |= known.keys() - stored
    upserts = [d for k, d in read.items() if k not in superseded]
    return Delta(
        upserts=tuple(upserts),
        removals=tuple(sorted(removals)),
        corrections=tuple(store.corrections()),
    )


def _base(store: Store, wanted: ReconcileSettings, rebuild: bool) -> saved.Held | None:
    """This process's Reconciler of ``store``, else the one saved in it; None: rebuild."""
    if rebuild:
        return None
    held = _HELD.get(store)
    if held is not None and held.reconciler.settings == wanted:
        return held
    return saved.load(store, wanted)


def _rebuilt(store: Store, wanted: ReconcileSettings, whole: bool) -> saved.Held:
    """A Reconciler of everything stored, its picture written over the stored one."""
    stamps = store.document_stamps()
    held = saved.Held(_fresh(store, wanted), stamps)
    new = held.reconciler.picture
    if whole:
        store.save_picture(new)
    else:
        store.save_picture_delta(store.load_picture(), new)
    return held


def _updated(store: Store, held: saved.Held, touched: set[str]) -> saved.Held:
    """``held`` brought up to the store: the documents whose stamps moved, and ``touched``."""
    stamps = store.document_stamps()
    changed = saved.changed_documents(held.stamps, stamps) | touched
    stored = store.picture_token()
    # The stored picture is the Reconciler's only while it carries the token seen with it;
    # otherwise (another process wrote one since) the update is written against the rows.
    old = None if stored is not None and stored == held.picture else store.load_picture()
    # The stamps name every stored document: no second read of the ids.
    new, changes = held.reconciler.update(_delta(store, held.reconciler, changed, stamps.keys()))
    if old is None:
        # Only the records that changed, on a picture known to be the stored one.
        store.save_picture_delta(changes.gone, changes.came, token=stored)
    else:
        store.save_picture_delta(old, new)
    held.stamps = stamps
    held.unsaved = None if held.unsaved is None else held.unsaved + len(changed)
    return held


def update_picture(
    store: Store, touched_doc_ids: set[str] | None = None, settings: Settings | None = None
) -> Picture:
    """Bring the stored picture up to date after ``touched_doc_ids`` changed.

    Args:
        store: the store to read extractions from and write the picture to.
        touched_doc_ids: documents added, re-processed or removed since the last update
            (an empty set after a correction); ``None`` means "anything may have changed"
            (everything is read again and the picture rewritten). Documents another
            process changed are found by their stamps either way.
        settings: the settings to reconcile with (else those given to :func:`configure`).

    Returns:
        The new picture, identical to :func:`rebuild_picture`'s.
    """
    # Lock order (crosscheck.store.writer): the writer turn and its transaction first
    # (joined when the caller holds them), this process's Reconciler lock inside.
    with store.writing(on_rollback=lambda: forget_state(store)), _LOCK:
        wanted = reconcile_settings(settings) if settings else _SETTINGS.get(store)
        wanted = wanted or reconcile_settings(None)
        held = _base(store, wanted, touched_doc_ids is None)
        if held is None:
            held = _rebuilt(store, wanted, touched_doc_ids is None)
        else:
            # If anything below fails, the write rolls back and on_rollback drops the
            # Reconciler: one that failed half-way describes no stored picture.
            held = _updated(store, held, touched_doc_ids or set())
        for note in held.reconciler.notes:
            log.warning(note)
        held.picture = store.picture_token()
        if saved.due(held):
            saved.save(store, held)
        _HELD[store] = held
    return held.reconciler.picture


def rebuild_picture(store: Store, settings: Settings | None = None) -> Picture:
    """Recompute the whole picture from scratch and replace the stored one."""
    return update_picture(store, None, settings)


def compute_picture(store: Store, settings: Settings | None = None) -> tuple[Picture, list[str]]:
    """Reconcile everything the store holds; returns the picture and skipped-correction notes."""
    wanted = reconcile_settings(settings) if settings else _SETTINGS.get(store)
    reconciler = _fresh(store, wanted or reconcile_settings(None))
    return reconciler.picture, list(reconciler.notes)


def skipped_corrections(store: Store, settings: Settings | None = None) -> list[str]:
    """Corrections that no longer apply (their target vanished), one note each."""
    return compute_picture(store, settings)[1]


__all__ = [
    "compute_picture",
    "configure",
    "forget_state",
    "prefetch",
    "rebuild_picture",
    "reconcile_settings",
    "skipped_corrections",
    "update_picture",
    "worth_prefetching",
]
