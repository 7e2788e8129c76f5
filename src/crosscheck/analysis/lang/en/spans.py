"""Per-document caches for spaCy lookups that are linear in the document.

``Doc.text`` and ``Doc.ents`` rebuild their result on every access, and
``Span.ents`` scans every entity of the document; called once per sentence or
per figure they make a long chunk quadratic. These helpers compute each once per
``Doc`` (kept in ``doc.user_data``) and answer per span by bisection.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_TEXT = "crosscheck.text"
_ENTS = "crosscheck.ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT] = text
    return str(text)


def ents_in(span: Span) -> list[Span]:
    """The named entities wholly inside ``span``, in order (like ``span.ents``)."""
    doc = span.doc
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        ents = list(doc.ents)
        cached = (ents, [e.start for e in ents])
        doc.user_data[_ENTS] = cached
    ents, starts = cached
    out: list[Span] = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[i]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


__all__ = ["doc_text", "ents_in"]
