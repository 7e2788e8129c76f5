"""The link graph: incidents, actors, outlets and statements (who said what about whom).

A node id names its kind: ``event:e-…``, ``actor:<key>`` (the gazetteer key or the
folded name an extraction gave the actor), ``outlet:<name>`` and ``statement:s-…``.
:func:`neighbourhood` returns the nodes one step from a node, so a page can open on an
incident and expand any node it shows, as OpenCTI's knowledge graph does. Each
expansion is bounded (:data:`LIMIT` neighbours of each kind) so a busy actor or outlet
in a large store stays readable and fast; ``more`` says how many were left out.
"""

from __future__ import annotations

from typing import Any

from crosscheck.errors import ConfigError, NotFoundError
from crosscheck.model import Event, Statement
from crosscheck.pipeline.views import event_view
from crosscheck.reconcile.text import fold
from crosscheck.store import Store

KINDS = ("event", "actor", "outlet", "statement")
#: Most neighbours of one kind an expansion returns.
LIMIT = 40


class _Graph:
    def __init__(self, center: str) -> None:
        self.center = center
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[str, dict[str, Any]] = {}
        self.more: dict[str, int] = {}

    def node(self, node_id: str, kind: str, label: str, href: str | None, detail: str = "") -> str:
        self.nodes.setdefault(
            node_id, {"id": node_id, "kind": kind, "label": label, "href": href, "detail": detail}
        )
        return node_id

    def edge(self, source: str, target: str, label: str) -> None:
        edge_id = f"{source}|{label}|{target}"
        self.edges.setdefault(
            edge_id, {"id": edge_id, "source": source, "target": target, "label": label}
        )

    def result(self) -> dict[str, Any]:
        return {
            "center": self.center,
            "nodes": list(self.nodes.values()),
            "edges": list(self.edges.values()),
            "more": self.more,
        }


def actor_id(key: str | None, name: str) -> str:
    return "actor:" + (key or fold(name).strip())


def _event_node(g: _Graph, event: dict[str, Any]) -> str:
    place = ", ".join(dict.fromkeys(p for p in (event.get("location"), event.get("country")) if p))
    detail = " · ".join(p for p in (event.get("type"), event.get("date"), place) if p)
    return g.node(f"event:{event['id']}", "event", event["name"], f"/events/{event['id']}", detail)


def _fields(ev: Event) -> dict[str, Any]:
    keys = ("id", "name", "type", "date", "location", "country")
    return {k: getattr(ev, k) for k in keys}


def _said(s: Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "stance": s.stance,
        "content": s.content,
        "document": {"id": s.doc_id},
    }


def _actor_node(g: _Graph, key: str | None, name: str) -> str:
    href = f"/entities/{name}" if name else None
    return g.node(actor_id(key, name), "actor", name or key or "actor", href)


def _statement_node(g: _Graph, s: dict[str, Any]) -> str:
    content = " ".join(str(s.get("content") or "").split())
    short = content if len(content) <= 80 else content[:77] + "…"
    doc = s.get("document") or {}
    return g.node(
        f"statement:{s['id']}",
        "statement",
        f"{s.get('stance') or 'says'}: {short}",
        f"/documents/{doc['id']}" if doc.get("id") else None,
        content,
    )


def _around_event(store: Store, g: _Graph, ref: str) -> None:
    view = event_view(store, ref)
    center = _event_node(g, view["event"])
    for a in view["actors"]:
        g.edge(_actor_node(g, a.get("key"), a.get("name", "")), center, a.get("role") or "actor")
    outlets = sorted({d.get("outlet") for d in view["documents"] if d.get("outlet")})
    for outlet in outlets[:LIMIT]:
        g.edge(g.node(f"outlet:{outlet}", "outlet", outlet, None), center, "reported")
    for s in view["statements"][:LIMIT]:
        node = _statement_node(g, s)
        g.edge(_actor_node(g, None, s["speaker"]), node, s.get("verb") or "said")
        g.edge(node, center, "about")
    g.more = {
        "outlet": max(0, len(outlets) - LIMIT),
        "statement": max(0, len(view["statements"]) - LIMIT),
    }


def _around_actor(store: Store, g: _Graph, key: str) -> None:
    events = []
    for event_id, actors in store.event_actors([key]).items():
        for a in actors:
            if (a.get("key") or fold(a.get("name", "")).strip()) == key:
                events.append((event_id, a))
    if not events:
        speakers = [s for s, k in store.statement_speakers() if (k or fold(s).strip()) == key]
        if not speakers:
            raise NotFoundError(f"actor {key!r} is in no incident and said nothing; open an event")
    found = store.events_by_ids(sorted({e for e, _ in events}))
    found.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    roles = {e: a for e, a in events}
    first = next(iter(roles.values()), None)
    center = g.node(actor_id(key, ""), "actor", (first or {}).get("name") or key, None)
    if first:
        g.nodes[center]["href"] = f"/entities/{first.get('name')}"
    for ev in found[:LIMIT]:
        node = _event_node(g, _fields(ev))
        g.edge(center, node, roles[ev.id].get("role") or "actor")
    spoken = [s for s in store.statements_by_speakers([], [key]) if (s.speaker_key or "") == key]
    for s in spoken[:LIMIT]:
        node = _statement_node(g, _said(s))
        g.edge(center, node, s.verb or "said")
    g.more = {"event": max(0, len(found) - LIMIT), "statement": max(0, len(spoken) - LIMIT)}


def _around_outlet(store: Store, g: _Graph, outlet: str) -> None:
    docs = store.documents(outlet=outlet)
    if not docs:
        raise NotFoundError(f"outlet {outlet!r} has no documents in the store; check the name")
    center = g.node(f"outlet:{outlet}", "outlet", outlet, None)
    recent = sorted(docs, key=lambda d: (d.published or "", d.id), reverse=True)
    mentions = store.event_mentions(doc_ids=[d.id for d in recent[: LIMIT * 2]])
    links = store.event_links_for(m.id for m in mentions)
    event_ids = sorted(set(links.values()))
    found = store.events_by_ids(event_ids)
    found.sort(key=lambda e: (e.date or "", e.id), reverse=True)
    for ev in found[:LIMIT]:
        g.edge(center, _event_node(g, _fields(ev)), "reported")
    g.more = {"event": max(0, len(found) - LIMIT), "document": max(0, len(docs) - LIMIT * 2)}


def _around_statement(store: Store, g: _Graph, statement_id: str) -> None:
    found = store.statements_by_ids([statement_id])
    if not found:
        raise NotFoundError(f"statement {statement_id!r} is not in the store; open an event")
    s = found[0]
    node = _statement_node(g, _said(s))
    g.center = node
    g.edge(_actor_node(g, s.speaker_key, s.speaker), node, s.verb or "said")
    doc = store.get_document(s.doc_id)
    if doc is not None and doc.outlet:
        g.edge(g.node(f"outlet:{doc.outlet}", "outlet", doc.outlet, None), node, "published")


def neighbourhood(store: Store, node: str) -> dict[str, Any]:
    """The nodes one step from ``node`` and the edges to them.

    Returns:
        ``{"center", "nodes": [{"id", "kind", "label", "href", "detail"}],
        "edges": [{"id", "source", "target", "label"}], "more": {kind: left out}}``.

    Raises:
        NotFoundError: the node names nothing in the store.
        ConfigError: the id does not start with a known kind.
    """
    kind, _, ref = node.partition(":")
    if kind not in KINDS or not ref.strip():
        raise ConfigError(f"graph node {node!r} is not KIND:ID with KIND one of {', '.join(KINDS)}")
    g = _Graph(node)
    {
        "event": _around_event,
        "actor": _around_actor,
        "outlet": _around_outlet,
        "statement": _around_statement,
    }[kind](store, g, ref.strip())
    if kind == "event":
        g.center = next(iter(g.nodes))
    return g.result()


__all__ = ["KINDS", "LIMIT", "actor_id", "neighbourhood"]
