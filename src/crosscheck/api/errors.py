"""Every error the server answers, in one JSON shape: ``{"error": {"code", "message"}}``.

Library errors keep their ``code`` and one-line message; HTTP errors (unknown route,
wrong method, missing token) and request validation get codes of their own. Browsers
asking for a page get the same facts as an HTML page instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosscheck.errors import (
    AssessmentError,
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
}


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


def _respond(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_html(request):
        from crosscheck.web.templating import render_error

        return render_error(request, status, code, message)
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
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return _respond(request, status, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = getattr(exc, "code", None) or HTTP_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 404 and not isinstance(exc, ApiError):
            message = f"no page or endpoint at {request.url.path}; see /docs for the API"
        elif exc.status_code == 405 and not isinstance(exc, ApiError):
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        return _respond(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return _respond(request, 422, "validation_error", _validation_message(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _respond(
            request,
            500,
            "internal_error",
            f"the server failed ({type(exc).__name__}); see the server log and report it",
        )


__all__ = ["HTTP_CODES", "ApiError", "error_body", "install_error_handlers", "status_for"]
