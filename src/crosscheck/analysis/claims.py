"""Numeric claims (placeholder until implemented)."""

from __future__ import annotations

from crosscheck.analysis.context import Chunk
from crosscheck.model import Claim, EventMention, Mention


def find_claims(chunk: Chunk, mentions: list[Mention], events: list[EventMention]) -> list[Claim]:
    return []
