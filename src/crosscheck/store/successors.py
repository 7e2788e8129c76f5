"""Ids a picture update retired, and the id that took over their members.

Entity, event and group ids follow their members: a merge, a split, a claim edit or a new
report can give a group or an entity another id. A link to the old id (a bookmark, the
page an analyst was on when saving a correction) must then lead to the new one instead of
a 404. Each save of the picture records, for every record that went away, the record of
the new picture that holds most of its members (mentions for entities and events, claims
for groups) in the ``successors`` table (migration 4); an id that comes back loses its
entry. Lookups follow the chain (A retired for B, later B for C: A leads to C).

This module must not know about the pipeline: it only compares two pictures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crosscheck.model import Picture
from crosscheck.store.paging import SqlPaging

#: Record kinds with successors (as the pages and the API name them) and their tables.
TABLES = {"entity": "entities", "event": "events", "group": "claim_groups"}
#: Longest chain a lookup follows (a cycle cannot make it loop).
MAX_HOPS = 20


def _heir(members: Iterable[str], owner: Mapping[str, str]) -> str | None:
    """The owner of most ``members`` (ties: the smallest id), or None when none has one."""
    votes = Counter(owner[m] for m in members if m in owner)
    if not votes:
        return None
    best = max(votes.values())
    return min(k for k, v in votes.items() if v == best)


def picture_successors(old: Picture, new: Picture) -> list[tuple[str, str, str]]:
    """``(kind, old id, new id)`` for each record of ``old`` that ``new`` no longer has.

    Both may be whole pictures or the two halves of a delta (changed and removed records
    with their old links; changed and added records with their new links): a record gone
    from the picture has all its members relinked, so the delta holds what is needed.
    """
    claim_group = {c: g.id for g in new.groups for c in g.claims}
    parts: list[tuple[str, Sequence[Any], Mapping[str, str], set[str]]] = [
        ("entity", old.entities, new.mention_entities, {e.id for e in new.entities}),
        ("event", old.events, new.event_links, {e.id for e in new.events}),
    ]
    out = []
    for kind, records, owner, kept in parts:
        for record in records:
            if record.id not in kept and (heir := _heir(record.mention_ids, owner)):
                out.append((kind, record.id, heir))
    kept_groups = {g.id for g in new.groups}
    for group in old.groups:
        if group.id not in kept_groups and (heir := _heir(group.claims, claim_group)):
            out.append(("group", group.id, heir))
    return out


class SqlSuccessors(SqlPaging):
    """The ``successors`` table, written with each picture save (SQLite and PostgreSQL)."""

    def _exec(self, query: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError  # provided by SqlStore

    def _many(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError  # provided by SqlStore

    def _save_successors(self, old: Picture, new: Picture) -> None:
        """Record what ``new`` retired of ``old``; forget retirements the store undid.

        Call it after the new picture's rows are written (in the same transaction).
        """
        retired = sorted(picture_successors(old, new))
        self._many("DELETE FROM successors WHERE kind = ? AND old_id = ?", [r[:2] for r in retired])
        self._many("INSERT INTO successors (kind, old_id, new_id) VALUES (?, ?, ?)", retired)
        for kind, table in TABLES.items():
            # An id that is back in the picture is no longer anybody's predecessor.
            self._exec(
                f"DELETE FROM successors WHERE kind = ? AND old_id IN (SELECT id FROM {table})",
                (kind,),
            )

    def successor(self, kind: str, old_id: str) -> str | None:
        """The id that took over ``old_id`` (following the chain), or None."""
        current, seen = None, {old_id}
        for _ in range(MAX_HOPS):
            rows = self._rows(
                "SELECT new_id FROM successors WHERE kind = ? AND old_id = ?",
                (kind, current or old_id),
            )
            if not rows or rows[0][0] in seen:
                break
            current = rows[0][0]
            seen.add(current)
        return current


__all__ = ["MAX_HOPS", "TABLES", "SqlSuccessors", "picture_successors"]
