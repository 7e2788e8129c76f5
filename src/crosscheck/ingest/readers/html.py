"""HTML pages (``.html``, ``.htm``): the article text and the page's own metadata.

trafilatura finds the main text (navigation, scripts, styles, comments and
boilerplate never become text) and reads title, site name, author and date.
It is only ever handed a string, never a URL, so nothing is fetched. When
trafilatura finds no article, the page's visible text (see
:mod:`crosscheck.ingest.markup`) is used; a page with no readable text at all
is refused, as is a page that declares XML entities.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import EmptyInputError, InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.dates import normalise_published
from crosscheck.ingest.encoding import decode_bytes
from crosscheck.ingest.language import normalise_language
from crosscheck.ingest.markup import html_to_text
from crosscheck.ingest.resources import load_data
from crosscheck.ingest.safety import refuse_entity_declarations

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
# Trafilatura logs every page it finds nothing in; ingestion reports that itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def decode_html(data: bytes, source: str) -> str:
    """Decode an HTML page: byte-order mark, then ``<meta charset>``, then detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        match = _DECLARED_CHARSET.search(data[:4096])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall back to detection
    return decode_bytes(data, source)


def _strip_site_name(title: str | None, site: str | None) -> str | None:
    """ "Bridge attack | Harbour Ledger" → "Bridge attack" when the site name is known."""
    if not title or not site:
        return title
    for separator in _TITLE_SEPARATORS:
        suffix = f"{separator}{site}"
        if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def extract_page(page: str, source: str) -> RawDocument:
    """Turn the HTML of one page into a document with its text and metadata.

    Raises:
        EmptyInputError: nothing readable remains once markup and scripts are gone.
    """
    import trafilatura

    found = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
        prune_xpath=list(load_data("markup.yaml")["prune_xpath"]),
    )
    text = (getattr(found, "text", None) or "").strip()
    if not text:
        text = html_to_text(page)
    if not text:
        raise EmptyInputError(
            source,
            "has no article text once markup, scripts and navigation are removed",
            "check that the file is the article page, not a redirect or script-only page",
        )
    site = getattr(found, "sitename", None) or None
    return RawDocument(
        text=text,
        source=source,
        path=source,
        url=getattr(found, "url", None) or None,
        title=_strip_site_name(getattr(found, "title", None) or None, site),
        outlet=site,
        author=getattr(found, "author", None) or None,
        published=normalise_published(getattr(found, "date", None)),
        language=normalise_language(getattr(found, "language", None)),
        format="html",
    )


@register_reader("html", (".html", ".htm", ".xhtml"))
def read_html(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the one document of an HTML page."""
    source = str(path)
    data = path.read_bytes()
    refuse_entity_declarations(data, source)
    yield extract_page(decode_html(data, source), source)


__all__ = ["decode_html", "extract_page", "read_html"]
