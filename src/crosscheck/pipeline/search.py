"""One search box over documents, claims and entities.

Documents come from the store's full-text index; claims are those of the matching
documents whose sentence or label holds a query word; entities match by name or
alias through a narrowed store query (never the whole entity table). Each part is
bounded by ``limit`` so a search stays fast on a large store.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.pipeline.claims import apply_claim_corrections, claim_to_dict
from crosscheck.store import Store

KINDS = ("documents", "claims", "entities")


def _words(query: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w'-]+", query) if len(w) > 1]


def search_all(
    store: Store,
    query: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Documents, claims and entities matching ``query``, best documents first.

    Returns:
        ``{"query", "documents": [summary…], "claims": [contract…], "entities": [row…]}``;
        kinds not asked for are empty lists.
    """
    words = _words(query)
    out: dict[str, Any] = {"query": query, "documents": [], "claims": [], "entities": []}
    if not words:
        return out
    docs = (
        store.search(query, limit=limit, offset=offset)
        if ("documents" in kinds or "claims" in kinds)
        else []
    )
    if "documents" in kinds:
        out["documents"] = [d.summary() for d in docs]
    if "claims" in kinds and docs:
        out["claims"] = _claims(store, docs, words, limit)
    if "entities" in kinds:
        out["entities"] = _entities(store, words)[offset : offset + limit]
    return out


def _claims(store: Store, docs: list[Any], words: list[str], limit: int) -> list[dict[str, Any]]:
    by_id = {d.id: d for d in docs}
    claims = store.claims(doc_ids=list(by_id))
    corrections = store.corrections_for("claim", [c.id for c in claims])
    hits = [
        c
        for c in apply_claim_corrections(claims, corrections)
        if c.status != "rejected"
        and any(w in (c.sentence + " " + c.label + " " + c.measure).lower() for w in words)
    ]
    return [claim_to_dict(c, by_id.get(c.doc_id)) for c in hits[:limit]]


def _entities(store: Store, words: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for ent in store.entities_matching(words):
        docs_taught = {d for ds in ent.aliases.values() for d in ds}
        rows.append(
            {
                "id": ent.id,
                "name": ent.name,
                "label": ent.label,
                "aliases": sorted(ent.aliases),
                "documents": len(docs_taught),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["name"]))
    return rows


__all__ = ["KINDS", "search_all"]
