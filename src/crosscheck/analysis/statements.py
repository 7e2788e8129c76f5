"""Attributed statements (placeholder until implemented)."""

from __future__ import annotations

from crosscheck.analysis.context import Chunk
from crosscheck.model import Mention, Statement


def find_statements(chunk: Chunk, mentions: list[Mention]) -> list[Statement]:
    return []
