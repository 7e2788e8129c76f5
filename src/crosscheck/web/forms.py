"""Form posts from the pages: log in and out, review claims, merge, split, upload.

Writes need a session (the login form takes the write token and sets an HttpOnly,
SameSite=Strict cookie) and a CSRF token bound to that session in every form. The
work itself is done by the same library functions as the CLI and the API.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import URL

from crosscheck.errors import CorrectionError, InputError, TooLargeError
from crosscheck.pipeline.corrections import correct_claim, merge, split
from crosscheck.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    csrf_valid,
    login_csrf_valid,
    new_login_csrf,
    token_matches,
)
from crosscheck.web.templating import render, render_error, server_of
from crosscheck.web.uploads import Upload, ingest_uploads, safe_name

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths: never ``//host`` or ``https://…`` from a form field."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _saved(target: str, what: str, fragment: str = "") -> RedirectResponse:
    """A redirect to ``target`` whose page says that ``what`` was saved."""
    url = URL(target).include_query_params(saved=what).replace(fragment=fragment)
    return RedirectResponse(str(url), status_code=303)


def _check_write(request: Request, csrf: str | None) -> Response | None:
    """An error page when the form post is not from a logged-in session with its CSRF token."""
    server = server_of(request)
    session = server.live_session(request.cookies.get(SESSION_COOKIE))
    if not session:
        return render_error(
            request, 401, "unauthorized", "log in with the write token to change the store"
        )
    if not csrf_valid(server.token, session, csrf):
        return render_error(
            request,
            403,
            "forbidden",
            "the form's security token is missing or stale; reload the page"
            " and try again (log in again if the token changed)",
        )
    return None


def _login_page(
    request: Request, next: str, error: str | None = None, status: int = 200
) -> Response:
    """The login form with a fresh CSRF value, set both in the form and in its cookie."""
    value = new_login_csrf()
    context = {"title": "Log in", "next": _safe_next(next), "login_csrf": value}
    if error:
        context["error"] = error
    response = render(request, "login.html", context, status=status)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        value,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/login",
    )
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next)


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not login_csrf_valid(request.cookies.get(LOGIN_CSRF_COOKIE), csrf):
        return render_error(
            request, 403, "forbidden", "the login form expired; open the login page again"
        )
    server = server_of(request)
    if not token_matches(server.token, token.strip()):
        return _login_page(
            request,
            next,
            error="That is not the write token. Use the token `crosscheck serve` printed "
            "or the one in the .token file beside the database.",
            status=403,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        server.start_session(),
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    # Ended on the server too: a copy of the cookie is worth nothing from now on.
    server_of(request).end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _number(value: str, field: str) -> float | int | None:
    text = value.strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError as exc:
        raise CorrectionError(f"{field} {value!r} is not a number; write digits like 145") from exc
    return int(number) if number.is_integer() else number


@router.post("/claims/{claim_id}/review")
async def review_claim(
    request: Request,
    claim_id: str,
    action: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    low: Annotated[str, Form()] = "",
    high: Annotated[str, Form()] = "",
    measure: Annotated[str, Form()] = "",
    subject: Annotated[str, Form()] = "",
    author: Annotated[str, Form(max_length=100)] = "analyst",
    reason: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    changes: dict[str, Any] = {}
    if action == "edit":
        for key, raw in (("low", low), ("high", high)):
            number = _number(raw, key)
            if number is not None:
                changes[key] = number
        if measure.strip():
            changes["measure"] = measure.strip()
        if subject.strip():
            changes["subject"] = subject.strip()
    await server_of(request).run_write(
        lambda store: correct_claim(
            store,
            claim_id,
            action,
            changes,
            author=author.strip() or "analyst",
            reason=reason.strip(),
        )
    )
    # The page it came from may show a group whose id the correction changed: that page
    # redirects to the group's successor (see pages.py), keeping the "saved" note.
    return _saved(_safe_next(next), "claim", fragment=claim_id)


def _refs(text: str) -> list[str]:
    return [r.strip() for r in text.replace("\n", ",").split(",") if r.strip()]


@router.post("/merge")
async def merge_form(
    request: Request,
    kind: Annotated[Literal["entity", "event"], Form()],
    refs: Annotated[str, Form(description="Ids or names, comma-separated")],
    csrf: Annotated[str, Form()] = "",
    author: Annotated[str, Form(max_length=100)] = "analyst",
    reason: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form()] = "/audit",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    await server_of(request).run_write(
        lambda store: merge(
            store, kind, _refs(refs), author=author.strip() or "analyst", reason=reason.strip()
        )
    )
    return _saved(_safe_next(next, "/audit"), "merge")


@router.post("/split")
async def split_form(
    request: Request,
    kind: Annotated[Literal["entity", "event"], Form()],
    ref: Annotated[str, Form()],
    members: Annotated[list[str], Form()],
    csrf: Annotated[str, Form()] = "",
    author: Annotated[str, Form(max_length=100)] = "analyst",
    reason: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form()] = "/audit",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    picked = [m for item in members for m in _refs(item)]
    await server_of(request).run_write(
        lambda store: split(
            store, kind, ref, picked, author=author.strip() or "analyst", reason=reason.strip()
        )
    )
    return _saved(_safe_next(next, "/audit"), "split")


@router.get("/upload")
def upload_form(request: Request) -> Response:
    settings = server_of(request).settings
    return render(request, "upload.html", {"title": "Upload", "settings": settings})


@router.post("/upload")
async def upload(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    csrf: Annotated[str, Form()] = "",
    outlet: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
) -> Response:
    denied = _check_write(request, csrf)
    if denied is not None:
        return denied
    server = server_of(request)
    settings = server.settings
    limit = int(settings.upload_max_mb * 1024 * 1024)
    uploads = []
    # Browsers send one empty part when no file was chosen.
    chosen = [f for f in files if f.filename]
    for i, f in enumerate(chosen):
        if f.size is not None and f.size > limit:
            raise TooLargeError(
                safe_name(f.filename or "", i),
                f"is {f.size / 1_000_000:.1f} MB, over the"
                f" {settings.upload_max_mb:g} MB upload limit",
                "split the file or use `crosscheck ingest` on the server",
            )
        uploads.append(Upload(f.filename or "", await f.read(limit + 1)))
    overrides: dict[str, str | None] = {
        "outlet": outlet,
        "published": published,
        "title": title,
        "url": url,
    }

    try:
        report = await server.run_write(
            lambda store: ingest_uploads(store, uploads, settings, overrides)
        )
    except InputError as exc:
        return render(
            request,
            "upload.html",
            {"title": "Upload", "settings": settings, "error": str(exc)},
            status=413 if isinstance(exc, TooLargeError) else 400,
        )
    return render(
        request,
        "upload.html",
        {
            "title": "Upload",
            "settings": settings,
            "report": report.to_dict(),
            "errors": [str(e) for e in report.failed],
        },
    )


__all__ = ["router"]
