"""Paged listings on the sample store: pages are slices of the full listing, totals add up."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crosscheck.errors import ConfigError
from crosscheck.pipeline.claims import claims_listing, list_claims
from crosscheck.pipeline.corrections import correct_claim
from crosscheck.pipeline.listings import events_listing, events_rows
from crosscheck.pipeline.paging import MAX_LIMIT, Listing
from crosscheck.pipeline.views import conflicts_view, groups_listing, groups_view
from crosscheck.store import Store, open_store
from crosscheck.store.base import event_is_bare


@pytest.fixture
def store(example_db: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "paging.db"
    shutil.copy(example_db, copy)
    with open_store(str(copy)) as s:
        yield s


def _walk(fetch: Callable[..., Listing], size: int) -> tuple[list[dict[str, Any]], set[int]]:
    """Every page of a listing, joined, and the totals the pages reported."""
    rows: list[dict[str, Any]] = []
    totals: set[int] = set()
    offset = 0
    while True:
        page = fetch(limit=size, offset=offset)
        totals.add(page.total)
        assert page.limit == size and page.offset == offset
        if not page.items:
            return rows, totals
        rows += page.items
        offset += size


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in rows]


@pytest.mark.parametrize("size", [1, 3, 50])
def test_group_pages_join_into_the_full_listing(store: Store, size: int) -> None:
    rows, totals = _walk(lambda **kw: groups_listing(store, **kw), size)
    full = groups_view(store)
    assert full and rows == full
    assert totals == {len(full)}


@pytest.mark.parametrize("status", ["conflict", "evolving", "single"])
def test_group_pages_keep_the_status_filter(store: Store, status: str) -> None:
    rows, totals = _walk(lambda **kw: groups_listing(store, status=status, **kw), 2)
    assert _ids(rows) == _ids(groups_view(store, status=status))
    assert totals == {len(rows)}


def test_conflict_pages_follow_the_conflicts_view(store: Store) -> None:
    rows, _ = _walk(
        lambda **kw: groups_listing(store, statuses=["conflict", "evolving"], sort="status", **kw),
        2,
    )
    assert _ids(rows) == _ids(conflicts_view(store))


@pytest.mark.parametrize("measure", [None, "killed"])
def test_claim_pages_join_into_the_full_listing(store: Store, measure: str | None) -> None:
    rows, totals = _walk(lambda **kw: claims_listing(store, measure=measure, **kw), 7)
    full = list_claims(store, measure=measure)
    assert full and rows == full
    assert totals == {len(full)}


def test_claim_pages_leave_out_rejected_and_moved_claims(store: Store) -> None:
    before = list_claims(store)
    killed = [c for c in before if c["measure"] == "killed"]
    correct_claim(store, before[2]["id"], "reject")
    correct_claim(store, killed[0]["id"], "edit", {"measure": "injured"})
    for kwargs in ({}, {"include_rejected": True}, {"measure": "killed"}):
        rows, totals = _walk(lambda **kw: claims_listing(store, **kwargs, **kw), 4)  # noqa: B023
        assert rows == list_claims(store, **kwargs)
        assert totals == {len(rows)}
    assert before[2]["id"] not in _ids(claims_listing(store, limit=MAX_LIMIT).items)
    killed_now = _ids(claims_listing(store, measure="killed", limit=MAX_LIMIT).items)
    assert killed[0]["id"] not in killed_now


def test_event_pages_hide_bare_incidents_and_count_them(store: Store) -> None:
    everything = events_rows(store)
    rows, totals = _walk(lambda **kw: events_listing(store, **kw), 2)
    listing = events_listing(store)
    assert totals == {len(rows)} == {listing.total}
    assert listing.total + listing.hidden == len(everything)
    bare = {
        e.id for e in store.events() if event_is_bare(e, store.event_mentions_by_ids(e.mention_ids))
    }
    assert set(_ids(rows)) == set(_ids(everything)) - bare
    shown_all, _ = _walk(lambda **kw: events_listing(store, bare=True, **kw), 3)
    assert shown_all == everything
    assert events_listing(store, bare=True).hidden == 0


@pytest.mark.parametrize(
    ("limit", "offset", "message"),
    [
        (0, 0, "limit 0 is outside"),
        (-3, 0, "limit -3 is outside"),
        (MAX_LIMIT + 1, 0, "is outside 1"),
        (10, -1, "offset -1 is negative"),
    ],
)
@pytest.mark.parametrize(
    "listing",
    [claims_listing, groups_listing, events_listing],
    ids=["claims", "groups", "events"],
)
def test_bad_page_values_are_one_line_errors(
    store: Store, listing: Callable[..., Listing], limit: int, offset: int, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        listing(store, limit=limit, offset=offset)
    assert "\n" not in str(err.value)


def test_a_page_past_the_end_is_empty_with_the_total(store: Store) -> None:
    total = len(groups_view(store))
    page = groups_listing(store, limit=5, offset=total + 10)
    assert page.items == [] and page.total == total
