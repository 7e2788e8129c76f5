"""Entity mentions in an English chunk: spaCy NER plus the domain gazetteer.

Gazetteer hits (armed groups, agencies, organisations, venues, regions) win over
overlapping NER spans, because the small NER model splits "ISIS-K", mislabels
groups and swallows a leading "the". NER spans are cleaned (no leading article,
no possessive, no line breaks) and keyed: gazetteer id when known, the country
for demonyms and country aliases, else the normalised text. Each mention keeps
its exact character span in the document.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from spacy.tokens import Span

from crosscheck.analysis.gazetteer import alias_cues, demonyms, match
from crosscheck.analysis.geo import country_code, geocode
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.spans import doc_text
from crosscheck.model import Mention

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_LEADING_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_TRAILING = frozenset({"'s", "’s", "'", "’", "-", "–", "—", ",", "."})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise_key(text: str) -> str:
    """The key of an unknown name: lower case, no leading "the", no possessive."""
    text = " ".join(text.replace("’", "'").split())
    text = _POSSESSIVE.sub("", text).strip(" .,;:")
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in _LEADING_WORDS:
        words = words[1:]
    return " ".join(words).lower()


def _clean(span: Span) -> Span | None:
    """``span`` without a leading article, trailing possessive or text after a line break."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _LEADING_WORDS:
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i + 1 if "\n" in doc[i].whitespace_ else i
            break
    if end <= start:
        return None
    cleaned = Span(doc, start, end, label=span.label_)
    if not any(c.isalpha() for c in cleaned.text):
        return None
    # The small model tags lower-case common nouns as ORG/PERSON now and then.
    if cleaned.label_ in ("ORG", "PERSON", "FAC") and not any(
        t.text[:1].isupper() for t in cleaned
    ):
        return None
    return cleaned


def _demonym(text: str) -> tuple[str, str] | None:
    return demonyms().get(text) or demonyms().get(text.title())


def _relabel(span: Span) -> str:
    """Fix labels the small model gets wrong on this domain ("Tajik" as PERSON)."""
    label = span.label_
    if label not in ("PERSON", "ORG"):
        return label
    if len(span) == 1 and _demonym(span.text):
        return "NORP"
    if label == "PERSON" and any(_demonym(t.text) for t in span):
        return "ORG"
    place = geocode(span.text) if len(span) <= 3 else None
    if place is not None and place.kind in ("country", "city") and place.name == span.text:
        return "GPE"
    return label


def _ner_key(text: str, label: str) -> tuple[str, str | None]:
    if label in ("NORP", "GPE"):
        country = _demonym(text)
        if country:
            return country
    if label in ("GPE", "NORP", "LOC"):
        code = country_code(text, allow_code=False)
        if code is not None:
            place = geocode(code)
            if place is not None:
                return normalise_key(place.name), place.name
    return normalise_key(text), None


def find_mentions(chunk: Chunk) -> list[Mention]:
    """Entity mentions in ``chunk``, with document offsets, sorted by position.

    Labels: PERSON, ORG, GPE, LOC, FAC, NORP from NER, and ARMED_GROUP, AGENCY,
    ORG, FAC, LOC from the gazetteer (which wins where the two overlap).
    """
    sdoc = chunk.sdoc
    doc_id = chunk.document.id
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for hit in match(sdoc):
        start, end = chunk.span_of(hit.span)
        mentions.append(
            Mention(
                doc_id=doc_id,
                start=start,
                end=end,
                text=hit.span.text,
                label=hit.entry.label,
                key=hit.entry.id,
                canonical=hit.entry.canonical,
            )
        )
        taken.append((hit.span.start, hit.span.end))
    for ent in sdoc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        span = _clean(ent)
        if span is None or any(span.start < e and s < span.end for s, e in taken):
            continue
        label = _relabel(span)
        key, canonical = _ner_key(span.text, label)
        start, end = chunk.span_of(span)
        mentions.append(
            Mention(
                doc_id=doc_id,
                start=start,
                end=end,
                text=span.text,
                label=label,
                key=key,
                canonical=canonical,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return _join_aliases(mentions, chunk)


_ALIAS_FAMILIES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "AGENCY"})


@cache
def _alias_between() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(alias_cues(), key=len, reverse=True))
    return re.compile(rf"\s*[,(]?\s*(?:{cues})\s*[:,]?\s*", re.IGNORECASE)


def _join_aliases(mentions: list[Mention], chunk: Chunk) -> list[Mention]:
    """ "Shahab al-Muhajir, also known as Sanaullah Ghafari": the second name takes the
    first's key, so both resolve to one entity (and each alias keeps its document)."""
    text = doc_text(chunk.sdoc)
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        if a.label not in _ALIAS_FAMILIES or b.label not in _ALIAS_FAMILIES:
            continue
        between = text[a.end - chunk.offset : b.start - chunk.offset]
        if between and _alias_between().fullmatch(between):
            # The cue says they name one: the tagger's label for the alias is the weaker word.
            mentions[i] = dataclasses.replace(b, key=a.key, canonical=a.canonical, label=a.label)
    return mentions


__all__ = ["NER_LABELS", "find_mentions", "normalise_key"]
