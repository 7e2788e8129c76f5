"""One page of a listing, and the one check of the ``limit``/``offset`` every face passes.

:class:`Listing` is what the paged listings in :mod:`crosscheck.pipeline.listings`,
:mod:`~crosscheck.pipeline.claims` and :mod:`~crosscheck.pipeline.views` return; the CLI
prints it with a "showing 1–50 of N" line and the API answers its :meth:`Listing.to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosscheck.errors import ConfigError

#: The largest page any listing returns at once; more than this, page with ``offset``.
MAX_LIMIT = 10_000
#: No store holds this many rows; a larger offset would overflow the database's integers.
MAX_OFFSET = 1_000_000_000


@dataclass
class Listing:
    """One page of a listing: its rows, how many rows the whole listing has, where it starts.

    ``hidden`` counts rows left out by a default filter (bare incidents in the event list).
    """

    items: list[dict[str, Any]]
    total: int
    limit: int | None = None
    offset: int = 0
    hidden: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The API's listing shape: ``{"items", "total", "limit", "offset"}``."""
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a page no listing can serve (a one-line error naming the option)."""
    if offset < 0:
        raise ConfigError(f"offset {offset} is negative; use 0 for the first page")
    if offset > MAX_OFFSET:
        raise ConfigError(f"offset {offset} is past any listing; use at most {MAX_OFFSET:,}")
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(
            f"limit {limit} is outside 1–{MAX_LIMIT:,}; "
            "page through larger listings with offset (or JSON output without a limit)"
        )


def page_of(rows: list[dict[str, Any]], limit: int | None, offset: int) -> Listing:
    """A page cut from a listing already in memory (filters that need every row)."""
    check_page(limit, offset)
    end = None if limit is None else offset + limit
    return Listing(rows[offset:end], len(rows), limit, offset)


__all__ = ["MAX_LIMIT", "MAX_OFFSET", "Listing", "check_page", "page_of"]
