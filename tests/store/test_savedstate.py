"""The saved picture state's tables, on SQLite and PostgreSQL: bytes kept whole, stamps
that move with every extraction write, a picture token new with every picture write."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from store_records import TEXT_A, make_doc, make_extraction, picture_for

from crosscheck.model import Picture
from crosscheck.store.base import Store
from crosscheck.store.savedstate import SavedState


def _state(body: bytes, picture: str = "p-1") -> SavedState:
    return SavedState(1, "fp", picture, "digest", body, "2026-01-01T00:00:00+00:00")


def test_saved_state_bytes_round_trip_and_replace(store: Store) -> None:
    assert store.load_saved_state() is None and store.saved_state_bytes() == 0
    # Every byte value, a NUL among them, and more than a page.
    body = bytes(range(256)) * 300
    with store.writing():
        store.save_saved_state(_state(body))
    got = store.load_saved_state()
    assert got == _state(body)
    assert store.saved_state_bytes() == len(body)  # told without reading the bytes
    with store.writing():
        store.save_saved_state(_state(b"second", "p-2"))
    assert store.load_saved_state() == _state(b"second", "p-2")
    assert store.saved_state_bytes() == len(b"second")
    with store.writing():
        store.drop_saved_state()
    assert store.load_saved_state() is None and store.saved_state_bytes() == 0


def test_saved_state_rolled_back_with_its_write(store: Store) -> None:
    class Boom(Exception):
        pass

    try:
        with store.writing():
            store.save_saved_state(_state(b"never"))
            raise Boom
    except Boom:
        pass
    assert store.load_saved_state() is None


def test_document_stamp_moves_with_each_extraction_write(store: Store) -> None:
    a, b = make_doc(TEXT_A), make_doc(TEXT_A + " A later count agreed.")
    with store.writing():
        store.add_document(a, make_extraction(a))
        store.add_document(b, make_extraction(b))
    first = store.document_stamps()
    assert set(first) == {a.id, b.id}
    assert first[a.id][0] and first[a.id][0] != first[b.id][0]
    with store.writing():
        store.replace_extraction(make_extraction(a))
    second = store.document_stamps()
    assert second[a.id][0] != first[a.id][0]
    assert second[b.id] == first[b.id]
    with store.writing():
        store.set_supersedes(b.id, a.id)
    assert store.document_stamps()[b.id][1] == a.id


def test_picture_token_new_with_every_picture_write(
    store: Store, reopen: Callable[[], Store]
) -> None:
    a = make_doc(TEXT_A)
    with store.writing():
        store.add_document(a, make_extraction(a))
    assert store.picture_token() is None
    picture = picture_for(a, make_extraction(a))
    with store.writing():
        store.save_picture(picture)
    first = store.picture_token()
    assert first
    changed = dataclasses.replace(picture, claim_parts={"c-x": "c-y"})
    with store.writing():
        store.save_picture_delta(picture, changed)
    second = store.picture_token()
    assert second and second != first
    other = reopen()
    try:
        assert other.picture_token() == second
    finally:
        other.close()


def test_new_connection_goes_on_from_the_saved_state(
    store: Store, reopen: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On both backends: a second process starts from the first one's state, and its
    picture is what a rebuild makes."""
    from crosscheck.pipeline import picture as picture_module
    from crosscheck.pipeline.ingest import reconcile_pending

    docs = [make_doc(TEXT_A + f" Report {k} of the series.") for k in range(3)]
    for d in docs[:2]:
        store.add_document(d, make_extraction(d))
    reconcile_pending(store)
    assert store.load_saved_state() is not None
    picture_module.forget_state()
    rebuilds: list[str] = []
    fresh = picture_module._fresh
    monkeypatch.setattr(
        picture_module, "_fresh", lambda s, w: rebuilds.append(s.url) or fresh(s, w)
    )
    other = reopen()
    try:
        other.add_document(docs[2], make_extraction(docs[2]))
        warm = reconcile_pending(other)
        assert rebuilds == [] and warm is not None
        stored = _rows(other)  # what the warm update wrote, row by row
        assert stored == _rows_of(warm)
        picture_module.forget_state()
        rebuilt = picture_module.rebuild_picture(other)
        assert rebuilt == warm and _rows(other) == stored
    finally:
        other.close()


def _rows_of(picture: Picture) -> dict[str, object]:
    return {
        "entities": sorted(map(repr, picture.entities)),
        "events": sorted(map(repr, picture.events)),
        "groups": sorted(map(repr, picture.groups)),
        "links": sorted(picture.event_links.items()),
        "mentions": sorted(picture.mention_entities.items()),
        "subjects": sorted(map(repr, picture.claim_subjects.items())),
        "parts": sorted(picture.claim_parts.items()),
    }


def _rows(store: Store) -> dict[str, object]:
    return _rows_of(store.load_picture())
