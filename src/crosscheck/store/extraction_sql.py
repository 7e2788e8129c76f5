"""A document's extractions in SQL: mentions, claims, event mentions, statements, profiles.

Written whole when a report is stored or re-processed, read back in document order.
Shared by the SQLite and PostgreSQL stores; this module must not know about the pipeline.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from crosscheck.model import Claim, EventMention, Extraction, Mention, Profile, Statement
from crosscheck.store.plumbing import SqlPlumbing
from crosscheck.store.rows import (
    CLAIM_SELECT,
    EVENT_MENTION_SELECT,
    MENTION_SELECT,
    STATEMENT_SELECT,
    claim_from_row,
    event_mention_from_row,
    statement_from_row,
)
from crosscheck.store.savedstate import new_token

_T = TypeVar("_T", Mention, Claim, EventMention, Statement)


class SqlExtractions(SqlPlumbing):
    """The extraction tables of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    def replace_extraction(self, extraction: Extraction) -> None:
        with self.transaction():
            for table in (
                "mentions",
                "claims",
                "event_mentions",
                "statements",
                "doc_profiles",
                "pending_reconcile",
            ):
                self._exec(f"DELETE FROM {table} WHERE doc_id = ?", (extraction.doc_id,))
            self._exec("INSERT INTO pending_reconcile (doc_id) VALUES (?)", (extraction.doc_id,))
            # A saved picture state finds this document changed by its stamp.
            self._exec(
                "UPDATE documents SET stamp = ? WHERE id = ?", (new_token(), extraction.doc_id)
            )
            self._insert_extraction(extraction)

    def _insert_extraction(self, ex: Extraction) -> None:
        self._many(_INSERT_MENTION, [_mention_row(m) for m in _unique(ex.mentions)])
        self._many(_INSERT_CLAIM, [_claim_row(c) for c in _unique(ex.claims)])
        if ex.profile is not None:
            p = ex.profile
            self._exec(
                "INSERT INTO doc_profiles (doc_id, terms, title, lead) VALUES (?, ?, ?, ?)",
                (p.doc_id, json.dumps(p.terms), json.dumps(p.title), json.dumps(p.lead)),
            )
        self._many(_INSERT_EVENT_MENTION, [_event_mention_row(e) for e in _unique(ex.events)])
        self._many(_INSERT_STATEMENT, [_statement_row(st) for st in _unique(ex.statements)])

    @staticmethod
    def _filter(doc: str | None, doc_ids: list[str] | None) -> tuple[str, list[Any]]:
        if doc is not None:
            return "doc_id = ?", [doc]
        if doc_ids is not None:
            if not doc_ids:
                return "1 = 0", []
            return f"doc_id IN ({', '.join('?' for _ in doc_ids)})", list(doc_ids)
        return "1 = 1", []

    def claims(
        self,
        *,
        doc: str | None = None,
        measure: str | None = None,
        doc_ids: list[str] | None = None,
        subject_kind: str | None = None,
    ) -> list[Claim]:
        where, params = self._filter(doc, doc_ids)
        if measure:
            where += " AND c.measure = ?"
            params.append(measure)
        if subject_kind is not None:
            where += " AND s.subject_kind = ?"
            params.append(subject_kind)
        rows = self._rows(
            f"{CLAIM_SELECT} WHERE {where.replace('doc_id', 'c.doc_id')}"
            " ORDER BY c.doc_id, c.span_start",
            params,
        )
        return [claim_from_row(r) for r in rows]

    def mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Mention]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(f"{MENTION_SELECT} WHERE {where} ORDER BY doc_id, start_char", params)
        return [Mention(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def event_mentions(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[EventMention]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(
            f"{EVENT_MENTION_SELECT} WHERE {where} ORDER BY doc_id, span_start", params
        )
        return [event_mention_from_row(r) for r in rows]

    def statements(
        self, *, doc: str | None = None, doc_ids: list[str] | None = None
    ) -> list[Statement]:
        where, params = self._filter(doc, doc_ids)
        rows = self._rows(f"{STATEMENT_SELECT} WHERE {where} ORDER BY doc_id, span_start", params)
        return [statement_from_row(r) for r in rows]

    def profiles(self, doc_ids: list[str] | None = None) -> dict[str, Profile]:
        where, params = self._filter(None, doc_ids)
        rows = self._rows(
            f"SELECT doc_id, terms, title, lead FROM doc_profiles WHERE {where}", params
        )
        return {
            r[0]: Profile(
                doc_id=r[0],
                terms=_pairs(r[1]),
                title=_pairs(r[2]),
                lead=_pairs(r[3]),
            )
            for r in rows
        }


_INSERT_MENTION = (
    "INSERT INTO mentions (id, doc_id, start_char, end_char, text, label, key, canonical)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_CLAIM = (
    "INSERT INTO claims (id, doc_id, measure, low, high, approximate, vague, label, as_of,"
    " attributed_to, sentence, span_start, span_end, subject_kind, subject_ref,"
    " subject_name, counted, part_of, unconfirmed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVENT_MENTION = (
    "INSERT INTO event_mentions (id, doc_id, type, trigger_text, span_start, span_end,"
    " sentence, date, date_precision, location, country, latitude, longitude, actors,"
    " description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_STATEMENT = (
    "INSERT INTO statements (id, doc_id, speaker, speaker_key, verb, stance, content,"
    " span_start, span_end, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _mention_row(m: Mention) -> tuple[Any, ...]:
    return (m.id, m.doc_id, m.start, m.end, m.text, m.label, m.key, m.canonical)


def _claim_row(c: Claim) -> tuple[Any, ...]:
    return (
        c.id,
        c.doc_id,
        c.measure,
        c.low,
        c.high,
        int(c.approximate),
        int(c.vague),
        c.label,
        c.as_of,
        c.attributed_to,
        c.sentence,
        c.span[0],
        c.span[1],
        c.subject_kind,
        c.subject_ref,
        c.subject_name,
        c.counted,
        c.part_of,
        int(c.unconfirmed),
    )


def _event_mention_row(e: EventMention) -> tuple[Any, ...]:
    return (
        e.id,
        e.doc_id,
        e.type,
        e.trigger,
        e.span[0],
        e.span[1],
        e.sentence,
        e.date,
        e.date_precision,
        e.location,
        e.country,
        e.latitude,
        e.longitude,
        json.dumps([dict(a) for a in e.actors]),
        e.description,
    )


def _statement_row(s: Statement) -> tuple[Any, ...]:
    return (
        s.id,
        s.doc_id,
        s.speaker,
        s.speaker_key,
        s.verb,
        s.stance,
        s.content,
        s.span[0],
        s.span[1],
        s.sentence,
    )


def _pairs(text: str) -> tuple[tuple[str, float], ...]:
    """A stored word-weight vector (JSON pairs) as the tuple a Profile holds."""
    return tuple((str(w), float(v)) for w, v in json.loads(text))


def _unique(items: list[_T]) -> list[_T]:
    """Drop records whose stable id repeats (the same span found twice)."""
    seen: set[str] = set()
    out: list[_T] = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            out.append(item)
    return out


__all__ = ["SqlExtractions"]
