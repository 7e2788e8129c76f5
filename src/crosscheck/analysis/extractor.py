"""One extractor for every language, parameterised by the language's grammar object.

The extractor owns what is the same in every language: cutting long reports into chunks,
sending the chunks (and headlines) through the language's parser in bounded batches,
handing each parsed chunk to the grammar's rules and finishing each report, in order, once
all its chunks are read. A :class:`Grammar` holds what differs: its parser pass, its rule
components and what its finish step adds. Adding a language means writing a grammar
(``lang/<code>/``) and registering ``Extractor(grammar, settings)``; never a new extractor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Generic, Protocol, TypeVar

from crosscheck.config import Settings
from crosscheck.model import Document, Extraction

#: What a language's parser makes of a text (a spaCy ``Doc``, a Natasha parse).
Parsed = TypeVar("Parsed")
ParsedOut = TypeVar("ParsedOut", covariant=True)
#: What a language reads from a headline, handed to its finish step.
Headline = TypeVar("Headline")
#: Which report a parser job belongs to, and where in it the piece starts.
Job = tuple[int, int]

#: The offset that marks a headline's parse among a batch's chunks.
HEADLINE_JOB = -1
#: Parsed chunks in flight cost memory in proportion to their length: about this many
#: characters per batch, so a million-word document stays bounded.
BATCH_CHARS = 100_000
MAX_BATCH = 16
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"))


class Pass(Protocol[ParsedOut]):
    """A language's parser over (text, job) pairs, in batches, keeping their order."""

    def pipe(
        self, jobs: Iterable[tuple[str, Job]], batch_size: int
    ) -> Iterator[tuple[ParsedOut, Job]]: ...


class Grammar(Protocol[Parsed, Headline]):
    """What one language brings to the shared :class:`Extractor`."""

    #: ISO 639-1 code of the language.
    language: str
    #: Whether the rules read a report in one piece (else it is cut into chunks).
    whole_report: bool

    @property
    def parser(self) -> Pass[Parsed]: ...

    def headline(self, title: str) -> str | None:
        """The text of ``title`` to parse as a job of its own, or None to skip it."""
        ...

    def read(self, doc: Document, parsed: Parsed, offset: int, out: Extraction) -> None:
        """Add what one parsed chunk (starting at ``offset`` in ``doc``) says to ``out``."""
        ...

    def read_headline(self, doc: Document, parsed: Parsed) -> Headline:
        """What the parsed headline of ``doc`` says, for :meth:`finish`."""
        ...

    def finish(self, doc: Document, out: Extraction, headline: Headline | None) -> Extraction:
        """What needs the whole report, once every chunk of it is read."""
        ...


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


class Extractor(Generic[Parsed, Headline]):
    """Turns documents of the grammar's language into extractions."""

    def __init__(self, grammar: Grammar[Parsed, Headline], settings: Settings) -> None:
        self.grammar = grammar
        self.settings = settings
        self.language = grammar.language

    def extract(self, doc: Document) -> Extraction:
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """Extract from many documents, batching the parser pass across them; each report
        is handed out as soon as it and those before it are done, so callers can store
        them early."""
        docs = list(docs)
        jobs = [
            (piece, (i, offset))
            for i, doc in enumerate(docs)
            for offset, piece in self._pieces(doc)
        ]
        results = [Extraction(doc_id=d.id) for d in docs]
        counts = Counter(i for _, (i, _) in jobs)
        remaining = [counts[k] for k in range(len(docs))]
        headlines: dict[int, Headline] = {}
        emitted = 0
        for parsed, (i, offset) in self.grammar.parser.pipe(jobs, _batch_size(jobs)):
            if offset == HEADLINE_JOB:
                headlines[i] = self.grammar.read_headline(docs[i], parsed)
            else:
                self.grammar.read(docs[i], parsed, offset, results[i])
            remaining[i] -= 1
            while emitted < len(docs) and remaining[emitted] == 0:
                yield self.grammar.finish(
                    docs[emitted], results[emitted], headlines.pop(emitted, None)
                )
                emitted += 1
        while emitted < len(docs):
            yield self.grammar.finish(docs[emitted], results[emitted], headlines.pop(emitted, None))
            emitted += 1

    def _pieces(self, doc: Document) -> list[tuple[int, str]]:
        # A headline settles what the body leaves open ("Boy dies after ..." over a body that
        # only says he was hit): it is parsed too, as a job of its own before the body's.
        title = self.grammar.headline(doc.title) if doc.title and doc.title.strip() else None
        head = [(HEADLINE_JOB, title)] if title is not None else []
        if self.grammar.whole_report:
            return [*head, (0, doc.text)]
        return head + split_chunks(doc.text, self.settings.chunk_chars)


def _batch_size(jobs: list[tuple[str, Job]]) -> int:
    longest = max((len(piece) for piece, _ in jobs), default=1)
    return max(1, min(MAX_BATCH, BATCH_CHARS // max(longest, 1)))


__all__ = ["HEADLINE_JOB", "Extractor", "Grammar", "Pass", "split_chunks"]
