"""Re-applying analyst corrections on every reconcile, so decisions survive re-processing.

Corrections are applied in their stored order. Each records enough stable content to be
found again when ids shift: entity merges and splits carry member keys / aliases / mention
ids, event merges and splits carry member event-mention ids, claim ids are already stable.
A correction whose target no longer exists is skipped and reported, never an error.
Pure: no store.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any

from crosscheck.model import Claim, Correction, Entity, Event, EventMention, Mention, stable_id
from crosscheck.reconcile.entities import build_entity, entity_id_for
from crosscheck.reconcile.incidents.events import build_event, event_id_for

CLAIM_ACTIONS = ("confirm", "reject", "edit")
GROUP_ACTIONS = ("merge", "split")
EDITABLE = ("low", "high", "measure", "subject", "counted", "approximate", "vague", "as_of")


def _describe(c: Correction) -> str:
    return f"correction #{c.id} ({c.target_kind} {c.action} {c.target})"


def apply_claim_corrections(
    claims: list[Claim], corrections: list[Correction], notes: list[str]
) -> tuple[list[Claim], dict[str, str]]:
    """Claims with confirm/reject/edit applied, plus analyst subject overrides (claim -> ref)."""
    mine = [corr for corr in corrections if corr.target_kind == "claim"]
    if not mine:
        # The common case, at every update: the claims in id order (a claim's id is unique
        # in the store), sorted in C.
        return sorted(claims, key=operator.attrgetter("id")), {}
    by_id: dict[str, Claim] = {c.id: c for c in claims}
    overrides: dict[str, str] = {}
    for corr in mine:
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
        # An edit keeps the id of the figure it corrects, whatever it changes.
        by_id[corr.target] = dataclasses.replace(claim, **changes, corrects=corr.target)
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
    return sorted((build_entity(gid, ms) for gid, ms in groups.items() if ms), key=lambda e: e.id)


def apply_event_corrections(
    events: list[Event],
    event_mentions: list[EventMention],
    corrections: list[Correction],
    notes: list[str],
) -> list[Event]:
    """Event merges and splits, re-applied on freshly linked incidents."""
    if not any(corr.target_kind == "event" for corr in corrections):
        return events
    by_id = {em.id: em for em in event_mentions}
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
    return sorted((build_event(gid, ms) for gid, ms in groups.items() if ms), key=lambda e: e.id)


__all__ = [
    "CLAIM_ACTIONS",
    "EDITABLE",
    "apply_claim_corrections",
    "apply_entity_corrections",
    "apply_event_corrections",
]
