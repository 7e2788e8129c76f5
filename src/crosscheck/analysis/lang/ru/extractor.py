"""Russian reports: the Natasha pass and the Russian rule components, as a grammar for the
shared :class:`~crosscheck.analysis.extractor.Extractor`.

Registered as ``ru`` through the same door as English; produces the same records, so
everything after extraction (reconcile, store, faces) treats both languages alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from crosscheck.analysis.extractor import Extractor, Job
from crosscheck.analysis.figures import HARM_MEASURES, headline_only
from crosscheck.analysis.lang.ru import claims, entities, events, statements
from crosscheck.analysis.lang.ru.parse import Natasha, Parsed, lemma, natasha
from crosscheck.analysis.profile import profile
from crosscheck.analysis.registry import register_extractor
from crosscheck.config import Settings
from crosscheck.model import Document, Extraction, Mention, Profile

#: Mentions whose English key joins the profile: names, not demonyms.
_NAMED = frozenset({"PERSON", "ORG", "AGENCY", "ARMED_GROUP", "GPE", "LOC", "FAC"})


def _published(doc: Document) -> date | None:
    try:
        return date.fromisoformat(doc.published[:10]) if doc.published else None
    except ValueError:
        return None


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _lemmas(text: str) -> str:
    return " ".join(lemma(w) for w in _WORD.findall(text))


def report_profile(doc: Document, mentions: list[Mention]) -> Profile:
    """The report's profile over lemmas ("Перми", "Пермь" are one word), plus the English
    keys of the names it mentions, so that a Russian and an English report of one incident
    share their rare words ("crocus", "bortnikov", "krasnogorsk")."""
    names = " ".join(m.key for m in mentions if m.label in _NAMED)
    return profile(doc.id, _lemmas(doc.title or ""), f"{_lemmas(doc.text)}\n{names}", "ru")


class NatashaPass:
    """Natasha over (text, job) pairs, ``batch_size`` texts at a time: their sentences
    share the models' batches (:meth:`Natasha.parse_many`)."""

    def __init__(self, models: Natasha) -> None:
        self.models = models

    def pipe(
        self, jobs: Iterable[tuple[str, Job]], batch_size: int
    ) -> Iterator[tuple[Parsed, Job]]:
        batch: list[tuple[str, Job]] = []
        for job in jobs:
            batch.append(job)
            if len(batch) >= batch_size:
                yield from self._parse(batch)
                batch = []
        yield from self._parse(batch)

    def _parse(self, batch: list[tuple[str, Job]]) -> Iterator[tuple[Parsed, Job]]:
        parsed = self.models.parse_many([text for text, _ in batch]) if batch else []
        yield from zip(parsed, (job for _, job in batch), strict=True)


class RussianGrammar:
    """Natasha + rules for Russian reports."""

    language = "ru"
    #: A figure "в том числе" is a part of the report's earlier total, and a statement's
    #: speaker is no incident's place anywhere in it: the rules read the whole report.
    whole_report = True

    def __init__(self, models: Natasha | None = None) -> None:
        self.models = models or natasha()
        self.parser = NatashaPass(self.models)

    def headline(self, title: str) -> None:
        """Russian headlines are not parsed apart: a report's title is no job of its own."""
        return None

    def read(self, doc: Document, parsed: Parsed, offset: int, out: Extraction) -> None:
        read = _read(doc, parsed)
        out.mentions.extend(read.mentions)
        out.statements.extend(read.statements)
        out.events.extend(read.events)
        out.claims.extend(read.claims)

    def read_headline(self, doc: Document, parsed: Parsed) -> None:
        return None

    def finish(self, doc: Document, out: Extraction, headline: None) -> Extraction:
        out.profile = report_profile(doc, out.mentions)
        title = (doc.title or "").strip()
        # Wire items often give the toll in the title only ("... погибли трое") over a body
        # that tells the scene. The title is parsed only then, so reports whose body gives
        # its figures cost no second pass.
        if title and not any(c.measure in HARM_MEASURES for c in out.claims):
            (parsed,) = self.models.parse_many([title])
            told = _read(doc, parsed).claims
            out.claims.extend(headline_only(out.claims, told, title))
        return out


def _read(doc: Document, parsed: Parsed) -> Extraction:
    """What the Russian rules read in one parsed text of ``doc``."""
    published = _published(doc)
    mentions = entities.find_mentions(parsed, doc.id)
    speakers: set[str] = set()
    found_statements = statements.find_statements(parsed.sentences, mentions, speakers, doc.id)
    found_events = events.find_events(
        parsed.sentences, mentions, doc.id, published, frozenset(speakers)
    )
    found_claims = claims.find_claims(
        doc.id, parsed.sentences, found_events, found_statements, published, mentions
    )
    return Extraction(
        doc_id=doc.id,
        mentions=mentions,
        events=found_events,
        claims=found_claims,
        statements=found_statements,
    )


class RussianExtractor(Extractor[Parsed, None]):
    """The shared extractor with the Russian grammar."""

    def __init__(self, settings: Settings, models: Natasha | None = None) -> None:
        grammar = RussianGrammar(models)
        super().__init__(grammar, settings)
        self.models = grammar.models


@register_extractor("ru")
def russian_extractor(settings: Settings) -> RussianExtractor:
    return RussianExtractor(settings)


__all__ = ["NatashaPass", "RussianExtractor", "RussianGrammar", "russian_extractor"]
