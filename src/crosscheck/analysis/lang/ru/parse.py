"""One Natasha pass over a Russian text: sentences, tokens with lemmas, names.

The Natasha models ship inside the ``natasha`` wheel (navec embeddings, slovnet morphology,
syntax and NER); pymorphy3 gives lemmas, so every case of a word reads the same. Natasha's
own lemmatiser is not used: it needs pymorphy2, which no longer installs cleanly. Nothing
here knows about figures or events.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from crosscheck.errors import ModelError


@dataclass(frozen=True, slots=True)
class Token:
    """A word or sign: document offsets, lower-case lemma and slovnet's part of speech."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str
    index: int  # position in its sentence
    head: int  # index of its syntactic head in the sentence (-1 for the root)
    rel: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Name:
    """A name Natasha's NER found: PER, LOC or ORG, with document offsets."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its tokens; ``start``/``end`` are document offsets."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed text: its sentences and names."""

    sentences: tuple[Sentence, ...]
    names: tuple[Name, ...]


class Natasha:
    """The loaded models; load once per process (about 2 s), then parse many texts."""

    def __init__(self) -> None:
        try:
            from natasha import (
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                NewsSyntaxParser,
                Segmenter,
            )
        except ImportError as exc:
            raise ModelError(
                f"the Russian models are not installed ({exc}); run `make setup`"
            ) from exc
        embedding = NewsEmbedding()
        self.segmenter = _paragraphs(Segmenter())
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        self.ner = NewsNERTagger(embedding)

    def doc(self, text: str) -> Any:
        """Natasha's own document after every step (what a raw pipeline would give)."""
        from natasha import Doc

        doc = Doc(text)
        with _one_blas_thread():
            doc.segment(self.segmenter)
            doc.tag_morph(self.morph)
            doc.parse_syntax(self.syntax)
            doc.tag_ner(self.ner)
        return doc

    def docs(self, texts: list[str]) -> list[Any]:
        """Natasha's documents for many texts, as :meth:`doc` makes each, but with the
        sentences of all of them tagged and parsed in shared batches and their texts run
        through NER together: fewer, fuller model calls. Each sentence's tags are its own
        (the models mask padding), so the parse is the same as one text at a time."""
        from natasha import Doc
        from natasha.doc import adapt_spans, inject_morph, inject_syntax, offset_syntax, sent_words

        docs = [Doc(text) for text in texts]
        with _one_blas_thread():
            for doc in docs:
                doc.segment(self.segmenter)
            sents = [sent for doc in docs for sent in doc.sents]
            words = [sent_words(sent) for sent in sents]
            for sent, markup in zip(sents, self.morph.map(words), strict=True):
                inject_morph(sent.tokens, markup.tokens)
            for sent, markup in zip(sents, self.syntax.map(words), strict=True):
                inject_syntax(sent.tokens, markup.tokens)
            for doc in docs:
                for number, sent in enumerate(doc.sents, 1):
                    offset_syntax(number, sent.tokens)
            worded = [doc for doc in docs if doc.text.strip()]
            for doc in docs:
                doc.spans = []
            for doc, markup in zip(worded, self.ner.map([d.text for d in worded]), strict=True):
                doc.spans = list(adapt_spans(doc, markup.spans))
                doc.envelop_span_tokens()
                doc.envelop_sent_spans()
        return docs

    def parse(self, text: str) -> Parsed:
        """Sentences, tokens with lemmas, and names of ``text``."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: list[str]) -> list[Parsed]:
        """:meth:`parse` of each of ``texts``, the models run over them together."""
        return [_parsed(doc) for doc in self.docs(texts)]


def _parsed(doc: Any) -> Parsed:
    sentences = tuple(_sentence(s) for s in doc.sents)
    names = tuple(Name(s.type, s.start, s.stop, s.text) for s in doc.spans)
    return Parsed(sentences, names)


def _one_blas_thread() -> AbstractContextManager[Any]:
    """The models multiply small matrices, one sentence batch at a time: BLAS threads buy
    nothing there, and on a busy machine their spinning made a parse ten times slower
    (100 reports: 20 s against 1.7 s with one thread at load 5 on two cores)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


#: A blank line: where a headline, a dateline or a list item ends without a full stop.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _paragraphs(segmenter: Any) -> Any:
    """``segmenter`` that also starts a sentence after every blank line, as the English
    pipeline does: razdel glues a headline to the lead under it, and the lead's date,
    figures and parse would then run across the heading. Single line breaks stay (PDF
    text wraps lines inside sentences)."""
    from natasha.segment import Sent

    sentenize = segmenter.sentenize

    def split(text: str) -> Any:
        for sent in sentenize(text):
            cuts = [0, *(x for b in _BLANK_LINE.finditer(sent.text) for x in b.span())]
            cuts.append(len(sent.text))
            for begin, end in zip(cuts[::2], cuts[1::2], strict=True):
                piece = sent.text[begin:end]
                words = piece.strip()
                if words:
                    at = sent.start + begin + len(piece) - len(piece.lstrip())
                    yield Sent(at, at + len(words), words)

    segmenter.sentenize = split
    return segmenter


def _sentence(sent: Any) -> Sentence:
    ids = {tok.id: i for i, tok in enumerate(sent.tokens)}
    tokens = tuple(
        Token(
            text=tok.text,
            start=tok.start,
            end=tok.stop,
            lemma=lemma(tok.text),
            pos=str(tok.pos or ""),
            index=i,
            head=ids.get(tok.head_id, -1),
            rel=str(tok.rel or ""),
        )
        for i, tok in enumerate(sent.tokens)
    )
    return Sentence(sent.start, sent.stop, sent.text, tokens)


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


#: Dashes that join the parts of a hyphenated word ("ИГ-Хорасан").
DASHES = re.compile(r"[-–—‐‑]")
_NAME_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The lower-case normal form of ``word`` ("Москве" -> "москва"; digits stay).

    Each part of a hyphenated word is lemmatised on its own and the parts joined by a
    space ("ИГ-Хорасан" -> "иг хорасан"), as the alias table writes them.
    """
    lower = word.lower().replace("ё", "е")
    if not any("а" <= ch <= "я" for ch in lower):
        return lower
    parts = [p for p in DASHES.split(lower) if p]
    if len(parts) > 1:
        return " ".join(lemma(p) for p in parts)
    return str(_morph().parse(lower)[0].normal_form).replace("ё", "е")


#: A reading at least this share of the likeliest one's score is as likely: pymorphy3
#: splits its score evenly between "погибшие" the adjective and the participle.
_CLOSE_SCORE = 0.5
#: Participles, full and short, that still read as their verb: past ones ("погибшие",
#: "задержанных", "ранены") and present passive ones ("подозреваемые"). Present active
#: ones are left out: they are the participles Russian most often turns into words of
#: their own ("следующий", "ведущий", "служащий").
_VERBAL = (("PRTF", "past"), ("PRTS", "past"), ("PRTF", "pres", "pssv"), ("PRTS", "pres", "pssv"))


@lru_cache(maxsize=100_000)
def participle_verb(word: str) -> str:
    """The infinitive of the verb whose participle ``word`` is, or "" when it is none.

    A reading counts when it is about as likely as the best one ("погибшие" is as much
    the participle of "погибнуть" as the adjective "погибший"). A verbal adjective that
    pymorphy3 knows only as an adjective or a noun ("раненых": "раненый") is its verb's
    when its lemma spelled with the participle's double н is that verb's participle
    ("раненный" of "ранить"): Russian writes one н where the participle has no object.
    """
    lower = word.lower().replace("ё", "е")
    if not any("а" <= ch <= "я" for ch in lower):
        return ""
    readings = _close_readings(lower)
    for reading in readings:
        if _verbal(reading.tag):
            return str(reading.normal_form).replace("ё", "е")
    base = str(readings[0].normal_form).replace("ё", "е")
    if base.endswith("ный") and not base.endswith("нный") and len(base) > 5:
        doubled = base[:-3] + "нный"
        if _morph().word_is_known(doubled):
            for reading in _morph().parse(doubled):
                if reading.tag.POS == "PRTF" and _verbal(reading.tag):
                    return str(reading.normal_form).replace("ё", "е")
    return ""


@lru_cache(maxsize=100_000)
def close_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas of every reading of ``word`` about as likely as the likeliest, each once,
    the likeliest first ("данные": "дать", "данные", "данный")."""
    lower = word.lower().replace("ё", "е")
    if not any("а" <= ch <= "я" for ch in lower):
        return (lower,)
    seen = dict.fromkeys(str(r.normal_form).replace("ё", "е") for r in _close_readings(lower))
    return tuple(seen)


def _close_readings(lower: str) -> list[Any]:
    readings = _morph().parse(lower)
    best = readings[0].score
    return [r for r in readings if r.score >= best * _CLOSE_SCORE]


def _verbal(tag: Any) -> bool:
    return any(all(g in tag for g in grammemes) for grammemes in _VERBAL)


@lru_cache(maxsize=100_000)
def known(word: str) -> bool:
    """Whether pymorphy3's dictionary holds ``word`` (else its lemma is a guess)."""
    return bool(_morph().word_is_known(word.lower().replace("ё", "е")))


@lru_cache(maxsize=50_000)
def singular(word: str) -> bool:
    """Whether pymorphy3's likeliest reading of ``word`` is singular ("погиб", "житель")."""
    return _morph().parse(word.lower())[0].tag.number == "sing"


@lru_cache(maxsize=100_000)
def name_lemma(word: str) -> str:
    """The nominative of a person's name ("Пескова" -> "песков", not "песок")."""
    lower = word.lower().replace("ё", "е")
    if not any("а" <= ch <= "я" for ch in lower):
        return lower
    parses = [p for p in _morph().parse(lower) if any(t in p.tag for t in _NAME_TAGS)]
    if not parses:
        return lemma(word)
    if any(p.tag.case == "nomn" and p.normal_form == lower for p in parses):
        return lower
    male = [p for p in parses if p.tag.gender == "masc"]
    return str((male or parses)[0].normal_form).replace("ё", "е")


@cache
def natasha() -> Natasha:
    """The process's one loaded Natasha."""
    return Natasha()


__all__ = [
    "DASHES",
    "Name",
    "Natasha",
    "Parsed",
    "Sentence",
    "Token",
    "close_lemmas",
    "known",
    "lemma",
    "name_lemma",
    "natasha",
    "participle_verb",
    "singular",
]
