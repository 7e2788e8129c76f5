"""What reconcile reads: every document's extractions, and the analysts' corrections.

:class:`Records` is the input of the pure :func:`crosscheck.reconcile.reconcile` and the state
a :class:`crosscheck.reconcile.Reconciler` brings up to date with a :class:`Delta`. Records are
frozen: a changed document is a new :class:`DocRecords`. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from crosscheck.model import Claim, Correction, Document, EventMention, Mention, Profile


@dataclass(frozen=True, slots=True)
class DocRecords:
    """One document with its extractions."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    profile: Profile | None = None

    @property
    def id(self) -> str:
        return self.document.id


@dataclass(frozen=True)
class Records:
    """Every document the picture is made of (by id), and the corrections, in their order.

    Older versions of re-ingested reports are not among the documents: a report is one source.
    """

    docs: dict[str, DocRecords] = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()

    def ordered(self) -> list[DocRecords]:
        """The documents in id order."""
        return [self.docs[k] for k in sorted(self.docs)]

    def documents(self) -> list[Document]:
        return [d.document for d in self.ordered()]

    def mentions(self) -> Iterator[Mention]:
        for d in self.ordered():
            yield from d.mentions

    def event_mentions(self) -> Iterator[EventMention]:
        for d in self.ordered():
            yield from d.event_mentions

    def claims(self) -> Iterator[Claim]:
        for d in self.ordered():
            yield from d.claims


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
