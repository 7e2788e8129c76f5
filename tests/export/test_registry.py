"""The exporter registry: built-ins register by name, plug-ins use the same door."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.errors import ExportError
from crosscheck.export import (
    ExportOptions,
    ExportResult,
    Selection,
    export,
    exporter_names,
    get_exporter,
    register_exporter,
)
from crosscheck.store import Store


@pytest.mark.parametrize("name", ["stix", "misp", "csv", "parquet", "graphml", "jsonl"])
def test_registry_builtin_formats_are_registered(name: str) -> None:
    assert name in exporter_names()
    assert get_exporter(name).help


def test_registry_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(ExportError, match=r"unknown export format 'xlsx'.*stix"):
        get_exporter("xlsx")


def test_registry_plugin_exporter_gets_the_selection(hand_store: Store, tmp_path: Path) -> None:
    @register_exporter("doc-count-test", suffix=".txt", help="number of documents")
    def write(selection: Selection, output: Path) -> ExportResult:
        output.write_text(str(len(selection.documents)))
        return ExportResult(format="doc-count-test", paths=[str(output)])

    out = tmp_path / "n.txt"
    export(hand_store, "doc-count-test", out, ExportOptions(since="2023-05-09"))
    assert out.read_text() == "2"
