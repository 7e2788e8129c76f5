"""Claims in the contract shape (DESIGN.md), with analyst corrections applied.

``claim_to_dict`` is the single place where the claim contract is produced;
the CLI, API, web pages and exports all go through it.
"""

from __future__ import annotations

from typing import Any

from crosscheck.model import Claim, Correction, Document
from crosscheck.pipeline.paging import Listing, check_page, page_of
from crosscheck.reconcile.corrections import (
    apply_claim_corrections as reconcile_claim_corrections,
)
from crosscheck.store import Store

#: More claims hidden by corrections than this and a listing pages in Python instead.
MAX_HIDDEN = 2000


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
            "language": doc.language if doc else None,
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
        "unconfirmed": claim.unconfirmed,
        "sentence": claim.sentence,
        "span": [claim.span[0], claim.span[1]],
        "part_of": claim.total_id or claim.part_of,
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


def claims_listing(
    store: Store,
    *,
    doc: str | None = None,
    measure: str | None = None,
    entity: str | None = None,
    event: str | None = None,
    include_rejected: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> Listing:
    """A page of :func:`list_claims` (same rows, same order) with the total.

    Without an entity or event filter only the page's claims (and their documents) are
    read: analyst corrections are few, so the claims they hide (rejected, or edited to
    another measure) are left out by id in the query, and the page is corrected after.
    """
    check_page(limit, offset)
    measure = measure or None
    if entity is not None or event is not None:
        return page_of(
            list_claims(
                store,
                doc=doc,
                measure=measure,
                entity=entity,
                event=event,
                include_rejected=include_rejected,
            ),
            limit,
            offset,
        )
    doc_id = None
    if doc is not None:
        from crosscheck.pipeline.documents import get_document

        doc_id = get_document(store, doc).id
    corrections = store.corrections(target_kind="claim")
    hidden = _hidden_by_corrections(store, corrections, measure, include_rejected)
    if hidden is None:  # too many to leave out by id: page in Python
        return page_of(
            list_claims(store, doc=doc, measure=measure, include_rejected=include_rejected),
            limit,
            offset,
        )
    claims = store.claims_page(
        doc=doc_id, measure=measure, exclude=hidden, limit=limit, offset=offset
    )
    page_ids = {c.id for c in claims}
    claims = apply_claim_corrections(claims, [c for c in corrections if c.target in page_ids])
    total = store.count_claims(doc=doc_id, measure=measure, exclude=hidden)
    return Listing(_contract(store, claims), total, limit, offset)


def _hidden_by_corrections(
    store: Store, corrections: list[Correction], measure: str | None, include_rejected: bool
) -> set[str] | None:
    """Ids of stored claims a listing leaves out after corrections; None: page in Python."""
    if not corrections:
        return set()
    targets = sorted({c.target for c in corrections})
    stored = store.claims_by_ids(targets)
    hidden: set[str] = set()
    for before, after in zip(stored, apply_claim_corrections(stored, corrections), strict=True):
        # Like list_claims: a claim edited out of the measure asked for is not listed.
        moved = measure is not None and after.measure != measure
        if moved or (after.status == "rejected" and not include_rejected):
            hidden.add(before.id)
    return hidden if len(hidden) <= MAX_HIDDEN else None


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


__all__ = [
    "apply_claim_corrections",
    "claim_by_id",
    "claim_to_dict",
    "claims_listing",
    "list_claims",
]
