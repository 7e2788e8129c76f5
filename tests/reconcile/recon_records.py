"""Hand-made records for reconcile, pipeline and brief tests (our own wording, no corpus text)."""

from __future__ import annotations

from typing import Any

from crosscheck.model import (
    Claim,
    Correction,
    Document,
    Event,
    EventMention,
    Mention,
    Picture,
    Profile,
    Subject,
)
from crosscheck.reconcile import (
    DocRecords,
    ReconcileSettings,
    Records,
    reconcile,
    reconcile_with_notes,
)
from crosscheck.reconcile.claimchanges import ChangesMemo, changed_documents

_spans: dict[str, int] = {}


def _span(doc_id: str, width: int = 10) -> tuple[int, int]:
    start = _spans.get(doc_id, 0)
    _spans[doc_id] = start + width + 1
    return (start, start + width)


def doc(doc_id: str, outlet: str | None, published: str | None, **kw: Any) -> Document:
    return Document(
        id=doc_id,
        content_hash="h" + doc_id,
        text=kw.pop("text", "body"),
        outlet=outlet,
        published=published,
        title=kw.pop("title", f"Report {doc_id}"),
        path=f"{doc_id}.txt",
        **kw,
    )


def claim(
    doc_id: str,
    measure: str,
    low: float | None,
    high: float | None,
    *,
    start: int | None = None,
    counted: str = "people",
    **kw: Any,
) -> Claim:
    span = (start, start + 5) if start is not None else _span(doc_id)
    return Claim(
        doc_id=doc_id,
        measure=measure,
        low=low,
        high=high,
        span=span,
        sentence=kw.pop("sentence", f"A sentence giving {low}-{high} {counted}."),
        label=kw.pop("label", f"{counted} {measure}"),
        counted=counted,
        **kw,
    )


def event(
    doc_id: str,
    description: str,
    *,
    type: str = "attack",
    date: str | None = None,
    precision: str | None = "day",
    location: str | None = None,
    country: str | None = None,
    coords: tuple[float, float] | None = None,
    start: int | None = None,
    actors: list[dict[str, str]] | None = None,
) -> EventMention:
    span = (start, start + 5) if start is not None else _span(doc_id)
    return EventMention(
        doc_id=doc_id,
        type=type,
        trigger=description.split()[-1],
        span=span,
        sentence=f"Text about {description}.",
        date=date,
        date_precision=precision if date else None,  # type: ignore[arg-type]
        location=location,
        country=country,
        latitude=coords[0] if coords else None,
        longitude=coords[1] if coords else None,
        actors=actors or [],
        description=description,
    )


def mention(
    doc_id: str,
    text: str,
    label: str = "ORG",
    key: str | None = None,
    canonical: str | None = None,
    start: int | None = None,
) -> Mention:
    span = (start, start + len(text)) if start is not None else _span(doc_id, len(text))
    return Mention(doc_id, span[0], span[1], text, label, key or text.casefold(), canonical)


def records(
    documents: list[Document],
    mentions: list[Mention] | tuple[()] = (),
    event_mentions: list[EventMention] | tuple[()] = (),
    claims: list[Claim] | tuple[()] = (),
    corrections: list[Correction] | None = None,
    profiles: dict[str, Profile] | None = None,
) -> Records:
    """The :class:`Records` of hand-made documents and extractions."""
    docs = {}
    for d in documents:
        docs[d.id] = DocRecords(
            d,
            tuple(m for m in mentions if m.doc_id == d.id),
            tuple(em for em in event_mentions if em.doc_id == d.id),
            tuple(c for c in claims if c.doc_id == d.id),
            (profiles or {}).get(d.id),
        )
    return Records(docs=docs, corrections=tuple(corrections or ()))


def reconcile_all(
    documents: list[Document],
    mentions: list[Mention] | tuple[()] = (),
    event_mentions: list[EventMention] | tuple[()] = (),
    claims: list[Claim] | tuple[()] = (),
    corrections: list[Correction] | None = None,
    fuzzy_threshold: int = 90,
    profiles: dict[str, Profile] | None = None,
) -> Picture:
    """The picture of hand-made records (the pure reconcile)."""
    data = records(documents, mentions, event_mentions, claims, corrections, profiles)
    return reconcile(data, ReconcileSettings(fuzzy_threshold=fuzzy_threshold))


def reconcile_notes(
    documents: list[Document],
    mentions: list[Mention] | tuple[()] = (),
    event_mentions: list[EventMention] | tuple[()] = (),
    claims: list[Claim] | tuple[()] = (),
    corrections: list[Correction] | None = None,
) -> tuple[Picture, list[str]]:
    """Like :func:`reconcile_all`, with the notes of skipped corrections."""
    data = records(documents, mentions, event_mentions, claims, corrections)
    return reconcile_with_notes(data)


def resolve_events(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> list[Event]:
    """Incidents of hand-made event mentions (documents made up for those without one)."""
    docs = list(documents or [])
    known = {d.id for d in docs}
    for doc_id in sorted({em.doc_id for em in event_mentions} - known):
        docs.append(doc(doc_id, None, None))
    return reconcile_all(docs, mentions or [], event_mentions).events


class Changes:
    """The documents changed between calls, as a Reconciler finds them: a document whose
    record, or one of whose claims or their subjects, is not the very object of the last
    call (or came, or went)."""

    def __init__(self) -> None:
        self.claims: dict[str, tuple[Claim, Subject]] = {}
        self.memo = ChangesMemo()

    def __call__(
        self, claims: list[Claim], subjects: dict[str, Subject], documents: dict[str, Document]
    ) -> frozenset[str]:
        now = {c.id: (c, subjects[c.id]) for c in claims}
        moved = {
            c.doc_id
            for k, (c, s) in now.items()
            if (was := self.claims.get(k)) is None or was[0] is not c or was[1] is not s
        }
        moved |= {c.doc_id for k, (c, _) in self.claims.items() if k not in now}  # gone
        self.claims = now
        return changed_documents(documents, self.memo, moved)
