"""JSONL dump and restore: everything another crosscheck store needs to rebuild the picture.

One JSON object per line, each with a ``type``:

* ``header`` — format name and version, counts;
* ``document`` — the document with its text and metadata, plus its extraction (mentions,
  claims, event mentions, statements) exactly as stored;
* ``correction`` — one analyst decision;
* ``entity``, ``event``, ``group`` — the reconciled picture, for readers of the dump
  (notebooks); a restore recomputes it instead, so it always matches the documents.

Restoring adds documents by content identity (a document already stored is skipped), adds
corrections not already present, then reconciles: importing twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.analysis.profile import profile
from crosscheck.errors import ExportError
from crosscheck.export.registry import ExportResult, register_exporter
from crosscheck.export.selection import Selection
from crosscheck.ingest import content_hash
from crosscheck.model import (
    Claim,
    Correction,
    Document,
    EventMention,
    Extraction,
    Mention,
    Statement,
)
from crosscheck.store import Store

FORMAT = "crosscheck-dump"
VERSION = 1
# Claim fields filled by reconcile or corrections, not by extraction: never dumped.
_DERIVED_CLAIM_FIELDS = ("subject", "corrected", "status", "total_id", "corrects")


def _record_dict(record: Any) -> dict[str, Any]:
    """A record as dumped: its fields without the id, which its content gives again."""
    data = asdict(record)
    data.pop("id", None)
    return data


def _claim_dict(claim: Claim) -> dict[str, Any]:
    data = _record_dict(claim)
    for key in _DERIVED_CLAIM_FIELDS:
        data.pop(key, None)
    return data


def dump_lines(selection: Selection) -> Iterator[dict[str, Any]]:
    """The dump of ``selection`` as JSON-ready objects, header first."""
    by_doc: dict[str, Extraction] = {d.id: Extraction(doc_id=d.id) for d in selection.documents}
    for m in selection.mentions:
        by_doc[m.doc_id].mentions.append(m)
    for c in selection.raw_claims:
        if c.doc_id in by_doc:
            by_doc[c.doc_id].claims.append(c)
    for em in selection.event_mentions:
        by_doc[em.doc_id].events.append(em)
    for s in selection.statements:
        by_doc[s.doc_id].statements.append(s)
    yield {
        "type": "header",
        "format": FORMAT,
        "version": VERSION,
        "counts": {
            "documents": len(selection.documents),
            "corrections": len(selection.corrections),
        },
    }
    for doc in selection.documents:
        ex = by_doc[doc.id]
        data = asdict(doc)
        if data.get("name") is None:
            data.pop("name", None)  # dumps of stores without names read the same as before
        yield {
            "type": "document",
            "document": data,
            "extraction": {
                "mentions": [_record_dict(m) for m in ex.mentions],
                "claims": [_claim_dict(c) for c in ex.claims],
                "events": [_record_dict(e) for e in ex.events],
                "statements": [_record_dict(s) for s in ex.statements],
            },
        }
    for corr in selection.corrections:
        data = asdict(corr)
        data.pop("id")  # store-local number; the other fields identify the decision
        yield {"type": "correction", "correction": data}
    for ent in selection.entities:
        yield {"type": "entity", "entity": asdict(ent)}
    for ev in selection.events:
        yield {"type": "event", "event": asdict(ev)}
    for group in selection.groups:
        yield {"type": "group", "group": group.to_dict()}


@register_exporter(
    "jsonl",
    suffix=".jsonl",
    help="Full dump (documents, extractions, "
    "corrections) for `crosscheck import` into another store",
)
def export_jsonl(selection: Selection, output: Path) -> ExportResult:
    """Write the JSONL dump of ``selection`` to ``output``."""
    counts: dict[str, int] = {}
    try:
        with output.open("w", encoding="utf-8") as fh:
            for line in dump_lines(selection):
                counts[line["type"]] = counts.get(line["type"], 0) + 1
                fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    except OSError as exc:
        raise ExportError(f"{output}: cannot write the JSONL dump ({exc.strerror})") from exc
    return ExportResult(format="jsonl", paths=[str(output)], counts=counts)


@dataclass
class RestoreReport:
    """What a restore did."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    corrections: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "jsonl",
            "new": len(self.new),
            "unchanged": len(self.unchanged),
            "corrections": self.corrections,
            "new_ids": self.new,
        }


def _span(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    out.pop("id", None)  # dumps before records carried their id as a field hold none
    if "span" in out:
        out["span"] = tuple(out["span"])
    return out


def _read(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the dump ({exc.strerror})") from exc
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ExportError(
                    f"{path}:{number}: not JSON ({exc.msg}); is this a "
                    "`crosscheck export --format jsonl` dump?"
                ) from exc
            if not isinstance(obj, dict) or "type" not in obj:
                raise ExportError(f'{path}:{number}: expected an object with a "type"')
            yield number, obj


def _document(path: Path, number: int, obj: dict[str, Any]) -> tuple[Document, Extraction]:
    try:
        doc = Document(**obj["document"])
        ex = obj.get("extraction") or {}
        extraction = Extraction(
            doc_id=doc.id,
            mentions=[Mention(**_span(m)) for m in ex.get("mentions", [])],
            claims=[Claim(**_span(c)) for c in ex.get("claims", [])],
            events=[EventMention(**_span(e)) for e in ex.get("events", [])],
            statements=[Statement(**_span(s)) for s in ex.get("statements", [])],
            # A function of the text alone: worked out again rather than carried.
            profile=profile(doc.id, doc.title, doc.text, doc.language or "en"),
        )
    except (KeyError, TypeError) as exc:
        raise ExportError(f"{path}:{number}: malformed document record ({exc})") from exc
    if content_hash(doc.text) != doc.content_hash:
        raise ExportError(
            f"{path}:{number}: the text of {doc.id} does not match its content "
            "hash; the dump was edited or damaged"
        )
    owners = {m.doc_id for m in extraction.mentions} | {c.doc_id for c in extraction.claims}
    owners |= {e.doc_id for e in extraction.events} | {s.doc_id for s in extraction.statements}
    if owners - {doc.id}:
        raise ExportError(f"{path}:{number}: extraction records name another document")
    return doc, extraction


def _correction_key(corr: Correction) -> tuple[Any, ...]:
    return (
        corr.target_kind,
        corr.target,
        corr.action,
        json.dumps(corr.payload, sort_keys=True),
        corr.author,
        corr.reason,
        corr.created_at,
    )


def restore_jsonl(store: Store, path: Path) -> RestoreReport:
    """Add the documents, extractions and corrections of a dump to ``store``, then reconcile."""
    from crosscheck.pipeline.ingest import reconcile_pending

    report = RestoreReport()
    known = {_correction_key(c) for c in store.corrections()}
    header_seen = False
    with store.writing():
        for number, obj in _read(path):
            kind = obj["type"]
            if kind == "header":
                if obj.get("format") != FORMAT or obj.get("version") != VERSION:
                    raise ExportError(f"{path}:{number}: not a {FORMAT} version {VERSION} dump")
                header_seen = True
            elif not header_seen:
                raise ExportError(
                    f"{path}: the first line is not a {FORMAT} header; "
                    "is this a `crosscheck export --format jsonl` dump?"
                )
            elif kind == "document":
                doc, extraction = _document(path, number, obj)
                if store.add_document(doc, extraction):
                    report.new.append(doc.id)
                else:
                    report.unchanged.append(doc.id)
            elif kind == "correction":
                try:
                    corr = Correction(**obj["correction"])
                except (KeyError, TypeError) as exc:
                    raise ExportError(f"{path}:{number}: malformed correction ({exc})") from exc
                if _correction_key(corr) not in known:
                    known.add(_correction_key(corr))
                    store.add_correction(corr)
                    report.corrections += 1
    if not header_seen:
        raise ExportError(f"{path}: empty dump; nothing to import")
    reconcile_pending(store)
    if report.corrections:
        # Merges and splits act on the picture: rebuild it so new decisions take effect.
        from crosscheck.pipeline.picture import rebuild_picture

        rebuild_picture(store)
    return report


__all__ = ["FORMAT", "VERSION", "RestoreReport", "dump_lines", "export_jsonl", "restore_jsonl"]
