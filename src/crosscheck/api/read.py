"""Read-only JSON routes: documents, search, claims, groups, events, entities, statements.

Each route checks its input and calls one library function, the same one the CLI
calls. Listings answer ``{"items", "total", "limit", "offset"}``; claims, groups,
conflicts and events are paged by the store, so a page costs the same on any size.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from crosscheck import __version__
from crosscheck.api.deps import PageDep, ServerDep, StoreDep
from crosscheck.api.errors import ApiError
from crosscheck.brief import render_brief
from crosscheck.errors import NotFoundError
from crosscheck.pipeline.claims import claim_by_id, claims_listing
from crosscheck.pipeline.documents import document_view, info_view
from crosscheck.pipeline.listings import entities_rows, events_listing, statements_rows
from crosscheck.pipeline.paging import MAX_OFFSET
from crosscheck.pipeline.views import entity_view, event_view, groups_listing
from crosscheck.web.pages import moved_redirect
from crosscheck.web.present import GROUP_SORTS, public_store
from crosscheck.web.search import KINDS, search_all
from crosscheck.web.views import audit_rows, group_detail

router = APIRouter(prefix="/api")

Measure = Annotated[str | None, Query(description="Only this measure (killed, percent, …)")]
DocRef = Annotated[str | None, Query(description="Only this document (id, prefix, path or URL)")]


@router.get("/info", tags=["store"], summary="Version, pipeline, store and settings")
def get_info(server: ServerDep) -> dict[str, Any]:
    view = info_view(server.settings, __version__)
    view["store"] = public_store(str(view.get("store", "")))
    settings = view.get("settings")
    if isinstance(settings, dict) and "db" in settings:
        settings["db"] = public_store(str(settings["db"]))
    return view


@router.get("/stats", tags=["store"], summary="Counts of documents, claims, groups, …")
def get_stats(store: StoreDep) -> dict[str, Any]:
    stats = store.stats()
    stats["store"] = store.name
    return stats


@router.get("/documents", tags=["documents"], summary="Stored documents")
def get_documents(
    store: StoreDep,
    page: PageDep,
    outlet: Annotated[str | None, Query(description="Only this outlet")] = None,
    language: Annotated[str | None, Query(description="Only this language (ISO code)")] = None,
) -> dict[str, Any]:
    docs = store.documents(limit=page.limit, offset=page.offset, outlet=outlet, language=language)
    total = store.count_documents() if not (outlet or language) else None
    return {
        "items": [d.summary() | {"status": d.status, "supersedes": d.supersedes} for d in docs],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.get("/documents/{ref:path}", tags=["documents"], summary="One document with its claims")
def get_document(store: StoreDep, ref: str) -> dict[str, Any]:
    return document_view(store, ref)


@router.get("/search", tags=["documents"], summary="Search documents, claims and entities")
def get_search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words or a "phrase"')],
    kinds: Annotated[
        list[Literal["documents", "claims", "entities"]] | None,
        Query(description="Which kinds to search (default: all)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    wanted = tuple(kinds) if kinds else KINDS
    return search_all(store, q, kinds=wanted, limit=limit, offset=offset)


@router.get("/claims", tags=["claims"], summary="Claims in the contract shape")
def get_claims(
    store: StoreDep,
    page: PageDep,
    doc: DocRef = None,
    measure: Measure = None,
    entity: Annotated[str | None, Query(description="Only about this entity")] = None,
    event: Annotated[str | None, Query(description="Only about this event")] = None,
    include_rejected: Annotated[bool, Query(description="Also rejected claims")] = False,
) -> dict[str, Any]:
    listing = claims_listing(
        store,
        doc=doc,
        measure=measure,
        entity=entity,
        event=event,
        include_rejected=include_rejected,
        limit=page.limit,
        offset=page.offset,
    )
    return listing.to_dict()


@router.get("/claims/{claim_id}", tags=["claims"], summary="One claim")
def get_claim(store: StoreDep, claim_id: str) -> dict[str, Any]:
    row = claim_by_id(store, claim_id)
    if row is not None:
        return row
    raise NotFoundError(f"claim {claim_id!r} is not in the store; see /api/claims")


@router.get("/groups", tags=["picture"], summary="Claim groups with verdicts and estimates")
def get_groups(
    store: StoreDep,
    page: PageDep,
    status: Annotated[str | None, Query(description="Only this status")] = None,
    measure: Measure = None,
    event: Annotated[str | None, Query(description="Only about this event")] = None,
    sort: Annotated[str, Query(description=f"One of {', '.join(GROUP_SORTS)}")] = "attention",
) -> dict[str, Any]:
    _check_sort(sort)
    listing = groups_listing(
        store,
        status=status,
        measure=measure,
        event=event,
        sort=sort,
        limit=page.limit,
        offset=page.offset,
    )
    return listing.to_dict()


@router.get(
    "/groups/{group_id}",
    tags=["picture"],
    summary="One claim group with its claims (a retired id redirects to its successor)",
)
def get_group(request: Request, store: StoreDep, group_id: str) -> Any:
    try:
        return group_detail(store, group_id)
    except NotFoundError as exc:
        return moved_redirect(request, store, "group", group_id, exc)


@router.get("/conflicts", tags=["picture"], summary="Groups in conflict or evolving")
def get_conflicts(
    store: StoreDep,
    page: PageDep,
    status: Annotated[Literal["conflict", "evolving"] | None, Query()] = None,
    measure: Measure = None,
    sort: Annotated[str, Query(description=f"One of {', '.join(GROUP_SORTS)}")] = "attention",
) -> dict[str, Any]:
    _check_sort(sort)
    listing = groups_listing(
        store,
        statuses=[status] if status else ["conflict", "evolving"],
        measure=measure,
        sort=sort,
        limit=page.limit,
        offset=page.offset,
    )
    return listing.to_dict()


@router.get("/events", tags=["picture"], summary="Resolved events")
def get_events(
    store: StoreDep,
    page: PageDep,
    doc: DocRef = None,
    entity: Annotated[str | None, Query(description="Only with this actor")] = None,
    everything: Annotated[
        bool,
        Query(alias="all", description="Also incidents with no date, place, actor or 2nd source"),
    ] = False,
) -> dict[str, Any]:
    listing = events_listing(
        store, doc=doc, entity=entity, bare=everything, limit=page.limit, offset=page.offset
    )
    # "hidden": how many bare incidents the default left out (``all=true`` lists them).
    return listing.to_dict() | {"hidden": listing.hidden}


@router.get(
    "/events/{ref}",
    tags=["picture"],
    summary="One event: figures per source, verdicts (a retired id redirects)",
)
def get_event(request: Request, store: StoreDep, ref: str) -> Any:
    try:
        return event_view(store, ref)
    except NotFoundError as exc:
        return moved_redirect(request, store, "event", ref, exc)


@router.get("/entities", tags=["picture"], summary="Resolved entities")
def get_entities(store: StoreDep, page: PageDep, doc: DocRef = None) -> dict[str, Any]:
    return page.apply(entities_rows(store, doc=doc))


@router.get(
    "/entities/{ref}",
    tags=["picture"],
    summary="One entity: aliases, events, claims (a retired id redirects)",
)
def get_entity(request: Request, store: StoreDep, ref: str) -> Any:
    try:
        return entity_view(store, ref)
    except NotFoundError as exc:
        return moved_redirect(request, store, "entity", ref, exc)


@router.get("/statements", tags=["picture"], summary="Who said what")
def get_statements(
    store: StoreDep,
    page: PageDep,
    doc: DocRef = None,
    entity: Annotated[str | None, Query(description="Only by this speaker")] = None,
    event: Annotated[str | None, Query(description="Only mentioning this")] = None,
) -> dict[str, Any]:
    return page.apply(statements_rows(store, doc=doc, entity=entity, event=event))


@router.get("/corrections", tags=["corrections"], summary="The audit log of analyst corrections")
def get_corrections(store: StoreDep, page: PageDep) -> dict[str, Any]:
    return page.apply(audit_rows(store))


@router.get(
    "/brief",
    tags=["picture"],
    summary="The cross-checked brief (Markdown or HTML)",
    response_class=PlainTextResponse,
)
def get_brief(
    store: StoreDep,
    format: Annotated[Literal["md", "html"], Query(description="md or html")] = "md",
    event: Annotated[str | None, Query(description="Only this event")] = None,
) -> Response:
    text = render_brief(store, format, event=event)
    if format == "html":
        # The brief is a standalone document with its own inline styles; it never
        # needs scripts, so it gets a policy of its own that forbids them.
        return HTMLResponse(text, headers={"Content-Security-Policy": BRIEF_CSP})
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


BRIEF_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _check_sort(sort: str) -> None:
    if sort not in GROUP_SORTS:
        raise ApiError(
            422, "validation_error", f"sort {sort!r} is not one of {', '.join(GROUP_SORTS)}"
        )


__all__ = ["BRIEF_CSP", "router"]
