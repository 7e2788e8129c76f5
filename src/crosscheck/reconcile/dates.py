"""The one date helper of reconcile: ISO strings at day, month or year precision. Pure."""

from __future__ import annotations

from datetime import date, timedelta


def day(value: str | None) -> date | None:
    """The day of an ISO date string with a day ("2024-03-22..."), else None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def days_between(a: str | None, b: str | None) -> int | None:
    """Whole days between two ISO dates with a day, None when either has none."""
    da, db = day(a), day(b)
    return None if da is None or db is None else abs((da - db).days)


def day_before(value: str | None) -> str | None:
    """The ISO day before an ISO date with a day: the evening a night into it began."""
    found = day(value)
    return None if found is None else (found - timedelta(days=1)).isoformat()


__all__ = ["day", "day_before", "days_between"]
