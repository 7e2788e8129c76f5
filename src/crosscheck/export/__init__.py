"""Exports and imports for the tools analysts share results with.

Formats are registered by name (:func:`register_exporter`): ``stix`` (STIX 2.1), ``misp``
(PyMISP JSON), ``csv`` and ``parquet`` (flat tables), ``graphml`` (networkx, for Gephi) and
``jsonl`` (a full dump another crosscheck store re-imports). :func:`export` is the one entry
point the CLI and API call; :func:`import_file` reads a STIX bundle or a JSONL dump back.
This layer reads the store through :mod:`crosscheck.pipeline` and never imports cli/api/web.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosscheck.config import Settings
from crosscheck.export.registry import (
    Exporter,
    ExportResult,
    exporter_names,
    get_exporter,
    register_exporter,
)
from crosscheck.export.selection import ExportOptions, Selection, select
from crosscheck.store import Store


def export(
    store: Store, fmt: str, output: Path, options: ExportOptions | None = None
) -> ExportResult:
    """Write the part of ``store`` picked by ``options`` to ``output`` in format ``fmt``."""
    exporter = get_exporter(fmt)
    selection = select(store, options)
    return exporter.write(selection, output)


def import_file(store: Store, path: Path, settings: Settings) -> dict[str, Any]:
    """Merge a STIX 2.1 bundle (``.json``) or a crosscheck JSONL dump into ``store``."""
    from crosscheck.export.importing import import_file as _import

    return _import(store, path, settings)


__all__ = [
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "Selection",
    "export",
    "exporter_names",
    "get_exporter",
    "import_file",
    "register_exporter",
    "select",
]
