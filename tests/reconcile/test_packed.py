"""Word tables in a saved state: read back equal, unpacked only when read, and saving a state
read back does not unpack them."""

from __future__ import annotations

import dataclasses
import pickle
import random

import pytest
from test_reconciler import _report

from crosscheck.errors import SavedStateError
from crosscheck.model import Profile
from crosscheck.reconcile import Delta, Reconciler, ReconcileSettings
from crosscheck.reconcile.packed import SavedProfile, SavedReport, saved_report
from crosscheck.reconcile.snapshot import digest, dump_state, fingerprint, load_state

SETTINGS = ReconcileSettings()


def _load(body: bytes) -> Reconciler:
    return load_state(
        body, settings=SETTINGS, saved_fingerprint=fingerprint(SETTINGS), saved_digest=digest(body)
    )[0]


def _reconciler(n: int = 6) -> Reconciler:
    rng = random.Random(3)
    reconciler = Reconciler(SETTINGS)
    reconciler.update(Delta(upserts=tuple(_report(k, rng) for k in range(n))))
    return reconciler


def _reports(reconciler: Reconciler) -> list[object]:
    return [s.report for _, s in reconciler.memo.incidents.docs.values() if s.report is not None]


def test_profiles_and_report_sides_read_back_equal() -> None:
    reconciler = _reconciler()
    loaded = _load(dump_state(reconciler))
    for doc_id, records in reconciler.records.docs.items():
        again = loaded.records.docs[doc_id].profile
        assert isinstance(again, SavedProfile)
        assert again == records.profile and records.profile == again
        assert hash(again) == hash(records.profile)
    before, after = _reports(reconciler), _reports(loaded)
    assert before and len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert isinstance(new, SavedReport)
        assert (new.terms, new.title, new.lead) == (old.terms, old.title, old.lead)  # type: ignore[attr-defined]
        assert new.places == old.places  # type: ignore[attr-defined]


def test_tables_are_unpacked_only_when_read() -> None:
    loaded = _load(dump_state(_reconciler()))
    side = _reports(loaded)[0]
    assert "terms" not in vars(side)
    assert side.lead  # type: ignore[attr-defined]
    assert {"terms", "title", "lead"} <= vars(side).keys()


def test_saving_a_state_again_leaves_its_tables_packed() -> None:
    reconciler = _reconciler()
    loaded = _load(dump_state(reconciler))
    again = _load(dump_state(loaded))
    assert not any("terms" in vars(side) for side in _reports(loaded))
    assert again.records == reconciler.records
    for old, new in zip(_reports(reconciler), _reports(again), strict=True):
        assert new.terms == old.terms  # type: ignore[attr-defined]


def test_words_holding_the_separator_survive() -> None:
    reconciler = _reconciler(2)
    records = next(iter(reconciler.records.docs.values()))
    odd = Profile(records.id, (("a\x00b", 0.6), ("c", 0.8)), (), (("\x00", 1.0),))
    body = pickle.dumps(odd)  # the plain form still works
    assert pickle.loads(body) == odd
    changed = dataclasses.replace(records, profile=odd)
    reconciler.update(Delta(upserts=(changed,)))
    loaded = _load(dump_state(reconciler))
    again = loaded.records.docs[records.id].profile
    assert again is not None and again.terms == odd.terms and again.lead == odd.lead


def test_word_tables_of_the_wrong_shape_are_refused() -> None:
    from crosscheck.reconcile.packed import saved_profile

    class _Forged:
        def __reduce__(self) -> tuple[object, tuple[object, ...]]:
            return (saved_profile, ("d1", (("a", b""),)))

    with pytest.raises(SavedStateError, match="unreadable"):
        _load(pickle.dumps({"records": _Forged()}))


def test_a_report_side_with_foreign_fields_is_refused() -> None:
    class _Forged:
        def __reduce__(self) -> tuple[object, tuple[object, ...]]:
            return (saved_report, ({"doc_id": "x", "__class__": "y"}, ()))

    body = pickle.dumps({"records": _Forged()})
    with pytest.raises(SavedStateError, match="unreadable"):
        _load(body)
