"""The FastAPI application: JSON API under ``/api``, the web workbench, local API docs.

``create_app(settings)`` wires the routes, the one error shape, the security headers and
the store pool. Nothing here is business logic: routes call :mod:`crosscheck.pipeline`.
Nothing is fetched from the network: the docs page and the pages use local assets only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from crosscheck import __version__, web
from crosscheck.api import assess, read, workbench, write
from crosscheck.api.errors import error_body, install_error_handlers
from crosscheck.config import Settings, load_settings
from crosscheck.web.server import Server
from crosscheck.web.templating import STATIC_DIR, base_context, templates

#: No inline scripts or styles, nothing from elsewhere; SVG charts are inline markup.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Room for multipart framing and form fields on top of the files themselves.
UPLOAD_OVERHEAD = 1024 * 1024

DESCRIPTION = """\
The crosscheck API: documents, claims (the DESIGN.md contract), claim groups and their
verdicts, events, entities, statements, analyst corrections and the brief.

Listings answer `{"items", "total", "limit", "offset"}`; every error answers
`{"error": {"code", "message"}}`. Writes need `Authorization: Bearer <token>`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the server for the store named by ``settings.db``.

    The write token is read or generated (see :func:`crosscheck.web.server.ensure_token`)
    when the app is created, so it can be printed before serving.
    """
    settings = settings or load_settings()
    server = Server(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        server.close()

    app = FastAPI(
        title="crosscheck",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.server = server
    install_error_handlers(app)
    _install_headers(app, settings)
    app.include_router(read.router)
    app.include_router(write.router)
    app.include_router(assess.read)
    app.include_router(assess.write)
    app.include_router(workbench.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> Response:
        return templates.TemplateResponse(
            request,
            "api_docs.html",
            base_context(request)
            | {
                "operations": _operations(app.openapi()),
                "title": "API",
            },
        )

    return app


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The endpoints of the OpenAPI spec as rows for the local docs page."""
    rows = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description")
                    or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": params,
                    "auth": bool(op.get("security")),
                    "body": "requestBody" in op,
                }
            )
    return sorted(rows, key=lambda r: (r["tag"], r["path"], r["method"]))


def _install_headers(app: FastAPI, settings: Settings) -> None:
    max_body = int(settings.upload_max_mb * 1024 * 1024) * settings.upload_max_files
    max_body += UPLOAD_OVERHEAD

    @app.middleware("http")
    async def headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            response: Response = JSONResponse(
                error_body(
                    "too_large",
                    f"the request is {int(length) / 1_000_000:.1f} MB, over the upload limit of"
                    f" {settings.upload_max_files} files of {settings.upload_max_mb:g} MB;"
                    " send fewer or smaller files",
                ),
                status_code=413,
            )
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


__all__ = ["CSP", "SECURITY_HEADERS", "create_app"]
