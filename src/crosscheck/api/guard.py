"""What the server checks before a route runs: headers on every answer, and writes refused
before their body is read.

Pure ASGI middleware (no request object buffers anything here):

* :class:`SecurityHeaders` adds the CSP and the other security headers to every answer,
  ``Cache-Control: no-store`` to everything but the static assets (pages carry CSRF
  tokens and store contents), and answers ``HEAD`` like ``GET`` without the body.
* :class:`BodyGuard` looks at a request that carries a body (POST, PUT, PATCH, DELETE)
  before the route reads a byte of it: an API write needs the bearer token, a page form
  a live session (the login form excepted), and the declared ``Content-Length`` must be
  under the cap of its route; a body sent without a length (chunked) is counted while it
  streams and cut off at the cap. A refusal answers 401/403/413 in the one error shape.

The routes check the token, the session and the CSRF field again: this module only makes
sure nobody can make the server read, buffer or spool a body it would refuse anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosscheck.api.errors import respond_error
from crosscheck.web.auth import SESSION_COOKIE, token_matches
from crosscheck.web.server import Server

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
#: Room for multipart framing and form fields on top of the uploaded files themselves.
UPLOAD_OVERHEAD = 1024 * 1024
#: The most any other write (a correction, a merge, a login form) may send.
FORM_CAP = 1024 * 1024
#: Where a body may hold uploaded files (POST only).
UPLOAD_PATHS = ("/api/documents", "/upload")
#: Page forms that need no session: the login form is how one gets a session.
OPEN_FORMS = ("/login",)
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class SecurityHeaders:
    """Security and cache headers on every answer; ``HEAD`` served as a bodiless ``GET``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {k.lower() for k, _ in headers}
                extra = {"content-security-policy": CSP, **SECURITY_HEADERS}
                if not static:
                    extra["cache-control"] = "no-store"
                for name, value in extra.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        if head:
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send_with_headers)


@dataclass
class _Count:
    received: int = 0
    over: bool = False
    started: bool = False


class BodyGuard:
    """Refuse a write before reading its body (see the module docstring)."""

    def __init__(self, app: ASGIApp, server: Server) -> None:
        self.app = app
        self.server = server
        settings = server.settings
        self.upload_cap = (
            int(settings.upload_max_mb * 1024 * 1024) * settings.upload_max_files + UPLOAD_OVERHEAD
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        if length in (None, "0") and "transfer-encoding" not in headers:
            # Nothing to read: the route answers (401, 404, 405 ...) as it would anyway.
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._credentials(request)
        cap = self.upload_cap if scope["path"] in UPLOAD_PATHS else FORM_CAP
        if refusal is None and length is not None:
            if not length.isdigit():
                refusal = (400, "bad_request", "the Content-Length header is not a number")
            elif int(length) > cap:
                refusal = (413, "too_large", self._too_large(int(length), cap))
        if refusal is not None:
            status, code, message = refusal
            challenge = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            # Connection: close, since the body the client is sending will not be read.
            response = respond_error(request, status, code, message, challenge)
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        await self._capped(scope, receive, send, cap)

    def _credentials(self, request: Request) -> tuple[int, str, str] | None:
        """Why this write is refused before its body is read, or None."""
        path = request.url.path
        if path.startswith("/api/") or path == "/api":
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not given.strip():
                return (
                    401,
                    "unauthorized",
                    "this endpoint changes the store and needs `Authorization: Bearer <token>`",
                )
            if not token_matches(self.server.token, given.strip()):
                return (
                    403,
                    "forbidden",
                    "the token is not the server's write token;"
                    " use the token `crosscheck serve` printed",
                )
            return None
        if path in OPEN_FORMS:
            return None
        if self.server.live_session(request.cookies.get(SESSION_COOKIE)) is None:
            return (401, "unauthorized", "log in with the write token to change the store")
        return None

    def _too_large(self, size: int, cap: int) -> str:
        settings = self.server.settings
        if cap == self.upload_cap:
            return (
                f"the request is {size / 1_000_000:.1f} MB, over the upload limit of"
                f" {settings.upload_max_files} files of {settings.upload_max_mb:g} MB;"
                " send fewer or smaller files"
            )
        return (
            f"the request is {size / 1_000_000:.1f} MB, over the {cap // 1024} KB a form may send"
        )

    async def _capped(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        """Run the route with a body counted as it streams: past ``cap``, answer 413."""
        count = _Count()
        request = Request(scope)

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                count.received += len(message.get("body", b""))
                if count.received > cap:
                    # Stop the route reading on: it sees the client go away, and whatever
                    # it answers is replaced by the 413 below.
                    count.over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if count.over:
                return
            if message["type"] == "http.response.start":
                count.started = True
            await send(message)

        await self.app(scope, counted_receive, guarded_send)
        if count.over and not count.started:
            response = respond_error(
                request, 413, "too_large", self._too_large(count.received, cap)
            )
            response.headers["Connection"] = "close"
            await response(scope, receive, send)


__all__ = ["CSP", "FORM_CAP", "SECURITY_HEADERS", "UPLOAD_OVERHEAD", "BodyGuard", "SecurityHeaders"]
