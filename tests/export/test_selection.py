"""Filters: --event, --entity, --since, --until cut every record down to the same documents."""

from __future__ import annotations

import pytest

from crosscheck.errors import ExportError, NotFoundError
from crosscheck.export import ExportOptions, select
from crosscheck.store import Store


@pytest.mark.parametrize(
    ("options", "documents"),
    [
        (ExportOptions(), 3),
        (ExportOptions(since="2023-05-09"), 2),
        (ExportOptions(until="2023-05-08"), 1),
        (ExportOptions(since="2023-05", until="2023-05"), 3),
        (ExportOptions(since="2023-06-01"), 0),
        (ExportOptions(event="market"), 3),
        (ExportOptions(entity="Lion Front"), 3),
        (ExportOptions(entity="health ministry"), 1),
    ],
)
def test_selection_filters_pick_documents(
    hand_store: Store, options: ExportOptions, documents: int
) -> None:
    sel = select(hand_store, options)
    assert len(sel.documents) == documents
    doc_ids = {d.id for d in sel.documents}
    assert all(c["document"]["id"] in doc_ids for c in sel.claims)
    assert all(m.doc_id in doc_ids for m in sel.mentions)
    claim_ids = {c["id"] for c in sel.claims}
    assert all(any(cid in claim_ids for cid in g.claims) for g in sel.groups)


def test_selection_entity_filter_keeps_groups_about_it(hand_store: Store) -> None:
    sel = select(hand_store, ExportOptions(entity="LF"))
    subjects = {g.subject.id for g in sel.groups}
    # The actor's own figures and those of the event it is an actor of.
    assert subjects == {"n-lion", "e-market"}


def test_selection_event_filter_drops_other_subjects(hand_store: Store) -> None:
    sel = select(hand_store, ExportOptions(event="e-market"))
    assert {g.subject.id for g in sel.groups} == {"e-market"}
    assert all(c["subject"]["id"] == "e-market" for c in sel.claims)


def test_selection_applies_corrections(hand_store: Store) -> None:
    sel = select(hand_store)
    edited = [c for c in sel.claims if c.get("review") == "edited"]
    assert len(edited) == 1 and (edited[0]["low"], edited[0]["high"]) == (7, 8)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (ExportOptions(since="yesterday"), ExportError, "--since 'yesterday'"),
        (ExportOptions(until="2023/05/01"), ExportError, "--until"),
        (ExportOptions(event="no such thing"), NotFoundError, "event 'no such thing'"),
        (ExportOptions(entity="nobody"), NotFoundError, "entity 'nobody'"),
    ],
)
def test_selection_bad_filters_raise_clear_errors(
    hand_store: Store, options: ExportOptions, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        select(hand_store, options)
