"""Small presentation helpers shared by the API and the pages (no store access)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crosscheck.brief.links import safe_url

#: How groups can be sorted; "attention" puts conflicts first, then evolving figures.
GROUP_SORTS = ("attention", "subject", "measure", "sources", "spread", "status")
_ATTENTION = {"conflict": 0, "evolving": 1, "consistent": 2, "corroborated": 3, "single": 4}


def public_store(db: str) -> str:
    """The store as a server may name it: a PostgreSQL URL without its password, or the
    SQLite file's name without the folders above it."""
    if db.startswith(("postgresql://", "postgres://")):
        return redact_url(db)
    return PurePath(db.removeprefix("sqlite:///").removeprefix("sqlite://")).name


def redact_url(url: str) -> str:
    """A store URL without its password, safe to show."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _spread(group: dict[str, Any]) -> float:
    est = group.get("estimate") or {}
    low, high = est.get("low"), est.get("high")
    if low is None or high is None or not high:
        return 0.0
    return float(high - low) / float(abs(high))


def _subject(group: dict[str, Any]) -> str:
    return str((group.get("subject") or {}).get("name") or "")


def sort_groups(rows: list[dict[str, Any]], key: str = "attention") -> list[dict[str, Any]]:
    """Groups ordered by ``key`` (one of :data:`GROUP_SORTS`)."""
    if key == "subject":
        return sorted(rows, key=lambda g: (_subject(g), g["measure"]))
    if key == "measure":
        return sorted(rows, key=lambda g: (g["measure"], _subject(g)))
    if key == "sources":
        return sorted(rows, key=lambda g: -int(g.get("sources") or 0))
    if key == "spread":
        return sorted(rows, key=lambda g: -_spread(g))
    if key == "status":
        return sorted(rows, key=lambda g: g.get("status") or "")
    return sorted(
        rows,
        key=lambda g: (
            _ATTENTION.get(g.get("status") or "", 9),
            -_spread(g),
            -int(g.get("sources") or 0),
        ),
    )


def fmt_number(value: Any) -> str:
    """A number with thousands separators ("1,300,000", "97.5"); "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def fmt_value(low: Any, high: Any) -> str:
    """An interval in words: "145", "at least 130", "up to 100", "2,500–3,500"."""
    num = fmt_number

    if low is None and high is None:
        return "?"
    if high is None:
        return f"at least {num(low)}"
    if low is None:
        return f"up to {num(high)}"
    if low == high:
        return num(low)
    return f"{num(low)}–{num(high)}"


__all__ = [
    "GROUP_SORTS",
    "fmt_number",
    "fmt_value",
    "public_store",
    "redact_url",
    "safe_url",
    "sort_groups",
]
