"""Every error the server answers, in one JSON shape: ``{"error": {"code", "message"}}``.

Library errors keep their ``code`` and one-line message; HTTP errors (unknown route,
wrong method, missing token) and request validation get codes of their own. Browsers
asking for a page get the same facts as an HTML page instead.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosscheck.errors import (
    AssessmentError,
    BusyError,
    ConfigError,
    CorrectionError,
    CrosscheckError,
    InputError,
    ModelError,
    NotFoundError,
    TooLargeError,
)

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "busy",
}
#: Seconds a client refused with 503 (another write held the store) should wait.
RETRY_AFTER_S = 5


class ApiError(StarletteHTTPException):
    """An HTTP error with a code and message chosen by the route."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def status_for(error: CrosscheckError) -> int:
    """The HTTP status that fits a library error."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, BusyError):
        return 503
    if isinstance(error, TooLargeError):
        return 413
    if isinstance(error, (InputError, ConfigError, AssessmentError)):
        return 400
    if isinstance(error, CorrectionError):
        return 409
    if isinstance(error, ModelError):
        return 503
    return 500


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code, "message": message}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return False
    return "text/html" in request.headers.get("accept", "")


def public_message(request: Request, message: str) -> str:
    """``message`` without the store's folder: the server names its database by file name.

    Error messages are written for the command line, where the full path helps; a server
    answering anyone who can reach it must not show where its files live.
    """
    server = getattr(request.app.state, "server", None) if "app" in request.scope else None
    db = getattr(getattr(server, "settings", None), "db", None)
    if not db or db.startswith(("postgresql://", "postgres://")):
        return message  # PostgreSQL URLs are shown without their password already
    path = Path(db.removeprefix("sqlite:///").removeprefix("sqlite://")).expanduser()
    spellings = {db, str(path), str(path.resolve()), str(path.absolute())}
    for spelled in sorted(spellings, key=len, reverse=True):
        if spelled and spelled != path.name:
            message = message.replace(spelled, path.name)
    return message


def respond_error(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The error as JSON (API clients) or as an HTML page (browsers), store paths removed."""
    message = public_message(request, message)
    if status == 503:
        headers = {**(headers or {}), "Retry-After": str(RETRY_AFTER_S)}
    if _wants_html(request):
        from crosscheck.web.templating import render_error

        response = render_error(request, status, code, message)
        response.headers.update(headers or {})
        return response
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) + "; see /docs for the expected parameters"


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to the one error shape."""

    @app.exception_handler(CrosscheckError)
    async def _crosscheck(request: Request, exc: CrosscheckError) -> Response:
        status = status_for(exc)
        if status == 503:  # a refusal that stored nothing: the client is told to retry
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        elif status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond_error(request, status, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = getattr(exc, "code", None) or HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 404 and not isinstance(exc, ApiError):
            message = f"no page or endpoint at {request.url.path}; see /docs for the API"
        elif exc.status_code == 405 and not isinstance(exc, ApiError):
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return respond_error(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return respond_error(request, 422, "validation_error", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond_error(
            request,
            500,
            "internal_error",
            f"the server failed ({type(exc).__name__}); see the server log and report it",
        )


__all__ = [
    "HTTP_CODES",
    "RETRY_AFTER_S",
    "ApiError",
    "error_body",
    "install_error_handlers",
    "public_message",
    "respond_error",
    "status_for",
]
