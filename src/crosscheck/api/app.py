"""The FastAPI application: JSON API under ``/api``, the web workbench, local API docs.

``create_app(settings)`` wires the routes, the one error shape, the guards of
:mod:`crosscheck.api.guard` (security headers, allowed hosts, writes refused before their
body is read) and the store pool. Nothing here is business logic: routes call
:mod:`crosscheck.pipeline`.
Nothing is fetched from the network: the docs page and the pages use local assets only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from crosscheck import __version__, web
from crosscheck.api import assess, read, workbench, write
from crosscheck.api.errors import install_error_handlers
from crosscheck.api.guard import CSP, SECURITY_HEADERS, BodyGuard, SecurityHeaders
from crosscheck.config import Settings, load_settings
from crosscheck.web.server import Server
from crosscheck.web.templating import STATIC_DIR, base_context, templates

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
    # Outermost last: headers on every answer, then the Host check (DNS rebinding: a page
    # of another site whose name points at this server gets 400, never the store's
    # contents), then writes refused before their body is read.
    app.add_middleware(BodyGuard, server=server)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings))
    app.add_middleware(SecurityHeaders)
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


def allowed_hosts(settings: Settings) -> list[str]:
    """The host names of ``settings.allowed_hosts``, IPv6 literals in brackets as sent."""
    hosts = [h.strip().lower() for h in settings.allowed_hosts.split(",") if h.strip()]
    return [f"[{h}]" if ":" in h and not h.startswith("[") else h for h in hosts]


__all__ = ["CSP", "SECURITY_HEADERS", "allowed_hosts", "create_app"]
