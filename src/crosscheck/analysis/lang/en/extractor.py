"""The English extractor: one spaCy pass per chunk, then rule components.

Long documents are cut into chunks at paragraph (else sentence) boundaries so
memory stays bounded and no figure is split across a border; each component
sees one chunk and returns document-level offsets.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from crosscheck.analysis.lang.en import claims, entities, events, statements
from crosscheck.analysis.lang.en.casualties import HEADLINE
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.totals import (
    also_hurt,
    derived_figures,
    headline_only,
    headline_outcomes,
    ordinal_figures,
    others_added,
    same_victim_dropped,
)
from crosscheck.analysis.profile import profile
from crosscheck.analysis.registry import register_extractor
from crosscheck.config import Settings
from crosscheck.data import load as load_data
from crosscheck.errors import ModelError
from crosscheck.model import Claim, Document, EventMention, Extraction

#: The offset that marks a headline's parse among a batch's chunks.
_HEADLINE = -1
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"))


def split_chunks(text: str, size: int) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) pairs of at most about ``size`` characters.

    Cuts fall on a blank line if there is one in the second half of the window,
    else a line break, else a sentence end, else a space: a figure and its
    sentence always stay in one piece.
    """
    if len(text) <= size:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start + size // 2 : end]
            cut = None
            for pattern in _BREAKS:
                found = list(pattern.finditer(window))
                if found:
                    cut = start + size // 2 + found[-1].end()
                    break
            if cut is None:
                space = text.rfind(" ", start + size // 2, end)
                cut = space + 1 if space > start else end
            end = cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


@Language.component("crosscheck_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line.

    Headlines, datelines and list items often end without a full stop; the parser
    would glue them to the next sentence, and a figure's sentence (and its parse)
    would then run across the heading. Single line breaks are left alone: PDF text
    wraps lines inside sentences. The parser keeps preset boundaries.
    """
    for token in doc[:-1]:
        if (token.whitespace_ + (token.text if token.is_space else "")).count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_pipeline(name: str) -> Any:
    """Load a spaCy pipeline by package name or path; never downloads."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed ({exc.__class__.__name__}); run `make setup`"
            " or set CROSSCHECK_SPACY_MODEL to an installed pipeline"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names and "crosscheck_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("crosscheck_line_breaks", before="parser")
    return nlp


class EnglishExtractor:
    """spaCy + rules for English reports."""

    language = "en"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_pipeline(settings.spacy_model)

    def extract(self, doc: Document) -> Extraction:
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """Extract from many documents, batching the spaCy pass across them."""
        docs = list(docs)
        # A headline settles what the body leaves open ("Boy dies after ..." over a body that
        # only says he was hit): it is parsed too, as a job of its own before the body's.
        jobs = [
            (piece, (i, offset))
            for i, doc in enumerate(docs)
            for offset, piece in _pieces(doc, self.settings.chunk_chars)
        ]
        results = [Extraction(doc_id=d.id) for d in docs]
        pending = len(docs)
        remaining = [sum(1 for _, (i, _) in jobs if i == k) for k in range(len(docs))]
        emitted = 0
        # Parsed chunks in flight cost memory in proportion to their length: keep about
        # 100,000 characters per batch, so a million-word document stays bounded.
        longest = max((len(piece) for piece, _ in jobs), default=1)
        batch_size = max(1, min(16, 100_000 // max(longest, 1)))
        headlines: dict[int, tuple[list[EventMention], list[Claim]]] = {}
        for sdoc, (i, offset) in self.nlp.pipe(jobs, as_tuples=True, batch_size=batch_size):
            if offset == _HEADLINE:
                headlines[i] = _read_headline(docs[i], sdoc)
            else:
                self._run_components(Chunk(document=docs[i], sdoc=sdoc, offset=offset), results[i])
            remaining[i] -= 1
            # Hand finished documents out in order, so callers can store them early.
            while emitted < len(docs) and remaining[emitted] == 0:
                yield _finish(docs[emitted], results[emitted], headlines.pop(emitted, ([], [])))
                emitted += 1
                pending -= 1
        while emitted < len(docs):
            yield _finish(docs[emitted], results[emitted], headlines.pop(emitted, ([], [])))
            emitted += 1

    @staticmethod
    def _run_components(chunk: Chunk, out: Extraction) -> None:
        mentions = entities.find_mentions(chunk)
        found_events = events.find_events(chunk, mentions)
        out.mentions.extend(mentions)
        out.events.extend(found_events)
        out.statements.extend(statements.find_statements(chunk, mentions))
        out.claims.extend(claims.find_claims(chunk, mentions, found_events))


def _pieces(doc: Document, size: int) -> list[tuple[int, str]]:
    headline = [(_HEADLINE, sentence_case(doc.title))] if doc.title and doc.title.strip() else []
    return headline + split_chunks(doc.text, size)


def sentence_case(title: str) -> str:
    """A Title Case headline in sentence case, which the parser reads far better ("Teen
    Critically Injured In Shooting" -> "Teen critically injured in shooting"); proper names
    lose their capitals, which reading a figure does not need."""
    words = title.split(" ")
    # Numbers and short function words ("in", "of") say nothing of the headline's style.
    styled = [w for w in words if w[:1].isalpha() and len(w) > 3]
    capitalised = [w for w in styled if w[:1].isupper()]
    if len(words) < 4 or len(capitalised) < 0.7 * len(styled):
        return title
    return " ".join(w if i == 0 or w.isupper() else w.lower() for i, w in enumerate(words))


def _read_headline(doc: Document, sdoc: Doc) -> tuple[list[EventMention], list[Claim]]:
    """The incidents and figures a headline names, read like a sentence of the body; their
    spans are in the headline (see :func:`headline_outcomes` and :func:`headline_only`)."""
    sdoc.user_data[HEADLINE] = True
    alone = Document(
        id=doc.id, content_hash=doc.content_hash, text=sdoc.text, published=doc.published
    )
    chunk = Chunk(document=alone, sdoc=sdoc)
    mentions = entities.find_mentions(chunk)
    found = events.find_events(chunk, mentions)
    return found, claims.find_claims(chunk, mentions, found)


def _finish(
    doc: Document, out: Extraction, headline: tuple[list[EventMention], list[Claim]]
) -> Extraction:
    """What needs the whole report: its profile and the figures it gives by difference."""
    out.profile = profile(doc.id, doc.title, doc.text, "en")
    out.claims = also_hurt(same_victim_dropped(out.claims, doc.text), doc.text)
    out.claims = others_added(out.claims, doc.text)
    told, figures = headline
    out.claims.extend(headline_outcomes(out.claims, figures))
    only = headline_only(out.claims, figures, doc.title or "")
    if only:
        incident = _headline_incident(out, told, doc.title or "")
        if incident is not None:
            out.events.append(incident)
            only = [dataclasses.replace(c, subject_ref=incident.id) for c in only]
        out.claims.extend(only)
    out.claims.extend(ordinal_figures(out.claims, doc.text))
    out.claims.extend(derived_figures(out.claims, doc.text, doc.title or ""))
    return out


@cache
def _violent() -> frozenset[str]:
    table: dict[str, Any] = load_data("reconcile")
    return frozenset(str(t) for t in table["event_type_families"]["violent"])


def _headline_incident(
    out: Extraction, told: list[EventMention], title: str
) -> EventMention | None:
    """The incident a headline names, for a report whose body names none of its kind.

    Like the headline's figures, it has an empty span (``[0, 0]``) and the headline as its
    sentence. None when the body names a violent incident (its figures are that one's).
    """
    if any(e.type in _violent() for e in out.events):
        return None
    violent = [e for e in told if e.type in _violent()]
    if not violent:
        return None
    return dataclasses.replace(violent[0], span=(0, 0), sentence=title)


@register_extractor("en")
def english_extractor(settings: Settings) -> EnglishExtractor:
    return EnglishExtractor(settings)


__all__ = ["EnglishExtractor", "english_extractor", "load_pipeline", "split_chunks"]
