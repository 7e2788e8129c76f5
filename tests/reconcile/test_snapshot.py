"""A saved Reconciler: read back, it goes on exactly like the pure reconcile; bytes that are
stale, damaged or not crosscheck's records are refused, and none of their code runs."""

from __future__ import annotations

import gc
import os
import pickle
import random
from pathlib import Path

import pytest
from test_reconciler import _report, _step

from crosscheck.errors import SavedStateError
from crosscheck.reconcile import Delta, Reconciler, ReconcileSettings, reconcile
from crosscheck.reconcile.snapshot import _Reader, digest, dump_state, fingerprint, load_state

SETTINGS = ReconcileSettings()


def _load(body: bytes, settings: ReconcileSettings = SETTINGS) -> tuple[Reconciler, object]:
    return load_state(
        body, settings=settings, saved_fingerprint=fingerprint(settings), saved_digest=digest(body)
    )


@pytest.mark.parametrize("seed", range(3))
def test_snapshot_saved_and_read_back_goes_on_like_the_pure_reconcile(seed: int) -> None:
    rng = random.Random(seed)
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=tuple(_report(k, rng) for k in range(8))))
    for k in range(18):
        if k % 4 == 0:  # as if a new process took over from the saved state
            reconciler, extra = _load(dump_state(reconciler, {"stamps": {"r1": ("s", None, "ok")}}))
            assert extra == {"stamps": {"r1": ("s", None, "ok")}}
        picture, _ = reconciler.update(_step(reconciler.records, rng, k))
        assert picture == reconcile(reconciler.records, SETTINGS), f"step {k}"


def test_snapshot_keeps_what_was_worked_out() -> None:
    """What the memo held comes back: an unchanged store needs no pair worked out again."""
    rng = random.Random(5)
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=tuple(_report(k, rng) for k in range(10))))
    loaded, _ = _load(dump_state(reconciler))
    assert loaded.records == reconciler.records
    assert loaded.picture == reconciler.picture
    assert loaded.memo.incidents.docs.keys() == reconciler.memo.incidents.docs.keys()
    assert loaded.memo.verdicts.keys() == reconciler.memo.verdicts.keys()
    # Not the strengths of report pairs: a cache an update fills again for what it asks.
    assert reconciler.memo.incidents.links.reports and not loaded.memo.incidents.links.reports
    assert loaded.update(Delta())[1].empty


class _Planted:
    """What an attacker with write access to a shared store might save instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_snapshot_never_runs_code_from_the_bytes(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    body = pickle.dumps({"records": _Planted(marker)})
    with pytest.raises(SavedStateError, match="not allowed"):
        _load(body)
    assert not marker.exists()


def test_snapshot_refuses_a_class_of_another_package() -> None:
    body = pickle.dumps({"records": Path("/tmp")})
    with pytest.raises(SavedStateError, match=r"pathlib\.PosixPath is not allowed"):
        _load(body)


def test_snapshot_refuses_damaged_bytes() -> None:
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=(_report(1, random.Random(1)),)))
    body = dump_state(reconciler)
    damaged = body[:100] + bytes([body[100] ^ 0xFF]) + body[101:]
    with pytest.raises(SavedStateError, match="checksum"):
        load_state(
            damaged,
            settings=SETTINGS,
            saved_fingerprint=fingerprint(SETTINGS),
            saved_digest=digest(body),
        )


def test_snapshot_refuses_a_state_of_other_settings() -> None:
    other = ReconcileSettings(fuzzy_threshold=80)
    assert fingerprint(other) != fingerprint(SETTINGS)
    reconciler = Reconciler(other)
    body = dump_state(reconciler)
    with pytest.raises(SavedStateError, match="other settings"):
        load_state(
            body, settings=SETTINGS, saved_fingerprint=fingerprint(other), saved_digest=digest(body)
        )
    # Even when the header lies about them, the settings inside decide.
    with pytest.raises(SavedStateError, match="other settings"):
        _load(body)


def test_snapshot_refuses_a_payload_of_the_wrong_shape() -> None:
    with pytest.raises(SavedStateError, match="records"):
        _load(pickle.dumps({"settings": SETTINGS, "records": ["not", "records"]}))
    with pytest.raises(SavedStateError, match="not a saved picture state"):
        _load(pickle.dumps(["a", "list"]))


class _Short:
    """A record with fewer values than its class has fields."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        from crosscheck.model import Document
        from crosscheck.reconcile.snapshot import _restore

        return (_restore, (Document, "only-one"))


def test_snapshot_refuses_a_record_of_the_wrong_shape() -> None:
    with pytest.raises(SavedStateError, match="unreadable"):
        _load(pickle.dumps({"records": _Short()}))


def test_snapshot_reader_goes_with_its_reconciler() -> None:
    """The reader's memo holds every object it read: it is kept with the Reconciler it read
    (freeing it would slow a one-report ingest down) and must go with it, never stay on
    (frozen out of the collector after a large read) for the life of the process. A
    Reconciler that goes on lets it go at its second update."""
    rng = random.Random(7)
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=tuple(_report(k, rng) for k in range(6))))
    body = dump_state(reconciler)
    was = gc.isenabled()
    gc.collect()  # what other tests left to the collector is none of this test's
    gc.disable()  # freed by reference counts alone, as a frozen read would have to be
    try:
        loaded, _ = _load(body)
        assert loaded.records == reconciler.records
        assert isinstance(loaded.read_with, _Reader)
        loaded.update(Delta())
        assert isinstance(loaded.read_with, _Reader)  # one update: the process may end now
        loaded.update(Delta())
        assert loaded.read_with is None
        assert not [o for o in gc.get_objects() if isinstance(o, _Reader)]
        loaded, _ = _load(body)
        del loaded
        assert not [o for o in gc.get_objects() if isinstance(o, _Reader)]
    finally:
        if was:
            gc.enable()


def test_a_refused_state_leaves_no_reader_behind() -> None:
    """The error of a state refused after it was read (damaged bytes, another shape, other
    settings) holds nothing read: a log record that keeps the error keeps no reader, nor
    the objects its memo holds."""
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=(_report(1, random.Random(1)),)))
    body = dump_state(reconciler)
    damaged = body[:100] + bytes([body[100] ^ 0xFF]) + body[101:]
    other = dump_state(Reconciler(ReconcileSettings(fuzzy_threshold=80)))
    refused = [
        (damaged, digest(body)),
        (pickle.dumps({"records": _Short()}), None),
        (pickle.dumps(["a", "list"]), None),
        (other, None),
    ]
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for bad, said in refused:
            with pytest.raises(SavedStateError) as caught:
                load_state(
                    bad,
                    settings=SETTINGS,
                    saved_fingerprint=fingerprint(SETTINGS),
                    saved_digest=said or digest(bad),
                )
            kept = caught.value  # as a log record would keep it
            assert not [o for o in gc.get_objects() if isinstance(o, _Reader)], kept
    finally:
        if was:
            gc.enable()
