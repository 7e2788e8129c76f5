"""Views read only what they show, and show exactly what full-table reads would.

The sample corpus is ingested once. ``ReferenceStore`` answers every targeted read with
the reference defaults of :class:`Store` (narrowing whole tables in Python); the views
must give the same output over it as over the real SQL lookups. ``GuardedStore`` fails
a test when a view that shows one record asks the store for a whole table.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crosscheck.config import load_settings
from crosscheck.errors import NotFoundError
from crosscheck.model import Correction
from crosscheck.pipeline.claims import claim_by_id, list_claims
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.pipeline.listings import entities_rows, events_rows, statements_rows
from crosscheck.pipeline.search import search_all
from crosscheck.pipeline.views import (
    conflicts_view,
    entity_view,
    event_view,
    find_entity,
    find_event,
    group_view,
    groups_view,
)
from crosscheck.store import Store, open_store
from crosscheck.store.lookups import SqlLookups
from crosscheck.store.sqlite import SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TARGETED = sorted(
    name for name, value in vars(SqlLookups).items() if callable(value) and name[0] != "_"
)
ReferenceStore = type(
    "ReferenceStore", (SQLiteStore,), {name: getattr(Store, name) for name in TARGETED}
)


class BulkRead(AssertionError):
    """A view asked for a whole table."""


class GuardedStore(SQLiteStore):
    """A store whose unfiltered bulk readers raise while ``guard`` is on."""

    guard = False

    def _check(self, what: str, narrowed: bool) -> None:
        if self.guard and not narrowed:
            raise BulkRead(f"view read every row of {what}")

    def events(self) -> Any:
        self._check("events", False)
        return super().events()

    def entities(self) -> Any:
        self._check("entities", False)
        return super().entities()

    def groups(self) -> Any:
        self._check("groups", False)
        return super().groups()

    def load_picture(self) -> Any:
        self._check("the picture", False)
        return super().load_picture()

    def claims(self, **kw: Any) -> Any:
        self._check("claims", bool(kw.get("doc") or kw.get("doc_ids") is not None))
        return super().claims(**kw)

    def mentions(self, **kw: Any) -> Any:
        self._check("mentions", bool(kw.get("doc") or kw.get("doc_ids") is not None))
        return super().mentions(**kw)

    def event_mentions(self, **kw: Any) -> Any:
        self._check("event mentions", bool(kw.get("doc") or kw.get("doc_ids") is not None))
        return super().event_mentions(**kw)

    def statements(self, **kw: Any) -> Any:
        self._check("statements", bool(kw.get("doc") or kw.get("doc_ids") is not None))
        return super().statements(**kw)

    def documents(self, **kw: Any) -> Any:
        self._check("documents", kw.get("limit") is not None)
        return super().documents(**kw)

    def corrections(self, **kw: Any) -> Any:
        self._check("corrections", False)
        return super().corrections(**kw)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, reconciled, with one claim rejected, one confirmed, one edited."""
    path = tmp_path_factory.mktemp("views") / "sample.db"
    settings = load_settings({"db": str(path)}, environ={})
    store = open_store(settings.db)
    try:
        assert ingest_paths(store, [str(EXAMPLES)], settings).new
        grouped = [cid for g in store.groups() for cid in g.claims]
        store.add_correction(Correction("claim", grouped[0], "reject", reason="misread"))
        store.add_correction(Correction("claim", grouped[1], "confirm"))
        store.add_correction(Correction("claim", grouped[2], "edit", {"low": 7, "high": 9}))
    finally:
        store.close()
    return path


@pytest.fixture
def pair(sample_db: Path, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """The sample store opened twice: with the SQL lookups and with the reference reads."""
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    fast, slow = SQLiteStore(str(copy)), ReferenceStore(str(copy))
    try:
        yield fast, slow
    finally:
        fast.close()
        slow.close()


@pytest.fixture
def guarded(sample_db: Path, tmp_path: Path) -> Iterator[GuardedStore]:
    copy = tmp_path / "guarded.db"
    shutil.copy(sample_db, copy)
    store = GuardedStore(str(copy))
    try:
        yield store
    finally:
        store.close()


def _refs(store: Store) -> dict[str, list[str]]:
    return {
        "events": [e.id for e in store.events()],
        "entities": [e.id for e in store.entities()],
        "groups": [g.id for g in store.groups()],
        "docs": store.document_ids(),
        "claims": [c.id for c in store.claims()],
    }


def test_views_reference_store_replaces_every_targeted_read() -> None:
    assert {"get_event", "select_groups", "claims_by_ids", "entities_matching"} <= set(TARGETED)
    assert all(getattr(ReferenceStore, n) is getattr(Store, n) for n in TARGETED)


Each = Callable[[Store, dict[str, list[str]]], list[Any]]

SAME_AS_REFERENCE: list[tuple[str, Each]] = [
    ("event_view", lambda s, r: [event_view(s, e) for e in r["events"]]),
    ("event_view by prefix", lambda s, r: [event_view(s, e[:9].upper()) for e in r["events"]]),
    ("entity_view", lambda s, r: [entity_view(s, e) for e in r["entities"]]),
    ("group_view", lambda s, r: [group_view(s, g) for g in r["groups"]]),
    ("groups_view by event", lambda s, r: [groups_view(s, event=e) for e in r["events"]]),
    ("groups_view", lambda s, r: [groups_view(s), groups_view(s, status="conflict")]),
    ("groups_view by measure", lambda s, r: [groups_view(s, measure="killed")]),
    ("conflicts_view", lambda s, r: [conflicts_view(s)]),
    ("claim_by_id", lambda s, r: [claim_by_id(s, c) for c in r["claims"]]),
    ("list_claims", lambda s, r: [list_claims(s), list_claims(s, include_rejected=True)]),
    ("list_claims by doc", lambda s, r: [list_claims(s, doc=d) for d in r["docs"]]),
    ("list_claims by event", lambda s, r: [list_claims(s, event=e[:5]) for e in r["events"]]),
    ("list_claims by entity", lambda s, r: [list_claims(s, entity=e) for e in r["entities"]]),
    (
        "entities_rows",
        lambda s, r: [entities_rows(s), *(entities_rows(s, doc=d) for d in r["docs"])],
    ),
    ("events_rows", lambda s, r: [events_rows(s), *(events_rows(s, doc=d) for d in r["docs"])]),
    ("statements_rows", lambda s, r: [statements_rows(s, doc=d) for d in [None, *r["docs"]]]),
]


@pytest.mark.parametrize(("name", "each"), SAME_AS_REFERENCE, ids=[n for n, _ in SAME_AS_REFERENCE])
def test_views_same_output_as_full_table_reads(
    pair: tuple[Store, Store], name: str, each: Each
) -> None:
    fast, slow = pair
    refs = _refs(fast)
    got = each(fast, refs)
    assert got == each(slow, refs)
    assert got and any(got), f"{name} showed nothing on the sample corpus"


@pytest.mark.parametrize(
    "query", ["killed", "ISIS", "islamic state", '"city hall"', "al", "zzqx", "50%", "tajik_"]
)
@pytest.mark.parametrize(("limit", "offset"), [(20, 0), (2, 1)])
def test_views_search_same_output_as_full_table_reads(
    pair: tuple[Store, Store], query: str, limit: int, offset: int
) -> None:
    fast, slow = pair
    got = search_all(fast, query, limit=limit, offset=offset)
    assert got == search_all(slow, query, limit=limit, offset=offset)
    assert all(len(got[k]) <= limit for k in ("documents", "claims", "entities"))


GUARDED: list[tuple[str, Each]] = [
    ("event_view", lambda s, r: [event_view(s, e) for e in r["events"]]),
    ("event_view by prefix", lambda s, r: [event_view(s, e[:8]) for e in r["events"]]),
    ("entity_view", lambda s, r: [entity_view(s, e) for e in r["entities"]]),
    ("group_view", lambda s, r: [group_view(s, g[:6]) for g in r["groups"][:1]]),
    ("groups_view by event", lambda s, r: [groups_view(s, event=e) for e in r["events"]]),
    ("conflicts_view", lambda s, r: [conflicts_view(s)]),
    ("claim_by_id", lambda s, r: [claim_by_id(s, c) for c in r["claims"]]),
    ("search", lambda s, r: [search_all(s, q) for q in ("attack", "state", "killed")]),
    ("events_rows by doc", lambda s, r: [events_rows(s, doc=d) for d in r["docs"]]),
    ("entities_rows by doc", lambda s, r: [entities_rows(s, doc=d) for d in r["docs"]]),
    ("statements_rows by doc", lambda s, r: [statements_rows(s, doc=d) for d in r["docs"]]),
]


@pytest.mark.parametrize(("name", "each"), GUARDED, ids=[n for n, _ in GUARDED])
def test_views_read_only_what_they_show(guarded: GuardedStore, name: str, each: Each) -> None:
    refs = _refs(guarded)
    guarded.guard = True
    assert each(guarded, refs)


def test_views_guard_catches_a_whole_table_read(guarded: GuardedStore) -> None:
    guarded.guard = True
    with pytest.raises(BulkRead, match="every row of events"):
        find_event(guarded, "no such incident anywhere")


def test_views_show_review_states_of_corrected_claims(pair: tuple[Store, Store]) -> None:
    fast, _ = pair
    reviews = {d["id"]: d["review"] for g in groups_view(fast) for d in g["claim_details"]}
    assert {"rejected", "confirmed", "edited"} <= set(reviews.values())
    edited = next(cid for cid, review in reviews.items() if review == "edited")
    row = claim_by_id(fast, edited)
    assert row is not None and (row["low"], row["high"]) == (7, 9) and row["corrected"]
    rejected = next(cid for cid, review in reviews.items() if review == "rejected")
    assert all(c["id"] != rejected for c in list_claims(fast))
    assert claim_by_id(fast, rejected) is not None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: find_event(s, "Atlantis harbour blast"), "matches no event"),
        (lambda s: find_entity(s, "n-zzzz"), "matches no entity"),
        (lambda s: event_view(s, "e-"), "event"),
        (lambda s: group_view(s, "g-zzzz"), "is not in the store"),
        (lambda s: group_view(s, "g-"), "is not in the store"),
    ],
)
def test_views_unknown_refs_say_so(
    pair: tuple[Store, Store], call: Callable[[Store], Any], message: str
) -> None:
    with pytest.raises(NotFoundError, match=message):
        call(pair[0])


def test_views_find_by_name_still_works(pair: tuple[Store, Store]) -> None:
    fast, _ = pair
    events = fast.events()
    labels = [n.casefold() for e in events for n in (e.name, e.location or "")]
    event = next(e for e in events if labels.count(e.name.casefold()) == 1)
    assert find_event(fast, event.name)["id"] == event.id
    assert find_event(fast, f"  {event.id.upper()} ")["id"] == event.id
    entity = max(fast.entities(), key=lambda e: len(e.aliases))
    alias = next(a for a in entity.aliases if a != entity.name)
    assert find_entity(fast, alias)["id"] == entity.id
    rows = search_all(fast, alias, kinds=("entities",))["entities"]
    assert entity.id in {r["id"] for r in rows}
