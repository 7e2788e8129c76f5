"""The Reconciler saved with the store, so a new process does not rebuild the picture.

A process that updates the picture (``crosscheck ingest``, the watch, the server) holds a
:class:`Held`: its Reconciler, the stamp of every stored document as the Reconciler last
saw it (:meth:`Store.document_stamps`) and the token of the stored picture that equals the
Reconciler's picture (:meth:`Store.picture_token`). Every now and then (:func:`due`) the
Held is saved into the store, inside the same write as the picture it describes.

A new process reads it back (:func:`load`) and trusts nothing it says about the store:

* the bytes are read only after the checks of :mod:`crosscheck.reconcile.snapshot` (same
  format, code, data and settings; intact checksum; only crosscheck's records inside); a
  state that fails them is not used and the picture is rebuilt, with one line on the log;
* the documents to bring up to date are those whose stamp differs from the saved one (new,
  re-processed, superseded, gone), whoever changed them, plus the corrections, which every
  update reads whole: a correction, a merge or a new report of another process since the
  save is folded in like any update, so the result is what the pure
  :func:`crosscheck.reconcile.reconcile` makes of the store as it is;
* the stored picture is taken to be the Reconciler's only while its token is the saved one;
  otherwise the update is written as a difference from the picture read from the store.

Stamps are written by this version of crosscheck and later ones; an older version writing
to a store migrated past version 9 changes extractions without new stamps: run
``crosscheck reprocess`` (or any rebuild) after such a write.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from crosscheck.errors import SavedStateError
from crosscheck.reconcile import Reconciler, ReconcileSettings
from crosscheck.reconcile.snapshot import FORMAT, digest, dump_state, fingerprint, load_state
from crosscheck.store import Store
from crosscheck.store.savedstate import DocStamp, SavedState
from crosscheck.store.sql import now_iso

log = logging.getLogger(__name__)

#: Documents changed since the last save that make the next update save again. Saving
#: costs about as much as reading the state back (seconds at 10,000 reports); not saving
#: costs the next new process a few more documents to fold in and one read of the stored
#: picture, so a state is saved every few updates, not after each one.
SAVE_EVERY = 16


@dataclass
class Held:
    """A Reconciler with what tells how it stands to the store."""

    reconciler: Reconciler
    #: Every stored document (superseded versions too) as the Reconciler last saw it.
    stamps: dict[str, DocStamp] = field(default_factory=dict)
    #: The token of the stored picture equal to ``reconciler.picture`` (None: unknown).
    picture: str | None = None
    #: Documents changed since the state was last saved; None: it never was.
    unsaved: int | None = None


def changed_documents(before: dict[str, DocStamp], now: dict[str, DocStamp]) -> set[str]:
    """Documents added, changed or gone between two sets of stamps."""
    gone = before.keys() - now.keys()
    return gone | {k for k, v in now.items() if before.get(k) != v}


def _stamps(extra: Any) -> dict[str, DocStamp]:
    """The saved stamps, checked for shape (they decide what is read again)."""
    stamps = extra.get("stamps") if isinstance(extra, dict) else None
    if not isinstance(stamps, dict) or not all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 3 for k, v in stamps.items()
    ):
        raise SavedStateError("its document stamps are missing or malformed")
    return stamps


def load(store: Store, settings: ReconcileSettings, *, notify: bool = True) -> Held | None:
    """The store's saved Reconciler, or None (after a one-line notice, unless ``notify`` is
    False: a read ahead leaves the notice to the update) when it cannot be used."""
    saved = store.load_saved_state()
    if saved is None:
        return None
    try:
        if saved.format != FORMAT:
            raise SavedStateError(f"saved in format {saved.format}, this version reads {FORMAT}")
        reconciler, extra = load_state(
            saved.body,
            settings=settings,
            saved_fingerprint=saved.fingerprint,
            saved_digest=saved.digest,
        )
        stamps = _stamps(extra)
    except SavedStateError as exc:
        if not notify:
            return None
        log.warning(
            "%s: the saved picture state was not used (%s); rebuilding the picture from the store",
            store.name,
            exc,
        )
        return None
    return Held(reconciler, stamps, saved.picture, unsaved=0)


def due(held: Held) -> bool:
    """Whether the state should be saved with this update."""
    return held.unsaved is None or held.unsaved >= SAVE_EVERY


def save(store: Store, held: Held) -> None:
    """Save ``held`` in the store (inside the caller's write, beside its picture)."""
    settings = held.reconciler.settings
    body = dump_state(held.reconciler, {"stamps": held.stamps})
    store.save_saved_state(
        SavedState(
            format=FORMAT,
            fingerprint=fingerprint(settings),
            picture=held.picture or "",
            digest=digest(body),
            body=body,
            saved_at=now_iso(),
        )
    )
    held.unsaved = 0


__all__ = ["SAVE_EVERY", "Held", "changed_documents", "due", "load", "save"]
