"""The Russian extractor: one Natasha pass per report, then the Russian rule components.

Registered as ``ru`` through the same door as English; produces the same records, so
everything after extraction (reconcile, store, faces) treats both languages alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from crosscheck.analysis.lang.ru import claims, entities, events, statements
from crosscheck.analysis.lang.ru.parse import Natasha, lemma, natasha
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


class RussianExtractor:
    """Natasha + rules for Russian reports."""

    language = "ru"

    def __init__(self, settings: Settings, models: Natasha | None = None) -> None:
        self.settings = settings
        self.models = models or natasha()

    def extract(self, doc: Document) -> Extraction:
        parsed = self.models.parse(doc.text)
        out = Extraction(doc_id=doc.id)
        out.mentions = entities.find_mentions(parsed, doc.id)
        speakers: set[str] = set()
        out.statements = statements.find_statements(
            parsed.sentences, out.mentions, speakers, doc.id
        )
        out.events = events.find_events(
            parsed.sentences, out.mentions, doc.id, _published(doc), frozenset(speakers)
        )
        out.claims = claims.find_claims(
            doc.id, parsed.sentences, out.events, out.statements, _published(doc), out.mentions
        )
        out.profile = report_profile(doc, out.mentions)
        return out

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)


@register_extractor("ru")
def russian_extractor(settings: Settings) -> RussianExtractor:
    return RussianExtractor(settings)


__all__ = ["RussianExtractor", "russian_extractor"]
