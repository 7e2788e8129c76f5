"""Flat tables for notebooks and spreadsheets: CSV (csv module) and Parquet (pyarrow).

Five tables with fixed, typed columns: ``documents``, ``claims``, ``groups``, ``events``,
``entities``. ``--output DIR`` writes one file per table (``claims.csv``, …); with
``--table NAME`` only that table is written, to the file given as output. Lists are joined
with ``"; "``. Report text is hostile: in CSV, a text cell that a spreadsheet would run as a
formula (starting with ``= + - @`` or a tab) gets a leading apostrophe; Parquet keeps text as is.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from crosscheck.errors import ExportError
from crosscheck.export.registry import ExportResult, register_exporter
from crosscheck.export.selection import Selection

S, N, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

#: Column name -> Arrow type, per table (the order is the column order).
SCHEMAS: dict[str, list[tuple[str, pa.DataType]]] = {
    "documents": [
        ("id", S),
        ("path", S),
        ("url", S),
        ("title", S),
        ("outlet", S),
        ("author", S),
        ("published", S),
        ("language", S),
        ("format", S),
        ("words", N),
        ("status", S),
    ],
    "claims": [
        ("id", S),
        ("document_id", S),
        ("path", S),
        ("url", S),
        ("title", S),
        ("outlet", S),
        ("published", S),
        ("measure", S),
        ("low", F),
        ("high", F),
        ("approximate", B),
        ("vague", B),
        ("label", S),
        ("subject_kind", S),
        ("subject_id", S),
        ("subject_name", S),
        ("as_of", S),
        ("attributed_to", S),
        ("sentence", S),
        ("span_start", N),
        ("span_end", N),
        ("review", S),
        ("group_id", S),
        ("status", S),
    ],
    "groups": [
        ("id", S),
        ("subject_kind", S),
        ("subject_id", S),
        ("subject_name", S),
        ("measure", S),
        ("label", S),
        ("status", S),
        ("sources", N),
        ("claims", N),
        ("claim_ids", S),
        ("low", F),
        ("best", F),
        ("high", F),
        ("conservative", F),
        ("reason", S),
    ],
    "events": [
        ("id", S),
        ("type", S),
        ("name", S),
        ("date", S),
        ("date_precision", S),
        ("location", S),
        ("country", S),
        ("latitude", F),
        ("longitude", F),
        ("actors", S),
        ("documents", N),
        ("mentions", N),
    ],
    "entities": [
        ("id", S),
        ("name", S),
        ("label", S),
        ("aliases", S),
        ("mentions", N),
        ("documents", N),
    ],
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _documents(sel: Selection) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "path": d.path,
            "url": d.url,
            "title": d.title,
            "outlet": d.outlet,
            "author": d.author,
            "published": d.published,
            "language": d.language,
            "format": d.format,
            "words": d.word_count,
            "status": d.status,
        }
        for d in sel.documents
    ]


def _claims(sel: Selection) -> list[dict[str, Any]]:
    group_of = {cid: g for g in sel.groups for cid in g.claims}
    rows = []
    for c in sel.claims:
        doc, subject, group = c["document"], c["subject"], group_of.get(c["id"])
        rows.append(
            {
                "id": c["id"],
                "document_id": doc["id"],
                "path": doc["path"],
                "url": doc["url"],
                "title": doc["title"],
                "outlet": doc["outlet"],
                "published": doc["published"],
                "measure": c["measure"],
                "low": c["low"],
                "high": c["high"],
                "approximate": c["approximate"],
                "vague": c["vague"],
                "label": c["label"],
                "subject_kind": subject["kind"],
                "subject_id": subject["id"],
                "subject_name": subject["name"],
                "as_of": c["as_of"],
                "attributed_to": c["attributed_to"],
                "sentence": c["sentence"],
                "span_start": c["span"][0],
                "span_end": c["span"][1],
                "review": c.get("review", "machine"),
                "group_id": group.id if group else None,
                "status": group.status if group else None,
            }
        )
    return rows


def _groups(sel: Selection) -> list[dict[str, Any]]:
    return [
        {
            "id": g.id,
            "subject_kind": g.subject.kind,
            "subject_id": g.subject.id,
            "subject_name": g.subject.name,
            "measure": g.measure,
            "label": g.label,
            "status": g.status,
            "sources": g.sources,
            "claims": len(g.claims),
            "claim_ids": "; ".join(g.claims),
            "low": g.estimate.low,
            "best": g.estimate.best,
            "high": g.estimate.high,
            "conservative": g.conservative,
            "reason": g.reason,
        }
        for g in sel.groups
    ]


def _events(sel: Selection) -> list[dict[str, Any]]:
    docs: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for em in sel.event_mentions:
        evid = sel.picture.event_links.get(em.id)
        if evid is not None:
            docs.setdefault(evid, set()).add(em.doc_id)
            mentions[evid] += 1
    return [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "date": e.date,
            "date_precision": e.date_precision,
            "location": e.location,
            "country": e.country,
            "latitude": e.latitude,
            "longitude": e.longitude,
            "actors": "; ".join(sorted(f"{a.get('name')} ({a.get('role')})" for a in e.actors)),
            "documents": len(docs.get(e.id, ())),
            "mentions": mentions[e.id],
        }
        for e in sel.events
    ]


def _entities(sel: Selection) -> list[dict[str, Any]]:
    docs: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for m in sel.mentions:
        eid = sel.picture.mention_entities.get(m.id)
        if eid is not None:
            docs.setdefault(eid, set()).add(m.doc_id)
            mentions[eid] += 1
    return [
        {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "aliases": "; ".join(sorted(a for a in e.aliases if a != e.name)),
            "mentions": mentions[e.id],
            "documents": len(docs.get(e.id, ())),
        }
        for e in sel.entities
    ]


_BUILDERS: dict[str, Callable[[Selection], list[dict[str, Any]]]] = {
    "documents": _documents,
    "claims": _claims,
    "groups": _groups,
    "events": _events,
    "entities": _entities,
}


def table_rows(selection: Selection, table: str) -> list[dict[str, Any]]:
    """The rows of one table (``documents``, ``claims``, ``groups``, ``events``, ``entities``)."""
    if table not in _BUILDERS:
        raise ExportError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    return _BUILDERS[table](selection)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _write_csv(rows: list[dict[str, Any]], table: str, path: Path) -> None:
    names = [name for name, _ in SCHEMAS[table]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for row in rows:
            writer.writerow([_csv_cell(row[n]) for n in names])


def _write_parquet(rows: list[dict[str, Any]], table: str, path: Path) -> None:
    schema = pa.schema(SCHEMAS[table])
    columns = {name: [row[name] for row in rows] for name in schema.names}
    for name, kind in SCHEMAS[table]:
        if kind == F:
            columns[name] = [None if v is None else float(v) for v in columns[name]]
    pq.write_table(pa.table(columns, schema=schema), path)


def _write_tables(
    selection: Selection,
    output: Path,
    fmt: str,
    write: Callable[[list[dict[str, Any]], str, Path], None],
) -> ExportResult:
    result = ExportResult(format=fmt)
    only = selection.options.table
    try:
        if only is not None:
            targets = [(only, output)]
        else:
            output.mkdir(parents=True, exist_ok=True)
            targets = [(t, output / f"{t}.{fmt}") for t in TABLES]
        for table, path in targets:
            rows = table_rows(selection, table)
            write(rows, table, path)
            result.paths.append(str(path))
            result.counts[table] = len(rows)
    except OSError as exc:
        raise ExportError(
            f"{output}: cannot write the {fmt} tables ({exc.strerror}); "
            "give a directory, or --table NAME with a file"
        ) from exc
    return result


@register_exporter("csv", suffix="", help="CSV tables: one file per table in a directory")
def export_csv(selection: Selection, output: Path) -> ExportResult:
    """Write the tables as CSV files into directory ``output`` (or one table to a file)."""
    return _write_tables(selection, output, "csv", _write_csv)


@register_exporter("parquet", suffix="", help="Parquet tables: one file per table in a directory")
def export_parquet(selection: Selection, output: Path) -> ExportResult:
    """Write the tables as Parquet files into directory ``output`` (or one table to a file)."""
    return _write_tables(selection, output, "parquet", _write_parquet)


__all__ = ["SCHEMAS", "TABLES", "export_csv", "export_parquet", "table_rows"]
