"""The analyst side of the STIX export: a ``note`` per contested verdict and an ``opinion``
per correction, both pointing at the objects :class:`~crosscheck.export.stix_build.StixBuilder`
made for the records they concern."""

from __future__ import annotations

import json

import stix2

from crosscheck.export.common import stix_id
from crosscheck.export.stix_build import StixBuilder
from crosscheck.export.stix_ids import producer_id, report_id, timestamp, with_extension
from crosscheck.model import ClaimGroup, Correction


def add_note(b: StixBuilder, group: ClaimGroup) -> None:
    """A ``note`` explaining a group's verdict, about its subject and reports."""
    docs = {c["document"]["id"] for cid in group.claims if (c := b.sel.claim(cid))}
    refs = [report_id(d) for d in sorted(docs)]
    subject = b.incident_refs.get(group.subject.id or "") or b.entity_refs.get(
        group.subject.id or ""
    )
    if subject:
        refs.insert(0, subject)
    if not refs:
        return
    latest = sorted(p for d in docs if (p := b.published.get(d)))
    stamp = timestamp(latest[-1] if latest else None)
    about = group.subject.name or "unknown subject"
    b.add(
        stix2.Note(
            id=stix_id("note", "group:" + group.id),
            abstract=f"{group.status}: {group.label} ({about})",
            content=group.reason or f"verdict {group.status}",
            object_refs=refs,
            authors=[b.map["producer"]["name"]],
            created=stamp,
            modified=stamp,
            created_by_ref=producer_id(),
            extensions=with_extension({"group": group.id}),
            allow_custom=True,
            **b.confidence(group),
        )
    )


def add_opinion(b: StixBuilder, corr: Correction) -> None:
    """An ``opinion`` for an analyst's correction, on what it corrected."""
    refs: list[str] = []
    if corr.target_kind == "claim":
        claim = b.sel.claim(corr.target)
        if claim is None:
            return
        refs.append(report_id(claim["document"]["id"]))
        subj = b.incident_refs.get(claim["subject"].get("id") or "")
        if subj:
            refs.append(subj)
    elif corr.target_kind == "event" and corr.target in b.incident_refs:
        refs.append(b.incident_refs[corr.target])
    elif corr.target_kind == "entity" and corr.target in b.entity_refs:
        refs.append(b.entity_refs[corr.target])
    if not refs:
        return
    value = b.map["opinions"].get(corr.action, "neutral")
    payload = json.dumps(corr.payload, sort_keys=True, ensure_ascii=False)
    why = f" because {corr.reason}" if corr.reason else ""
    key = f"{corr.target_kind}:{corr.target}:{corr.action}:{corr.created_at}:{payload}"
    stamp = timestamp(corr.created_at)
    b.add(
        stix2.Opinion(
            id=stix_id("opinion", "correction:" + key),
            opinion=value,
            object_refs=refs,
            explanation=f"{corr.author} chose to {corr.action} {corr.target_kind} "
            f"{corr.target}{why}" + (f"; new values {payload}" if corr.payload else ""),
            authors=[corr.author],
            created=stamp,
            modified=stamp,
            extensions=with_extension(
                {
                    "correction": {
                        "target_kind": corr.target_kind,
                        "target": corr.target,
                        "action": corr.action,
                        "payload": corr.payload,
                        "author": corr.author,
                        "reason": corr.reason,
                        "created_at": corr.created_at,
                    }
                }
            ),
            allow_custom=True,
        )
    )


__all__ = ["add_note", "add_opinion"]
