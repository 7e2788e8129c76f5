"""Markdown reports (``.md``, ``.markdown``): the prose, without the markup.

Parsed with markdown-it-py (installed with rich) rather than with regular
expressions, so emphasis, links, images, tables and code fences are recognised
the way a Markdown renderer sees them. Kept: headings, paragraphs, list items,
quotes, table cells, link texts, the content of code blocks. Dropped: heading
marks, emphasis marks, link URLs, images, fence lines, raw HTML tags (their
text is kept, their scripts are not). A YAML front-matter block gives title,
author, date and outlet; otherwise the first level-1 heading is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from crosscheck.errors import InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.dates import normalise_published
from crosscheck.ingest.encoding import decode_bytes
from crosscheck.ingest.language import normalise_language
from crosscheck.ingest.markup import html_to_text

if TYPE_CHECKING:  # markdown-it is imported when a Markdown file is read, not by every command
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Front-matter keys people use for each metadata field, in order of preference.
_FRONT_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date", "pubdate", "publish_date"),
    "outlet": ("outlet", "publisher", "site", "source"),
    "url": ("url", "link", "canonical_url"),
    "language": ("language", "lang"),
}


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # image, html_inline, link and emphasis markers carry no prose of their own
    return "".join(parts).strip()


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Return the prose of a Markdown document and its first level-1 heading (or ``None``)."""
    blocks: list[str] = []
    row: list[str] | None = None
    heading: str | None = None
    in_h1 = False
    for token in _parser().parse(source):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append("\t".join(cell for cell in row if cell))
            row = None
        elif token.type == "heading_open":
            in_h1 = token.tag == "h1"
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
                if in_h1 and heading is None:
                    heading = text
        elif token.type in ("fence", "code_block"):
            if token.content.strip():
                blocks.append(token.content.rstrip("\n"))
        elif token.type == "html_block":
            text = html_to_text(token.content)
            if text:
                blocks.append(text)
        if token.type == "heading_close":
            in_h1 = False
    return "\n\n".join(blocks), heading


def _as_text(value: Any) -> str | None:
    if isinstance(value, (date, int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value)
    return None


def split_front_matter(source: str) -> tuple[dict[str, str], str]:
    """Split a leading YAML front-matter block from ``source``.

    Returns the metadata it gives (see :data:`_FRONT_KEYS`) and the remaining
    Markdown. Text whose first block is not valid YAML mapping is left intact.
    """
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, source
    if not isinstance(data, dict):
        return {}, source
    meta: dict[str, str] = {}
    lowered = {str(key).lower(): value for key, value in data.items()}
    for field, keys in _FRONT_KEYS.items():
        for key in keys:
            value = _as_text(lowered.get(key))
            if value:
                meta[field] = value
                break
    return meta, source[match.end() :]


@register_reader("markdown", (".md", ".markdown"))
def read_markdown(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the one document of a Markdown file: its prose plus front-matter metadata."""
    source = str(path)
    meta, body = split_front_matter(decode_bytes(path.read_bytes(), source))
    text, heading = markdown_to_text(body)
    yield RawDocument(
        text=text,
        source=source,
        path=source,
        title=meta.get("title") or heading,
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        url=meta.get("url"),
        published=normalise_published(meta.get("published")),
        language=normalise_language(meta.get("language")),
        format="markdown",
    )


__all__ = ["markdown_to_text", "read_markdown", "split_front_matter"]
