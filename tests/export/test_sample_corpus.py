"""Round trips on the real sample corpus (examples/) ingested through the whole pipeline.

Counts, not exact values: extraction improves over time, the formats must follow.
"""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
import stix2
from pymisp import MISPEvent

from crosscheck.config import load_settings
from crosscheck.export import ExportOptions, export, import_file, select
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if not any(EXAMPLES.glob("*.txt")):
        pytest.skip("the sample corpus in examples/ is absent")
    store = open_store(str(tmp_path_factory.mktemp("corpus") / "corpus.db"))
    ingest_paths(store, [str(EXAMPLES)], load_settings(environ={}))
    yield store
    store.close()


def test_corpus_stix_counts(corpus_store: Store, tmp_path: Path) -> None:
    export(corpus_store, "stix", tmp_path / "b.json")
    bundle = stix2.parse((tmp_path / "b.json").read_text(encoding="utf-8"), allow_custom=True)
    sel = select(corpus_store)
    kinds = [o.type for o in bundle.objects]
    assert kinds.count("report") == len(sel.documents)
    assert kinds.count("incident") == len(sel.events)
    ext = next(o.id for o in bundle.objects if o.type == "extension-definition")
    carried = {
        g["id"]
        for o in bundle.objects
        if "extensions" in o and ext in o.extensions
        for g in o.extensions[ext].get("groups", [])
    }
    assert carried == {g.id for g in sel.groups}


def test_corpus_misp_loads(corpus_store: Store, tmp_path: Path) -> None:
    export(corpus_store, "misp", tmp_path / "m.json")
    for item in json.loads((tmp_path / "m.json").read_text(encoding="utf-8")):
        event = MISPEvent()
        event.load(copy.deepcopy(item))
        assert event.info and event.uuid


@pytest.mark.parametrize("table", ["claims", "groups", "events", "entities", "documents"])
def test_corpus_tables_counts(corpus_store: Store, tmp_path: Path, table: str) -> None:
    result = export(corpus_store, "csv", tmp_path / "csv")
    export(corpus_store, "parquet", tmp_path / "pq")
    with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == result.counts[table]
    assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == result.counts[table]


def test_corpus_graphml_reads(corpus_store: Store, tmp_path: Path) -> None:
    export(corpus_store, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    sel = select(corpus_store)
    assert graph.number_of_nodes() == len(sel.entities) + len(sel.events)


@pytest.mark.parametrize("fmt", ["jsonl", "stix"])
def test_corpus_reimport_gives_same_groups(corpus_store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"dump.{'jsonl' if fmt == 'jsonl' else 'json'}"
    export(corpus_store, fmt, out)
    target = open_store(str(tmp_path / "copy.db"))
    try:
        import_file(target, out, load_settings(environ={}))
        assert target.document_ids() == corpus_store.document_ids()
        assert sorted((g.id, g.status) for g in target.groups()) == sorted(
            (g.id, g.status) for g in corpus_store.groups()
        )
    finally:
        target.close()


def test_corpus_event_filter(corpus_store: Store, tmp_path: Path) -> None:
    events = select(corpus_store).events
    if not events:
        pytest.skip("no events extracted")
    sel = select(corpus_store, ExportOptions(event=events[0].id))
    assert [e.id for e in sel.events] == [events[0].id]
    assert 0 < len(sel.documents) <= len(select(corpus_store).documents)
