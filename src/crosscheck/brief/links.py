"""Links a brief or a page may follow: only http(s) URLs, never ``javascript:`` or data.

Report metadata (a document's URL) is hostile input: it becomes a link only when it is
an absolute http or https URL with a host.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def safe_url(url: Any) -> str | None:
    """``url`` when its scheme is http or https, else None (never a javascript: link)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ch in "<>\"'`" for ch in candidate):
        return None
    return candidate


__all__ = ["safe_url"]
