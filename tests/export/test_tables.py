"""CSV and Parquet tables: one file per table, typed columns, values that round-trip."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from golden import check_golden

from crosscheck.errors import ExportError
from crosscheck.export import ExportOptions, export, select
from crosscheck.export.tables import SCHEMAS, TABLES
from crosscheck.store import Store


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table", TABLES)
def test_tables_csv_golden(hand_store: Store, tmp_path: Path, table: str) -> None:
    export(hand_store, "csv", tmp_path, ExportOptions())
    check_golden(tmp_path / f"{table}.csv", f"table_{table}.csv")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_one_file_per_table_with_counts(hand_store: Store, tmp_path: Path, fmt: str) -> None:
    result = export(hand_store, fmt, tmp_path / "out", ExportOptions())
    sel = select(hand_store)
    expected = {
        "documents": len(sel.documents),
        "claims": len(sel.claims),
        "groups": len(sel.groups),
        "events": len(sel.events),
        "entities": len(sel.entities),
    }
    assert result.counts == expected
    for table, count in expected.items():
        path = tmp_path / "out" / f"{table}.{fmt}"
        if fmt == "csv":
            rows = _csv(path)
            assert len(rows) == count
            assert list(rows[0]) == [name for name, _ in SCHEMAS[table]]
        else:
            read = pq.read_table(path)
            assert read.num_rows == count
            assert read.schema.names == [name for name, _ in SCHEMAS[table]]


def test_tables_claim_values_round_trip(hand_store: Store, tmp_path: Path) -> None:
    export(hand_store, "parquet", tmp_path / "claims.parquet", ExportOptions(table="claims"))
    rows = {r["id"]: r for r in pq.read_table(tmp_path / "claims.parquet").to_pylist()}
    for claim in select(hand_store).claims:
        row = rows[claim["id"]]
        assert (row["low"], row["high"]) == (claim["low"], claim["high"])
        assert row["sentence"] == claim["sentence"]
        assert row["outlet"] == claim["document"]["outlet"]


def test_tables_single_table_to_file(hand_store: Store, tmp_path: Path) -> None:
    result = export(hand_store, "csv", tmp_path / "g.csv", ExportOptions(table="groups"))
    assert result.paths == [str(tmp_path / "g.csv")]
    statuses = sorted(r["status"] for r in _csv(tmp_path / "g.csv"))
    assert statuses == sorted(g.status for g in select(hand_store).groups)


def test_tables_unknown_table(hand_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown table 'people'"):
        export(hand_store, "csv", tmp_path / "x.csv", ExportOptions(table="people"))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_hostile_text_stays_data(hand_store: Store, tmp_path: Path, fmt: str) -> None:
    export(hand_store, fmt, tmp_path / f"g.{fmt}", ExportOptions(table="groups"))
    if fmt == "csv":
        reasons = [r["reason"] for r in _csv(tmp_path / "g.csv")]
    else:
        reasons = pq.read_table(tmp_path / "g.parquet").column("reason").to_pylist()
    assert any(r.endswith("<script>alert('x')</script>") for r in reasons)


def test_tables_csv_neutralises_formulas(hand_store: Store, tmp_path: Path) -> None:
    from crosscheck.export.tables import _csv_cell

    assert _csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _csv_cell(-3.0) == -3
    assert _csv_cell(None) == ""
