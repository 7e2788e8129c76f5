"""Re-applying analyst corrections on every reconcile, so decisions survive re-processing.

Corrections are applied in their stored order. Each records enough stable content to be
found again when ids shift: entity merges and splits carry member keys / aliases / mention
ids, event merges and splits carry member event-mention ids, claim ids are already stable.
A correction whose target no longer exists is skipped and reported, never an error.
Pure: no store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from crosscheck.model import Claim, Correction, Entity, Event, EventMention, Mention, stable_id
from crosscheck.reconcile.entities import build_entity_cached, entity_id_for
from crosscheck.reconcile.events import build_event_cached, copy_event, event_id_for

CLAIM_ACTIONS = ("confirm", "reject", "edit")
GROUP_ACTIONS = ("merge", "split")
EDITABLE = ("low", "high", "measure", "subject", "counted", "approximate", "vague", "as_of")


@dataclass
class EditedClaim(Claim):
    """A claim changed by an analyst; it keeps the id of the machine claim it replaces."""

    original_id: str = ""

    @property  # type: ignore[override]
    def id(self) -> str:
        return self.original_id


def _describe(c: Correction) -> str:
    return f"correction #{c.id} ({c.target_kind} {c.action} {c.target})"


def apply_claim_corrections(
    claims: list[Claim], corrections: list[Correction], notes: list[str]
) -> tuple[list[Claim], dict[str, str]]:
    """Claims with confirm/reject/edit applied, plus analyst subject overrides (claim -> ref)."""
    by_id: dict[str, Claim] = {c.id: c for c in claims}
    overrides: dict[str, str] = {}
    for corr in corrections:
        if corr.target_kind != "claim":
            continue
        claim = by_id.get(corr.target)
        if claim is None:
            notes.append(f"{_describe(corr)} skipped: the claim no longer exists")
            continue
        if corr.action not in CLAIM_ACTIONS:
            notes.append(f"{_describe(corr)} skipped: unknown action")
            continue
        changes: dict[str, Any] = {"corrected": True}
        if corr.action == "confirm":
            changes["status"] = "confirmed"
        elif corr.action == "reject":
            changes["status"] = "rejected"
        else:
            changes["status"] = "edited"
            for key, value in corr.payload.items():
                if key == "subject":
                    overrides[corr.target] = str(value)
                elif key in EDITABLE:
                    changes[key] = value
        fields = {f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)}
        fields.update(changes)
        by_id[corr.target] = EditedClaim(**fields, original_id=corr.target)
    return [by_id[k] for k in sorted(by_id)], overrides


def _find(
    groups: dict[str, list[Any]], ids: list[str], member_ids: list[str], member_id: Any
) -> list[str]:
    """Current group ids named directly or holding one of the recorded members."""
    wanted = set(member_ids)
    found = {i for i in ids if i in groups}
    for gid, members in groups.items():
        if any(member_id(m) in wanted for m in members):
            found.add(gid)
    return sorted(found)


def apply_entity_corrections(
    entities: list[Entity], mentions: list[Mention], corrections: list[Correction], notes: list[str]
) -> list[Entity]:
    """Entity merges and splits, re-applied on freshly resolved entities."""
    if not any(corr.target_kind == "entity" for corr in corrections):
        # Rebuilding each entity from its own mentions would give the very same entities.
        return entities
    by_mid = {m.id: m for m in mentions}
    groups: dict[str, list[Mention]] = {
        e.id: [by_mid[mid] for mid in e.mention_ids if mid in by_mid] for e in entities
    }
    for corr in corrections:
        if corr.target_kind != "entity":
            continue
        p = corr.payload
        if corr.action == "merge":
            keys = set(p.get("keys", []))
            found = _find(groups, list(p.get("ids", [])), [], lambda m: m.id)
            found = sorted(
                set(found) | {g for g, ms in groups.items() if any(m.key in keys for m in ms)}
            )
            if len(found) < 2:
                notes.append(f"{_describe(corr)} skipped: fewer than two of its entities exist")
                continue
            members = [m for g in found for m in groups.pop(g)]
            groups[entity_id_for([m.key for m in members])] = members
        elif corr.action == "split":
            found = _find(groups, [corr.target], list(p.get("mentions", [])), lambda m: m.id)
            aliases = {a.casefold() for a in p.get("aliases", [])}
            moved_ids = set(p.get("mentions", []))
            if not found and aliases:
                found = sorted(
                    g for g, ms in groups.items() if any(m.key in p.get("keys", []) for m in ms)
                )
            done = False
            for gid in found:
                members = groups[gid]
                moved = [
                    m for m in members if m.id in moved_ids or m.text.strip().casefold() in aliases
                ]
                if moved and len(moved) < len(members):
                    groups[gid] = [m for m in members if m not in moved]
                    tag = sorted(aliases) or sorted(moved_ids)
                    groups[stable_id("n", "split", corr.target, *tag)] = moved
                    done = True
            if not done:
                notes.append(f"{_describe(corr)} skipped: nothing left to split off")
        else:
            notes.append(f"{_describe(corr)} skipped: unknown action")
    return sorted(
        (build_entity_cached(gid, ms) for gid, ms in groups.items() if ms), key=lambda e: e.id
    )


_event_id = attrgetter("id")


def apply_event_corrections(
    events: list[Event],
    event_mentions: list[EventMention],
    corrections: list[Correction],
    notes: list[str],
) -> list[Event]:
    """Event merges and splits, re-applied on freshly clustered incidents."""
    by_id = {em.id: em for em in event_mentions}
    if not any(corr.target_kind == "event" for corr in corrections):
        # Still rebuilt: coreference built them with reporting dates dropped, these keep them.
        out = []
        for e in sorted(events, key=_event_id):
            members = [by_id[mid] for mid in e.mention_ids if mid in by_id]
            if members:
                out.append(_stored_event(e.id, members))
        return out
    groups: dict[str, list[EventMention]] = {
        e.id: [by_id[mid] for mid in e.mention_ids if mid in by_id] for e in events
    }
    for corr in corrections:
        if corr.target_kind != "event":
            continue
        p = corr.payload
        recorded = list(p.get("mentions", []))
        if corr.action == "merge":
            found = _find(groups, list(p.get("ids", [])), recorded, lambda m: m.id)
            if len(found) < 2:
                notes.append(f"{_describe(corr)} skipped: fewer than two of its events exist")
                continue
            members = [m for g in found for m in groups.pop(g)]
            groups[event_id_for(members)] = members
        elif corr.action == "split":
            moved_ids = set(recorded)
            found = _find(groups, [corr.target], recorded, lambda m: m.id)
            done = False
            for gid in found:
                members = groups[gid]
                moved = [m for m in members if m.id in moved_ids]
                if moved and len(moved) < len(members):
                    rest = [m for m in members if m.id not in moved_ids]
                    del groups[gid]
                    groups[event_id_for(rest)] = rest
                    groups[stable_id("e", "split", *sorted(moved_ids))] = moved
                    done = True
            if not done:
                notes.append(f"{_describe(corr)} skipped: nothing left to split off")
        else:
            notes.append(f"{_describe(corr)} skipped: unknown action")
    return sorted(
        (build_event_cached(gid, ms) for gid, ms in groups.items() if ms), key=lambda e: e.id
    )


# Per event id: the members it was last built from, the event, and the copy handed out for
# it, to skip even the lookups of build_event_cached when nothing changed (adding a report
# leaves most incidents alone).
_STORED: dict[str, tuple[list[EventMention], Event, Event]] = {}


def _stored_event(event_id: str, members: list[EventMention]) -> Event:
    found = _STORED.get(event_id)
    # List equality checks identity first: unchanged members compare at C speed.
    if found is None or found[0] != members:
        if len(_STORED) >= 1 << 17:
            _STORED.clear()
        event = build_event_cached(event_id, members)
        found = _STORED[event_id] = (members, event, copy_event(event))
    elif found[2].__dict__ != found[1].__dict__:
        # The copy handed out last time was changed by its holder: hand out a fresh one.
        found = _STORED[event_id] = (members, found[1], copy_event(found[1]))
    # The same copy again while it still equals the event: later stages and the picture's
    # comparison with the last one then find it unchanged by identity.
    return found[2]


def forget() -> None:
    """Drop what this module remembers between calls (the next call computes from scratch)."""
    _STORED.clear()


__all__ = [
    "CLAIM_ACTIONS",
    "EDITABLE",
    "EditedClaim",
    "apply_claim_corrections",
    "apply_entity_corrections",
    "apply_event_corrections",
    "forget",
]
