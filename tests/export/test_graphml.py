"""GraphML: entities and events as nodes, actor roles and co-mentions as edges, legal values."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest
from golden import check_golden

from crosscheck.export import ExportOptions, export, select
from crosscheck.store import Store


def _graph(store: Store, path: Path, **filters: str) -> nx.Graph:
    export(store, "graphml", path, ExportOptions(**filters))
    return nx.read_graphml(path)


def test_graphml_golden(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    export(hand_store, "graphml", out)
    check_golden(out, "graph.graphml")


def test_graphml_nodes_and_attributes(hand_store: Store, tmp_path: Path) -> None:
    graph = _graph(hand_store, tmp_path / "g.graphml")
    sel = select(hand_store)
    assert graph.number_of_nodes() == len(sel.entities) + len(sel.events)
    for _, data in graph.nodes(data=True):
        assert data["kind"] in ("entity", "event")
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    assert graph.nodes["n-lion"]["status"] == "conflict"
    assert graph.nodes["e-market"]["status"] == "evolving"
    assert graph.nodes["n-kabul"]["mentions"] == 3


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("e-market", "n-lion", "actor"),
        ("e-market", "n-kabul", "located-at"),
        ("n-kabul", "n-lion", "co-mention"),
    ],
)
def test_graphml_edges(hand_store: Store, tmp_path: Path, a: str, b: str, kind: str) -> None:
    graph = _graph(hand_store, tmp_path / "g.graphml")
    assert graph.edges[a, b]["kind"] == kind


def test_graphml_co_mention_counts(hand_store: Store, tmp_path: Path) -> None:
    graph = _graph(hand_store, tmp_path / "g.graphml")
    edge = graph.edges["n-kabul", "n-lion"]
    assert edge["documents"] == 3
    # "Kabul" and "Lion Front" share no sentence in any of the three reports.
    assert edge["sentences"] == 0
    assert graph.edges["n-health", "n-kabul"]["sentences"] == 1


def test_graphml_filter(hand_store: Store, tmp_path: Path) -> None:
    graph = _graph(hand_store, tmp_path / "g.graphml", until="2023-05-08")
    assert "n-health" not in graph


def test_graphml_hostile_text(hand_store: Store, tmp_path: Path) -> None:
    picture = hand_store.load_picture()
    hostile = "Lion <script>alert('x')</script> & Co"
    picture.entities = [
        dataclasses.replace(e, name=hostile) if e.id == "n-lion" else e for e in picture.entities
    ]
    hand_store.save_picture(picture)
    graph = _graph(hand_store, tmp_path / "g.graphml")
    assert graph.nodes["n-lion"]["label"] == hostile
    assert "<script>" not in (tmp_path / "g.graphml").read_text()  # escaped, never markup
