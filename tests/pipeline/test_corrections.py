"""Analyst corrections through the store: validation, audit log, survival of rebuilds."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
from recon_records import claim, doc, event, mention

from crosscheck.config import Settings
from crosscheck.errors import CorrectionError, NotFoundError
from crosscheck.model import Extraction
from crosscheck.pipeline.corrections import audit_log, correct_claim, merge, split
from crosscheck.pipeline.ingest import reconcile_pending
from crosscheck.pipeline.picture import rebuild_picture
from crosscheck.pipeline.views import find_entity
from crosscheck.store import Store, open_store


def _fill(store: Store) -> list[str]:
    claim_ids = []
    for i, (outlet, published, toll, city) in enumerate(
        [
            ("Daily Ledger", "2031-03-02", 40, "Lakeside"),
            ("Evening Post", "2031-03-02", 60, "Lakeside"),
            ("Morning Star", "2031-04-02", 9, "Hillcrest"),
        ]
    ):
        d = doc(f"k{i}", outlet, published)
        em = event(
            d.id,
            f"the {city} depot bombing",
            type="bombing",
            date="2031-03-01" if city == "Lakeside" else "2031-04-01",
            location=city,
            country="Freedonia",
            start=0,
        )
        c = claim(d.id, "killed", toll, toll, start=100, subject_kind="event", subject_ref=em.id)
        claim_ids.append(c.id)
        ms = [mention(d.id, "Ivan Petrov" if i else "Ivan Petrova", "PERSON", start=40)]
        store.add_document(d, Extraction(d.id, mentions=ms, events=[em], claims=[c]))
    rebuild_picture(store)
    return claim_ids


def test_reject_changes_verdict_and_survives_rebuild(store: Store) -> None:
    ids = _fill(store)
    assert {g.status for g in store.groups()} == {"conflict", "single"}
    correct_claim(store, ids[1], "reject", reason="misread")
    assert {g.status for g in store.groups()} == {"single"}
    rebuild_picture(store)
    assert {g.status for g in store.groups()} == {"single"}
    assert [c.action for c in audit_log(store)] == ["reject"]


def test_edit_value_and_subject(store: Store) -> None:
    ids = _fill(store)
    correct_claim(store, ids[1], "edit", {"low": 40, "high": 40})
    assert "corroborated" in {g.status for g in store.groups()}
    correct_claim(store, ids[2], "edit", {"subject": "Lakeside depot bombing"})
    lakeside = [g for g in store.groups() if g.subject.name and "Lakeside" in g.subject.name]
    assert len(lakeside) == 1 and len(lakeside[0].claims) == 3


def test_merge_and_split_events_and_entities(store: Store) -> None:
    _fill(store)
    events = store.events()
    assert len(events) == 2
    merge(store, "event", [e.id for e in events])
    assert len(store.events()) == 1
    (merged,) = store.events()
    split(store, "event", merged.id, [events[0].mention_ids[0]])
    assert len(store.events()) == 2
    person = find_entity(store, "Ivan Petrov")
    assert len(person["aliases"]) == 2  # fuzzy spelling variant joined
    split(store, "entity", person["id"], ["Ivan Petrova"])
    assert len(store.entities()) == 2
    rebuild_picture(store)
    assert len(store.entities()) == 2 and len(store.events()) == 2


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda s, ids: correct_claim(s, "c-nothere", "reject"), NotFoundError, "not found"),
        (
            lambda s, ids: correct_claim(s, ids[0], "destroy"),
            CorrectionError,
            "unknown claim action",
        ),
        (
            lambda s, ids: correct_claim(s, ids[0], "edit", {"colour": 1}),
            CorrectionError,
            "cannot change colour",
        ),
        (
            lambda s, ids: correct_claim(s, ids[0], "edit", {"low": 9, "high": 2}),
            CorrectionError,
            "above high",
        ),
        (lambda s, ids: merge(s, "event", ["e-none", "e-nix"]), NotFoundError, "event"),
        (lambda s, ids: merge(s, "place", ["a", "b"]), CorrectionError, "cannot merge"),
        (lambda s, ids: split(s, "entity", "Ivan Petrov", ["Nobody"]), NotFoundError, "no alias"),
    ],
)
def test_bad_corrections_raise_clear_errors(store: Store, call, error, match) -> None:  # type: ignore[no-untyped-def]
    ids = _fill(store)
    with pytest.raises(error, match=match):
        call(store, ids)
    assert audit_log(store) == []


def test_correction_is_not_stored_when_its_picture_update_fails(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _fill(store)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("picture update failed")

    monkeypatch.setattr("crosscheck.pipeline.corrections.update_picture", broken)
    with pytest.raises(RuntimeError, match="picture update failed"):
        correct_claim(store, ids[1], "reject", reason="never stored")
    assert audit_log(store) == []


def test_correction_and_reconcile_in_parallel_take_turns(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interleaving that deadlocked: a correction inside its picture update while a
    reconcile of an upload starts. Both must finish, one after the other, well in time."""
    from crosscheck.reconcile import Reconciler

    ids = _fill(store)
    original = Reconciler.update

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.4)  # hold the picture update long enough for the other writer to come
        return original(*args, **kwargs)

    monkeypatch.setattr(Reconciler, "update", slow)
    other = open_store(settings.db)
    errors: list[BaseException] = []

    def correct() -> None:
        try:
            correct_claim(store, ids[1], "reject", reason="parallel")
        except BaseException as exc:
            errors.append(exc)

    def upload() -> None:
        try:
            d = doc("k9", "Noon Gazette", "2031-03-03")
            em = event(d.id, "the Lakeside depot bombing", type="bombing", location="Lakeside")
            c = claim(d.id, "killed", 41, 41, start=100, subject_kind="event", subject_ref=em.id)
            with other.writing():
                other.add_document(d, Extraction(d.id, events=[em], claims=[c]))
            reconcile_pending(other)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=f, daemon=True) for f in (correct, upload)]
    began = time.monotonic()
    threads[0].start()
    time.sleep(0.15)
    threads[1].start()
    for t in threads:
        t.join(30)
    other.close()
    assert not any(t.is_alive() for t in threads), "the writers deadlocked"
    assert errors == []
    assert time.monotonic() - began < 20
    assert [c.reason for c in audit_log(store)] == ["parallel"]
    assert store.pending_documents() == []
    assert any(d.id == doc("k9", "Noon Gazette", "2031-03-03").id for d in store.documents())
