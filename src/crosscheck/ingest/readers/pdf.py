"""PDF reports (``.pdf``): the text of every page, via pypdf.

Pages are joined with a blank line. A page pypdf cannot extract is skipped and
counted in ``extra["pages_failed"]``; a file with no extractable text at all
(a scan without OCR) is refused with a hint. The PDF's own title, author and
creation date are the lowest-priority metadata: a sidecar or CLI flag wins.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from crosscheck.errors import DecodeError, EmptyInputError, InputError
from crosscheck.ingest.base import RawDocument, register_reader
from crosscheck.ingest.dates import normalise_published

# Titles that authoring tools write instead of the document's title.
_TOOL_TITLE = re.compile(
    r"^(microsoft (word|powerpoint) - |untitled\b)|\.(docx?|pdf|indd|tex)$", re.I
)
_SOFT_HYPHEN = "\u00ad"
# pypdf warns about every small defect of a file; ingestion reports what matters itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _metadata(reader: object) -> dict[str, str | None]:
    meta: dict[str, str | None] = {"title": None, "author": None, "published": None}
    try:
        info = reader.metadata  # type: ignore[attr-defined]
        if info is None:
            return meta
        title = (info.title or "").strip()
        meta["title"] = title if title and not _TOOL_TITLE.search(title) else None
        meta["author"] = (info.author or "").strip() or None
        created = info.creation_date
        meta["published"] = normalise_published(created) if isinstance(created, datetime) else None
    except Exception:  # broken metadata must not lose the text
        pass
    return meta


@register_reader("pdf", (".pdf",))
def read_pdf(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield the one document of a PDF file.

    Raises:
        DecodeError: the file is not a readable PDF, or is encrypted with a password.
        EmptyInputError: no page has extractable text.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    source = str(path)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError as exc:
                raise DecodeError(
                    source,
                    f"is an encrypted PDF that cannot be opened here ({exc})",
                    "save an unencrypted copy of the PDF and ingest that",
                ) from exc
            if not unlocked:
                raise DecodeError(
                    source,
                    "is an encrypted PDF that needs a password",
                    "save an unencrypted copy of the PDF and ingest that",
                )
        pages = list(reader.pages)
    except DecodeError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        raise DecodeError(
            source,
            f"is not a readable PDF ({type(exc).__name__}: {exc})",
            "check that the file is a complete PDF, not truncated or mislabelled",
        ) from exc
    texts: list[str] = []
    failed = 0
    for page in pages:
        try:
            texts.append((page.extract_text() or "").replace(_SOFT_HYPHEN, "").strip())
        except Exception:  # one bad page must not lose the others
            failed += 1
    text = "\n\n".join(t for t in texts if t)
    if not text:
        raise EmptyInputError(
            source,
            f"has no extractable text in its {len(pages)} page(s) (a scan without OCR?)",
            "run OCR on the PDF first, or ingest a text version",
        )
    extra = {"pages": str(len(pages))}
    if failed:
        extra["pages_failed"] = str(failed)
    yield RawDocument(
        text=text, source=source, path=source, format="pdf", extra=extra, **_metadata(reader)
    )


__all__ = ["read_pdf"]
