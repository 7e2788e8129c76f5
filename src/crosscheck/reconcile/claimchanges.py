"""Which documents' claims an update changed, for the stages after subject resolution.

Report parts, the claims whose victims died later, the groups and their verdicts read, of
each claim, the claim itself, its subject and its document. A document is *changed* when
its record is not the very object of the last run, or one of its claims, or a claim's
subject, is not (or came, or went). Equal but new objects count as changed: more work for
the stages, never another picture. A :class:`crosscheck.reconcile.Reconciler` works this
out once per update and the stages read again only the changed documents: subject
resolution collects the documents whose claims or subjects changed as it goes through the
claims, and :func:`changed_documents` adds those whose record changed. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from crosscheck.model import Document


@dataclass
class ChangesMemo:
    """Each document as the last run saw it."""

    documents: dict[str, Document] = field(default_factory=dict)


def changed_documents(
    documents: Mapping[str, Document], memo: ChangesMemo, claims_changed: Iterable[str] = ()
) -> frozenset[str]:
    """The ids of the documents changed since the last run (``memo`` is brought up to this
    one): those whose record is not the last run's, those gone, and ``claims_changed``
    (the documents whose claims or subjects changed, which subject resolution finds as it
    goes through the claims)."""
    changed = set(claims_changed)
    known = memo.documents
    changed.update(k for k, d in documents.items() if known.get(k) is not d)
    changed.update(known.keys() - documents.keys())
    memo.documents = dict(documents)
    return frozenset(changed)


__all__ = ["ChangesMemo", "changed_documents"]
