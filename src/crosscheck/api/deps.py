"""Dependencies every route shares: the server, a borrowed store, the write token, paging."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from crosscheck.api.errors import ApiError
from crosscheck.pipeline.paging import MAX_OFFSET
from crosscheck.store import Store
from crosscheck.web.auth import token_matches
from crosscheck.web.server import Server

#: Largest page a listing returns; clients page with ``offset``.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="The write token: CROSSCHECK_TOKEN, or the one `crosscheck serve` printed "
    "and keeps beside the database (<db>.token).",
)


def get_server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def get_store(server: Annotated[Server, Depends(get_server)]) -> Iterator[Store]:
    """A store borrowed from the pool for this request."""
    with server.pool.store() as store:
        yield store


def require_token(
    server: Annotated[Server, Depends(get_server)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> None:
    """Writes need ``Authorization: Bearer <token>``: 401 without one, 403 with a wrong one."""
    if creds is None:
        raise ApiError(
            401,
            "unauthorized",
            "this endpoint changes the store and needs `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not token_matches(server.token, creds.credentials):
        raise ApiError(
            403,
            "forbidden",
            "the token is not the server's write token; use the token `crosscheck serve` printed",
        )


class Page:
    """``limit``/``offset`` query parameters with a sane maximum."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many")] = (
            DEFAULT_LIMIT
        ),
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset

    def apply(self, rows: list[Any]) -> dict[str, Any]:
        """One page of ``rows`` with the total, so clients know when to stop."""
        return {
            "items": rows[self.offset : self.offset + self.limit],
            "total": len(rows),
            "limit": self.limit,
            "offset": self.offset,
        }


StoreDep = Annotated[Store, Depends(get_store)]
ServerDep = Annotated[Server, Depends(get_server)]
PageDep = Annotated[Page, Depends()]
WriteAuth = Depends(require_token)

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Page",
    "PageDep",
    "ServerDep",
    "StoreDep",
    "WriteAuth",
    "bearer",
    "get_server",
    "get_store",
    "require_token",
]
