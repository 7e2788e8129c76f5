"""The reconciled picture in SQL: entities, events, groups and the links to their members.

Saved whole (:meth:`SqlPicture.save_picture`) or as the rows that changed
(:meth:`SqlPicture.save_picture_delta`, comparing :func:`picture_rows`). Shared by the
SQLite and PostgreSQL stores; this module must not know about the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.model import ClaimGroup, Entity, Event, Picture, Subject
from crosscheck.store.plumbing import SqlPlumbing
from crosscheck.store.rows import (
    ENTITY_SELECT,
    EVENT_SELECT,
    GROUP_SELECT,
    entity_from_row,
    event_from_row,
    group_from_row,
)
from crosscheck.store.savedstate import SqlSavedState
from crosscheck.store.successors import SqlSuccessors


class SqlPicture(SqlPlumbing, SqlSuccessors, SqlSavedState):
    """The picture tables of :class:`Store`, as SQL shared by SQLite and PostgreSQL."""

    def save_picture(self, picture: Picture) -> None:
        with self.transaction():
            old = self.load_picture()  # for the ids this picture retires
            for table in PICTURE_TABLES:
                self._exec(f"DELETE FROM {table}")
            for table, rows in _whole_rows(picture).items():
                self._many(_insert_sql(table), rows)
            self._save_successors(old, picture)
            self._new_picture_token()

    def save_picture_delta(self, old: Picture, new: Picture, *, token: str | None = None) -> None:
        """Delete rows that went away and rewrite rows that changed, table by table."""
        before, after = picture_rows(old), picture_rows(new)
        with self.transaction():
            lock = getattr(self, "_xact_lock", None)
            if lock is not None:  # PostgreSQL: serialise picture writers
                lock("picture")
            for table, (key_col, _) in PICTURE_TABLES.items():
                old_rows, new_rows = before[table], after[table]
                stale = [k for k, row in old_rows.items() if new_rows.get(k) != row]
                fresh = [row for k, row in new_rows.items() if old_rows.get(k) != row]
                for start in range(0, len(stale), 500):
                    chunk = stale[start : start + 500]
                    marks = ", ".join("?" for _ in chunk)
                    self._exec(f"DELETE FROM {table} WHERE {key_col} IN ({marks})", chunk)
                rows: list[Sequence[Any]] = [tuple(r) for r in sorted(fresh)]
                self._many(_insert_sql(table), rows)
            self._save_successors(old, new)
            self._new_picture_token()

    def load_picture(self) -> Picture:
        picture = Picture(entities=self.entities(), events=self.events(), groups=self.groups())
        picture.mention_entities = dict(
            self._rows("SELECT mention_id, entity_id FROM mention_entities")
        )
        picture.event_links = dict(self._rows("SELECT event_mention_id, event_id FROM event_links"))
        picture.claim_parts = dict(self._rows("SELECT claim_id, total_id FROM claim_parts"))
        picture.claim_subjects = {
            r[0]: Subject(kind=r[1], id=r[2], name=r[3])
            for r in self._rows(
                "SELECT claim_id, subject_kind, subject_id, subject_name FROM claim_subjects"
            )
        }
        return picture

    def _members(self, query: str) -> dict[str, list[str]]:
        """(member id, owner id) rows grouped by owner, members in id order."""
        members: dict[str, list[str]] = {}
        for member, owner in self._rows(query):
            members.setdefault(owner, []).append(member)
        return members

    def entities(self) -> list[Entity]:
        members = self._members(
            "SELECT mention_id, entity_id FROM mention_entities ORDER BY mention_id"
        )
        rows = self._rows(f"{ENTITY_SELECT} ORDER BY name, id")
        return [entity_from_row(r, members.get(r[0], [])) for r in rows]

    def events(self) -> list[Event]:
        members = self._members(
            "SELECT event_mention_id, event_id FROM event_links ORDER BY event_mention_id"
        )
        rows = self._rows(f"{EVENT_SELECT} ORDER BY date, id")
        return [event_from_row(r, members.get(r[0], [])) for r in rows]

    def groups(self) -> list[ClaimGroup]:
        rows = self._rows(f"{GROUP_SELECT} ORDER BY subject_name, measure, id")
        return [group_from_row(r) for r in rows]


PICTURE_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "entities": ("id", ("id", "name", "label", "aliases")),
    "mention_entities": ("mention_id", ("mention_id", "entity_id")),
    "events": (
        "id",
        (
            "id",
            "type",
            "name",
            "date",
            "date_precision",
            "location",
            "country",
            "latitude",
            "longitude",
            "actors",
        ),
    ),
    "event_links": ("event_mention_id", ("event_mention_id", "event_id")),
    "claim_subjects": ("claim_id", ("claim_id", "subject_kind", "subject_id", "subject_name")),
    "claim_parts": ("claim_id", ("claim_id", "total_id")),
    "claim_groups": (
        "id",
        (
            "id",
            "subject_kind",
            "subject_id",
            "subject_name",
            "measure",
            "label",
            "status",
            "sources",
            "est_low",
            "est_best",
            "est_high",
            "conservative",
            "reason",
            "claims",
        ),
    ),
}


def _f(value: Any) -> float | None:
    """Numbers as the DOUBLE columns return them, so stored and fresh rows compare equal."""
    return None if value is None else float(value)


def _insert_sql(table: str) -> str:
    columns = PICTURE_TABLES[table][1]
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _entity_row(e: Entity) -> tuple[Any, ...]:
    return (e.id, e.name, e.label, json.dumps(e.aliases, sort_keys=True))


def _event_row(e: Event) -> tuple[Any, ...]:
    return (
        e.id,
        e.type,
        e.name,
        e.date,
        e.date_precision,
        e.location,
        e.country,
        _f(e.latitude),
        _f(e.longitude),
        json.dumps([dict(a) for a in e.actors]),
    )


def _group_row(g: ClaimGroup) -> tuple[Any, ...]:
    return (
        g.id,
        g.subject.kind,
        g.subject.id,
        g.subject.name,
        g.measure,
        g.label,
        g.status,
        g.sources,
        _f(g.estimate.low),
        _f(g.estimate.best),
        _f(g.estimate.high),
        _f(g.conservative),
        g.reason,
        json.dumps(g.claims),
    )


def _whole_rows(picture: Picture) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the picture, per table in PICTURE_TABLES order: records in the picture's
    order, links sorted by key (a whole save inserts them in this order)."""
    return {
        "entities": [_entity_row(e) for e in picture.entities],
        "mention_entities": sorted(picture.mention_entities.items()),
        "events": [_event_row(e) for e in picture.events],
        "event_links": sorted(picture.event_links.items()),
        "claim_subjects": [
            (cid, s.kind, s.id, s.name) for cid, s in sorted(picture.claim_subjects.items())
        ],
        "claim_parts": sorted(picture.claim_parts.items()),
        "claim_groups": [_group_row(g) for g in picture.groups],
    }


def picture_rows(picture: Picture) -> dict[str, dict[str, tuple[Any, ...]]]:
    """The picture as table rows keyed by primary key (the columns of PICTURE_TABLES)."""
    return {
        "entities": {e.id: _entity_row(e) for e in picture.entities},
        "mention_entities": {k: (k, v) for k, v in picture.mention_entities.items()},
        "events": {e.id: _event_row(e) for e in picture.events},
        "event_links": {k: (k, v) for k, v in picture.event_links.items()},
        "claim_subjects": {k: (k, s.kind, s.id, s.name) for k, s in picture.claim_subjects.items()},
        "claim_parts": {k: (k, v) for k, v in picture.claim_parts.items()},
        "claim_groups": {g.id: _group_row(g) for g in picture.groups},
    }


__all__ = ["PICTURE_TABLES", "SqlPicture", "picture_rows"]
