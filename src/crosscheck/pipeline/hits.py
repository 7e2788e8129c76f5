"""Search results in context: a snippet around the match, the query words marked, and the
incidents each hit belongs to.

:func:`crosscheck.pipeline.search.search_all` finds the hits; this adds what a reader
needs to choose one, for the search page (the JSON API keeps the lean result). Text
comes back as parts (``{"text", "hit"}``) so the page escapes every part and marks the
hits with its own tags: report text never becomes markup.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.pipeline.search import search_all
from crosscheck.store import Store

#: Characters of context either side of the first match in a snippet.
SNIPPET_CONTEXT = 90


def _pattern(query: str) -> re.Pattern[str] | None:
    words = sorted({w for w in re.findall(r"[\w'-]+", query) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


def marked(text: str, pattern: re.Pattern[str] | None) -> list[dict[str, Any]]:
    """``text`` cut into parts, the query words flagged ``hit``."""
    if pattern is None:
        return [{"text": text, "hit": False}]
    parts: list[dict[str, Any]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            parts.append({"text": text[pos : m.start()], "hit": False})
        parts.append({"text": m.group(0), "hit": True})
        pos = m.end()
    if pos < len(text):
        parts.append({"text": text[pos:], "hit": False})
    return parts


def snippet(text: str, pattern: re.Pattern[str] | None) -> list[dict[str, Any]]:
    """The words around the first match in ``text`` (its start when nothing matches)."""
    flat = " ".join(text.split())
    found = pattern.search(flat) if pattern else None
    at = found.start() if found else 0
    start = max(0, at - SNIPPET_CONTEXT)
    end = min(len(flat), at + SNIPPET_CONTEXT * 2)
    if start > 0:
        start = flat.find(" ", start) + 1 or start
    cut = flat.rfind(" ", at, end)
    if end < len(flat) and cut > at:
        end = cut
    piece = ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")
    return marked(piece, pattern)


def _doc_events(store: Store, doc_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    mentions = store.event_mentions(doc_ids=doc_ids) if doc_ids else []
    links = store.event_links_for(m.id for m in mentions)
    events = {e.id: e for e in store.events_by_ids(sorted(set(links.values())))}
    found: dict[str, dict[str, dict[str, str]]] = {}
    for m in mentions:
        event = events.get(links.get(m.id, ""))
        if event is not None:
            found.setdefault(m.doc_id, {})[event.id] = {"id": event.id, "name": event.name}
    return {d: list(evs.values()) for d, evs in found.items()}


def search_in_context(store: Store, query: str, limit: int = 30) -> dict[str, Any]:
    """:func:`search_all` with, per document, a marked ``snippet`` and its ``events``; per
    claim, its marked ``sentence_parts``; per entity, its marked ``name_parts``."""
    results = search_all(store, query, limit=limit)
    pattern = _pattern(query)
    docs = results["documents"]
    events = _doc_events(store, [d["id"] for d in docs])
    for d in docs:
        stored = store.get_document(d["id"])
        d["snippet"] = snippet(stored.text if stored else "", pattern)
        d["title_parts"] = marked(d.get("title") or d.get("path") or d["id"], pattern)
        d["events"] = events.get(d["id"], [])
    for c in results["claims"]:
        c["sentence_parts"] = marked(c.get("sentence") or "", pattern)
    for e in results["entities"]:
        e["name_parts"] = marked(e["name"], pattern)
    return results


__all__ = ["SNIPPET_CONTEXT", "marked", "search_in_context", "snippet"]
