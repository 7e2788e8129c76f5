"""Server-rendered pages: dashboard, conflicts, events, claims, entities, documents, search, audit.

Each page calls the library views (the same ones as the CLI and the API) and renders a
template. Forms that change the store live in :mod:`crosscheck.web.forms`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from crosscheck.errors import NotFoundError
from crosscheck.model import MEASURES
from crosscheck.pipeline.claims import claims_listing
from crosscheck.pipeline.grading import annotate_groups
from crosscheck.pipeline.hits import search_in_context
from crosscheck.pipeline.listings import entities_rows
from crosscheck.pipeline.paging import MAX_OFFSET, Listing
from crosscheck.pipeline.views import entity_view, event_view, groups_listing, moved_to
from crosscheck.pipeline.warnings import warnings_view
from crosscheck.store import Store
from crosscheck.web.filtering import (
    filter_context,
    filtered_claims,
    filtered_events,
    filtered_groups,
    filters_of,
    narrows_beyond_figures,
)
from crosscheck.web.present import GROUP_SORTS, sort_groups
from crosscheck.web.templating import (
    STATIC_DIR,
    render,
    render_error,
    server_of,
    templates,
)
from crosscheck.web.views import (
    audit_rows,
    dashboard,
    decorate,
    document_page,
    group_detail,
    related_events,
)

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
#: A page number any listing could have (a larger one would overflow the offset): 422 past it.
PageNumber = Annotated[int, Query(le=MAX_OFFSET // PAGE_SIZE, description="Page, from 1")]


def page_store(request: Request) -> Iterator[Store]:
    """A store borrowed from the server's pool for one page."""
    with server_of(request).pool.store() as store:
        yield store


StoreDep = Annotated[Store, Depends(page_store)]


@router.get("/")
def dashboard_page(request: Request, store: StoreDep) -> Response:
    filters = filters_of(request)
    data = dashboard(store, filters)
    return render(
        request, "dashboard.html", {"title": "Dashboard", **data, **filter_context(store, filters)}
    )


@router.get("/conflicts")
def conflicts_page(
    request: Request,
    store: StoreDep,
    sort: str = "attention",
    show: Annotated[str, Query(description="'all' lists every group")] = "",
    page: PageNumber = 1,
) -> Response:
    filters = filters_of(request)
    page = max(1, page)
    sort = sort if sort in GROUP_SORTS else "attention"
    statuses = None if show == "all" else ["conflict", "evolving"]
    offset = (page - 1) * PAGE_SIZE
    if narrows_beyond_figures(filters):
        listing = filtered_groups(
            store, filters, statuses=statuses, sort=sort, limit=PAGE_SIZE, offset=offset
        )
    else:
        listing = groups_listing(
            store,
            status=filters.status,
            measure=filters.measure,
            statuses=statuses,
            sort=sort,
            limit=PAGE_SIZE,
            offset=offset,
        )
    return render(
        request,
        "conflicts.html",
        {
            "title": "Conflicts",
            "groups": decorate(store, listing.items),
            **_pager(request, listing, page),
            **filter_context(store, filters),
            "sort": sort,
            "show": show,
            "sorts": GROUP_SORTS,
        },
    )


def moved_redirect(
    request: Request, store: Store, kind: str, ref: str, exc: NotFoundError
) -> Response:
    """A redirect to the record that took over ``ref`` (a retired id), else the 404 ``exc``."""
    new = moved_to(store, kind, ref)
    if new is None:
        raise exc
    where = request.url.path.rsplit("/", 1)[0] + "/" + new
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(where + query, status_code=307)


@router.get("/groups/{group_id}")
def group_page(request: Request, store: StoreDep, group_id: str) -> Response:
    try:
        group = decorate(store, [group_detail(store, group_id)])[0]
    except NotFoundError as exc:
        return moved_redirect(request, store, "group", group_id, exc)
    annotate_groups(store, [group])
    return render(
        request,
        "group.html",
        {
            "title": f"{group['label']} — {group['subject'].get('name') or ''}",
            "group": group,
            "measures": MEASURES,
        },
    )


@router.get("/events")
def events_page(
    request: Request, store: StoreDep, entity: str = "", show: str = "", page: PageNumber = 1
) -> Response:
    filters = filters_of(request)
    page = max(1, page)
    listing = filtered_events(
        store,
        filters,
        entity=entity or None,
        bare=show == "all",
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "events.html",
        {
            "title": "Events",
            "events": listing.items,
            "entity": entity,
            "show": show,
            "hidden": listing.hidden,
            **_pager(request, listing, page),
            **filter_context(store, filters),
        },
    )


@router.get("/claims")
def claims_page(request: Request, store: StoreDep, page: PageNumber = 1) -> Response:
    filters = filters_of(request)
    page = max(1, page)
    offset = (page - 1) * PAGE_SIZE
    if narrows_beyond_figures(filters) or filters.status:
        listing = filtered_claims(store, filters, limit=PAGE_SIZE, offset=offset)
    else:
        listing = claims_listing(store, measure=filters.measure, limit=PAGE_SIZE, offset=offset)
    return render(
        request,
        "claims.html",
        {
            "title": "Claims",
            "claims": listing.items,
            **_pager(request, listing, page),
            **filter_context(store, filters),
        },
    )


@router.get("/events/{ref}")
def event_page(request: Request, store: StoreDep, ref: str) -> Response:
    try:
        view = event_view(store, ref)
    except NotFoundError as exc:
        return moved_redirect(request, store, "event", ref, exc)
    view["groups"] = decorate(store, sort_groups(view["groups"]))
    annotate_groups(store, view["groups"])
    view["warnings"] = warnings_view(store, event=view["event"]["id"])
    return render(
        request,
        "event.html",
        {
            "title": view["event"]["name"],
            "view": view,
            "event": view["event"],
            "timeline": related_events(store, view["event"]),
            "measures": MEASURES,
        },
    )


@router.get("/entities")
def entities_page(request: Request, store: StoreDep, page: PageNumber = 1) -> Response:
    rows = entities_rows(store)
    return render(request, "entities.html", {"title": "Entities", **_paged(rows, page)})


@router.get("/entities/{ref}")
def entity_page(request: Request, store: StoreDep, ref: str) -> Response:
    try:
        view = entity_view(store, ref)
    except NotFoundError as exc:
        return moved_redirect(request, store, "entity", ref, exc)
    return render(
        request,
        "entity.html",
        {"title": view["entity"]["name"], "view": view, "entity": view["entity"]},
    )


@router.get("/documents")
def documents_page(request: Request, store: StoreDep, page: PageNumber = 1) -> Response:
    page = max(1, page)
    docs = store.documents(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "documents.html",
        {
            "title": "Documents",
            "documents": [d.summary() | {"status": d.status} for d in docs[:PAGE_SIZE]],
            "page": page,
            "more": len(docs) > PAGE_SIZE,
            "total": store.count_documents(),
        },
    )


@router.get("/documents/{ref:path}")
def document_page_view(request: Request, store: StoreDep, ref: str) -> Response:
    view = document_page(store, ref)
    return render(request, "document.html", {"title": view.get("title") or view["id"], "doc": view})


@router.get("/search")
def search_page(
    request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = ""
) -> Response:
    results: dict[str, Any] = search_in_context(store, q, limit=30) if q.strip() else {}
    return render(request, "search.html", {"title": "Search", "q": q, "results": results})


@router.get("/audit")
def audit_page(request: Request, store: StoreDep) -> Response:
    return render(request, "audit.html", {"title": "Audit log", "rows": audit_rows(store)})


def _pager(request: Request, listing: Listing, page: int) -> dict[str, Any]:
    """Where this page starts and ends, and links to its neighbours (same filters)."""

    def href(number: int) -> str:
        url = request.url.include_query_params(page=number)
        return f"{url.path}?{url.query}"

    last = listing.offset + len(listing.items)
    return {
        "total": listing.total,
        "first": listing.offset + 1 if listing.items else 0,
        "last": last,
        "previous_page": href(page - 1) if page > 1 else None,
        "next_page": href(page + 1) if last < listing.total else None,
    }


def _paged(rows: list[dict[str, Any]], page: int) -> dict[str, Any]:
    page = max(1, page)
    start = (page - 1) * PAGE_SIZE
    return {
        "rows": rows[start : start + PAGE_SIZE],
        "page": page,
        "more": len(rows) > start + PAGE_SIZE,
        "total": len(rows),
    }


__all__ = [
    "PAGE_SIZE",
    "STATIC_DIR",
    "moved_redirect",
    "page_store",
    "render_error",
    "router",
    "templates",
]
