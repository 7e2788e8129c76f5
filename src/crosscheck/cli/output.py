"""Printing listings as a table, JSON or CSV.

Report text is hostile input: before it reaches the terminal, control
characters and escape sequences are removed and Rich markup is never
interpreted (cells are plain ``Text``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


#: Rows a table shows when no --limit is given; JSON and CSV list everything by default,
#: because other programs read them and must never get a silently truncated list.
TABLE_LIMIT = 50

LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit", help=f"At most this many rows [default: {TABLE_LIMIT} in a table; json/csv: all]"
    ),
]
OffsetOpt = Annotated[int, typer.Option("--offset", help="Skip this many rows first")]


def page_limit(limit: int | None, fmt: Format | str) -> int | None:
    """The page size for ``fmt``: the user's --limit, else a screenful for a table, else all."""
    if limit is not None:
        return limit
    return TABLE_LIMIT if Format(fmt) is Format.table else None


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
    # Rich is imported on first use: a command that prints a line or two (a one-report
    # ``crosscheck ingest``) does without its fiftieth of a second.
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def say(line: str, *, stderr: bool = False) -> None:
    """Print one line of our own words (any report text in it already :func:`clean`) as is."""
    (sys.stderr if stderr else sys.stdout).write(line + "\n")


def stderr_is_terminal() -> bool:
    """Whether Rich takes stderr for a terminal. Rich is asked only when it might: with no
    terminal behind stderr and neither of the variables that force one set
    (``TTY_COMPATIBLE``, ``FORCE_COLOR``), its answer is no, without importing it."""
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        tty = bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        tty = False
    forced = bool(os.environ.get("TTY_COMPATIBLE")) or "FORCE_COLOR" in os.environ
    return (tty or forced) and console(stderr=True).is_terminal


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
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(Text(clean(row.get(c), (widths or {}).get(c, 80))) for c in cols))
    console().print(table)
    if not rows:
        console(stderr=True).print("(nothing to show)")


def page_note(shown: int, total: int, offset: int) -> str | None:
    """The line under a page of a listing, or None when the page is the whole listing."""
    if shown == total and not offset:
        return None
    if not shown:
        return f"showing none of {total:,} (offset {offset:,} is past the end); use --offset"
    return f"showing {offset + 1:,}–{offset + shown:,} of {total:,}; use --offset/--limit"


def emit_page(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str,
    *,
    total: int,
    offset: int,
    notes: Sequence[str] = (),
    widths: dict[str, int] | None = None,
) -> None:
    """Print one page of a listing; a table says under it which rows of how many.

    ``notes`` (what a default filter left out) go to stderr in every format.
    """
    emit(rows, fmt, widths=widths)
    lines = [*notes]
    if Format(fmt) is Format.table:
        lines.insert(0, page_note(len(rows), total, offset) or "")
    err = console(stderr=True)
    for line in lines:
        if line:
            err.print(line, markup=False)


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


__all__ = [
    "TABLE_LIMIT",
    "Format",
    "LimitOpt",
    "OffsetOpt",
    "clean",
    "console",
    "emit",
    "emit_object",
    "emit_page",
    "page_limit",
    "page_note",
]
