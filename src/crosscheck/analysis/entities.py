"""Entity mentions: spaCy NER plus the domain gazetteer (placeholder until implemented)."""

from __future__ import annotations

from crosscheck.analysis.context import Chunk
from crosscheck.model import Mention


def find_mentions(chunk: Chunk) -> list[Mention]:
    return []
