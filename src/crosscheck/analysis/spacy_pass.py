"""The spaCy parser pass, for any language a spaCy pipeline reads.

Loads an installed pipeline (never downloads), makes a blank line end a sentence, and
parses (text, job) pairs in batches for the shared :class:`~.extractor.Extractor`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from crosscheck.analysis.extractor import Job
from crosscheck.errors import ModelError


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


def _saved_tokenizer(nlp: Any) -> None:
    """Give ``nlp`` (loaded without its tokenizer) the tokenizer its pipeline saved, unless
    that is byte for byte the one its language made (English pipelines save the defaults:
    reading them again makes every tokenizer exception a second time, a tenth of a second
    of every process that extracts)."""
    from spacy.tokenizer import Tokenizer

    saved = Path(nlp.path) / "tokenizer" if nlp.path is not None else None
    if saved is None or not saved.exists():
        return
    mine = nlp.tokenizer
    same = (
        isinstance(mine, Tokenizer)
        and saved.is_file()
        and saved.read_bytes() == mine.to_bytes(exclude=["vocab"])
    )
    if not same:
        mine.from_disk(saved, exclude=["vocab"])  # as spaCy's own load reads it


def load_pipeline(name: str) -> Any:
    """Load a spaCy pipeline by package name or path; never downloads."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=["tokenizer"])
        _saved_tokenizer(nlp)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed ({exc.__class__.__name__}); run `make setup`"
            " or set CROSSCHECK_SPACY_MODEL to an installed pipeline"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names and "crosscheck_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("crosscheck_line_breaks", before="parser")
    return nlp


class SpacyPass:
    """One spaCy pipeline's pass over (text, job) pairs."""

    def __init__(self, name: str) -> None:
        self.nlp = load_pipeline(name)

    def pipe(self, jobs: Iterable[tuple[str, Job]], batch_size: int) -> Iterator[tuple[Doc, Job]]:
        yield from self.nlp.pipe(jobs, as_tuples=True, batch_size=batch_size)


__all__ = ["SpacyPass", "line_breaks", "load_pipeline"]
