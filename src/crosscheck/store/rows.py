"""Rows to records: the SELECTs the SQL store reads records with, and the converters that
turn their rows into model records.

Bulk reads (:mod:`crosscheck.store.extraction_sql`, :mod:`~crosscheck.store.picture_sql`)
and targeted reads (:mod:`crosscheck.store.lookups`) build records the same way through
these. This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Entity,
    Estimate,
    Event,
    EventMention,
    Statement,
    Subject,
)

CLAIM_SELECT = (
    "SELECT c.doc_id, c.measure, c.low, c.high, c.span_start, c.span_end, c.sentence,"
    " c.label, c.approximate, c.vague, c.as_of, c.attributed_to, c.subject_kind,"
    " c.subject_ref, c.subject_name, c.counted, s.subject_kind, s.subject_id,"
    " s.subject_name, c.part_of, p.total_id, c.unconfirmed FROM claims c"
    " LEFT JOIN claim_subjects s ON s.claim_id = c.id"
    " LEFT JOIN claim_parts p ON p.claim_id = c.id"
)
EVENT_MENTION_SELECT = (
    "SELECT doc_id, type, trigger_text, span_start, span_end, sentence, date,"
    " date_precision, location, country, latitude, longitude, actors, description"
    " FROM event_mentions"
)
STATEMENT_SELECT = (
    "SELECT doc_id, speaker, verb, stance, content, span_start, span_end, sentence,"
    " speaker_key FROM statements"
)
MENTION_SELECT = "SELECT doc_id, start_char, end_char, text, label, key, canonical FROM mentions"
EVENT_SELECT = (
    "SELECT id, type, name, date, date_precision, location, country, latitude, longitude,"
    " actors FROM events"
)
GROUP_SELECT = (
    "SELECT id, subject_kind, subject_id, subject_name, measure, label, status, sources,"
    " est_low, est_best, est_high, conservative, reason, claims FROM claim_groups"
)
ENTITY_SELECT = "SELECT id, name, label, aliases FROM entities"
CORRECTION_SELECT = (
    "SELECT id, target_kind, target, action, payload, author, reason, created_at FROM corrections"
)


def num(value: Any) -> float | int | None:
    """Numbers come back as floats from DOUBLE columns; whole values are shown as ints."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


def claim_from_row(r: Sequence[Any]) -> Claim:
    """A claim (with its resolved subject, when reconciled) from a ``CLAIM_SELECT`` row."""
    return Claim(
        doc_id=r[0],
        measure=r[1],
        low=num(r[2]),
        high=num(r[3]),
        span=(r[4], r[5]),
        sentence=r[6],
        label=r[7],
        approximate=bool(r[8]),
        vague=bool(r[9]),
        as_of=r[10],
        attributed_to=r[11],
        subject_kind=r[12],
        subject_ref=r[13],
        subject_name=r[14],
        counted=r[15],
        part_of=r[19],
        total_id=r[20],
        unconfirmed=bool(r[21]),
        subject=None if r[16] is None else Subject(kind=r[16], id=r[17], name=r[18]),
    )


def event_mention_from_row(r: Sequence[Any]) -> EventMention:
    return EventMention(
        doc_id=r[0],
        type=r[1],
        trigger=r[2],
        span=(r[3], r[4]),
        sentence=r[5],
        date=r[6],
        date_precision=r[7],
        location=r[8],
        country=r[9],
        latitude=r[10],
        longitude=r[11],
        actors=json.loads(r[12]),
        description=r[13],
    )


def statement_from_row(r: Sequence[Any]) -> Statement:
    return Statement(
        doc_id=r[0],
        speaker=r[1],
        verb=r[2],
        stance=r[3],
        content=r[4],
        span=(r[5], r[6]),
        sentence=r[7],
        speaker_key=r[8],
    )


def event_from_row(r: Sequence[Any], mention_ids: list[str]) -> Event:
    return Event(
        id=r[0],
        type=r[1],
        name=r[2],
        date=r[3],
        date_precision=r[4],
        location=r[5],
        country=r[6],
        latitude=r[7],
        longitude=r[8],
        actors=json.loads(r[9]),
        mention_ids=mention_ids,
    )


def group_from_row(r: Sequence[Any]) -> ClaimGroup:
    return ClaimGroup(
        id=r[0],
        subject=Subject(kind=r[1], id=r[2], name=r[3]),
        measure=r[4],
        label=r[5],
        status=r[6],
        sources=r[7],
        estimate=Estimate(num(r[8]), num(r[9]), num(r[10])),
        conservative=num(r[11]),
        reason=r[12],
        claims=json.loads(r[13]),
    )


def entity_from_row(r: Sequence[Any], mention_ids: list[str]) -> Entity:
    return Entity(id=r[0], name=r[1], label=r[2], aliases=json.loads(r[3]), mention_ids=mention_ids)


def correction_from_row(r: Sequence[Any]) -> Correction:
    return Correction(
        id=r[0],
        target_kind=r[1],
        target=r[2],
        action=r[3],
        payload=json.loads(r[4]),
        author=r[5],
        reason=r[6],
        created_at=r[7],
    )


def like_escape(text: str) -> str:
    """``text`` as a literal inside a ``LIKE … ESCAPE '\\'`` pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


__all__ = [
    "CLAIM_SELECT",
    "CORRECTION_SELECT",
    "ENTITY_SELECT",
    "EVENT_MENTION_SELECT",
    "EVENT_SELECT",
    "GROUP_SELECT",
    "MENTION_SELECT",
    "STATEMENT_SELECT",
    "claim_from_row",
    "correction_from_row",
    "entity_from_row",
    "event_from_row",
    "event_mention_from_row",
    "group_from_row",
    "like_escape",
    "num",
    "statement_from_row",
]
