"""The store records behind ACH evidence items, found again and graded.

Each evidence item names a record by an anchor (see :mod:`crosscheck.assess.anchors`). This
module finds each record as the picture holds it now (following event and group ids that
changed when incidents re-linked), describes it in a line with its source, grades it
(Admiralty reliability of its outlet, credibility of the information) and flags what an
analyst must know: the record is gone, its claim was rejected, its group is in conflict.
Records of one kind are read together, so a matrix of thousands of items costs a few
queries per kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crosscheck.assess.anchors import relocate
from crosscheck.assess.grading import ClaimFacts, Grade, claim_credibility, effective
from crosscheck.assess.records import EvidenceItem
from crosscheck.assess.suggest import Facts
from crosscheck.model import ClaimGroup, Document
from crosscheck.pipeline.grading import analyst_grades, reliabilities
from crosscheck.reconcile.verdicts import describe
from crosscheck.store import Store

_TRUSTED = ("A", "B", "C")


@dataclass
class ItemRecord:
    """An evidence item as the store holds it now."""

    key: str
    kind: str
    current_id: str | None
    summary: str
    credibility: Grade
    reliability: Grade
    facts: Facts | None = None
    source: dict[str, Any] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    link: str | None = None


def _best(grades: Sequence[Grade]) -> Grade | None:
    """The best reliability among several outlets (A before B …); None without any."""
    return min(grades, key=lambda g: g.value) if grades else None


def _single(reliability: Grade, what: str) -> Grade:
    if reliability.value in _TRUSTED:
        return Grade("3", f"{what}, from an outlet graded {reliability.value}")
    return Grade("6", f"{what}, from an outlet of unknown reliability")


class _Reader:
    """Reads, per kind, the records a list of items needs."""

    def __init__(self, store: Store, items: Sequence[EvidenceItem]) -> None:
        self.store = store
        self.items = items
        self.docs: dict[str, Document] = {}
        self.grades = analyst_grades(store, "claim")

    def doc_ids(self, ids: Sequence[str]) -> None:
        missing = [d for d in dict.fromkeys(ids) if d not in self.docs]
        self.docs.update((d.id, d) for d in self.store.documents_by_ids(missing))

    def source(self, doc_id: str) -> dict[str, Any]:
        doc = self.docs.get(doc_id)
        if doc is None:
            return {"document": doc_id}
        return {"document": doc_id, "outlet": doc.outlet, "published": doc.published}

    def outlet(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        return (doc.outlet if doc else None) or ""


def _gone(item: EvidenceItem, what: str) -> ItemRecord:
    return ItemRecord(
        item.key,
        item.kind,
        None,
        f"{what} {item.anchor.id if item.anchor else ''} is no longer in the store",
        Grade("6", "the record is gone"),
        Grade("F", "the record is gone"),
        flags=["gone: re-processing no longer finds this record"],
    )


def _claims(r: _Reader, items: list[EvidenceItem]) -> dict[str, ItemRecord]:
    store = r.store
    ids = [i.anchor.id for i in items if i.anchor]
    claims = {c.id: c for c in store.claims_by_ids(ids)}
    rejected = {c.target for c in store.corrections_for("claim", ids) if c.action == "reject"}
    rejected -= {c.target for c in store.corrections_for("claim", ids) if c.action == "confirm"}
    groups = _groups_of(store, list(claims.values()))
    r.doc_ids([c.doc_id for c in claims.values()])
    outlets = reliabilities(store, {r.outlet(c.doc_id) for c in claims.values()})
    out = {}
    for item in items:
        claim = claims.get(item.anchor.id) if item.anchor else None
        if claim is None:
            out[item.key] = _gone(item, "claim")
            continue
        group = groups.get(claim.id)
        rel = outlets.get(r.outlet(claim.doc_id)) or Grade("F", "no outlet named")
        facts = ClaimFacts(r.outlet(claim.doc_id), claim.low, claim.high)
        set_by = r.grades.get(claim.id)
        cred = effective(
            claim_credibility(facts, group, rel.value),
            None if set_by is None else (set_by[0], set_by[1]),
        )
        flags = []
        if claim.id in rejected:
            flags.append("rejected: an analyst rejected this claim")
        if group is not None and group.status == "conflict":
            flags.append(f"conflict: its claim group {group.id} is in conflict")
        out[item.key] = ItemRecord(
            item.key,
            "claim",
            claim.id,
            f"{describe(claim)} {claim.label} — “{claim.sentence}”",
            cred,
            rel,
            source=r.source(claim.doc_id),
            flags=flags,
            link=f"/documents/{claim.doc_id}#{claim.id}",
        )
    return out


def _groups_of(store: Store, claims: Sequence[Any]) -> dict[str, ClaimGroup]:
    """Claim id -> the group holding it, read per subject."""
    out: dict[str, ClaimGroup] = {}
    wanted = {c.id for c in claims}
    for subject in sorted({c.subject.id for c in claims if c.subject and c.subject.id}):
        for g in store.select_groups(subject_id=subject):
            out.update((cid, g) for cid in g.claims if cid in wanted)
    return out


def _group_items(r: _Reader, items: list[EvidenceItem]) -> dict[str, ItemRecord]:
    store = r.store
    members = [m for i in items if i.anchor for m in i.anchor.members]
    claims = store.claims_by_ids(members)
    held = _groups_of(store, claims)
    owners = {cid: g.id for cid, g in held.items()}
    groups = {g.id: g for g in held.values()}
    r.doc_ids([c.doc_id for c in claims])
    outlet_of = {c.id: r.outlet(c.doc_id) for c in claims}
    outlets = reliabilities(store, set(outlet_of.values()) - {""})
    out = {}
    for item in items:
        if item.anchor is None:
            continue
        gid = relocate(item.anchor, lambda x: x in groups or store.get_group(x) is not None, owners)
        group = groups.get(gid or "") or (store.get_group(gid) if gid else None)
        if group is None:
            out[item.key] = _gone(item, "claim group")
            continue
        best = group.estimate.best
        rel = _best([outlets[o] for c in group.claims if (o := outlet_of.get(c)) in outlets])
        rel = rel or Grade("F", "no graded outlet")
        cred = claim_credibility(ClaimFacts(None, best, best), group, rel.value)
        flags = [] if gid == item.anchor.id else [f"moved: now group {gid}"]
        if group.status == "conflict":
            flags.append("conflict: the group is in conflict")
        est = group.estimate
        out[item.key] = ItemRecord(
            item.key,
            "group",
            gid,
            f"{group.label} — {group.subject.name or 'unspecified'}: {group.status},"
            f" best {est.best} (low {est.low}, high {est.high}), {group.sources} sources",
            cred,
            Grade(rel.value, f"best-graded of its outlets: {rel.reason}", rel.source),
            flags=flags,
            link=f"/groups/{gid}",
        )
    return out


def _statements(r: _Reader, items: list[EvidenceItem]) -> dict[str, ItemRecord]:
    found = {s.id: s for s in r.store.statements_by_ids(i.anchor.id for i in items if i.anchor)}
    r.doc_ids([s.doc_id for s in found.values()])
    outlets = reliabilities(r.store, {r.outlet(s.doc_id) for s in found.values()} - {""})
    out = {}
    for item in items:
        s = found.get(item.anchor.id) if item.anchor else None
        if s is None:
            out[item.key] = _gone(item, "statement")
            continue
        rel = outlets.get(r.outlet(s.doc_id)) or Grade("F", "no outlet named")
        out[item.key] = ItemRecord(
            item.key,
            "statement",
            s.id,
            f"{s.speaker} ({s.stance}): “{s.content}”",
            _single(rel, f"one report of what {s.speaker} said"),
            rel,
            facts=Facts("statement", s.stance, s.speaker, s.content),
            source=r.source(s.doc_id),
            link=f"/documents/{s.doc_id}#{s.id}",
        )
    return out


def _events(r: _Reader, items: list[EvidenceItem]) -> dict[str, ItemRecord]:
    store = r.store
    members = [m for i in items if i.anchor for m in i.anchor.members]
    owners = store.event_links_for(members)
    out = {}
    for item in items:
        if item.anchor is None:
            continue
        eid = relocate(item.anchor, lambda x: store.get_event(x) is not None, owners)
        event = store.get_event(eid) if eid else None
        if event is None:
            out[item.key] = _gone(item, "event")
            continue
        mentions = store.event_mentions_by_ids(event.mention_ids)
        r.doc_ids([m.doc_id for m in mentions])
        docs = sorted({m.doc_id for m in mentions})
        outlets = Counter(r.outlet(d) for d in docs if r.outlet(d))
        rel = _best(list(reliabilities(store, outlets).values())) or Grade("F", "no outlet")
        cred = (
            Grade("2", f"reported by {len(outlets)} outlets")
            if len(outlets) >= 2
            else _single(rel, "reported by one outlet")
        )
        perpetrators = [a["name"] for a in event.actors if a.get("role") == "perpetrator"]
        flags = [] if eid == item.anchor.id else [f"moved: now event {eid}"]
        out[item.key] = ItemRecord(
            item.key,
            "event",
            eid,
            f"{event.name} ({event.type}, {event.date or 'undated'})"
            + (f"; perpetrators named: {', '.join(perpetrators)}" if perpetrators else ""),
            cred,
            rel,
            facts=Facts("event", perpetrators=perpetrators, event_type=event.type),
            flags=flags,
            link=f"/events/{eid}",
        )
    return out


def _notes(items: list[EvidenceItem]) -> dict[str, ItemRecord]:
    return {
        i.key: ItemRecord(
            i.key,
            "note",
            None,
            i.text,
            Grade("6", "typed in by an analyst: grade it"),
            Grade("F", "typed in by an analyst: grade it"),
        )
        for i in items
    }


def resolve_items(store: Store, items: Sequence[EvidenceItem]) -> dict[str, ItemRecord]:
    """Every item's record as it is now, with grades; the item's own grades win."""
    reader = _Reader(store, items)
    by_kind: dict[str, list[EvidenceItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    out: dict[str, ItemRecord] = {}
    out.update(_claims(reader, by_kind.get("claim", [])))
    out.update(_group_items(reader, by_kind.get("group", [])))
    out.update(_statements(reader, by_kind.get("statement", [])))
    out.update(_events(reader, by_kind.get("event", [])))
    out.update(_notes(by_kind.get("note", [])))
    for item in items:
        rec = out[item.key]
        if item.credibility:
            rec.credibility = Grade(item.credibility, "set for this question", "analyst")
        if item.reliability:
            rec.reliability = Grade(item.reliability, "set for this question", "analyst")
    return out


__all__ = ["ItemRecord", "resolve_items"]
