"""Gold-file entries (DESIGN.md format) for synthetic reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crosscheck.synth.render import SynthDoc


def gold_document(doc: SynthDoc, file: str | None = None) -> dict[str, Any]:
    """The gold ``documents`` entry of one report."""
    return {
        "file": file or doc.name + ".txt",
        "url": doc.url,
        "outlet": doc.outlet,
        "author": None,
        "published": doc.published,
        "title": doc.title,
    }


def gold_figures(doc: SynthDoc) -> Iterator[dict[str, Any]]:
    """The gold ``figures`` entries of one report."""
    for f in doc.figures:
        yield {
            "id": f"{doc.key}-{f.measure}",
            "doc": doc.key,
            "measure": f.measure,
            "low": f.low,
            "high": f.high,
            "group": f.group,
            "text": f.text,
            "vague": f.vague,
            "optional": False,
            "hard": False,
            "alt": [],
        }


__all__ = ["gold_document", "gold_figures"]
