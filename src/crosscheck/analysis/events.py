"""Event mentions (placeholder until implemented)."""

from __future__ import annotations

from crosscheck.analysis.context import Chunk
from crosscheck.model import EventMention, Mention


def find_events(chunk: Chunk, mentions: list[Mention]) -> list[EventMention]:
    return []
