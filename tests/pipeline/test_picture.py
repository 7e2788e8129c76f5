"""The stored picture: incremental updates equal a rebuild from scratch; views."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
from recon_records import claim, doc, event, mention

from crosscheck.config import load_settings
from crosscheck.errors import NotFoundError
from crosscheck.model import Document, Extraction
from crosscheck.pipeline.picture import configure, rebuild_picture, update_picture
from crosscheck.pipeline.views import (
    conflicts_view,
    entity_view,
    event_view,
    find_entity,
    find_event,
    groups_view,
)
from crosscheck.store import Store, open_store


def _report(i: int, outlet: str, published: str, toll: int) -> tuple[Document, Extraction]:
    d = doc(f"p{i}", outlet, published)
    em = event(
        d.id,
        "the Lakeside stadium attack",
        date="2031-03-01",
        location="Lakeside",
        country="Freedonia",
        start=0,
    )
    ex = Extraction(
        d.id,
        mentions=[
            mention(d.id, "National Liberation Front" if i % 2 else "NLF", "ARMED_GROUP", start=50)
        ],
        events=[em],
        claims=[
            claim(d.id, "killed", toll, toll, start=100, subject_kind="event", subject_ref=em.id),
            claim(
                d.id,
                "count",
                900 + 100 * (i % 2),
                900 + 100 * (i % 2),
                start=150,
                subject_kind="entity",
                subject_name="NLF",
                counted="fighters",
            ),
        ],
    )
    return d, ex


REPORTS = [
    (0, "Daily Ledger", "2031-03-02", 20),
    (1, "Evening Post", "2031-03-04", 25),
    (2, "Morning Star", "2031-03-05", 25),
    (3, "Daily Ledger", "2031-03-06", 31),
]


def _snapshot(store: Store) -> str:
    p = store.load_picture()
    # Row order of the link tables is the database's business; compare their content.
    for name in ("claim_subjects", "mention_entities", "event_links"):
        setattr(p, name, dict(sorted(getattr(p, name).items())))
    return repr(p)


def test_incremental_update_equals_rebuild(tmp_path: Path) -> None:
    inc = open_store(str(tmp_path / "inc.db"))
    full = open_store(str(tmp_path / "full.db"))
    for i, outlet, published, toll in REPORTS:
        d, ex = _report(i, outlet, published, toll)
        inc.add_document(d, ex)
        update_picture(inc, {d.id})
        full.add_document(*_report(i, outlet, published, toll))
    rebuild_picture(full)
    assert _snapshot(inc) == _snapshot(full)
    groups = inc.groups()
    killed = next(g for g in groups if g.measure == "killed")
    assert killed.status == "evolving" and killed.sources == 3
    assert killed.estimate.best == 31
    inc.close()
    full.close()


def test_views_show_groups_and_find_by_name(store: Store) -> None:
    for row in REPORTS:
        store.add_document(*_report(*row))
    rebuild_picture(store)
    ev = find_event(store, "lakeside stadium")
    assert ev["id"] == find_event(store, ev["id"][:6])["id"]
    view = event_view(store, ev["id"])
    assert len(view["mentions"]) == 4 and len(view["documents"]) == 4
    (killed,) = [g for g in view["groups"] if g["measure"] == "killed"]
    assert next(c["outlet"] for c in killed["claim_details"]) == "Daily Ledger"
    assert all(c["sentence"] for c in killed["claim_details"])
    assert {g["status"] for g in conflicts_view(store)} <= {"conflict", "evolving"}
    assert groups_view(store, status="evolving", event=ev["id"])
    ent = entity_view(store, "nlf")
    assert {a["alias"] for a in ent["aliases"]} == {"NLF", "National Liberation Front"}
    assert ent["groups"] and ent["groups"][0]["status"] == "conflict"
    assert find_entity(store, "National Liberation Front")["id"] == ent["entity"]["id"]


@pytest.mark.parametrize("ref", ["Atlantis bombing", "e-zzzz"])
def test_find_event_unknown_names_close_matches(store: Store, ref: str) -> None:
    store.add_document(*_report(*REPORTS[0]))
    rebuild_picture(store)
    with pytest.raises(NotFoundError, match="matches no event"):
        find_event(store, ref)


def _spelled(store: Store, i: int, name: str) -> None:
    d = doc(f"f{i}", f"Outlet {i}", "2031-03-02")
    store.add_document(d, Extraction(d.id, mentions=[mention(d.id, name, "PERSON", start=10)]))


@pytest.mark.parametrize(("threshold", "entities"), [(None, 1), (90, 1), (99, 2)])
def test_every_update_uses_the_configured_fuzzy_threshold(
    tmp_path: Path, threshold: int | None, entities: int
) -> None:
    # Two spellings of one name scoring ~97: one person unless the threshold is above that.
    store = open_store(str(tmp_path / "f.db"))
    if threshold is not None:
        configure(store, load_settings({"fuzzy_threshold": threshold}, environ={}))
    try:
        _spelled(store, 0, "Sharifjon Nazarov")
        update_picture(store, {"f0"})
        _spelled(store, 1, "Sharifdjon Nazarov")
        incremental = update_picture(store, {"f1"})
        people = [e for e in incremental.entities if e.label == "PERSON"]
        assert len(people) == entities
        assert rebuild_picture(store).entities == incremental.entities
    finally:
        store.close()
