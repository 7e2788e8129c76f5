"""Jinja2 set-up for the pages: autoescaping always on, a few display filters, error pages.

Report text reaches templates as plain strings and is escaped on output; the only
pre-built markup comes from :mod:`crosscheck.web.highlight` and
:mod:`crosscheck.web.charts`, which escape every piece of text they include.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from crosscheck import __version__
from crosscheck.web.auth import SESSION_COOKIE, csrf_token
from crosscheck.web.present import fmt_number, fmt_value, safe_url
from crosscheck.web.server import Server

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"

NAV = [
    ("/", "Dashboard"),
    ("/conflicts", "Conflicts"),
    ("/events", "Events"),
    ("/map", "Map"),
    ("/timeline", "Timeline"),
    ("/graph", "Graph"),
    ("/claims", "Claims"),
    ("/entities", "Entities"),
    ("/ach", "ACH"),
    ("/alerts", "Alerts"),
    ("/grades", "Grades"),
    ("/documents", "Documents"),
    ("/search", "Search"),
    ("/upload", "Upload"),
    ("/audit", "Audit log"),
    ("/docs", "API"),
]

#: Writes a page may confirm after a form post (the words are in base.html).
SAVED = ("claim", "merge", "split")

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["value"] = fmt_value
_env.filters["num"] = fmt_number
_env.filters["safe_url"] = safe_url
_env.globals["version"] = __version__
templates = Jinja2Templates(env=_env)


def server_of(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def session_of(request: Request) -> str | None:
    """The request's session cookie when it is valid, else None."""
    return server_of(request).live_session(request.cookies.get(SESSION_COOKIE))


def base_context(request: Request) -> dict[str, Any]:
    """What every page needs: navigation, the login state, the form CSRF token, and which
    write was just saved (``?saved=claim|merge|split`` after a form post; base.html says so).
    """
    session = session_of(request)
    path = request.url.path
    query = request.url.remove_query_params("saved").query
    saved = request.query_params.get("saved")
    return {
        "nav": NAV,
        "current": path,
        "logged_in": session is not None,
        "csrf": csrf_token(server_of(request).token, session) if session else "",
        "here": path + (f"?{query}" if query else ""),
        "saved": saved if saved in SAVED else None,
    }


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render template ``name`` with the base context."""
    return templates.TemplateResponse(
        request, name, base_context(request) | context, status_code=status
    )


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML face of an error: the same code and message as the JSON one."""
    return render(
        request,
        "error.html",
        {"title": f"Error {status}", "status": status, "code": code, "message": message},
        status,
    )


__all__ = [
    "NAV",
    "SAVED",
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "base_context",
    "render",
    "render_error",
    "server_of",
    "session_of",
    "templates",
]
