"""What reconcile reads: every document's extractions, and the analysts' corrections.

:class:`Records` is the input of the pure :func:`crosscheck.reconcile.reconcile` and the state
a :class:`crosscheck.reconcile.Reconciler` brings up to date with a :class:`Delta`. Records are
frozen: a changed document is a new :class:`DocRecords`. Pure: no store.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

from crosscheck.model import Claim, Correction, Document, EventMention, Mention, Profile


@dataclass(frozen=True, slots=True)
class DocRecords:
    """One document with its extractions."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    profile: Profile | None = None
    #: The document's id (a field, not a property: every stage reads it of every document).
    id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.document.id)


@dataclass(frozen=True)
class Records:
    """Every document the picture is made of (by id), and the corrections, in their order.

    Older versions of re-ingested reports are not among the documents: a report is one source.
    """

    docs: dict[str, DocRecords] = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()

    def __post_init__(self) -> None:
        # The documents are kept in id order, so that every stage reads them in that order
        # without sorting them again.
        keys = list(self.docs)
        if not all(map(operator.lt, keys, keys[1:])):
            object.__setattr__(self, "docs", {k: self.docs[k] for k in sorted(keys)})

    def ordered(self) -> list[DocRecords]:
        """The documents in id order."""
        return list(self.docs.values())

    def documents(self) -> list[Document]:
        return [d.document for d in self.docs.values()]

    # Chained in C: a generator's resumption per record cost a few milliseconds per update.
    def mentions(self) -> Iterator[Mention]:
        return chain.from_iterable(d.mentions for d in self.docs.values())

    def event_mentions(self) -> Iterator[EventMention]:
        return chain.from_iterable(d.event_mentions for d in self.docs.values())

    def claims(self) -> Iterator[Claim]:
        return chain.from_iterable(d.claims for d in self.docs.values())


@dataclass(frozen=True)
class Delta:
    """What changed since the last update: documents new or changed, documents gone, and the
    corrections (all of them, in order) when they changed."""

    upserts: tuple[DocRecords, ...] = ()
    removals: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] | None = None

    def apply(self, records: Records) -> Records:
        """``records`` with this delta applied."""
        docs = dict(records.docs)
        for doc_id in self.removals:
            docs.pop(doc_id, None)
        for d in self.upserts:
            docs[d.id] = d
        corrections = records.corrections if self.corrections is None else self.corrections
        return Records(docs=docs, corrections=corrections)


__all__ = ["Delta", "DocRecords", "Records"]
