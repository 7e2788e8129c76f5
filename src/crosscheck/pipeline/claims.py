"""Claims in the contract shape (DESIGN.md), with analyst corrections applied.

``claim_to_dict`` is the single place where the claim contract is produced;
the CLI, API, web pages and exports all go through it.
"""

from __future__ import annotations

from typing import Any

from crosscheck.model import Claim, Correction, Document
from crosscheck.reconcile.corrections import (
    apply_claim_corrections as reconcile_claim_corrections,
)
from crosscheck.store import Store


def claim_to_dict(claim: Claim, doc: Document | None) -> dict[str, Any]:
    """One claim exactly as the contract specifies (plus ``corrected`` after an analyst edit)."""
    subject = claim.subject
    if subject is not None:
        subj = subject.to_dict()
    else:
        subj = {
            "kind": claim.subject_kind,
            "id": None,
            "name": claim.subject_name,
        }
    out: dict[str, Any] = {
        "id": claim.id,
        "document": {
            "id": claim.doc_id,
            "path": doc.path if doc else None,
            "url": doc.url if doc else None,
            "title": doc.title if doc else None,
            "outlet": doc.outlet if doc else None,
            "published": doc.published if doc else None,
        },
        "measure": claim.measure,
        "low": claim.low,
        "high": claim.high,
        "approximate": claim.approximate,
        "vague": claim.vague,
        "label": claim.label,
        "subject": subj,
        "as_of": claim.as_of,
        "attributed_to": claim.attributed_to,
        "sentence": claim.sentence,
        "span": [claim.span[0], claim.span[1]],
    }
    if claim.corrected:
        out["corrected"] = True
        out["review"] = claim.status
    return out


def apply_claim_corrections(claims: list[Claim], corrections: list[Correction]) -> list[Claim]:
    """``claims`` in their order, with analyst confirm/reject/edit decisions applied.

    The same rules reconciliation applies (one implementation: ``reconcile.corrections``);
    rejected claims keep status "rejected". A subject override needs no handling here: the
    resolved subject the store joins in already carries it.
    """
    corrected, _ = reconcile_claim_corrections(claims, corrections, [])
    by_id = {c.id: c for c in corrected}
    return [by_id[c.id] for c in claims]


def list_claims(
    store: Store,
    *,
    doc: str | None = None,
    measure: str | None = None,
    entity: str | None = None,
    event: str | None = None,
    include_rejected: bool = False,
) -> list[dict[str, Any]]:
    """Claims in contract shape, filtered by document, measure, subject entity or event."""
    doc_id = None
    if doc is not None:
        from crosscheck.pipeline.documents import get_document

        doc_id = get_document(store, doc).id
    kinds = {k for k, ref in (("entity", entity), ("event", event)) if ref is not None}
    if len(kinds) > 1:
        return []  # a claim has one subject: it cannot be about an entity and an event
    claims = store.claims(doc=doc_id, measure=measure, subject_kind=next(iter(kinds), None))
    claims = apply_claim_corrections(claims, store.corrections(target_kind="claim"))
    if measure:
        claims = [c for c in claims if c.measure == measure]
    if entity is not None:
        claims = [c for c in claims if _subject_matches(c, entity, "entity")]
    if event is not None:
        claims = [c for c in claims if _subject_matches(c, event, "event")]
    if not include_rejected:
        claims = [c for c in claims if c.status != "rejected"]
    return _contract(store, claims)


def claim_by_id(store: Store, claim_id: str) -> dict[str, Any] | None:
    """One claim in contract shape (rejected ones too), or None when no claim has that id."""
    claims = store.claims_by_ids([claim_id])
    claims = apply_claim_corrections(claims, store.corrections_for("claim", [claim_id]))
    hits = [c for c in claims if c.id == claim_id]
    if not hits:
        # An analyst's edit of the measure gives a claim a new id; only a full scan finds it.
        rows = list_claims(store, include_rejected=True)
        return next((r for r in rows if r["id"] == claim_id), None)
    return _contract(store, hits)[0]


def _contract(store: Store, claims: list[Claim]) -> list[dict[str, Any]]:
    docs = {d.id: d for d in store.documents_by_ids(sorted({c.doc_id for c in claims}))}
    return [claim_to_dict(c, docs.get(c.doc_id)) for c in claims]


def _subject_matches(claim: Claim, ref: str, kind: str) -> bool:
    subject = claim.subject
    if subject is None or subject.kind != kind:
        return False
    ref_l = ref.lower()
    return bool(
        (subject.id and (subject.id == ref or subject.id.startswith(ref)))
        or (subject.name and ref_l in subject.name.lower())
    )


__all__ = ["apply_claim_corrections", "claim_by_id", "claim_to_dict", "list_claims"]
