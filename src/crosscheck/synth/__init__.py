"""Synthetic reports with known answers, for scale tests and evaluation.

``generate(n, seed)`` plans incidents (attacks in real cities on fictional dates,
raids, trials, statistics about fictional groups and countries), reported by several
fictional outlets whose figures agree, rise, conflict or overlap by design.
``write_corpus`` writes the reports with ``.meta.json`` sidecars and an
``expected.json`` in the DESIGN.md gold format, so ``crosscheck eval`` can score it.

This package depends only on the records layer; it never imports analysis or reconcile,
so the expected answers cannot leak from the code they are meant to test.
"""

from __future__ import annotations

from crosscheck.synth.corpus import ExpectedGroup, SynthCorpus, generate
from crosscheck.synth.plans import status_by_rules
from crosscheck.synth.render import SynthDoc, SynthFigure
from crosscheck.synth.writer import write_corpus

__all__ = [
    "ExpectedGroup",
    "SynthCorpus",
    "SynthDoc",
    "SynthFigure",
    "generate",
    "status_by_rules",
    "write_corpus",
]
