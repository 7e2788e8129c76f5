"""Paged listings in the store: disjoint pages in a stable order, right totals, both backends.

Each SQL answer is held against the plain-Python default of :class:`Store` (the same
rule written once more), so the two spellings of an order cannot drift apart.
"""

from __future__ import annotations

import pytest
from store_records import make_doc

from crosscheck.model import (
    Claim,
    ClaimGroup,
    Estimate,
    Event,
    EventMention,
    Extraction,
    Picture,
    Subject,
)
from crosscheck.store.base import GROUP_ORDERS, Store

STATUSES = ("single", "conflict", "evolving", "corroborated", "consistent")
# Subject names with ties, a missing name and letters outside ASCII (sorted by code point).
NAMES = ("Alder raid", "alder raid", None, "Zeta blast", "Élan siege", "Alder raid")


def _fill(store: Store) -> dict[str, list[str]]:
    """Three documents with claims, events (two bare, one named) and thirty groups."""
    docs = [
        make_doc(f"Report number {i} about a quiet harbour town and its port.") for i in range(3)
    ]
    claims: list[Claim] = []
    events: list[EventMention] = []
    for n, doc in enumerate(docs):
        ex = Extraction(doc_id=doc.id)
        for k in range(7):
            measure = ("killed", "injured", "arrested")[k % 3]
            ex.claims.append(
                Claim(doc.id, measure, k + n, k + n, (k * 5, k * 5 + 2), doc.text, "people")
            )
        ex.events = [
            EventMention(doc.id, "arrest", "detained", (0, 8), doc.text, description="arrest"),
            EventMention(doc.id, "attack", "attack", (10, 16), doc.text, description="attack"),
        ]
        if n == 0:
            ex.events.append(
                EventMention(doc.id, "attack", "raid", (20, 24), doc.text, date="2031-02-03")
            )
        store.add_document(doc, ex)
        claims += ex.claims
        events += ex.events
    by_doc = {d.id: [e for e in events if e.doc_id == d.id] for d in docs}
    d0, d1, d2 = (by_doc[d.id] for d in docs)
    picture = Picture(
        events=[
            # Bare: a trigger word for a name, one document.
            Event("e-bare-1", "arrest", "arrest", mention_ids=[d0[0].id]),
            Event("e-bare-2", "attack", "Attack", mention_ids=[d1[1].id]),
            # Bare name, but two documents report it: kept.
            Event("e-two-docs", "attack", "attack", mention_ids=[d0[1].id, d2[1].id]),
            # A date, a place, an actor, or a name of its own each identify an incident.
            Event("e-dated", "attack", "raid", date="2031-02-03", mention_ids=[d0[2].id]),
            Event("e-placed", "arrest", "arrest", country="Chile", mention_ids=[d1[0].id]),
            Event(
                "e-actor",
                "arrest",
                "arrest",
                mention_ids=[d2[0].id],
                actors=[{"role": "perpetrator", "name": "Crew", "key": "crew"}],
            ),
            Event("e-named", "attack", "attack on the ferry", mention_ids=[]),
        ],
        groups=[
            ClaimGroup(
                f"g-{i:02d}",
                Subject("event", f"e-{i % 4}", NAMES[i % len(NAMES)]),
                ("killed", "injured", "percent")[i % 3],
                "people",
                STATUSES[i % len(STATUSES)],
                [claims[i % len(claims)].id],
                1 + i % 4,
                Estimate(None if i % 7 == 0 else i, i, None if i % 5 == 0 else 2 * i + i % 3),
            )
            for i in range(30)
        ],
    )
    picture.event_links = {m: e.id for e in picture.events for m in e.mention_ids}
    store.save_picture(picture)
    return {"claims": [c.id for c in claims], "docs": [d.id for d in docs]}


def _pages(fetch: object, size: int, total: int) -> list[list[str]]:
    assert callable(fetch)
    return [[r.id for r in fetch(limit=size, offset=start)] for start in range(0, total + 1, size)]


@pytest.mark.parametrize("order", GROUP_ORDERS)
@pytest.mark.parametrize("size", [1, 4, 7])
def test_groups_page_covers_every_group_once_in_the_python_order(
    store: Store, order: str, size: int
) -> None:
    _fill(store)
    total = store.count_groups()
    pages = _pages(lambda **kw: store.groups_page(order=order, **kw), size, total)
    flat = [i for p in pages for i in p]
    assert len(flat) == len(set(flat)) == total == 30
    assert flat == [g.id for g in Store.groups_page(store, order=order)]
    assert pages == _pages(lambda **kw: store.groups_page(order=order, **kw), size, total)


@pytest.mark.parametrize(
    "where",
    [
        {"statuses": ["conflict", "evolving"]},
        {"statuses": []},
        {"measure": "killed"},
        {"subject_id": "e-2", "statuses": ["single"]},
    ],
)
def test_count_groups_matches_the_filtered_listing(store: Store, where: dict[str, object]) -> None:
    _fill(store)
    expected = Store.select_groups(store, **where)  # type: ignore[arg-type]
    assert store.count_groups(**where) == len(expected)  # type: ignore[arg-type]
    got = store.groups_page(order="attention", limit=3, offset=1, **where)  # type: ignore[arg-type]
    assert (
        [g.id for g in got]
        == [
            g.id
            for g in Store.groups_page(store, order="attention", **where)  # type: ignore[arg-type]
        ][1:4]
    )


def test_groups_page_refuses_an_unknown_order(store: Store) -> None:
    with pytest.raises(ValueError, match="order must be one of"):
        store.groups_page(order="random")


@pytest.mark.parametrize("measure", [None, "killed"])
def test_claims_page_leaves_out_excluded_ids_and_pages_stably(
    store: Store, measure: str | None
) -> None:
    ids = _fill(store)["claims"]
    exclude = set(ids[::4])
    total = store.count_claims(measure=measure, exclude=exclude)
    pages = _pages(lambda **kw: store.claims_page(measure=measure, exclude=exclude, **kw), 5, total)
    flat = [i for p in pages for i in p]
    expected = [c.id for c in Store.claims_page(store, measure=measure, exclude=exclude)]
    assert flat == expected and len(set(flat)) == total
    assert not exclude & set(flat)
    assert total == len([c for c in store.claims(measure=measure) if c.id not in exclude])


def test_claims_page_narrows_to_one_document(store: Store) -> None:
    doc = _fill(store)["docs"][1]
    got = store.claims_page(doc=doc, limit=100)
    assert {c.doc_id for c in got} == {doc} and len(got) == store.count_claims(doc=doc) == 7


def test_events_page_hides_only_incidents_nothing_identifies(store: Store) -> None:
    _fill(store)
    kept = [e.id for e in store.events_page(bare=False)]
    assert set(kept) == {"e-two-docs", "e-dated", "e-placed", "e-actor", "e-named"}
    assert store.count_events(bare=False) == len(kept)
    assert store.count_events() == 7
    assert kept == [e.id for e in Store.events_page(store, bare=False)]
    everything = [e.id for e in store.events_page()]
    assert everything == [e.id for e in Store.events_page(store)]
    pages = _pages(lambda **kw: store.events_page(**kw), 2, 7)
    assert [i for p in pages for i in p] == everything
    # A bare incident stays in the store and is found by id.
    assert store.get_event("e-bare-1") is not None


def test_events_page_narrows_to_ids_and_counts_documents(store: Store) -> None:
    _fill(store)
    assert [e.id for e in store.events_page(ids=["e-bare-1", "e-dated"], bare=False)] == ["e-dated"]
    assert store.count_events(ids=[], bare=True) == 0
    counts = store.event_document_counts_for(["e-two-docs", "e-dated", "e-named"])
    assert counts == {"e-two-docs": 2, "e-dated": 1}
