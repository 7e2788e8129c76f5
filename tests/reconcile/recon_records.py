"""Hand-made records for reconcile, pipeline and brief tests (our own wording, no corpus text)."""

from __future__ import annotations

from typing import Any

from crosscheck.model import Claim, Document, EventMention, Mention

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
