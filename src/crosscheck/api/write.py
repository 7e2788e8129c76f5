"""Routes that change the store: upload, claim review, merges and splits.

All of them need the write token (``Authorization: Bearer …``) and call the same
library functions as ``crosscheck ingest``, ``correct``, ``merge`` and ``split``, in the
server's write threads (:meth:`Server.run_write`): a write is stored and acknowledged
(201), or refused with nothing stored (503 ``busy`` when other writes held the store past
``write_wait``, 4xx for bad input).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from crosscheck.api.deps import ServerDep, WriteAuth
from crosscheck.errors import InputError, TooLargeError
from crosscheck.model import Correction
from crosscheck.pipeline.corrections import correct_claim, merge, split
from crosscheck.pipeline.ingest import IngestReport
from crosscheck.web.uploads import Upload, ingest_uploads, safe_name

router = APIRouter(prefix="/api", dependencies=[WriteAuth])

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token: send `Authorization: Bearer <token>`"},
    403: {"description": "Wrong token"},
    503: {"description": "Other writes held the store past `write_wait`; nothing stored, retry"},
}


class ClaimReview(BaseModel):
    """An analyst's decision about one claim."""

    action: Literal["confirm", "reject", "edit"]
    low: float | None = Field(None, description="New low value (edit)")
    high: float | None = Field(None, description="New high value (edit)")
    measure: str | None = Field(None, description="New measure (edit)")
    subject: str | None = Field(None, description="New subject event/entity id (edit)")
    author: str = Field("analyst", max_length=100)
    reason: str = Field("", max_length=2000)

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("low", "high", "measure", "subject"):
            value = getattr(self, key)
            if value is None or value == "":
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[key] = value
        return out


class MergeRequest(BaseModel):
    kind: Literal["entity", "event"]
    refs: list[str] = Field(..., min_length=2, description="Two or more ids or names")
    author: str = Field("analyst", max_length=100)
    reason: str = Field("", max_length=2000)


class SplitRequest(BaseModel):
    kind: Literal["entity", "event"]
    ref: str = Field(..., description="The id or name to split")
    members: list[str] = Field(..., min_length=1, description="Aliases or mention ids to move out")
    author: str = Field("analyst", max_length=100)
    reason: str = Field("", max_length=2000)


def correction_dict(corr: Correction) -> dict[str, Any]:
    """A stored correction as JSON."""
    return {
        "id": corr.id,
        "created_at": corr.created_at,
        "author": corr.author,
        "kind": corr.target_kind,
        "target": corr.target,
        "action": corr.action,
        "payload": corr.payload,
        "reason": corr.reason,
    }


def report_response(report: IngestReport) -> JSONResponse:
    """201 when anything was stored or already known; the first error when nothing was."""
    if report.failed and not (report.new or report.unchanged):
        raise (
            report.failed[0]
            if len(report.failed) == 1
            else InputError(
                "upload",
                "no file could be read: " + "; ".join(str(e) for e in report.failed),
                "check the formats and sizes",
            )
        )
    return JSONResponse(report.to_dict() | {"ok": report.ok}, status_code=201)


@router.post(
    "/documents",
    tags=["documents"],
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Upload reports (multipart, field `files`) and ingest them",
)
async def post_documents(
    request: Request,
    server: ServerDep,
    files: Annotated[list[UploadFile], File(description="Report files")],
    outlet: Annotated[str | None, Form()] = None,
    published: Annotated[str | None, Form(description="YYYY-MM-DD")] = None,
    title: Annotated[str | None, Form()] = None,
    url: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    uploads = await read_upload_files(files, server.settings.upload_max_mb)
    overrides = {"outlet": outlet, "published": published, "title": title, "url": url}
    report = await server.run_write(
        lambda store: ingest_uploads(store, uploads, server.settings, overrides)
    )
    return report_response(report)


async def read_upload_files(files: list[UploadFile], max_mb: float) -> list[Upload]:
    """Read uploaded files, refusing one over the limit before holding it all in memory."""
    limit = int(max_mb * 1024 * 1024)
    out = []
    for i, f in enumerate(files):
        if f.size is not None and f.size > limit:
            raise TooLargeError(
                safe_name(f.filename or "", i),
                f"is {f.size / 1_000_000:.1f} MB, over the {max_mb:g} MB upload limit",
                "split the file or use `crosscheck ingest` on the server",
            )
        out.append(Upload(f.filename or "", await f.read(limit + 1)))
    return out


@router.post(
    "/claims/{claim_id}/review",
    tags=["corrections"],
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Confirm, reject or edit a claim (kept across re-processing)",
)
async def post_claim_review(server: ServerDep, claim_id: str, body: ClaimReview) -> dict[str, Any]:
    corr = await server.run_write(
        lambda store: correct_claim(
            store, claim_id, body.action, body.changes(), author=body.author, reason=body.reason
        )
    )
    return correction_dict(corr)


@router.post(
    "/merges",
    tags=["corrections"],
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Merge entities or events the machine kept apart",
)
async def post_merge(server: ServerDep, body: MergeRequest) -> dict[str, Any]:
    corr = await server.run_write(
        lambda store: merge(store, body.kind, body.refs, author=body.author, reason=body.reason)
    )
    return correction_dict(corr)


@router.post(
    "/splits",
    tags=["corrections"],
    status_code=201,
    responses=AUTH_RESPONSES,
    summary="Split aliases or mentions out of an entity or event",
)
async def post_split(server: ServerDep, body: SplitRequest) -> dict[str, Any]:
    corr = await server.run_write(
        lambda store: split(
            store, body.kind, body.ref, body.members, author=body.author, reason=body.reason
        )
    )
    return correction_dict(corr)


__all__ = ["ClaimReview", "MergeRequest", "SplitRequest", "correction_dict", "router"]
