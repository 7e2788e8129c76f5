"""Keeping the stored picture up to date after an ingest, a re-processing or a correction.

The picture is always what :func:`crosscheck.reconcile.reconcile` makes of every stored
extraction, so an incremental update can never drift from a rebuild from scratch. What makes
an update cheap is what this process remembers between updates of one store:

* each document's extractions, as prepared records (ids and event features computed once):
  an update reads only the documents it is told changed (``touched_doc_ids``, i.e. the
  pending ones) and any it has not seen;
* inside reconcile, the last answer of each stage, redone only where its inputs changed:
  incidents per region a change can reach (see :mod:`crosscheck.reconcile.linker`), entity
  clusters per name key, subject tables per document, groups per key, verdicts of unchanged
  groups; unchanged records are handed out as the same objects;
* the picture it last saved, so only rows that changed are written back
  (``Store.save_picture_delta``).

The remembered state is trusted only while the store's ``change_token`` is the one seen at
the last update (SQLite's ``data_version`` moves when another process commits); otherwise,
or with no token, everything is read again. Nothing is remembered across processes: the
first update in a new process reads the whole store once.

Lock order: an update runs inside the store's writer turn and write transaction
(:meth:`Store.writing`, joined when the caller already holds it) and only then takes this
module's lock; nothing here opens a transaction while holding it. If the write rolls back,
what was remembered for that store is forgotten, so it never describes a picture that
was not stored.
"""

from __future__ import annotations

import gc
import logging
import operator
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress
from typing import Any, TypeVar

from crosscheck.config import Settings
from crosscheck.model import (
    Claim,
    ClaimGroup,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    Picture,
    Profile,
)
from crosscheck.reconcile import reconcile_with_notes
from crosscheck.reconcile.core import forget_memos
from crosscheck.reconcile.mainincident import forget_choices
from crosscheck.reconcile.prepared import (
    prepare_claims,
    prepare_event_mentions,
    prepare_mentions,
)
from crosscheck.store import Store

log = logging.getLogger(__name__)

#: Above this many documents to (re)read, one bulk read of every table is cheaper.
BULK_READ = 500
#: Ids per ``doc_ids`` query, well under the SQL parameter limits.
CHUNK = 400


@dataclass
class _Inputs:
    mentions: list[Mention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    profile: Profile | None = None


@dataclass
class _State:
    """What one process remembers about one open store between updates."""

    inputs: dict[str, _Inputs]
    picture: Picture | None = None
    token: object | None = None
    # Every stored document by id, the same objects from one update to the next (reconcile
    # compares them by identity first; only ids are read again when trusted).
    documents: dict[str, Document] = field(default_factory=dict)


_STATES: weakref.WeakKeyDictionary[Store, _State] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def forget_state(store: Store | None = None) -> None:
    """Drop what this process remembers about ``store`` (every store when ``None``)."""
    with _LOCK:
        if store is None:
            _STATES.clear()
            forget_choices()
            forget_memos()
        else:
            _STATES.pop(store, None)


def _threshold(settings: Settings | None, store: Store) -> int:
    """The fuzzy threshold: the settings given, else the store's, else the default."""
    if settings is not None:
        return settings.fuzzy_threshold
    if store.fuzzy_threshold is not None:
        return store.fuzzy_threshold
    return int(Settings.model_fields["fuzzy_threshold"].default)


def _read(store: Store, doc_ids: list[str] | None) -> dict[str, _Inputs]:
    """Prepared extractions of ``doc_ids`` (every document when ``None``), by document."""
    out: dict[str, _Inputs] = defaultdict(_Inputs)
    chunks: Iterable[list[str] | None] = (
        [None]
        if doc_ids is None
        else [doc_ids[i : i + CHUNK] for i in range(0, len(doc_ids), CHUNK)]
    )
    for chunk in chunks:
        for m in prepare_mentions(store.mentions(doc_ids=chunk)):
            out[m.doc_id].mentions.append(m)
        for em in prepare_event_mentions(store.event_mentions(doc_ids=chunk)):
            out[em.doc_id].event_mentions.append(em)
        for c in prepare_claims(store.claims(doc_ids=chunk)):
            out[c.doc_id].claims.append(c)
        for doc_id, profile in store.profiles(chunk).items():
            out[doc_id].profile = profile
    for doc_id in doc_ids or ():
        out.setdefault(doc_id, _Inputs())
    return dict(out)


def _full_state(store: Store) -> _State:
    documents = {d.id: d for d in store.documents()}
    state = _State(inputs={d: _Inputs() for d in documents}, documents=documents)
    state.inputs.update(_read(store, None))
    return state


def _current_state(store: Store, touched: set[str] | None) -> tuple[_State, bool]:
    """The state brought up to date with the store; True when it was trusted (not re-read)."""
    token = store.change_token()
    state = _STATES.get(store)
    trusted = (
        state is not None and touched is not None and token is not None and token == state.token
    )
    if state is None or not trusted:
        return _full_state(store), False
    ids = set(store.document_ids())
    stale = sorted((ids - state.inputs.keys()) | (touched & ids if touched else set()))
    if len(stale) > BULK_READ:
        fresh = _full_state(store)
        fresh.picture = state.picture
        return fresh, True
    for doc_id in state.inputs.keys() - ids:
        del state.inputs[doc_id]
        state.documents.pop(doc_id, None)
    if stale:
        state.inputs.update(_read(store, stale))
        state.documents.update((d.id, d) for d in store.documents_by_ids(stale))
    return state, True


def _reconcile(state: _State, store: Store, settings: Settings | None) -> tuple[Picture, list[str]]:
    # In id order whichever way they were read: an update and a rebuild see the same list.
    documents = [state.documents[d] for d in sorted(state.documents)]
    # An older version of a re-ingested report is not a second source.
    superseded = {d.supersedes for d in documents if d.supersedes}
    ok = [d for d in documents if d.id not in superseded]
    ok = [d for d in ok if d.id in state.inputs]
    inputs = [state.inputs[d.id] for d in ok]
    return reconcile_with_notes(
        ok,
        [m for x in inputs for m in x.mentions],
        [e for x in inputs for e in x.event_mentions],
        [c for x in inputs for c in x.claims],
        store.corrections(),
        _threshold(settings, store),
        {d.id: x.profile for d, x in zip(ok, inputs, strict=True) if x.profile is not None},
    )


_V = TypeVar("_V")
_R = TypeVar("_R", Entity, Event, ClaimGroup)


def _changed_items(old: dict[str, _V], new: dict[str, _V]) -> tuple[dict[str, _V], dict[str, _V]]:
    if old is new:
        return {}, {}
    # Values that are not the very objects of the last picture, found in C (reconcile hands
    # out the same subjects and ids where nothing changed); only those are compared.
    maybe = compress(new, map(operator.is_not, map(old.get, new), new.values()))
    missing = object()
    keys = [k for k in maybe if old.get(k, missing) != new[k]]
    keys.extend(sorted(old.keys() - new.keys()))
    return (
        {k: old[k] for k in keys if k in old},
        {k: new[k] for k in keys if k in new},
    )


def _changed_records(old: list[_R], new: list[_R]) -> tuple[list[_R], list[_R]]:
    """The records (by id) that differ between two lists, compared in C.

    Reconcile hands out the very record of the last picture when it did not change, so the
    records of only one list are found by object identity (set operations in C) and only
    those are compared. Entities, events and groups are plain dataclasses whose every
    attribute is a compared field: equal attribute dicts mean equal records.
    """
    before = dict(zip(map(id, old), old, strict=True))
    after = dict(zip(map(id, new), new, strict=True))
    gone = {x.id: x for x in map(before.__getitem__, before.keys() - after.keys())}
    came = {x.id: x for x in map(after.__getitem__, after.keys() - before.keys())}
    keys = sorted(
        k
        for k, x in came.items()
        if k not in gone or type(gone[k]) is not type(x) or gone[k].__dict__ != x.__dict__
    )
    keys.extend(sorted(k for k in gone if k not in came))
    return [gone[k] for k in keys if k in gone], [came[k] for k in keys if k in came]


def _differences(old: Picture, new: Picture) -> tuple[Picture, Picture]:
    """The parts of two pictures that differ (records compared whole, links by key)."""
    parts: dict[str, tuple[Any, Any]] = {}
    for name in ("entities", "events", "groups"):
        parts[name] = _changed_records(getattr(old, name), getattr(new, name))
    for name in ("claim_subjects", "mention_entities", "event_links", "claim_parts"):
        parts[name] = _changed_items(getattr(old, name), getattr(new, name))
    return (
        Picture(**{name: pair[0] for name, pair in parts.items()}),
        Picture(**{name: pair[1] for name, pair in parts.items()}),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run without the cyclic garbage collector, then set what survived aside from it.

    An update allocates hundreds of thousands of records, which triggers full collections
    that walk the whole remembered state (millions of objects, ~0.5 s each) and find nothing:
    the records hold no reference cycles. Afterwards the surviving state is frozen
    (``gc.freeze``) so later collections do not walk it again; the records are still freed
    by reference counting when the state drops them. With the collector off nothing was
    promoted, so a young-generation pass first frees any cycle the update itself made: a
    long-running server must not freeze garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        gc.freeze()
        if enabled:
            gc.enable()


def compute_picture(store: Store, settings: Settings | None = None) -> tuple[Picture, list[str]]:
    """Reconcile everything the store holds; returns the picture and skipped-correction notes."""
    return _reconcile(_full_state(store), store, settings)


def update_picture(
    store: Store, touched_doc_ids: set[str] | None = None, settings: Settings | None = None
) -> Picture:
    """Bring the stored picture up to date after ``touched_doc_ids`` changed.

    Args:
        store: the store to read extractions from and write the picture to.
        touched_doc_ids: documents added, re-processed or removed since the last update
            (an empty set after a correction); ``None`` means "anything may have changed"
            (everything is read again and the picture rewritten).
        settings: for ``fuzzy_threshold``; defaults to the store's (see ``open_store``).

    Returns:
        The new picture, identical to :func:`rebuild_picture`'s.
    """
    # Lock order (crosscheck.store.writer): the writer turn and its transaction first
    # (joined when the caller holds them), this process's picture state lock inside.
    with store.writing(on_rollback=lambda: forget_state(store)), _LOCK, _collector_paused():
        state, trusted = _current_state(store, touched_doc_ids)
        new, notes = _reconcile(state, store, settings)
        for note in notes:
            log.warning(note)
        if touched_doc_ids is None:
            store.save_picture(new)
        elif trusted and state.picture is not None:
            # The stored picture is the one we saved last: hand over only what differs.
            store.save_picture_delta(*_differences(state.picture, new))
        else:
            store.save_picture_delta(store.load_picture(), new)
        state.picture = new
        # Our own commit does not move the token: only another connection's changes do.
        state.token = store.change_token()
        _STATES[store] = state
    return new


def rebuild_picture(store: Store, settings: Settings | None = None) -> Picture:
    """Recompute the whole picture from scratch and replace the stored one."""
    return update_picture(store, None, settings)


def skipped_corrections(store: Store, settings: Settings | None = None) -> list[str]:
    """Corrections that no longer apply (their target vanished), one note each."""
    return compute_picture(store, settings)[1]


__all__ = [
    "compute_picture",
    "forget_state",
    "rebuild_picture",
    "skipped_corrections",
    "update_picture",
]
