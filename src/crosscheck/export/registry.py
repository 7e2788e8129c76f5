"""The registry of exporters by format name.

An exporter turns a :class:`~crosscheck.export.selection.Selection` of the store into a file
(or a directory of files). Each one is registered where it is defined with
:func:`register_exporter`; built-ins use the same door as plug-ins, so a user can add a format
without editing ours. This module knows nothing about any particular format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.errors import ExportError
from crosscheck.export.selection import Selection


@dataclass
class ExportResult:
    """What an export wrote: the files and how many records of each kind."""

    format: str
    paths: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "paths": list(self.paths), "counts": dict(self.counts)}


#: An exporter writes ``selection`` to ``output`` (a file, or a directory for multi-file formats).
ExportFn = Callable[[Selection, Path], ExportResult]


@dataclass(frozen=True)
class Exporter:
    """A registered format: its writer, its usual file suffix and a one-line help."""

    name: str
    write: ExportFn
    suffix: str
    help: str


_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(
    name: str, *, suffix: str = "", help: str = ""
) -> Callable[[ExportFn], ExportFn]:
    """Register ``write`` as the exporter for format ``name``: ``@register_exporter("stix")``."""

    def wrap(write: ExportFn) -> ExportFn:
        _EXPORTERS[name] = Exporter(name=name, write=write, suffix=suffix, help=help)
        return write

    return wrap


def get_exporter(name: str) -> Exporter:
    """The exporter registered as ``name``; :class:`ExportError` naming the known ones if none."""
    _load_builtins()
    try:
        return _EXPORTERS[name]
    except KeyError:
        known = ", ".join(exporter_names())
        raise ExportError(f"unknown export format {name!r}; choose one of: {known}") from None


def exporter_names() -> list[str]:
    """Names of every registered export format, sorted."""
    _load_builtins()
    return sorted(_EXPORTERS)


def _load_builtins() -> None:
    # Importing the modules runs their @register_exporter decorators.
    from crosscheck.export import graphml, jsonl, misp, stix, tables  # noqa: F401


__all__ = [
    "ExportFn",
    "ExportResult",
    "Exporter",
    "exporter_names",
    "get_exporter",
    "register_exporter",
]
