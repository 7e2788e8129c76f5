"""The picture's link maps, kept from run to run and patched with what changed.

A picture links each entity mention to its entity, each event mention to its incident, each
claim to its subject and each part to its total: maps of tens of thousands of entries at
10,000 reports, of which one new report changes a few dozen. Made anew, then put in key
order, then compared with the last run's to tell what changed, they were walked four times
per update. Here (:class:`LinkMaps`) each run copies the last run's map (a copy in C costs a
tenth of a walk, and the last picture keeps its map as it was) and changes only the entries
whose sources changed: the mentions of the entities and incidents that are not the very
records of the last run (nor equal to them), the claims whose subject is not equal to the
last one. What the run changed is kept (:meth:`LinkMaps.take_changes`): the picture's delta
needs no walk of its own.

A map is in key order when first made; after that new keys come last. Its readers only look
keys up, and the store orders its rows itself. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

#: A map's entries removed or replaced (with their old values) and added or replaced (with
#: their new ones) by one run.
Changes = tuple[dict[str, Any], dict[str, Any]]


class Owner(Protocol):
    """A record that owns mentions: an entity or an incident."""

    @property
    def id(self) -> str: ...

    @property
    def mention_ids(self) -> Sequence[str]: ...


_MISSING = object()


def map_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """What differs between two whole maps (a map made anew; two pictures' maps)."""
    gone = {k: v for k, v in old.items() if (y := new.get(k, _MISSING)) is not v and y != v}
    came = {k: v for k, v in new.items() if (y := old.get(k, _MISSING)) is not v and y != v}
    return gone, came


class Patch:
    """Changes to one kept map, netted: a key set back to its old value is no change."""

    def __init__(self, now: dict[str, Any]) -> None:
        self.now = now
        self.gone: dict[str, Any] = {}
        self.came: dict[str, Any] = {}

    def drop(self, key: str) -> None:
        """Remove ``key`` (it is in the map)."""
        old = self.now.pop(key)
        if self.came.pop(key, _MISSING) is _MISSING or key in self.gone:
            self.gone.setdefault(key, old)

    def put(self, key: str, value: Any) -> None:
        """Set ``key`` to ``value``, unless it holds that very value or an equal one."""
        old = self.now.get(key, _MISSING)
        if old is value or old == value:
            return
        if old is not _MISSING and key not in self.came:
            self.gone[key] = old
        self.now[key] = value
        self.came[key] = value

    def netted(self) -> Changes:
        """What the patch changed: the entries gone (old values) and came (new values)."""
        same = [k for k, v in self.came.items() if k in self.gone and self.gone[k] == v]
        for k in same:
            del self.gone[k], self.came[k]
        return self.gone, self.came


@dataclass
class LinkMaps:
    """Every link map of the last run, with the records they were made from."""

    #: Map name -> the map, which the picture of the run holds too (never changed after).
    maps: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Map name -> the records the map was made from (the mentions' maps): the very list
    #: the picture holds.
    owners: dict[str, Sequence[Owner]] = field(default_factory=dict)
    #: Map name -> what the last run changed in it, until taken (:meth:`take_changes`).
    changes: dict[str, Changes] = field(default_factory=dict)
    #: The mentions' maps whose owners overlap: made anew at every run.
    overlapping: set[str] = field(default_factory=set)

    def owned(self, name: str, records: Sequence[Owner]) -> dict[str, str]:
        """The map mention id -> owner id of ``records`` (entities or incidents), patched
        for the records that are not the last run's (nor equal to them)."""
        last_records = self.owners.get(name)
        self.owners[name] = records
        after = {r.id: r for r in records}
        last = self.maps.get(name)
        if (
            last is not None
            and last_records is not None
            and len(after) == len(records)
            and name not in self.overlapping
        ):
            before = {r.id: r for r in last_records}
            patch = self.begin(name)
            went = [o for k, o in before.items() if (y := after.get(k)) is not o and y != o]
            came = [r for k, r in after.items() if (y := before.get(k)) is not r and y != r]
            if _repatched(patch, went, came):
                self.maps[name] = patch.now
                self.changes[name] = patch.netted()
                return patch.now
        # The first run, or owners that overlap (a mention in two records): the map made
        # anew, as the pure run makes it (the later record owns a mention).
        made = {mid: r.id for r in records for mid in r.mention_ids}
        if len(made) == sum(len(r.mention_ids) for r in records):
            self.overlapping.discard(name)
        else:
            self.overlapping.add(name)
        return self.replaced(name, made)

    def begin(self, name: str) -> Patch:
        """A patch of a copy of the map ``name`` (see :meth:`end`): the last picture holds
        the map itself, and a copy costs a tenth of a walk."""
        return Patch(dict(self.maps.get(name, {})))

    def end(self, name: str, patch: Patch, keys: Iterable[str]) -> dict[str, Any]:
        """The map ``name`` with ``patch`` and without the keys not among ``keys`` (all it
        is about now), in key order when it was made by this patch alone."""
        now = patch.now
        for key in now.keys() - set(keys):
            patch.drop(key)
        if len(patch.came) == len(now) and not patch.gone:
            now = {k: now[k] for k in sorted(now)}
        self.maps[name] = now
        self.changes[name] = patch.netted()
        return now

    def take_changes(self) -> dict[str, Changes]:
        """What the last run changed in each map, forgotten here (a saved state need not
        carry it, and after a rebuild it is every entry)."""
        changes, self.changes = self.changes, {}
        return changes

    def replaced(self, name: str, made: dict[str, Any]) -> dict[str, Any]:
        """The map ``name`` made anew, with what changed in it (in key order when it is
        the map's first run)."""
        if name not in self.maps:
            made = {k: made[k] for k in sorted(made)}
        self.changes[name] = map_changes(self.maps.get(name, {}), made)
        self.maps[name] = made
        return made


def _repatched(patch: Patch, went: list[Owner], came: list[Owner]) -> bool:
    """Apply the owners gone or replaced, then those new or replaced; False when a mention
    turns out to have two owners."""
    now = patch.now
    for o in went:
        for mid in o.mention_ids:
            if now.get(mid) != o.id:
                return False
            patch.drop(mid)
    for r in came:
        for mid in r.mention_ids:
            if mid in now:
                return False
            patch.put(mid, r.id)
    return True


__all__ = ["Changes", "LinkMaps", "Owner", "Patch", "map_changes"]
