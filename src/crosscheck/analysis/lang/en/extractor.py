"""English reports: the spaCy pass and the English rule components, as a grammar for the
shared :class:`~crosscheck.analysis.extractor.Extractor`.

Long documents are cut into chunks by the shared extractor; each component sees one chunk
and returns document-level offsets. A headline is parsed as a job of its own, in sentence
case, and settles what the body leaves open.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from spacy.tokens import Doc

from crosscheck.analysis.extractor import Extractor, split_chunks
from crosscheck.analysis.figures import headline_only
from crosscheck.analysis.gazetteer import share_tokenizer
from crosscheck.analysis.lang.en import claims, entities, events, statements
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.harmwords import HEADLINE
from crosscheck.analysis.lang.en.totals import (
    also_hurt,
    derived_figures,
    headline_outcomes,
    ordinal_figures,
    others_added,
    same_victim_dropped,
)
from crosscheck.analysis.profile import profile
from crosscheck.analysis.registry import register_extractor
from crosscheck.analysis.spacy_pass import SpacyPass, load_pipeline
from crosscheck.config import Settings
from crosscheck.data import load as load_data
from crosscheck.model import Claim, Document, EventMention, Extraction

#: What a headline tells: its incidents and its figures.
HeadlineRead = tuple[list[EventMention], list[Claim]]


class EnglishGrammar:
    """spaCy + rules for English reports."""

    language = "en"
    #: Each chunk is read on its own; what needs the whole report waits for :meth:`finish`.
    whole_report = False

    def __init__(self, settings: Settings) -> None:
        self.parser = SpacyPass(settings.spacy_model)
        nlp = self.parser.nlp
        share_tokenizer(nlp.vocab, nlp.make_doc)

    def headline(self, title: str) -> str:
        return sentence_case(title)

    def read(self, doc: Document, parsed: Doc, offset: int, out: Extraction) -> None:
        chunk = Chunk(document=doc, sdoc=parsed, offset=offset)
        mentions = entities.find_mentions(chunk)
        found_events = events.find_events(chunk, mentions)
        out.mentions.extend(mentions)
        out.events.extend(found_events)
        out.statements.extend(statements.find_statements(chunk, mentions))
        out.claims.extend(claims.find_claims(chunk, mentions, found_events))

    def read_headline(self, doc: Document, parsed: Doc) -> HeadlineRead:
        return _read_headline(doc, parsed)

    def finish(self, doc: Document, out: Extraction, headline: HeadlineRead | None) -> Extraction:
        return _finish(doc, out, headline or ([], []))


class EnglishExtractor(Extractor[Doc, HeadlineRead]):
    """The shared extractor with the English grammar."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(EnglishGrammar(settings), settings)


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


def _read_headline(doc: Document, sdoc: Doc) -> HeadlineRead:
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


def _finish(doc: Document, out: Extraction, headline: HeadlineRead) -> Extraction:
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


__all__ = [
    "EnglishExtractor",
    "EnglishGrammar",
    "english_extractor",
    "load_pipeline",
    "sentence_case",
    "split_chunks",
]
