"""Analyst corrections: validate, store as their own records, update the picture.

Each correction records stable content (claim ids, entity member keys and aliases, event
member mention ids) so ``crosscheck.reconcile`` can re-apply it after re-processing.
"""

from __future__ import annotations

from typing import Any, Literal

from crosscheck.errors import CorrectionError, NotFoundError
from crosscheck.model import Correction
from crosscheck.pipeline.followup import follow_up
from crosscheck.pipeline.picture import update_picture
from crosscheck.pipeline.views import find_entity, find_event
from crosscheck.reconcile.corrections import CLAIM_ACTIONS, EDITABLE
from crosscheck.store import Store

Kind = Literal["entity", "event"]


def _claim_exists(store: Store, claim_id: str) -> None:
    if not any(c.id == claim_id for c in store.claims()):
        raise NotFoundError(
            f"claim {claim_id!r} not found; list claims with `crosscheck claims` and use an id"
        )


def correct_claim(
    store: Store,
    claim_id: str,
    action: str,
    changes: dict[str, Any] | None = None,
    author: str = "analyst",
    reason: str = "",
) -> Correction:
    """Confirm, reject or edit one claim, then update the picture.

    Args:
        action: ``confirm``, ``reject`` or ``edit``.
        changes: for ``edit``: any of low, high, measure, counted, as_of, approximate,
            vague, subject (an event or entity id, prefix or name).
    """
    if action not in CLAIM_ACTIONS:
        raise CorrectionError(
            f"unknown claim action {action!r}; use one of {', '.join(CLAIM_ACTIONS)}"
        )
    _claim_exists(store, claim_id)
    payload = dict(changes or {})
    if action == "edit":
        if not payload:
            raise CorrectionError(
                f"edit of claim {claim_id}: say what to change ({', '.join(EDITABLE)})"
            )
        unknown = sorted(set(payload) - set(EDITABLE))
        if unknown:
            raise CorrectionError(
                f"edit of claim {claim_id}: cannot change {', '.join(unknown)};"
                f" editable fields are {', '.join(EDITABLE)}"
            )
        low, high = payload.get("low"), payload.get("high")
        if low is not None and high is not None and float(low) > float(high):
            raise CorrectionError(f"edit of claim {claim_id}: low {low} is above high {high}")
        if "subject" in payload:
            payload["subject"] = _subject_id(store, str(payload["subject"]))
    elif payload:
        raise CorrectionError(f"{action} of claim {claim_id} takes no changes; use action 'edit'")
    return _store(store, Correction("claim", claim_id, action, payload, author, reason))


def _subject_id(store: Store, ref: str) -> str:
    try:
        return str(find_event(store, ref)["id"])
    except NotFoundError:
        pass
    try:
        return str(find_entity(store, ref)["id"])
    except NotFoundError as exc:
        raise NotFoundError(f"subject {ref!r} is neither an event nor an entity; {exc}") from exc


def _members(store: Store, kind: Kind, ref: str) -> dict[str, Any]:
    return find_entity(store, ref) if kind == "entity" else find_event(store, ref)


def merge(
    store: Store, kind: Kind, refs: list[str], author: str = "analyst", reason: str = ""
) -> Correction:
    """Declare two or more entities (or events) one, then update the picture."""
    if kind not in ("entity", "event"):
        raise CorrectionError(f"cannot merge {kind!r}; merge entities or events")
    found = [_members(store, kind, r) for r in refs]
    ids = sorted({f["id"] for f in found})
    if len(ids) < 2:
        raise CorrectionError(f"merge needs two different {kind} refs, got {', '.join(refs)}")
    payload: dict[str, Any] = {"ids": ids}
    if kind == "entity":
        payload["keys"] = sorted({k for f in found for k in f["keys"]})
    else:
        payload["mentions"] = sorted({m for f in found for m in f["mention_ids"]})
    return _store(store, Correction(kind, ids[0], "merge", payload, author, reason))


def split(
    store: Store,
    kind: Kind,
    ref: str,
    members: list[str],
    author: str = "analyst",
    reason: str = "",
) -> Correction:
    """Move some members (entity aliases or mention ids; event mention ids) to a new one."""
    if kind not in ("entity", "event"):
        raise CorrectionError(f"cannot split {kind!r}; split entities or events")
    target = _members(store, kind, ref)
    if not members:
        raise CorrectionError(f"split of {kind} {target['id']}: name the members to move out")
    mention_ids = set(target["mention_ids"])
    payload: dict[str, Any]
    if kind == "entity":
        aliases = {a.casefold(): a for a in target["aliases"]}
        as_mentions = [m for m in members if m in mention_ids]
        as_aliases = [aliases[m.casefold()] for m in members if m.casefold() in aliases]
        unknown = [m for m in members if m not in mention_ids and m.casefold() not in aliases]
        if unknown:
            raise NotFoundError(
                f"entity {target['id']} has no alias or mention {', '.join(unknown)};"
                f" its aliases are {', '.join(sorted(target['aliases']))}"
            )
        payload = {"keys": target["keys"]}
        if as_aliases:
            payload["aliases"] = sorted(as_aliases)
        if as_mentions:
            payload["mentions"] = sorted(as_mentions)
    else:
        unknown = [m for m in members if m not in mention_ids]
        if unknown:
            raise NotFoundError(f"event {target['id']} has no mention {', '.join(unknown)}")
        payload = {"mentions": sorted(members)}
    if kind == "event" and len(set(members)) >= len(mention_ids):
        raise CorrectionError(f"split of event {target['id']}: cannot move out every mention")
    return _store(store, Correction(kind, target["id"], "split", payload, author, reason))


def _store(store: Store, correction: Correction) -> Correction:
    # One write: the correction is stored only together with the picture it changes, so a
    # refused or failed update leaves no correction behind that the picture ignores.
    with store.writing():
        saved = store.add_correction(correction)
        picture = update_picture(store, set())
    # Track records and watch rules follow the committed picture (they never fail it).
    follow_up(store, picture, [])
    return saved


def audit_log(store: Store) -> list[Correction]:
    """Every correction, oldest first."""
    return store.corrections()


__all__ = ["audit_log", "correct_claim", "merge", "split"]
