"""The Reconciler: one per store, the owner of everything reconcile keeps between updates.

It holds the current :class:`Records`, the last :class:`Picture` and the :class:`Memo` of the
last run of the stages. :meth:`Reconciler.update` applies a :class:`Delta` and answers the new
picture and what changed in it. The picture is always that of the pure
:func:`crosscheck.reconcile.reconcile` on the records: the memo only skips work whose inputs
are equal (a report's own incidents while the report is the same, a pair's score while both
reports are, a group's verdict while its claims and sources are, the joins of entity names
while no key's names changed). Forgetting is dropping the Reconciler.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crosscheck.model import Picture
from crosscheck.reconcile.core import Memo, reconcile_with_notes
from crosscheck.reconcile.linkmaps import Changes, map_changes
from crosscheck.reconcile.records import Delta, Records
from crosscheck.reconcile.settings import ReconcileSettings

_PARTS = ("entities", "events", "groups")
_LINKS = ("claim_subjects", "mention_entities", "event_links", "claim_parts")


@dataclass(frozen=True)
class PictureDelta:
    """What an update changed: records (by id) gone and new or changed, links likewise."""

    gone: Picture
    came: Picture

    @property
    def empty(self) -> bool:
        return not any(getattr(self.gone, n) or getattr(self.came, n) for n in (*_PARTS, *_LINKS))


def _records_delta(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    before = {x.id: x for x in old}
    after = {x.id: x for x in new}
    # Most records are the very objects of the last picture: the identity test first
    # (a record's == compares it field by field even with itself).
    gone = [x for k, x in before.items() if (y := after.get(k)) is not x and y != x]
    came = [x for k, x in after.items() if (y := before.get(k)) is not x and y != x]
    return gone, came


def picture_delta(
    old: Picture, new: Picture, links: Mapping[str, Changes] | None = None
) -> PictureDelta:
    """What differs between two pictures (records compared whole, links by key, unless
    ``links`` already tells what changed in them: see :class:`LinkMaps`)."""
    gone: dict[str, Any] = {}
    came: dict[str, Any] = {}
    for name in _PARTS:
        gone[name], came[name] = _records_delta(getattr(old, name), getattr(new, name))
    for name in _LINKS:
        if links is not None:
            gone[name], came[name] = links[name]
        else:
            gone[name], came[name] = map_changes(getattr(old, name), getattr(new, name))
    return PictureDelta(Picture(**gone), Picture(**came))


@dataclass
class Reconciler:
    """The picture of one store, kept up to date one delta at a time."""

    settings: ReconcileSettings = field(default_factory=ReconcileSettings)
    records: Records = field(default_factory=Records)
    picture: Picture = field(default_factory=Picture)
    memo: Memo = field(default_factory=Memo)
    notes: list[str] = field(default_factory=list)
    #: What a Reconciler read back from a saved state was read with, kept until its second
    #: update: the reader's memo holds an entry for each object read (2.5 million at 10,000
    #: reports), and freeing them takes a twentieth of a second that a one-report ingest,
    #: which ends right after its one update, need not pay. A process that goes on (the
    #: watch, the server) frees it at its next update.
    read_with: object = field(default=None, repr=False, compare=False)
    updates: int = field(default=0, repr=False, compare=False)

    def update(self, delta: Delta) -> tuple[Picture, PictureDelta]:
        """Apply ``delta`` and answer the new picture and what changed in it."""
        self.updates += 1
        if self.updates > 1:
            self.read_with = None
        self.records = delta.apply(self.records)
        new, self.notes = reconcile_with_notes(self.records, self.settings, self.memo)
        # The memo's maps were the last picture's: what the run changed in them is the delta.
        changes = picture_delta(self.picture, new, self.memo.links.take_changes())
        self.picture = new
        return new, changes


__all__ = ["PictureDelta", "Reconciler", "picture_delta"]
