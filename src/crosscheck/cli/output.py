"""Printing listings as a table, JSON or CSV.

Report text is hostile input: before it reaches the terminal, control
characters and escape sequences are removed and Rich markup is never
interpreted (cells are plain ``Text``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def clean(value: Any, width: int | None = None) -> str:
    """A value as safe one-line terminal text (escape sequences and controls removed)."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    text = _CONTROL.sub("", str(value)).replace("\n", " ").replace("\t", " ")
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str,
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
    widths: dict[str, int] | None = None,
) -> None:
    """Print ``rows`` in ``fmt``; ``columns`` picks and orders table/CSV columns."""
    fmt = Format(fmt)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_value(row.get(c)) for c in cols})
        sys.stdout.write(buf.getvalue())
        return
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(Text(clean(row.get(c), (widths or {}).get(c, 80))) for c in cols))
    console().print(table)
    if not rows:
        console(stderr=True).print("(nothing to show)")


def emit_object(obj: dict[str, Any], fmt: Format | str) -> None:
    """Print one record: JSON as is, or key/value lines."""
    fmt = Format(fmt)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return
    emit(
        [{"field": k, "value": v} for k, v in obj.items()],
        fmt,
        ["field", "value"],
        widths={"value": 200},
    )


def _csv_value(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        # Spreadsheet formula injection: a cell starting with = + - @ is data, not a formula.
        return "'" + value if value[:1] in ("=", "+", "-", "@") and not _is_number(value) else value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


__all__ = ["Format", "clean", "console", "emit", "emit_object"]
