"""``reconcile``: the whole cross-document picture from every document's extractions.

This is the specification of the picture: a pure function of the records and the settings.
Stages, in order: entities (then entity corrections), incidents (then event corrections),
claim corrections, claim subjects, report totals and parts, groups and verdicts. Every stage
sorts its inputs and derives ids from stable content, so the same records in any order give
an identical picture.

A :class:`crosscheck.reconcile.Reconciler` runs the same stages with a :class:`Memo` of what
the last run computed; a memo only ever skips work whose inputs are equal, so a run with one
gives exactly the picture of a run without.
"""

from __future__ import annotations

import logging
import operator
from dataclasses import dataclass, field
from typing import Any

from crosscheck.model import Claim, ClaimGroup, Correction, Picture, Subject
from crosscheck.reconcile.claimchanges import ChangesMemo, changed_documents
from crosscheck.reconcile.corrections import (
    apply_claim_corrections,
    apply_entity_corrections,
    apply_event_corrections,
)
from crosscheck.reconcile.entities import EntityMemo, resolve_document_entities
from crosscheck.reconcile.grouping import GroupMemo, group_claims
from crosscheck.reconcile.incidents.events import build_event, dominant_event_ids, event_id_for
from crosscheck.reconcile.incidents.linking import IncidentMemo, link_incidents
from crosscheck.reconcile.linkmaps import LinkMaps
from crosscheck.reconcile.parts import DiedMemo, PartsMemo, died_later, report_parts
from crosscheck.reconcile.records import Records
from crosscheck.reconcile.settings import ReconcileSettings
from crosscheck.reconcile.subjects import Resolved, SubjectResolver
from crosscheck.reconcile.subjecttables import TablesMemo
from crosscheck.reconcile.verdicts import Judge, Sourcing, Verdicts, judged

log = logging.getLogger(__name__)

_ID = operator.attrgetter("id")


@dataclass
class Memo:
    """What one run of the stages may hand to the next (see :class:`Reconciler`)."""

    entities: EntityMemo = field(default_factory=EntityMemo)
    incidents: IncidentMemo = field(default_factory=IncidentMemo)
    events: dict[str, tuple[list[Any], Any]] = field(default_factory=dict)
    groups: GroupMemo = field(default_factory=GroupMemo)
    verdicts: Verdicts = field(default_factory=dict)
    tables: TablesMemo = field(default_factory=TablesMemo)
    parts: PartsMemo = field(default_factory=PartsMemo)
    died: DiedMemo = field(default_factory=DiedMemo)
    #: The parts and the deaths told later of the last run.
    marks: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: Each document as the last run saw it.
    changes: ChangesMemo = field(default_factory=ChangesMemo)
    #: Each claim's subject with the table entries its resolution read.
    resolved: Resolved = field(default_factory=dict)
    #: The picture's maps of the last run, and what that run changed in them.
    links: LinkMaps = field(default_factory=LinkMaps)


def _sorted_corrections(corrections: tuple[Correction, ...]) -> list[Correction]:
    return sorted(corrections, key=lambda c: (c.id if c.id is not None else 0, c.created_at or ""))


def _events(groups: list[list[Any]], memo: Memo) -> list[Any]:
    """Events of the linked mention groups, each built again only when its members changed.

    Kept by the smallest member id, the first of a group (the event id is made from it): an
    event whose members are the same is taken as it is, without making its id again; a
    group kept by linking is the very list of the last call, and compares at once.
    """
    out = []
    kept: dict[str, tuple[list[Any], Any]] = {}
    known = memo.events
    for members in groups:
        first = members[0].id
        found = known.get(first)
        if found is None or (found[0] is not members and found[0] != members):
            found = (members, build_event(event_id_for(members), members))
        elif found[0] is not members:
            found = (members, found[1])
        kept[first] = found
        out.append(found[1])
    memo.events = kept
    return sorted(out, key=_ID)


def _subjects(
    resolver: SubjectResolver,
    claims: list[Claim],
    overrides: dict[str, str],
    notes: list[str],
    memo: Memo,
) -> tuple[dict[str, Subject], set[str]]:
    """Each claim's subject, and the documents with a claim or a subject that is not the
    very one of the last run (or came or went: see :mod:`.claimchanges`).

    The subjects are the last run's map, patched where a subject is not equal to the last
    one: an equal one is kept as that very object, so the stages after compare it at once.
    """
    patch = memo.links.begin("claim_subjects")
    last = patch.now.get
    known: Resolved = memo.resolved
    kept: Resolved = {}
    memo.resolved = kept
    changed: set[str] = set()
    for c in claims:
        found = known.get(c.id)
        if found is None or found[0] is not c:
            changed.add(c.doc_id)
            if found is not None:
                changed.add(found[0].doc_id)
        ref = overrides.get(c.id)
        given = resolver.given(ref) if ref else None
        if given is not None:
            subject = given
            kept[c.id] = (c, None, subject)
        else:
            if ref:
                notes.append(
                    f"subject {ref} of edited claim {c.id} no longer exists; resolved anew"
                )
            subject = resolver.resolve_kept(c, known, kept)
        if (old := last(c.id)) is not subject and old != subject:
            patch.put(c.id, subject)
            changed.add(c.doc_id)
    changed.update(known[k][0].doc_id for k in known.keys() - kept.keys())  # claims gone
    return memo.links.end("claim_subjects", patch, kept), changed


def _judged_groups(
    fixed: list[Claim],
    subjects: dict[str, Subject],
    sourcing: Sourcing,
    memo: Memo,
    claims_changed: set[str],
) -> tuple[dict[str, str], list[ClaimGroup]]:
    """Report parts and the groups with their verdicts; every stage reads again only the
    documents changed since the memo's last run (see :mod:`.claimchanges`): those whose
    claims or subjects changed (``claims_changed``) and those whose record did."""
    changed = changed_documents(sourcing.documents, memo.changes, claims_changed)
    parts = report_parts(fixed, subjects, memo.parts, changed)
    died = died_later(fixed, subjects, parts, sourcing.published, memo.died, changed)
    judge = Judge(sourcing, frozenset(parts), died)
    # The claims whose verdict inputs may have changed: those of the changed documents, and
    # those that became or stopped being a part or a death told later.
    touched = {c.id for c in fixed if c.doc_id in changed}
    touched |= (judge.parts ^ memo.marks[0]) | (judge.died ^ memo.marks[1])
    memo.marks = (judge.parts, judge.died)
    known: Verdicts = memo.verdicts
    kept: Verdicts = {}
    groups = sorted(
        (
            judged(judge, raw, known, kept, touched)
            for raw in group_claims(fixed, subjects, memo.groups, parts, changed)
        ),
        key=_ID,
    )
    memo.verdicts = kept
    return parts, groups


def reconcile_with_notes(
    records: Records, settings: ReconcileSettings | None = None, memo: Memo | None = None
) -> tuple[Picture, list[str]]:
    """Like :func:`reconcile`, also returning a note per correction that had to be skipped."""
    settings = settings or ReconcileSettings()
    memo = memo if memo is not None else Memo()
    notes: list[str] = []
    corr = _sorted_corrections(records.corrections)
    documents = records.documents()
    mentions = list(records.mentions())
    event_mentions = list(records.event_mentions())
    claims = list(records.claims())

    ordered = records.ordered()
    entities = resolve_document_entities(ordered, settings.fuzzy_threshold, memo.entities)
    entities = apply_entity_corrections(entities, mentions, corr, notes)
    mention_entities = memo.links.owned("mention_entities", entities)

    linked = link_incidents(ordered, memo.incidents)
    events = apply_event_corrections(_events(linked.groups, memo), event_mentions, corr, notes)
    event_links = memo.links.owned("event_links", events)

    fixed, overrides = apply_claim_corrections(claims, corr, notes)
    gone, came = memo.links.changes["event_links"]
    resolver = SubjectResolver(
        events,
        records.docs,
        event_links,
        entities,
        dominant_event_ids(event_mentions, event_links, linked.mains),
        mention_entities,
        memo.tables,
        memo.entities.mentions_by_key(),
        gone.keys() | came.keys(),
    )
    subjects, claims_changed = _subjects(resolver, fixed, overrides, notes, memo)
    sourcing = Sourcing({d.id: d for d in documents})
    parts, groups = _judged_groups(fixed, subjects, sourcing, memo, claims_changed)
    for note in notes:
        log.info(note)
    memo.links.replaced("claim_parts", dict(parts))
    picture = Picture(entities=entities, events=events, groups=groups, **memo.links.maps)
    return picture, notes


def reconcile(records: Records, settings: ReconcileSettings | None = None) -> Picture:
    """The cross-document picture: entities, incidents, claim subjects, groups with verdicts.

    Args:
        records: every document's extractions and the analysts' corrections (applied in
            their order; stale ones are skipped).
        settings: the reconcile settings (fuzzy threshold for entity names).
    """
    return reconcile_with_notes(records, settings)[0]


__all__ = ["Memo", "reconcile", "reconcile_with_notes"]
