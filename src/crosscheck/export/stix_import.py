"""Import a STIX 2.1 bundle (ours or another platform's, e.g. an OpenCTI export).

Reports become documents through the ordinary ingest pipeline (:func:`ingest_raw`), so they
get the same content identity, extraction and reconciliation as any other input: importing
a bundle twice, or a bundle whose reports are already stored, adds nothing. The text comes
from OpenCTI's ``x_opencti_content`` (HTML, reduced to text), ``content`` or ``description``;
the metadata from ``name``, ``published``, ``lang``, ``created_by_ref`` (the outlet) and the
first ``external_references`` URL; our own property extension restores path, author and the
exact publication date.

Actors, places and incidents are matched by name and alias against the picture the reports
produce. The store keeps only what documents support, so an object no stored report mentions
is listed as ``unmatched`` rather than invented.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.config import Settings
from crosscheck.errors import ExportError, InputError
from crosscheck.export.common import load_mapping
from crosscheck.export.stix import extension_id
from crosscheck.ingest import RawDocument, finish_document
from crosscheck.ingest.markup import html_to_text
from crosscheck.pipeline.ingest import ingest_raw
from crosscheck.store import Store


@dataclass
class StixImportReport:
    """What an import did: documents added or already present, objects matched or not."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    matched: dict[str, list[str]] = field(default_factory=dict)  # kind -> names found
    unmatched: dict[str, list[str]] = field(default_factory=dict)  # kind -> names not found
    skipped: dict[str, int] = field(default_factory=dict)  # STIX type -> count

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "stix",
            "new": len(self.new),
            "unchanged": len(self.unchanged),
            "failed": self.failed,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "skipped": self.skipped,
            "new_ids": self.new,
        }


def load_bundle(path: Path) -> list[dict[str, Any]]:
    """The objects of the STIX bundle in ``path``; :class:`ExportError` if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the bundle ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path}: not a JSON file ({exc}); give a STIX 2.1 bundle") from exc
    return bundle_objects(data, str(path))


def bundle_objects(data: Any, source: str) -> list[dict[str, Any]]:
    """Check the shape of a parsed bundle and return its objects."""
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise ExportError(f'{source}: not a STIX bundle (no "type": "bundle" at the top)')
    objects = data.get("objects", [])
    if not isinstance(objects, list):
        raise ExportError(f'{source}: the bundle\'s "objects" is not a list')
    for i, obj in enumerate(objects):
        if not isinstance(obj, dict) or not isinstance(obj.get("type"), str) or "id" not in obj:
            raise ExportError(f'{source}: object {i} has no "type" and "id"; the bundle is damaged')
    spec = {o.get("spec_version") for o in objects if "spec_version" in o}
    if spec and spec != {"2.1"}:
        raise ExportError(f"{source}: STIX spec_version {sorted(spec)}; only 2.1 is read")
    return objects


def _ours(obj: dict[str, Any]) -> dict[str, Any]:
    ext = obj.get("extensions", {}).get(extension_id(), {})
    return ext if isinstance(ext, dict) else {}


def _text(obj: dict[str, Any]) -> str:
    for key in ("x_opencti_content", "content"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return html_to_text(value) if "<" in value else value
    value = obj.get("description")
    return value if isinstance(value, str) else ""


def _date(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def report_document(
    obj: dict[str, Any], by_id: dict[str, dict[str, Any]], source: str
) -> RawDocument | InputError:
    """A STIX report as a document ready for ingest (or the reason it cannot be one)."""
    where = f"{source}#{obj['id']}"
    text = _text(obj)
    if not text.strip():
        return InputError(
            where,
            "the report has no text (description or content)",
            "export the report with its content",
        )
    meta = _ours(obj).get("document", {})
    author = by_id.get(obj.get("created_by_ref", ""), {})
    refs = [r for r in obj.get("external_references", []) if isinstance(r, dict)]
    url = next((r["url"] for r in refs if isinstance(r.get("url"), str)), None)
    published = meta["published"] if "published" in meta else _date(obj.get("published"))
    raw = RawDocument(
        text=text,
        source=where,
        path=meta.get("path"),
        url=url,
        title=obj.get("name") if isinstance(obj.get("name"), str) else None,
        outlet=author.get("name") if author.get("type") == "identity" else None,
        author=meta.get("author"),
        published=published,
        language=meta.get("language") or obj.get("lang"),
        format=meta.get("format") or "stix",
    )
    try:
        return finish_document(raw, {}, {}, many=True)
    except InputError as exc:
        return exc


def _names(obj: dict[str, Any]) -> list[str]:
    names = [obj.get("name")]
    for key in ("aliases", "x_opencti_aliases"):
        value = obj.get(key)
        if isinstance(value, list):
            names += value
    return [n for n in names if isinstance(n, str) and n.strip()]


def _match(store: Store, objects: list[dict[str, Any]], report: StixImportReport) -> None:
    mapping = load_mapping("stix")
    actor_types = set(mapping["import_actor_types"])
    place_types = set(mapping["import_place_types"])
    picture = store.load_picture()
    entity_names: set[str] = set()
    for ent in picture.entities:
        entity_names |= {ent.name.casefold(), *(a.casefold() for a in ent.aliases)}
    event_names = {ev.name.casefold() for ev in picture.events}
    outlets = {o.get("created_by_ref") for o in objects if o["type"] == "report"}
    for obj in objects:
        kind = obj["type"]
        signer = obj["id"] in outlets or obj.get("identity_class") == "system"
        if kind in actor_types and not signer:
            label, pool = ("places" if kind in place_types else "actors"), entity_names
        elif kind in place_types:
            label, pool = "places", entity_names
        elif kind == "incident":
            label, pool = "incidents", event_names | entity_names
        else:
            if kind not in (
                "report",
                "identity",
                "relationship",
                "extension-definition",
                "marking-definition",
                "note",
                "opinion",
            ):
                report.skipped[kind] = report.skipped.get(kind, 0) + 1
            continue
        names = _names(obj)
        if not names:
            continue
        found = any(n.casefold() in pool for n in names)
        bucket = report.matched if found else report.unmatched
        bucket.setdefault(label, []).append(names[0])
    for bucket in (report.matched, report.unmatched):
        for label in bucket:
            bucket[label] = sorted(set(bucket[label]))


def import_stix(store: Store, path: Path, settings: Settings) -> StixImportReport:
    """Merge the reports of the bundle in ``path`` into ``store`` (see module docstring)."""
    objects = load_bundle(path)
    by_id = {o["id"]: o for o in objects}
    items = [report_document(o, by_id, path.name) for o in objects if o["type"] == "report"]
    result = ingest_raw(store, items, settings)
    report = StixImportReport(
        new=result.new, unchanged=result.unchanged, failed=[str(e) for e in result.failed]
    )
    _match(store, objects, report)
    return report


__all__ = ["StixImportReport", "bundle_objects", "import_stix", "load_bundle", "report_document"]
