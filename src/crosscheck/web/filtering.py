"""The workbench filters on pages: read them from the URL, apply them to listings.

Filters live in the query string (``?since=…&outlet=…``) so a filtered view survives a
reload and can be shared; every page that takes them renders the same form
(``filters.html``) and keeps them in its links. The rules themselves are in
:mod:`crosscheck.pipeline.filters`, shared with the API and the brief.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from crosscheck.pipeline.claims import apply_claim_corrections, claim_to_dict
from crosscheck.pipeline.filters import Filters, Scope, filter_options
from crosscheck.pipeline.listings import events_listing
from crosscheck.pipeline.paging import Listing
from crosscheck.pipeline.views import groups_by_ids
from crosscheck.store import Store
from crosscheck.store.base import group_order_key


def filters_of(request: Request) -> Filters:
    """The filters in the request's query string (ConfigError on a bad value)."""
    return Filters.parse(request.query_params)


def filter_context(store: Store, filters: Filters) -> dict[str, Any]:
    """What the filter form and the links that keep the filters need."""
    query = urlencode(filters.params())
    return {
        "filters": filters,
        "filter_options": filter_options(store),
        "filter_query": query,
        "filter_suffix": f"?{query}" if query else "",
    }


def narrows_beyond_figures(filters: Filters) -> bool:
    """Whether the filters need a :class:`Scope` (more than measure and status)."""
    return bool(filters.since or filters.until or filters.outlet or filters.type or filters.place)


def filtered_groups(
    store: Store,
    filters: Filters,
    *,
    statuses: list[str] | None,
    sort: str,
    limit: int,
    offset: int,
) -> Listing:
    """A page of the claim groups the filters keep, with one of ``statuses``, in ``sort``."""
    kept = [g for g in Scope(store, filters).group_list if statuses is None or g.status in statuses]
    kept.sort(key=lambda g: group_order_key(g, sort))
    page = kept[offset : offset + limit]
    return Listing(groups_by_ids(store, [g.id for g in page]), len(kept), limit, offset)


def filtered_claims(store: Store, filters: Filters, *, limit: int, offset: int) -> Listing:
    """A page of the claims in the claim groups the filters keep (with an outlet filter,
    only that outlet's claims), rejected claims left out, by document."""
    scope = Scope(store, filters)
    outlet = (filters.outlet or "").casefold()
    kept = {
        c
        for g in scope.group_list
        for c in g.claims
        if c in scope.claim_docs
        and (not outlet or (scope.documents[scope.claim_docs[c]].outlet or "").casefold() == outlet)
    }
    corrections = store.corrections_for("claim", sorted(kept))
    kept -= {c.target for c in corrections if c.action == "reject"}
    ordered = sorted(kept, key=lambda c: (scope.claim_docs[c], c))
    page = apply_claim_corrections(
        store.claims_by_ids(ordered[offset : offset + limit]), corrections
    )
    docs = {d.id: d for d in store.documents_by_ids(sorted({c.doc_id for c in page}))}
    rows = [claim_to_dict(c, docs.get(c.doc_id)) for c in page]
    return Listing(rows, len(ordered), limit, offset)


def filtered_events(
    store: Store, filters: Filters, *, entity: str | None, bare: bool, limit: int, offset: int
) -> Listing:
    """A page of the incidents the filters keep (all incidents when none is set)."""
    within = Scope(store, filters).event_ids if filters.active else None
    return events_listing(
        store, entity=entity, bare=bare, limit=limit, offset=offset, within=within
    )


__all__ = [
    "filter_context",
    "filtered_claims",
    "filtered_events",
    "filtered_groups",
    "filters_of",
    "narrows_beyond_figures",
]
