"""Plain text from HTML fragments (feed entry bodies, pages trafilatura finds nothing in).

Scripts, styles, navigation and forms never become text, and event-handler
attributes (``onerror=…``) are irrelevant because only text nodes are kept.
The parser never fetches anything and never expands entities from a DTD.
Which elements are dropped or end a line is data: ``data/ingest/markup.yaml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from crosscheck.ingest.resources import load_data

if TYPE_CHECKING:  # lxml is imported when markup is read, not by every command
    from lxml import etree, html

_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


@cache
def _tag_sets() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("markup.yaml")
    return frozenset(data["drop"]), frozenset(data["block"])


@cache
def _parser() -> html.HTMLParser:
    from lxml import html

    return html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        default_doctype=False,
    )


def _walk(
    element: etree._Element, drop: frozenset[str], block: frozenset[str], out: list[str]
) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in drop or not isinstance(element.tag, str):
        # Comments and processing instructions have a non-string tag; their tail is still text.
        if element.tail:
            out.append(element.tail)
        return
    if tag in block:
        out.append("\n")
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, drop, block, out)
    if tag in block:
        out.append("\n")
    if element.tail:
        out.append(element.tail)


def html_to_text(markup: str, keep: frozenset[str] = frozenset()) -> str:
    """Return the readable text of an HTML document or fragment.

    Args:
        markup: HTML source; may be a fragment or plain text with entities.
        keep: element names to keep even though ``markup.yaml`` drops them
            (e.g. ``header`` inside a feed entry body).

    Returns:
        The text with one line per block element and single spaces inside lines;
        ``""`` when nothing readable remains.
    """
    if not markup.strip():
        return ""
    from lxml import etree, html

    try:
        root = html.document_fromstring(markup, parser=_parser())
    except (etree.ParserError, ValueError):
        return ""
    drop, block = _tag_sets()
    out: list[str] = []
    _walk(root, drop - keep, block, out)
    text = _SPACES.sub(" ", "".join(out))
    return _LINE_BREAKS.sub("\n", text).strip()


__all__ = ["html_to_text"]
