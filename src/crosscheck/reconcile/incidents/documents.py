"""What one report brings to incident linking: its own incidents and, for its main violent
incident, the report as a whole (:class:`~crosscheck.reconcile.incidents.reports.Report`).

Everything here is a function of one report's records alone, which is why a
:class:`crosscheck.reconcile.Reconciler` can keep it until that report changes. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.model import Document, EventMention, Mention
from crosscheck.reconcile.incidents.local import LocalIncident, local_incidents
from crosscheck.reconcile.incidents.reports import Report, report
from crosscheck.reconcile.leads import LeadPlace, lead_place, with_context
from crosscheck.reconcile.mentionfeatures import features
from crosscheck.reconcile.records import DocRecords

#: The family of incidents whose reports are compared as wholes.
VIOLENT = "violent"

_MONTH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\b\.?\s*\d|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocIncidents:
    """One report's incidents (its main violent one, if any, named) and its side of a
    report comparison."""

    doc_id: str
    incidents: tuple[LocalIncident, ...]
    main: str | None  # local incident id of its main violent incident
    report: Report | None
    town: LeadPlace | None


def month_named(sentence: str) -> bool:
    """The sentence writes a day with its month ("on June 3", "3 June")."""
    return _MONTH.search(sentence) is not None


def document_incidents(
    doc: Document,
    ems: Sequence[EventMention],
    mentions: Sequence[Mention],
    place: LeadPlace | None = None,
) -> list[LocalIncident]:
    """One report's local incidents, its vague mentions placed where its lead says."""
    if place is None:
        place = lead_place(doc, list(mentions))
    context = {
        em.id: with_context(features(em), place, doc.published, doc.title or "") for em in ems
    }
    return local_incidents(doc.id, ems, doc.published, context, doc.title or "")


def doc_incidents(records: DocRecords) -> DocIncidents:
    """Everything one report brings to incident linking."""
    doc = records.document
    town = lead_place(doc, list(records.mentions))
    if not records.event_mentions:
        return DocIncidents(doc.id, (), None, None, town)
    local = document_incidents(doc, records.event_mentions, records.mentions, town)
    violent = next((x for x in local if x.main and x.family == VIOLENT), None)
    side = None
    if violent is not None and records.profile is not None:
        written = {
            em.id
            for em in records.event_mentions
            if em.date_precision == "day" and month_named(em.sentence)
        }
        side = report(
            records.profile,
            doc.published,
            records.mentions,
            violent.members,
            records.claims,
            doc.language,
            town,
            written,
            [f for x in local if x.family == VIOLENT and x is not violent for f in x.members],
        )
    return DocIncidents(doc.id, tuple(local), violent.id if violent else None, side, town)


__all__ = ["VIOLENT", "DocIncidents", "doc_incidents", "document_incidents", "month_named"]
