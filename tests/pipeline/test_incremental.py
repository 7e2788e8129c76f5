"""Incremental reconciliation: one report at a time, in any order, equals a rebuild.

The sample corpus (examples/) is extracted once; its documents and extractions are then
copied into fresh stores one by one in several orders, with the picture updated after
each, and every final picture is compared with one rebuilt from scratch.
"""

from __future__ import annotations

import dataclasses
import gc
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.config import Settings, load_settings
from crosscheck.model import Document, Extraction
from crosscheck.pipeline.corrections import correct_claim
from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
from crosscheck.pipeline.picture import forget_state, rebuild_picture, update_picture
from crosscheck.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

Corpus = list[tuple[Document, Extraction]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """Every sample report with its extraction, extracted once for the module."""
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is not present")
    db = tmp_path_factory.mktemp("extract") / "src.db"
    settings: Settings = load_settings({"db": str(db)}, environ={})
    src = open_store(str(db))
    ingest_paths(src, [str(EXAMPLES)], settings, workers=1, reconcile=False)
    out = []
    for d in src.documents():
        full = src.get_document(d.id)
        assert full is not None
        ex = Extraction(
            d.id,
            mentions=src.mentions(doc=d.id),
            claims=src.claims(doc=d.id),
            events=src.event_mentions(doc=d.id),
            statements=src.statements(doc=d.id),
        )
        out.append((full, ex))
    src.close()
    yield out


def _snapshot(store: Store) -> dict[str, object]:
    p = store.load_picture()
    return {
        "entities": sorted(repr(e) for e in p.entities),
        "events": sorted(repr(e) for e in p.events),
        "groups": sorted(repr(g) for g in p.groups),
        "claim_subjects": sorted(repr(kv) for kv in p.claim_subjects.items()),
        "mention_entities": sorted(p.mention_entities.items()),
        "event_links": sorted(p.event_links.items()),
    }


def _rebuilt(path: Path, corpus: Corpus) -> dict[str, object]:
    """The picture of the same documents, reconciled once from scratch in a fresh store."""
    forget_state()
    store = open_store(str(path))
    for d, ex in corpus:
        store.add_document(d, ex)
    rebuild_picture(store)
    snap = _snapshot(store)
    store.close()
    return snap


def _order(corpus: Corpus, how: str) -> Corpus:
    if how == "sorted":
        return sorted(corpus, key=lambda x: x[0].id)
    if how == "reversed":
        return sorted(corpus, key=lambda x: x[0].id, reverse=True)
    items = list(corpus)
    random.Random(how).shuffle(items)
    return items


@pytest.mark.parametrize("how", ["sorted", "reversed", "shuffle-7"])
def test_one_by_one_equals_rebuild(tmp_path: Path, corpus: Corpus, how: str) -> None:
    assert len(corpus) >= 5
    store = open_store(str(tmp_path / "inc.db"))
    for d, ex in _order(corpus, how):
        store.add_document(d, ex)
        reconcile_pending(store)
    got = _snapshot(store)
    store.close()
    want = _rebuilt(tmp_path / "full.db", corpus)
    assert got["groups"] and got["events"] and got["entities"]
    for part in want:
        assert got[part] == want[part], part


def test_batches_and_a_fresh_process_state_equal_rebuild(tmp_path: Path, corpus: Corpus) -> None:
    """Several reports per update, and an update with no remembered state, still agree."""
    store = open_store(str(tmp_path / "inc.db"))
    items = _order(corpus, "shuffle-3")
    half = len(items) // 2
    for d, ex in items[:half]:
        store.add_document(d, ex)
    reconcile_pending(store)
    forget_state()  # as if the next ingest ran in a new process
    for d, ex in items[half:]:
        store.add_document(d, ex)
        reconcile_pending(store)
    got = _snapshot(store)
    store.close()
    assert got == _rebuilt(tmp_path / "full.db", corpus)


def test_reprocessed_document_equals_rebuild(tmp_path: Path, corpus: Corpus) -> None:
    """A document whose extraction changes (here: loses its claims and events) is re-evaluated."""
    store = open_store(str(tmp_path / "inc.db"))
    for d, ex in corpus:
        store.add_document(d, ex)
        reconcile_pending(store)
    doc, ex = max(corpus, key=lambda x: len(x[1].claims))
    thinner = dataclasses.replace(ex, claims=ex.claims[: len(ex.claims) // 2], events=[])
    store.replace_extraction(thinner)
    update_picture(store, {doc.id})
    got = _snapshot(store)
    store.close()
    changed = [(d, thinner if d.id == doc.id else e) for d, e in corpus]
    assert got == _rebuilt(tmp_path / "full.db", changed)


def test_correction_after_incremental_updates_equals_rebuild(
    tmp_path: Path, corpus: Corpus
) -> None:
    store = open_store(str(tmp_path / "inc.db"))
    for d, ex in _order(corpus, "reversed"):
        store.add_document(d, ex)
        reconcile_pending(store)
    grouped = [g for g in store.groups() if len(g.claims) > 1]
    assert grouped
    target = sorted(grouped, key=lambda g: g.id)[0].claims[0]
    correct_claim(store, target, "reject")
    got = _snapshot(store)
    forget_state()
    rebuild_picture(store)
    assert got == _snapshot(store)
    store.close()


@pytest.mark.parametrize("enabled", [True, False])
def test_update_leaves_the_collector_as_it_found_it(
    tmp_path: Path, corpus: Corpus, enabled: bool
) -> None:
    """The collector is paused only during an update, and stays off if the caller turned it off."""
    store = open_store(str(tmp_path / "inc.db"))
    for d, ex in corpus[:3]:
        store.add_document(d, ex)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        reconcile_pending(store)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
        store.close()


@pytest.mark.parametrize("drop", [0, -1])
def test_report_losing_one_incident_mention_equals_rebuild(
    tmp_path: Path, corpus: Corpus, drop: int
) -> None:
    """Remembered main-incident choices of other reports follow an incident that changed."""
    store = open_store(str(tmp_path / "inc.db"))
    for d, ex in corpus:
        store.add_document(d, ex)
        reconcile_pending(store)
    doc, ex = max(corpus, key=lambda x: len(x[1].events))
    assert len(ex.events) > 1
    fewer = [e for i, e in enumerate(ex.events) if i != drop % len(ex.events)]
    thinner = dataclasses.replace(ex, events=fewer)
    store.replace_extraction(thinner)
    update_picture(store, {doc.id})
    got = _snapshot(store)
    store.close()
    changed = [(d, thinner if d.id == doc.id else e) for d, e in corpus]
    assert got == _rebuilt(tmp_path / "full.db", changed)
