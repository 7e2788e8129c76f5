"""STIX 2.1 export: reports, outlets, actors, places, incidents, figures, notes and opinions.

One ``report`` per document (signed by an ``identity`` for its outlet), ``threat-actor`` /
``identity`` / ``location`` objects for resolved entities, an ``incident`` per event with
``relationship`` objects to its actors and place, a ``note`` explaining each contested verdict
and an ``opinion`` per analyst correction. Figures and verdicts travel in a property extension
of ours, declared by an ``extension-definition`` whose schema lives in docs/stix/.

The report text goes into ``description`` (plain text) and never into OpenCTI's
``x_opencti_content``, which OpenCTI renders as HTML: report text is hostile input. Ids and
timestamps come from the data (see :mod:`crosscheck.export.common`), so the same store always
gives the same bundle. The mapping from our labels and roles to STIX lives in
``data/export/stix.yaml``.

This module assembles and writes the bundle; ids live in :mod:`~crosscheck.export.stix_ids`,
the objects for records in :mod:`~crosscheck.export.stix_build`, notes and opinions in
:mod:`~crosscheck.export.stix_notes`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import stix2
import stix2.base
from stix2.utils import format_datetime

from crosscheck.errors import ExportError
from crosscheck.export.common import det_uuid
from crosscheck.export.registry import ExportResult, register_exporter
from crosscheck.export.selection import Selection
from crosscheck.export.stix_build import StixBuilder
from crosscheck.export.stix_ids import (
    extension_id,
    incident_id,
    outlet_id,
    producer_id,
    report_id,
)
from crosscheck.export.stix_notes import add_note, add_opinion


def build_bundle(selection: Selection) -> stix2.Bundle:
    """The STIX 2.1 bundle for ``selection`` (deterministic ids, timestamps from the data)."""
    b = StixBuilder(selection)
    b.producer()
    for ev in selection.events:
        # Coordinates an event carries are more specific than a geocoded place name.
        if ev.location and ev.latitude is not None and ev.longitude is not None:
            b.location(
                ev.location,
                ev.country,
                ev.latitude,
                ev.longitude,
                b.docs_of_event.get(ev.id, set()),
            )
    for ent in selection.entities:
        b.entity(ent)
    key_to_entity = selection.entity_of_key()
    for ev in selection.events:
        b.incident(ev, key_to_entity)
    outlets: dict[str, list[str]] = defaultdict(list)
    for doc in selection.documents:
        if doc.outlet:
            outlets[doc.outlet].append(doc.id)
    for doc in selection.documents:
        b.report(doc, outlets)
    notes = set(b.map["note_statuses"])
    for group in selection.groups:
        if group.status in notes:
            add_note(b, group)
    for corr in selection.corrections:
        add_opinion(b, corr)
    objects = [b.objects[k] for k in sorted(b.objects, key=_order)]
    bundle_key = det_uuid("bundle", *sorted(b.objects))
    bundle = stix2.Bundle(objects, id=f"bundle--{bundle_key}", allow_custom=True)
    return bundle


_TYPE_ORDER = (
    "extension-definition",
    "identity",
    "threat-actor",
    "intrusion-set",
    "location",
    "incident",
    "relationship",
    "report",
    "note",
    "opinion",
)


def _order(sid: str) -> tuple[int, str]:
    kind = sid.split("--", 1)[0]
    return (_TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER), sid)


def _plain(value: Any) -> Any:
    """A STIX value as plain JSON data in spec order: an object's properties in the order
    of its type's definition (defaulted optional ones left out, as stix2 writes them),
    the keys of any other mapping sorted, timestamps as STIX timestamps."""
    if isinstance(value, stix2.base._STIXBase):
        skip = set(value._defaulted_optional_properties)
        return {k: _plain(v) for k, v in value.items() if k not in skip}
    if isinstance(value, dict):
        return {k: _plain(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return format_datetime(value)
    return value


def pretty_bundle(bundle: stix2.Bundle) -> str:
    """The bundle as indented JSON, each object's properties in STIX spec order.

    The same layout as stix2's ``serialize(pretty=True)``, which looks every property up
    in the whole bundle to order it: quadratic in the bundle's size (10,000 reports did
    not finish in hours). Here each value is ordered where it stands, in one pass.
    """
    return json.dumps(_plain(bundle), indent=4, ensure_ascii=False)


@register_exporter("stix", suffix=".json", help="STIX 2.1 bundle for OpenCTI and other platforms")
def export_stix(selection: Selection, output: Path) -> ExportResult:
    """Write the STIX 2.1 bundle of ``selection`` to ``output`` (JSON)."""
    bundle = build_bundle(selection)
    text = pretty_bundle(bundle)
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{output}: cannot write the STIX bundle ({exc.strerror})") from exc
    counts: dict[str, int] = defaultdict(int)
    for obj in bundle.objects:
        counts[obj.type] += 1
    return ExportResult(format="stix", paths=[str(output)], counts=dict(sorted(counts.items())))


__all__ = [
    "build_bundle",
    "export_stix",
    "extension_id",
    "incident_id",
    "outlet_id",
    "pretty_bundle",
    "producer_id",
    "report_id",
]
