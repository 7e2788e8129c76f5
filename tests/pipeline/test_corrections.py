"""Analyst corrections through the store: validation, audit log, survival of rebuilds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
from recon_records import claim, doc, event, mention

from crosscheck.errors import CorrectionError, NotFoundError
from crosscheck.model import Extraction
from crosscheck.pipeline.corrections import audit_log, correct_claim, merge, split
from crosscheck.pipeline.picture import rebuild_picture
from crosscheck.pipeline.views import find_entity
from crosscheck.store import Store


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
