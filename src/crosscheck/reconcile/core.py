"""``reconcile``: the whole cross-document picture from every document's extractions.

Order: entities (then entity corrections), incidents (then event corrections), claim
corrections, claim subjects, groups and verdicts. Every step sorts its inputs and derives
ids from stable content, so the same inputs in any order give an identical Picture.
"""

from __future__ import annotations

import bisect
import logging
import threading
from operator import attrgetter
from typing import Any, TypeVar

from crosscheck.model import (
    Claim,
    Correction,
    Document,
    EventMention,
    Mention,
    Picture,
    Profile,
    Subject,
)
from crosscheck.reconcile import corrections, entities, events, grouping, subjects, verdicts
from crosscheck.reconcile.corrections import (
    apply_claim_corrections,
    apply_entity_corrections,
    apply_event_corrections,
)
from crosscheck.reconcile.entities import resolve_entities
from crosscheck.reconcile.events import build_event, dominant_event_ids, event_id_for
from crosscheck.reconcile.grouping import grouped
from crosscheck.reconcile.incidents.linking import link_incidents
from crosscheck.reconcile.parts import report_parts
from crosscheck.reconcile.prepared import (
    prepare_claims,
    prepare_event_mentions,
    prepare_mentions,
)
from crosscheck.reconcile.subjects import SubjectResolver
from crosscheck.reconcile.verdicts import Judge, Sourcing, judged

log = logging.getLogger(__name__)

_FORGETS = (
    corrections.forget,
    entities.forget,
    events.forget,
    grouping.forget,
    subjects.forget,
    verdicts.forget,
)


def _sorted_corrections(corrections: list[Correction]) -> list[Correction]:
    return sorted(corrections, key=lambda c: (c.id if c.id is not None else 0, c.created_at or ""))


_R = TypeVar("_R", Mention, EventMention)
_V = TypeVar("_V")

# The last sorted output of each sorting step below, by name: the next call's input is
# mostly the same objects, so only the few added or gone are placed (see _resorted).
_SORTED: dict[str, tuple[dict[int, Any], list[Any], set[str]]] = {}
_KEYED: dict[str, tuple[dict[str, Any], list[str]]] = {}
_SORTED_LOCK = threading.Lock()


def _unique_sorted(prepared: list[_R], name: str = "") -> list[_R]:
    """Prepared records, one per id, sorted by id."""
    # Their id is a plain field (``known_id``), far cheaper to read than the ``id`` property.
    key = attrgetter("known_id")
    if name:
        out = _resorted(name, prepared, key)
        if out is not None:
            return out
    return sorted({key(r): r for r in prepared}.values(), key=key)


def _resorted(name: str, records: list[_R], key: attrgetter[str]) -> list[_R] | None:
    """``records`` sorted by ``key`` from the last call's order; None when ids repeat."""
    # Object identities compared in C: the records added or gone are found without
    # visiting the others in Python, then each is placed or removed by bisection.
    objects = dict(zip(map(id, records), records, strict=True))
    with _SORTED_LOCK:
        last_objects, last, ids = _SORTED.pop(name, ({}, [], set()))
        gone = [last_objects[i] for i in last_objects.keys() - objects.keys()]
        added = [objects[i] for i in objects.keys() - last_objects.keys()]
        if len(gone) + len(added) > len(objects) // 8:
            out = sorted(records, key=key)
            ids = set(map(key, out))
            if len(ids) != len(out):
                return None  # ids repeat: the caller keeps one record per id
        else:
            out = list(last)
            for r in gone:
                at = bisect.bisect_left(out, key(r), key=key)
                while out[at] is not r:
                    at += 1
                del out[at]
                ids.discard(key(r))
            for r in added:
                if key(r) in ids:
                    return None  # the memo was popped: the next call starts afresh
                ids.add(key(r))
                bisect.insort(out, r, key=key)
        _SORTED[name] = (objects, out, ids)
    return list(out)


def _by_key(mapping: dict[str, _V], name: str = "") -> dict[str, _V]:
    """The mapping in key order (sorting the keys alone is several times cheaper)."""
    if not name:
        return {k: mapping[k] for k in sorted(mapping)}
    with _SORTED_LOCK:
        last, order = _KEYED.get(name, ({}, []))
        # The very mapping handed out last time while it is still equal and in order (both
        # compared in C; a holder that changed it gets a new one): pictures then compare it
        # by identity.
        if mapping == last and list(last) == order:
            return last
        gone = last.keys() - mapping.keys()
        keys = [k for k in order if k not in gone] if gone else list(order)
        keys.extend(mapping.keys() - last.keys())
        keys.sort()
        out = {k: mapping[k] for k in keys}
        _KEYED[name] = (out, keys)
    return out


def _forget() -> None:
    with _SORTED_LOCK:
        _SORTED.clear()
        _KEYED.clear()


def reconcile_with_notes(
    documents: list[Document],
    mentions: list[Mention],
    event_mentions: list[EventMention],
    claims: list[Claim],
    corrections: list[Correction] | None = None,
    fuzzy_threshold: int = 90,
    profiles: dict[str, Profile] | None = None,
) -> tuple[Picture, list[str]]:
    """Like :func:`reconcile`, also returning a note per correction that had to be skipped."""
    notes: list[str] = []
    corr = _sorted_corrections(list(corrections or []))
    mentions = _unique_sorted(prepare_mentions(mentions), "mentions")
    event_mentions = _unique_sorted(prepare_event_mentions(event_mentions), "event_mentions")
    claims = prepare_claims(claims)

    entities = resolve_entities(mentions, fuzzy_threshold)
    entities = apply_entity_corrections(entities, mentions, corr, notes)
    mention_entities = {mid: e.id for e in entities for mid in e.mention_ids}

    linked = link_incidents(documents, event_mentions, mentions, claims, profiles or {})
    events = [build_event(event_id_for(g), g) for g in linked.groups]
    mains = linked.mains
    events = apply_event_corrections(events, event_mentions, corr, notes)
    event_links = {mid: e.id for e in events for mid in e.mention_ids}

    fixed, overrides = apply_claim_corrections(list(claims), corr, notes)
    resolver = SubjectResolver(
        events,
        event_mentions,
        event_links,
        entities,
        dominant_event_ids(event_mentions, event_links, mains),
        mentions,
        mention_entities,
    )
    subjects: dict[str, Subject] = {}
    for c in fixed:
        ref = overrides.get(c.id)
        if ref and ref in resolver.events:
            subjects[c.id] = resolver.event_subject(ref)
        elif ref and ref in resolver.entities:
            subjects[c.id] = resolver.entity_subject(ref)
        else:
            if ref:
                notes.append(
                    f"subject {ref} of edited claim {c.id} no longer exists; resolved anew"
                )
            subjects[c.id] = resolver.resolve(c)

    parts = report_parts(fixed, subjects)
    judge = Judge(Sourcing({d.id: d for d in documents}), frozenset(parts))
    groups = sorted((judged(judge, raw) for raw in grouped(fixed, subjects)), key=lambda g: g.id)
    for note in notes:
        log.info(note)
    picture = Picture(
        entities=entities,
        events=events,
        groups=groups,
        claim_subjects=_by_key(subjects, "claim_subjects"),
        mention_entities=_by_key(mention_entities, "mention_entities"),
        event_links=_by_key(event_links, "event_links"),
        claim_parts=dict(sorted(parts.items())),
    )
    return picture, notes


def forget_memos() -> None:
    """Drop what entity resolution, incidents, subjects, corrections, grouping and verdicts
    remember.

    Those memos only ever skip work whose inputs are unchanged, so results never depend on
    them; tests call this to compare a warm reconcile with a cold one.
    """
    _forget()
    for forget in _FORGETS:
        forget()


def reconcile(
    documents: list[Document],
    mentions: list[Mention],
    event_mentions: list[EventMention],
    claims: list[Claim],
    corrections: list[Correction] | None = None,
    fuzzy_threshold: int = 90,
    profiles: dict[str, Profile] | None = None,
) -> Picture:
    """The cross-document picture: entities, incidents, claim subjects, groups with verdicts.

    Args:
        documents: document metadata (outlet, publication date); text is not needed.
        mentions, event_mentions, claims: every document's extractions, in any order.
        corrections: analyst decisions, applied in id order; stale ones are skipped.
        fuzzy_threshold: rapidfuzz score for merging entity spellings (Settings.fuzzy_threshold).
    """
    return reconcile_with_notes(
        documents, mentions, event_mentions, claims, corrections, fuzzy_threshold, profiles
    )[0]


__all__ = ["forget_memos", "reconcile", "reconcile_with_notes"]
