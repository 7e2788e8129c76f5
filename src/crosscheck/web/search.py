"""One search box over documents, claims and entities.

Documents come from the store's full-text index; claims are those of the matching
documents whose sentence or label holds a query word; entities match by name or
alias. Each part is bounded by ``limit`` so a search stays fast on a large store.
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
        by_id = {d.id: d for d in docs}
        claims = store.claims(doc_ids=list(by_id))
        claims = apply_claim_corrections(claims, store.corrections(target_kind="claim"))
        hits = [
            c
            for c in claims
            if c.status != "rejected"
            and any(w in (c.sentence + " " + c.label + " " + c.measure).lower() for w in words)
        ]
        out["claims"] = [claim_to_dict(c, by_id.get(c.doc_id)) for c in hits[:limit]]
    if "entities" in kinds:
        rows: list[dict[str, Any]] = []
        for ent in store.entities():
            names = [ent.name, *ent.aliases]
            if all(any(w in n.lower() for n in names) for w in words):
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
        out["entities"] = rows[offset : offset + limit]
    return out


__all__ = ["KINDS", "search_all"]
