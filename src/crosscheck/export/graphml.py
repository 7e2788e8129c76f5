"""GraphML for Gephi and other graph tools (written with networkx).

Nodes are resolved entities (``kind="entity"``) and events (``kind="event"``); edges are actor
roles from events to entities (``kind="actor"``, with the role), an event's place
(``kind="located-at"``) and co-mentions between entities (``kind="co-mention"``, with how many
sentences and documents name both). Every node has ``label``, ``type``, ``mentions``,
``documents`` and ``status`` (the most contested verdict among the figures about it, or
"none"), so Gephi can size and colour by them. GraphML values must be str/int/float/bool:
missing values are left out, never written as None.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from crosscheck.errors import ExportError
from crosscheck.export.registry import ExportResult, register_exporter
from crosscheck.export.selection import Selection

# Most contested first: a node shows the worst verdict among the groups about it.
_STATUS_RANK = ("conflict", "evolving", "consistent", "single", "corroborated")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def _status(statuses: list[str]) -> str:
    ranked = [s for s in _STATUS_RANK if s in statuses]
    return ranked[0] if ranked else "none"


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_index(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


@dataclass
class _Tally:
    """How often each entity and event is mentioned, in which documents and sentences."""

    mentions: Counter[str] = field(default_factory=Counter)
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # (document, sentence index) -> the entities named in that sentence
    in_sentence: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))


def _tally(selection: Selection) -> _Tally:
    tally = _Tally()
    starts = {d.id: _sentence_starts(d.text) for d in selection.documents}
    for m in selection.mentions:
        eid = selection.picture.mention_entities.get(m.id)
        if eid is None:
            continue
        tally.mentions[eid] += 1
        tally.documents[eid].add(m.doc_id)
        if m.doc_id in starts:
            tally.in_sentence[(m.doc_id, _sentence_index(starts[m.doc_id], m.start))].add(eid)
    for em in selection.event_mentions:
        evid = selection.picture.event_links.get(em.id)
        if evid is not None:
            tally.mentions[evid] += 1
            tally.documents[evid].add(em.doc_id)
    return tally


def _add_entities(
    graph: nx.Graph, selection: Selection, tally: _Tally, statuses: dict[str, list[str]]
) -> None:
    for ent in selection.entities:
        graph.add_node(
            ent.id,
            **_clean(
                {
                    "kind": "entity",
                    "label": ent.name,
                    "type": ent.label,
                    "aliases": "; ".join(sorted(a for a in ent.aliases if a != ent.name)),
                    "mentions": tally.mentions[ent.id],
                    "documents": len(tally.documents[ent.id]),
                    "status": _status(statuses[ent.id]),
                }
            ),
        )


def _add_events(
    graph: nx.Graph, selection: Selection, tally: _Tally, statuses: dict[str, list[str]]
) -> None:
    """Event nodes, each followed by its actor and place edges (entity nodes already exist)."""
    entity_ids = {e.id for e in selection.entities}
    key_to_entity = selection.entity_of_key()
    by_name = {e.name.casefold(): e.id for e in selection.entities}
    for ev in selection.events:
        graph.add_node(
            ev.id,
            **_clean(
                {
                    "kind": "event",
                    "label": ev.name,
                    "type": ev.type,
                    "date": ev.date,
                    "location": ev.location,
                    "country": ev.country,
                    "latitude": float(ev.latitude) if ev.latitude is not None else None,
                    "longitude": float(ev.longitude) if ev.longitude is not None else None,
                    "mentions": tally.mentions[ev.id],
                    "documents": len(tally.documents[ev.id]),
                    "status": _status(statuses[ev.id]),
                }
            ),
        )
        for actor in ev.actors:
            eid = key_to_entity.get(actor.get("key", ""))
            if eid in entity_ids:
                graph.add_edge(
                    ev.id,
                    eid,
                    kind="actor",
                    role=actor.get("role") or "",
                    sentences=0,
                    documents=0,
                    weight=1,
                )
        place = by_name.get((ev.location or "").casefold())
        if place is not None and not graph.has_edge(ev.id, place):
            graph.add_edge(
                ev.id, place, kind="located-at", role="", sentences=0, documents=0, weight=1
            )


def _pair_counts(groups: Iterable[set[str]]) -> Counter[tuple[str, str]]:
    """For each pair of ids, how many of ``groups`` hold both."""
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in groups:
        for a, b in combinations(sorted(ids), 2):
            pairs[(a, b)] += 1
    return pairs


def _add_co_mentions(graph: nx.Graph, selection: Selection, tally: _Tally) -> None:
    entity_ids = {e.id for e in selection.entities}
    sentences = _pair_counts(tally.in_sentence.values())
    per_doc: dict[str, set[str]] = defaultdict(set)
    for eid, docs in tally.documents.items():
        if eid in entity_ids:
            for d in docs:
                per_doc[d].add(eid)
    for (a, b), ndocs in sorted(_pair_counts(per_doc.values()).items()):
        graph.add_edge(
            a,
            b,
            kind="co-mention",
            role="",
            sentences=sentences[(a, b)],
            documents=ndocs,
            weight=ndocs + sentences[(a, b)],
        )


def build_graph(selection: Selection) -> nx.Graph:
    """The entity/event graph of ``selection`` (see module docstring)."""
    graph = nx.Graph(name="crosscheck")
    statuses: dict[str, list[str]] = defaultdict(list)
    for g in selection.groups:
        if g.subject.id:
            statuses[g.subject.id].append(g.status)
    tally = _tally(selection)
    _add_entities(graph, selection, tally, statuses)
    _add_events(graph, selection, tally, statuses)
    _add_co_mentions(graph, selection, tally)
    return graph


@register_exporter("graphml", suffix=".graphml", help="GraphML of entities and events (Gephi)")
def export_graphml(selection: Selection, output: Path) -> ExportResult:
    """Write the entity/event graph of ``selection`` to ``output`` as GraphML."""
    graph = build_graph(selection)
    try:
        nx.write_graphml(graph, output, encoding="utf-8", prettyprint=True)
    except OSError as exc:
        raise ExportError(f"{output}: cannot write the GraphML file ({exc.strerror})") from exc
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    edges = Counter(d["kind"] for _, _, d in graph.edges(data=True))
    counts = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        **{f"{k} nodes": v for k, v in sorted(kinds.items())},
        **{f"{k} edges": v for k, v in sorted(edges.items())},
    }
    return ExportResult(format="graphml", paths=[str(output)], counts=counts)


__all__ = ["build_graph", "export_graphml"]
