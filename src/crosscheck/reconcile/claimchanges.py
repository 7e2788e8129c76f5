"""Which documents' claims an update changed, for the stages after subject resolution.

Report parts, the claims whose victims died later, the groups and their verdicts read, of
each claim, the claim itself, its subject and its document. A document is *changed* when
its record is not the very object of the last run, or one of its claims, or a claim's
subject, is not (or came, or went). Equal but new objects count as changed: more work for
the stages, never another picture. A :class:`crosscheck.reconcile.Reconciler` works this
out once per update and the stages read again only the changed documents. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from crosscheck.model import Claim, Document, Subject


@dataclass
class ChangesMemo:
    """Each claim with its subject, and each document, as the last run saw them."""

    claims: dict[str, tuple[Claim, Subject]] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


def changed_documents(
    claims: Iterable[Claim],
    subjects: Mapping[str, Subject],
    documents: Mapping[str, Document],
    memo: ChangesMemo,
) -> frozenset[str]:
    """The ids of the documents changed since the last run (``memo`` is brought up to this
    one); the documents gone are among them."""
    changed: set[str] = set()
    before, memo.claims = memo.claims, {}
    for c in claims:
        subject = subjects[c.id]
        found = before.pop(c.id, None)
        if found is None or found[0] is not c or found[1] is not subject:
            changed.add(c.doc_id)
            if found is not None:
                changed.add(found[0].doc_id)
            found = (c, subject)
        memo.claims[c.id] = found
    changed.update(c.doc_id for c, _ in before.values())  # claims gone
    known = memo.documents
    changed.update(k for k, d in documents.items() if known.get(k) is not d)
    changed.update(known.keys() - documents.keys())
    memo.documents = dict(documents)
    return frozenset(changed)


__all__ = ["ChangesMemo", "changed_documents"]
