"""MISP export with PyMISP: one ``MISPEvent`` per incident (and per actor with figures).

Each event carries the incident's date (``datetime``), its place and type (``text``), a
``report`` object and a ``link`` attribute per source report, every sourced figure as a
``counter`` (exact whole number), ``float`` (exact share or amount) or ``text`` attribute
(intervals such as "at least 130") whose comment names the outlet, date and sentence, an
``annotation`` object per verdict and per analyst correction, and taxonomy tags for the
verdicts (mapping in ``data/export/misp.yaml``).

Output: with ``--event`` the file holds one event object; otherwise a JSON list of event
objects. Each object loads with ``MISPEvent().load(obj)`` or ``MISPEvent().from_dict(**obj)``.
Uuids and timestamps are derived from our stable ids and the data, so exports are reproducible.
"""

from __future__ import annotations

import json
from calendar import timegm
from pathlib import Path
from time import strptime
from typing import Any

from pymisp import MISPEvent, MISPObject

from crosscheck.errors import ExportError
from crosscheck.export.common import det_uuid, earliest, load_mapping, to_timestamp
from crosscheck.export.figures import group_record, interval_text
from crosscheck.export.registry import ExportResult, register_exporter
from crosscheck.export.selection import Selection
from crosscheck.model import ClaimGroup, Correction, Document


def _epoch(value: str | None) -> int:
    stamp = to_timestamp(value)
    return timegm(strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")) if stamp else 0


def _tags_for(status: str, review: str | None, grade: dict[str, Any] | None = None) -> list[str]:
    """A figure's tags: the verdict's, an analyst's review over it, its Admiralty grades.

    The grades in force (crosscheck.pipeline.grading: an analyst's or the suggestion) give
    the figure's own information credibility and its outlet's source reliability.
    """
    spec = load_mapping("misp")
    tags = list(spec["statuses"].get(status, spec["unknown_status"]))
    override = spec["reviews"].get(review or "")
    if override:
        tags = [t for t in tags if not t.startswith("admiralty-scale:")] + list(override)
    elif grade is not None:
        credibility = f'admiralty-scale:information-credibility="{grade["credibility"]["value"]}"'
        tags = [t for t in tags if not t.startswith("admiralty-scale:")] + [credibility]
    if grade is not None:
        value = grade["reliability"]["value"].lower()
        tags.append(f'admiralty-scale:source-reliability="{value}"')
    return tags


class _EventBuilder:
    """Fills one MISPEvent; every uuid is derived from ``key`` and what it describes."""

    def __init__(self, key: str, info: str, date: str | None) -> None:
        spec = load_mapping("misp")
        self.key = key
        self.event = MISPEvent()
        self.event.uuid = det_uuid("misp-event", key)
        self.event.info = info
        self.event.set_date((date or "1970-01-01")[:10])
        self.event.timestamp = _epoch(date)
        for field, value in spec["event"].items():
            setattr(self.event, field, value)
        for tag in spec["event_tags"]:
            self.event.add_tag(tag)

    def attribute(
        self,
        kind: str,
        value: Any,
        comment: str,
        part: str,
        *,
        category: str = "Other",
        tags: list[str] | None = None,
    ) -> None:
        attr = self.event.add_attribute(
            kind,
            value,
            comment=comment,
            category=category,
            uuid=det_uuid("misp-attribute", self.key, part),
            to_ids=False,
            disable_correlation=kind in ("text", "counter", "float"),
        )
        for one in attr if isinstance(attr, list) else [attr]:
            for tag in tags or []:
                one.add_tag(tag)

    def obj(self, template: str, part: str, values: list[tuple[str, Any]]) -> MISPObject:
        obj = MISPObject(template, standalone=False)
        obj.uuid = det_uuid("misp-object", self.key, part)
        for i, (relation, value) in enumerate(values):
            obj.add_attribute(
                relation, value=value, uuid=det_uuid("misp-attribute", self.key, part, relation, i)
            )
        self.event.add_object(obj)
        return obj

    def source(self, doc: Document) -> None:
        values: list[tuple[str, Any]] = [
            ("title", doc.title or doc.path or doc.id),
            ("summary", doc.text),
            ("type", "open-source report"),
            ("case-number", doc.id),
        ]
        if doc.url:
            values.append(("link", doc.url))
            self.attribute(
                "link",
                doc.url,
                f"{doc.outlet or 'unknown outlet'}, "
                f"{doc.published or 'undated'}: {doc.title or doc.id}",
                "link:" + doc.id,
                category="External analysis",
            )
        self.obj("report", "report:" + doc.id, values)

    def group(self, group: ClaimGroup, selection: Selection) -> None:
        record = group_record(group, selection)
        est = record["estimate"]
        for value in record["values"]:
            low, high = value["low"], value["high"]
            exact = low is not None and low == high and not value["vague"]
            shown: Any
            if exact and float(low).is_integer():
                kind, shown = "counter", int(low)
            elif exact:
                kind, shown = "float", low
            else:
                kind, shown = "text", f"{group.label}: {interval_text(low, high)}"
            said = f", according to {value['attributed_to']}" if value["attributed_to"] else ""
            comment = (
                f"{group.label} ({group.measure}) per {value['outlet'] or 'unknown outlet'}, "
                f'{value["published"] or "undated"}{said}: "{value["sentence"]}" '
                f"[claim {value['claim']}; group {group.id}, {group.status}]"
            )
            self.attribute(
                kind,
                shown,
                comment,
                "claim:" + value["claim"],
                tags=_tags_for(group.status, value["review"], selection.grades.get(value["claim"])),
            )
        text = (
            f"{group.label}: {group.status} across {group.sources} source(s); estimate "
            f"low {est['low']}, best {est['best']}, high {est['high']}. {group.reason}"
        )
        values: list[tuple[str, Any]] = [
            ("text", text.strip()),
            ("type", "verdict"),
            ("format", "text"),
        ]
        values += [("ref", v["url"]) for v in record["values"] if v["url"]]
        self.obj("annotation", "group:" + group.id, values)

    def correction(self, corr: Correction) -> None:
        payload = json.dumps(corr.payload, sort_keys=True, ensure_ascii=False)
        why = f" because {corr.reason}" if corr.reason else ""
        text = f"{corr.author} chose to {corr.action} {corr.target_kind} {corr.target}{why}"
        if corr.payload:
            text += f"; new values {payload}"
        values: list[tuple[str, Any]] = [
            ("text", text),
            ("type", "analyst correction"),
            ("format", "text"),
        ]
        if corr.created_at:
            values.append(("creation-date", corr.created_at))
        key = f"{corr.target_kind}:{corr.target}:{corr.action}:{corr.created_at}:{payload}"
        self.obj("annotation", "correction:" + key, values)


def _corrections_by_target(selection: Selection) -> dict[str, list[tuple[int, Correction]]]:
    """The selection's corrections by target, with their place in the selection."""
    index: dict[str, list[tuple[int, Correction]]] = {}
    for i, corr in enumerate(selection.corrections):
        index.setdefault(corr.target, []).append((i, corr))
    return index


def _corrections_about(
    index: dict[str, list[tuple[int, Correction]]], claim_ids: set[str], subject: str
) -> list[Correction]:
    """The corrections of these claims or of the subject, in the selection's order."""
    found = {i: c for t in claim_ids for i, c in index.get(t, []) if c.target_kind == "claim"}
    found.update(index.get(subject, []))
    return [found[i] for i in sorted(found)]


def build_events(selection: Selection) -> list[MISPEvent]:
    """One MISPEvent per selected incident, then one per actor with figures about it."""
    events: list[MISPEvent] = []
    docs_of: dict[str, set[str]] = {}
    for em in selection.event_mentions:
        evid = selection.picture.event_links.get(em.id)
        if evid is not None:
            docs_of.setdefault(evid, set()).add(em.doc_id)
    subjects: list[tuple[str, str, str | None, str, set[str]]] = []
    for ev in selection.events:
        facts = ", ".join(p for p in (ev.type, ev.location, ev.country) if p)
        subjects.append((ev.id, ev.name, ev.date, facts, docs_of.get(ev.id, set())))
    with_groups = {g.subject.id for g in selection.groups if g.subject.kind == "entity"}
    for ent in selection.entities:
        if ent.id in with_groups:
            subjects.append((ent.id, f"Figures about {ent.name}", None, ent.label, set()))
    # Indexes built once: scanning every group, document and correction per subject made
    # the export quadratic in the corpus.
    groups_of: dict[str | None, list[ClaimGroup]] = {}
    for g in selection.groups:
        groups_of.setdefault(g.subject.id, []).append(g)
    place = {d.id: i for i, d in enumerate(selection.documents)}
    corrections = _corrections_by_target(selection)
    for subject_id, info, date, facts, doc_ids in subjects:
        groups = groups_of.get(subject_id, [])
        claim_ids = {cid for g in groups for cid in g.claims}
        doc_ids |= {c["document"]["id"] for cid in claim_ids if (c := selection.claim(cid))}
        docs = [selection.documents[i] for i in sorted(place[d] for d in doc_ids if d in place)]
        b = _EventBuilder(subject_id, info, date or earliest([d.published for d in docs]))
        if date:
            b.attribute("datetime", to_timestamp(date), "date of the incident", "date")
        b.attribute("text", facts, "type, place and country", "facts")
        for doc in docs:
            b.source(doc)
        for group in groups:
            b.group(group, selection)
        for corr in _corrections_about(corrections, claim_ids, subject_id):
            b.correction(corr)
        events.append(b.event)
    return events


@register_exporter("misp", suffix=".json", help="MISP events (PyMISP JSON), one per incident")
def export_misp(selection: Selection, output: Path) -> ExportResult:
    """Write the MISP events of ``selection`` to ``output`` (see module docstring for shape)."""
    events = build_events(selection)
    dicts = [json.loads(e.to_json()) for e in events]
    if selection.options.event is not None and len(dicts) == 1:
        data: Any = dicts[0]
    else:
        data = dicts
    try:
        output.write_text(
            json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise ExportError(f"{output}: cannot write the MISP events ({exc.strerror})") from exc
    counts = {
        "events": len(events),
        "attributes": sum(len(e.attributes) for e in events),
        "objects": sum(len(e.objects) for e in events),
    }
    return ExportResult(format="misp", paths=[str(output)], counts=counts)


__all__ = ["build_events", "export_misp"]
