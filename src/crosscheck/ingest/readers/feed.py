"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``, ``.feed``): one document per entry.

The raw bytes are checked for entity declarations (see
:mod:`crosscheck.ingest.safety`) before feedparser sees them; feedparser is only
ever given bytes, never a URL, so nothing is fetched. Each entry's link is its
url, the feed's title its outlet; its text is the longest of its content and
summary, with HTML removed. Entries are numbered from 1: ``feed.xml#3``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosscheck.errors import EmptyInputError, InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.dates import normalise_published
from crosscheck.ingest.language import normalise_language
from crosscheck.ingest.markup import html_to_text
from crosscheck.ingest.safety import check_xml_safe

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _body(entry: Any) -> str:
    """The readable text of an entry: its longest content or summary, markup removed."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    detail = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    best = ""
    for value, kind in candidates:
        # feedparser hands plain text through unchanged, but entities may still be escaped.
        text = html_to_text(value, keep=frozenset({"header", "footer", "aside"}))
        if kind not in _HTML_TYPES and not text:
            text = value.strip()
        if len(text) > len(best):
            best = text
    return best


def _entry_document(entry: Any, feed: Any, path: Path, number: int) -> RawDocument:
    source = f"{path}#{number}"
    text = _body(entry)
    title = " ".join((entry.get("title") or "").split()) or None
    if not text:
        raise EmptyInputError(
            source,
            "feed entry has no content or summary text",
            "the feed only lists headlines; ingest the linked pages instead",
        )
    author = entry.get("author") or None
    published = None
    for key in ("published", "updated", "created"):
        published = normalise_published(entry.get(key))
        if published:
            break
    language = normalise_language(
        (entry.get("summary_detail") or {}).get("language") or feed.get("language")
    )
    extra = {"entry": str(number)}
    if entry.get("id"):
        extra["guid"] = str(entry.get("id"))
    return RawDocument(
        text=text,
        source=source,
        path=source,
        url=entry.get("link") or None,
        title=title,
        outlet=" ".join((feed.get("title") or "").split()) or None,
        author=author,
        published=published,
        language=language,
        format="feed",
        extra=extra,
    )


@register_reader("feed", (".rss", ".atom", ".xml", ".feed"))
def read_feed(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield one document per feed entry, or an :class:`InputError` for an unreadable entry.

    Raises:
        UnsafeInputError: the feed declares XML entities (an entity bomb or external entity).
        InputError: the file is not a readable RSS or Atom feed.
        EmptyInputError: the feed has no entries.
    """
    import feedparser

    source = str(path)
    data = path.read_bytes()
    check_xml_safe(data, source)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    feed = parsed.get("feed") or {}
    if not entries:
        if parsed.get("bozo") or not feed:
            problem = parsed.get("bozo_exception")
            raise InputError(
                source,
                f"is not a readable RSS or Atom feed ({problem or 'no feed elements found'})",
                "check that the file is a complete RSS/Atom document",
            )
        raise EmptyInputError(source, "feed has no entries", "nothing to ingest from this feed")
    for number, entry in enumerate(entries, start=1):
        try:
            yield _entry_document(entry, feed, path, number)
        except InputError as exc:
            yield exc


__all__ = ["read_feed"]
