"""Entity mentions in a Russian report, keyed like English mentions of the same entity.

A name the alias table (``data/ru/aliases.yaml``) knows becomes the English name it stands
for, then the English key: the gazetteer id ("Крокус Сити Холле" -> ``crocus-city-hall``,
"ИГ-Хорасан" -> ``isis-k``) or the country ("Таджикистана" -> ``tajikistan``). Other
names found by Natasha's NER are lemmatised and transliterated ("Бортникова" ->
``bortnikov``), so a person named in both languages meets in one entity. Alias matches
win over overlapping NER spans; every mention keeps its exact span.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crosscheck.analysis.gazetteer import Entry, entries
from crosscheck.analysis.geo import country_code, geocode
from crosscheck.analysis.lang.en.entities import normalise_key
from crosscheck.analysis.lang.ru.grammar import fold, grammar, transliterate
from crosscheck.analysis.lang.ru.parse import Name, Parsed, Sentence, lemma, name_lemma
from crosscheck.model import Mention

_NER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: The longest alias, in words.
MAX_ALIAS_WORDS = 5


@dataclass(frozen=True, slots=True)
class Resolved:
    """The English identity of a name: key, canonical name and label."""

    key: str
    canonical: str | None
    label: str


@cache
def _english_index() -> dict[str, Entry]:
    """Lower-case English gazetteer name or acronym -> its entry."""
    out: dict[str, Entry] = {}
    for entry, acronyms, names in entries().values():
        for name in (entry.canonical, *acronyms, *names):
            out.setdefault(name.lower(), entry)
    return out


@cache
def resolve_english(name: str, label: str = "ORG") -> Resolved:
    """The key an English mention of ``name`` gets (as in :mod:`..en.entities`)."""
    entry = _english_index().get(name.lower())
    if entry is not None:
        return Resolved(entry.id, entry.canonical, entry.label)
    code = country_code(name, allow_code=False)
    if code is not None:
        place = geocode(code)
        if place is not None:
            return Resolved(normalise_key(place.name), place.name, "GPE")
    place = geocode(name)
    if place is not None and place.kind == "city":
        # The English name as canonical: a report's lead place is read from it.
        return Resolved(normalise_key(name), place.name, "GPE")
    return Resolved(normalise_key(name), None, label)


def lemma_phrase(text: str, person: bool = False) -> str:
    """The folded lemmas of a name ("Следственного комитета" -> "следственный комитет")."""
    read = name_lemma if person else lemma
    return fold(" ".join(read(w) for w in text.split()))


def resolve(text: str, label: str) -> Resolved:
    """The identity of a Russian name as written in the report."""
    g = grammar()
    phrase = lemma_phrase(text, person=label == "PERSON")
    english = g.names.get(phrase) or g.demonyms.get(phrase)
    if english is not None:
        return resolve_english(english, label)
    words = [g.given_names.get(w, transliterate(w)) for w in phrase.split()]
    latin = " ".join(words)
    if label == "GPE":
        return resolve_english(latin.title(), label)
    return Resolved(normalise_key(latin), None, label)


@cache
def _first_words() -> frozenset[str]:
    """The first word of every alias: a name can only start at a word that starts one."""
    return frozenset(k.split()[0] for k in grammar().names if k)


def _alias_hits(sent: Sentence, doc_id: str) -> list[Mention]:
    g = grammar()
    tokens = sent.tokens
    # Folded once per sentence; a phrase is the join of its words' folds (fold is per word).
    lemmas = [fold(t.lemma) for t in tokens]
    texts = [fold(t.text) for t in tokens]
    dashes = [t.text in "-–—" for t in tokens]
    firsts = _first_words()
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        hit = None
        starts = tokens[i].text[:1].isupper() and any(
            w.split(" ", 1)[0] in firsts for w in (lemmas[i], texts[i])
        )
        longest = min(MAX_ALIAS_WORDS, len(tokens) - i) if starts else 1
        for n in range(longest, 0, -1):
            # Dashes are spaces in the table: "ИГ-Хорасан" is the tokens ИГ, -, Хорасан.
            span = [k for k in range(i, i + n) if not dashes[k]]
            phrase = " ".join(lemmas[k] for k in span if lemmas[k])
            # Acronyms are not inflected, and the lemmatiser reads some as words ("ИГ").
            english = None
            if starts:
                english = g.names.get(phrase) or g.names.get(
                    " ".join(texts[k] for k in span if texts[k])
                )
            if english and not dashes[i + n - 1]:
                hit = (n, english)
                break
            if n == 1 and phrase in g.demonyms:
                hit = (1, g.demonyms[phrase])
        if hit is None:
            i += 1
            continue
        n, english = hit
        first, last = tokens[i], tokens[i + n - 1]
        label = "NORP" if n == 1 and first.lemma in g.demonyms else "ORG"
        found = resolve_english(english, label)
        out.append(
            Mention(
                doc_id=doc_id,
                start=first.start,
                end=last.end,
                text=sent.text[first.start - sent.start : last.end - sent.start],
                label=label if label == "NORP" else found.label,
                key=found.key,
                canonical=found.canonical,
            )
        )
        i += n
    return out


#: Cities an adjective is tried as must be at least this big: "местный" is no town.
ADJECTIVE_CITY_POPULATION = 50_000


def _adjective_place(lemma_: str) -> str | None:
    """The English name of the place an adjective is made from ("пермский" -> "Perm")."""
    g = grammar()
    known = g.place_adjectives.get(lemma_)
    if known is not None or not lemma_.endswith("ский") or len(lemma_) < 8:
        return known
    stem = lemma_[: -len("ский")]
    for guess in (stem, stem + "а", stem + "ь"):
        place = geocode(transliterate(guess).title(), "RU")
        if (
            place is not None
            and place.kind == "city"
            and place.country == "RU"
            and place.population >= ADJECTIVE_CITY_POPULATION
        ):
            return place.name
    return None


def _adjective_places(sent: Sentence, doc_id: str, taken: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for tok in sent.tokens:
        if tok.pos != "ADJ" or any(tok.start < e and s < tok.end for s, e in taken):
            continue
        english = _adjective_place(tok.lemma)
        if english is None:
            continue
        found = resolve_english(english, "GPE")
        out.append(
            Mention(
                doc_id=doc_id,
                start=tok.start,
                end=tok.end,
                text=tok.text,
                label=found.label,
                key=found.key,
                canonical=found.canonical or english,
            )
        )
    return out


def _ner_mention(name: Name, doc_id: str) -> Mention | None:
    label = _NER_LABELS.get(name.type)
    if label is None or not any(ch.isalpha() for ch in name.text):
        return None
    found = resolve(name.text, label)
    return Mention(
        doc_id=doc_id,
        start=name.start,
        end=name.end,
        text=name.text,
        label=found.label if found.canonical or found.label != "ORG" else label,
        key=found.key,
        canonical=found.canonical,
    )


def find_mentions(parsed: Parsed, doc_id: str) -> list[Mention]:
    """Entity mentions of a parsed Russian report, sorted by position."""
    mentions = [m for sent in parsed.sentences for m in _alias_hits(sent, doc_id)]
    taken = [(m.start, m.end) for m in mentions]
    for name in parsed.names:
        if any(name.start < e and s < name.end for s, e in taken):
            continue
        mention = _ner_mention(name, doc_id)
        if mention is not None:
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    for sent in parsed.sentences:
        mentions.extend(_adjective_places(sent, doc_id, taken))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


__all__ = ["Resolved", "find_mentions", "lemma_phrase", "resolve", "resolve_english"]
