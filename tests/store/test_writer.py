"""The writer turn: one writer per database, one lock order, all or nothing, bounded waits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.errors import BusyError
from crosscheck.model import Correction
from crosscheck.store import open_store
from crosscheck.store.base import Store
from crosscheck.store.writer import holds_turn


def _corrections(store: Store) -> int:
    return len(store.corrections())


def _correction(reason: str) -> Correction:
    return Correction("claim", "c-1", "confirm", {}, "tester", reason)


def test_writer_commits_whole_or_rolls_back_whole(store: Store) -> None:
    called: list[str] = []
    with (
        pytest.raises(RuntimeError, match="stop"),
        store.writing(on_rollback=lambda: called.append("outer")),
    ):
        store.add_correction(_correction("first"))
        with store.writing(on_rollback=lambda: called.append("inner")):
            store.add_correction(_correction("second"))
        raise RuntimeError("stop")
    assert _corrections(store) == 0
    assert called == ["outer", "inner"]
    with store.writing():
        store.add_correction(_correction("kept"))
    assert [c.reason for c in store.corrections()] == ["kept"]


def test_writer_turn_is_refused_after_the_wait(store: Store, reopen: Callable[[], Store]) -> None:
    """A second connection of this process waits for the turn, then gives up: nothing stored."""
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with store.writing():
            store.add_correction(_correction("holder"))
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    other = reopen()
    try:
        began = time.monotonic()
        with pytest.raises(BusyError, match="nothing was stored"), other.writing(wait=0.3):
            other.add_correction(_correction("refused"))
        assert 0.25 < time.monotonic() - began < 5
    finally:
        release.set()
        holder.join(10)
    try:
        assert [c.reason for c in other.corrections()] == ["holder"]
    finally:
        other.close()


def test_writer_waits_for_another_process_then_refuses(tmp_path: Path) -> None:
    """Another process's write lock (here: a raw SQLite connection) bounds the wait too."""
    import sqlite3

    db = tmp_path / "locked.db"
    store = open_store(str(db))
    outsider = sqlite3.connect(db, isolation_level=None)
    outsider.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        with pytest.raises(BusyError), store.writing(wait=0.5):
            store.add_correction(_correction("refused"))
        assert time.monotonic() - began < 5
    finally:
        outsider.execute("ROLLBACK")
        outsider.close()
    with store.writing(wait=1):
        store.add_correction(_correction("later"))
    assert [c.reason for c in store.corrections()] == ["later"]
    assert not holds_turn(store)
    store.close()


def test_writer_refuses_a_transaction_opened_before_the_turn(store: Store) -> None:
    with (
        store.transaction(),
        pytest.raises(RuntimeError, match="before the writer turn"),
        store.writing(),
    ):
        pass


def test_writer_refuses_a_second_connection_in_the_same_thread(
    store: Store, reopen: Callable[[], Store]
) -> None:
    other = reopen()
    try:
        with (
            store.writing(),
            pytest.raises(RuntimeError, match="another connection"),
            other.writing(),
        ):
            pass
    finally:
        other.close()
