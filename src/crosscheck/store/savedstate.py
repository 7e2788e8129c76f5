"""Where a saved picture state lives, and what tells whether it is still current.

Three things, all from migration 9:

* ``picture_state``: the saved bytes of a Reconciler with the header that decides whether
  they may be read (format, fingerprint of code and settings, checksum) and the token of
  the picture they describe; one row per slot;
* ``picture_version``: a token naming the stored picture, new on every picture write
  (:meth:`SqlSavedState._new_picture_token`, called by the picture writers of
  :class:`crosscheck.store.sql.SqlStore`);
* ``documents.stamp``: a token new on every write of a document's extraction.

The store only keeps bytes and tokens: what the bytes mean and when to trust them is for
the layers above (:mod:`crosscheck.reconcile.snapshot`, :mod:`crosscheck.pipeline.saved`).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

#: What changes when a document's part of the picture's input changes: the stamp of its
#: extraction, the version it supersedes and its status.
DocStamp = tuple[str | None, str | None, str | None]

#: The slot of the pipeline's Reconciler.
RECONCILER = "reconciler"


@dataclass(frozen=True)
class SavedState:
    """A saved state with its header."""

    format: int
    fingerprint: str
    picture: str  # the token of the stored picture the state describes
    digest: str
    body: bytes
    saved_at: str = ""


def new_token() -> str:
    """A token no other write has: random, so two processes never pick the same one."""
    return secrets.token_hex(12)


class SavedStateStore:
    """The saved-state part of :class:`crosscheck.store.Store`; a backend that keeps
    nothing answers "nothing saved" and every update rebuilds."""

    def document_stamps(self) -> dict[str, DocStamp]:
        """Every stored document (superseded versions too) with its :data:`DocStamp`."""
        return {}

    def picture_token(self) -> str | None:
        """The token of the stored picture (None: never written, or not kept)."""
        return None

    def load_saved_state(self, slot: str = RECONCILER) -> SavedState | None:
        """The state saved in ``slot``, or None."""
        return None

    def saved_state_bytes(self, slot: str = RECONCILER) -> int:
        """The size of the body saved in ``slot`` (0: nothing saved), without reading it."""
        return 0

    def save_saved_state(self, state: SavedState, slot: str = RECONCILER) -> None:
        """Replace the state in ``slot`` (inside the caller's write)."""
        return None

    def drop_saved_state(self, slot: str = RECONCILER) -> None:
        """Forget the state in ``slot``."""
        return None


class SqlSavedState(SavedStateStore):
    """The saved-state tables over SQL (SQLite and PostgreSQL)."""

    def _exec(self, query: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError  # provided by SqlStore

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError  # provided by SqlStore

    def transaction(self, wait: float | None = None) -> AbstractContextManager[None]:
        raise NotImplementedError  # provided by SqlStore

    def document_stamps(self) -> dict[str, DocStamp]:
        rows = self._rows("SELECT id, stamp, supersedes, status FROM documents")
        # The rows are tuples: the stamp is the row's tail (sliced in C, 10,000 per update).
        return {r[0]: r[1:] for r in rows}

    def picture_token(self) -> str | None:
        rows = self._rows("SELECT token FROM picture_version WHERE name = 'picture'")
        return str(rows[0][0]) if rows else None

    def _new_picture_token(self) -> None:
        """Name the picture just written anew (call inside the write that wrote it)."""
        self._exec("DELETE FROM picture_version WHERE name = 'picture'")
        self._exec(
            "INSERT INTO picture_version (name, token) VALUES ('picture', ?)", (new_token(),)
        )

    def load_saved_state(self, slot: str = RECONCILER) -> SavedState | None:
        rows = self._rows(
            "SELECT format, fingerprint, picture, digest, body, saved_at FROM picture_state"
            " WHERE slot = ?",
            (slot,),
        )
        if not rows:
            return None
        fmt, fingerprint, picture, digest, body, saved_at = rows[0]
        # PostgreSQL hands bytea over as a memoryview.
        return SavedState(int(fmt), fingerprint, picture, digest, bytes(body), saved_at)

    def saved_state_bytes(self, slot: str = RECONCILER) -> int:
        rows = self._rows("SELECT length(body) FROM picture_state WHERE slot = ?", (slot,))
        return int(rows[0][0] or 0) if rows else 0

    def save_saved_state(self, state: SavedState, slot: str = RECONCILER) -> None:
        with self.transaction():
            self._exec("DELETE FROM picture_state WHERE slot = ?", (slot,))
            self._exec(
                "INSERT INTO picture_state (slot, format, fingerprint, picture, digest, body,"
                " saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    slot,
                    state.format,
                    state.fingerprint,
                    state.picture,
                    state.digest,
                    state.body,
                    state.saved_at,
                ),
            )

    def drop_saved_state(self, slot: str = RECONCILER) -> None:
        with self.transaction():
            self._exec("DELETE FROM picture_state WHERE slot = ?", (slot,))


__all__ = [
    "RECONCILER",
    "DocStamp",
    "SavedState",
    "SavedStateStore",
    "SqlSavedState",
    "new_token",
]
