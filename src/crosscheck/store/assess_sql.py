"""SQL for :class:`~crosscheck.store.assessing.AssessmentStore`, shared by both backends.

This module must not know about the pipeline or any layer above the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from crosscheck.assess.grading import ClaimFacts, TrackRecord
from crosscheck.assess.records import Action, Alert
from crosscheck.model import Event, Statement
from crosscheck.store.paging import SqlPaging
from crosscheck.store.rows import (
    EVENT_SELECT,
    STATEMENT_SELECT,
    event_from_row,
    like_escape,
    num,
    statement_from_row,
)

ALERT_COLUMNS = (
    "id, rule_id, kind, alert_key, title, summary, evidence, doc_id, created_at, delivery, attempts"
)
#: Ids per ``IN (…)`` list, well under the SQL parameter limits.
CHUNK = 500


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _alert(r: Sequence[Any]) -> Alert:
    return Alert(
        id=r[0],
        rule_id=r[1],
        kind=r[2],
        key=r[3],
        title=r[4],
        summary=r[5],
        evidence=json.loads(r[6]),
        doc_id=r[7],
        created_at=r[8],
        delivery=r[9],
        attempts=int(r[10]),
    )


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + CHUNK] for i in range(0, len(unique), CHUNK)]


def _marks(chunk: Sequence[str]) -> str:
    return ", ".join("?" for _ in chunk)


class SqlAssessments(SqlPaging):
    """Assessment log, alerts, rule state and track records over SQL."""

    def _exec(self, query: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError  # provided by SqlStore

    def _many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError  # provided by SqlStore

    def _lock(self, key: str) -> None:
        lock = getattr(self, "_xact_lock", None)
        if lock is not None:  # PostgreSQL: writers of one table take turns
            lock(key)

    # -- the assessment log ------------------------------------------------------------------
    def add_action(self, action: Action) -> Action:
        created = action.created_at or _now()
        with self.transaction():
            # The new id is read back with MAX(id): no other writer may land in between.
            self._lock("assessment_log")
            self._exec(
                "INSERT INTO assessment_log (kind, target, action, payload, author, reason,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    action.kind,
                    action.target,
                    action.action,
                    json.dumps(action.payload, sort_keys=True),
                    action.author,
                    action.reason,
                    created,
                ),
            )
            row = self._rows("SELECT MAX(id) FROM assessment_log")
        action.id = int(row[0][0])
        action.created_at = created
        return action

    def actions(self, kind: str, target: str | None = None) -> list[Action]:
        where, params = "kind = ?", [kind]
        if target is not None:
            where += " AND target = ?"
            params.append(target)
        rows = self._rows(
            "SELECT id, kind, target, action, payload, author, reason, created_at"
            f" FROM assessment_log WHERE {where} ORDER BY id",
            params,
        )
        return [
            Action(
                kind=r[1],
                target=r[2],
                action=r[3],
                payload=json.loads(r[4]),
                author=r[5],
                reason=r[6],
                created_at=r[7],
                id=int(r[0]),
            )
            for r in rows
        ]

    def action_targets(self, kind: str) -> list[str]:
        rows = self._rows(
            "SELECT DISTINCT target FROM assessment_log WHERE kind = ? ORDER BY target", (kind,)
        )
        return [r[0] for r in rows]

    # -- alerts ------------------------------------------------------------------------------
    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        if not alerts:
            return []
        by_id = {a.id: a for a in alerts}
        with self.transaction():
            self._lock("alerts")
            known: set[str] = set()
            for chunk in _chunks(list(by_id)):
                rows = self._rows(f"SELECT id FROM alerts WHERE id IN ({_marks(chunk)})", chunk)
                known.update(r[0] for r in rows)
            fresh = [a for a in by_id.values() if a.id not in known]
            created = _now()
            for a in fresh:
                a.created_at = a.created_at or created
            self._many(
                f"INSERT INTO alerts ({ALERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                [
                    (
                        a.id,
                        a.rule_id,
                        a.kind,
                        a.key,
                        a.title,
                        a.summary,
                        json.dumps(a.evidence, sort_keys=True),
                        a.doc_id,
                        a.created_at,
                        a.delivery,
                        a.attempts,
                    )
                    for a in fresh
                ],
            )
        return fresh

    def alerts_page(
        self, *, rule_id: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Alert]:
        where = "rule_id = ?" if rule_id else "1 = 1"
        params: list[Any] = [rule_id] if rule_id else []
        query = f"SELECT {ALERT_COLUMNS} FROM alerts WHERE {where} ORDER BY created_at DESC, id"
        if limit is not None:
            query += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        elif offset:
            query += " LIMIT -1 OFFSET ?" if self.dialect == "sqlite" else " OFFSET ?"
            params.append(offset)
        return [_alert(r) for r in self._rows(query, params)]

    def count_alerts(self, *, rule_id: str | None = None) -> int:
        where, params = ("rule_id = ?", [rule_id]) if rule_id else ("1 = 1", [])
        return int(self._rows(f"SELECT COUNT(*) FROM alerts WHERE {where}", params)[0][0])

    def undelivered_alerts(self, rule_ids: Sequence[str], max_attempts: int) -> list[Alert]:
        out: list[Alert] = []
        for chunk in _chunks(rule_ids):
            rows = self._rows(
                f"SELECT {ALERT_COLUMNS} FROM alerts WHERE rule_id IN ({_marks(chunk)})"
                " AND (delivery IS NULL OR delivery NOT LIKE 'ok%') AND attempts < ?"
                " ORDER BY created_at, id",
                [*chunk, max_attempts],
            )
            out.extend(_alert(r) for r in rows)
        return out

    def set_delivery(self, alert_id: str, delivery: str, attempts: int) -> None:
        with self.transaction():
            self._exec(
                "UPDATE alerts SET delivery = ?, attempts = ? WHERE id = ?",
                (delivery, attempts, alert_id),
            )

    def rule_state(self, rule_id: str) -> dict[str, str]:
        rows = self._rows("SELECT figure, state FROM rule_state WHERE rule_id = ?", (rule_id,))
        return {r[0]: r[1] for r in rows}

    def save_rule_state(self, rule_id: str, state: dict[str, str]) -> None:
        with self.transaction():
            self._lock(f"rule_state:{rule_id}")
            self._exec("DELETE FROM rule_state WHERE rule_id = ?", (rule_id,))
            self._many(
                "INSERT INTO rule_state (rule_id, figure, state) VALUES (?, ?, ?)",
                [(rule_id, k, v) for k, v in sorted(state.items())],
            )

    # -- grading -----------------------------------------------------------------------------
    def outlet_records(self) -> dict[str, TrackRecord]:
        rows = self._rows(
            "SELECT outlet, right_count, superseded, contradicted FROM outlet_records"
        )
        return {r[0]: TrackRecord(r[0], int(r[1]), int(r[2]), int(r[3])) for r in rows}

    def save_outlet_records(self, records: dict[str, TrackRecord]) -> None:
        with self.transaction():
            self._lock("outlet_records")
            self._exec("DELETE FROM outlet_records")
            self._many(
                "INSERT INTO outlet_records (outlet, right_count, superseded, contradicted)"
                " VALUES (?, ?, ?, ?)",
                [
                    (r.outlet, r.right, r.superseded, r.contradicted)
                    for r in sorted(records.values(), key=lambda r: r.outlet)
                ],
            )

    def outlet_counts(self) -> dict[str, int]:
        rows = self._rows(
            "SELECT outlet, COUNT(*) FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        )
        return {r[0]: int(r[1]) for r in rows}

    def claim_facts(self, claim_ids: Sequence[str] | None = None) -> dict[str, ClaimFacts]:
        query = (
            "SELECT c.id, d.outlet, c.low, c.high FROM claims c JOIN documents d ON d.id = c.doc_id"
        )
        if claim_ids is None:
            rows = self._rows(query)
        else:
            rows = []
            for chunk in _chunks(claim_ids):
                rows += self._rows(f"{query} WHERE c.id IN ({_marks(chunk)})", chunk)
        return {r[0]: ClaimFacts(r[1], num(r[2]), num(r[3])) for r in rows}

    # -- reads for rules and warnings --------------------------------------------------------
    def document_records(self, doc_ids: Sequence[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {d: set() for d in doc_ids}
        for chunk in _chunks(doc_ids):
            marks = _marks(chunk)
            rows = self._rows(
                "SELECT DISTINCT m.doc_id, l.entity_id FROM mentions m"
                f" JOIN mention_entities l ON l.mention_id = m.id WHERE m.doc_id IN ({marks})",
                chunk,
            )
            rows += self._rows(
                "SELECT DISTINCT m.doc_id, l.event_id FROM event_mentions m"
                f" JOIN event_links l ON l.event_mention_id = m.id WHERE m.doc_id IN ({marks})",
                chunk,
            )
            for doc_id, record in rows:
                out[doc_id].add(record)
        return out

    def statements_with_stance(
        self, stance: str, doc_ids: Sequence[str] | None = None
    ) -> list[Statement]:
        query = f"{STATEMENT_SELECT} WHERE stance = ?"
        if doc_ids is None:
            rows = self._rows(query + " ORDER BY doc_id, span_start", (stance,))
        else:
            rows = []
            for chunk in _chunks(doc_ids):
                rows += self._rows(f"{query} AND doc_id IN ({_marks(chunk)})", [stance, *chunk])
            rows.sort(key=lambda r: (r[0], r[5]))
        return [statement_from_row(r) for r in rows]

    def events_matching(self, words: Sequence[str]) -> list[Event]:
        where, params = [], []
        for w in words:
            pattern = f"%{like_escape(w.lower())}%"
            where.append(
                "(LOWER(name) LIKE ? ESCAPE '\\'"
                " OR LOWER(COALESCE(location, '')) LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern]
        if not where:
            return []
        rows = self._rows(f"{EVENT_SELECT} WHERE {' AND '.join(where)} ORDER BY date, id", params)
        return [event_from_row(r, []) for r in rows]


__all__ = ["SqlAssessments"]
