"""--limit/--offset on the whole-table listings, and the event list's hidden bare incidents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_run import run


@pytest.fixture
def db(example_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "copy.db"
    shutil.copy(example_db, copy)
    return str(copy)


def _json(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--db", db, *args, "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert isinstance(rows, list)
    return rows


@pytest.mark.parametrize("command", ["groups", "claims", "conflicts", "entities", "statements"])
def test_json_pages_are_slices_of_the_full_json_listing(
    capsys: pytest.CaptureFixture[str], db: str, command: str
) -> None:
    full = _json(capsys, db, command)
    assert len(full) > 3
    pages = [
        _json(capsys, db, command, "--limit", "3", "--offset", str(start))
        for start in range(0, len(full) + 3, 3)
    ]
    assert [row for page in pages for row in page] == full


@pytest.mark.parametrize(
    "command", ["groups", "claims", "conflicts", "events", "entities", "statements"]
)
def test_table_says_which_rows_of_how_many(
    capsys: pytest.CaptureFixture[str], db: str, command: str
) -> None:
    total = len(_json(capsys, db, command))
    code, out, err = run(capsys, "--db", db, command, "--limit", "2", "--offset", "1")
    assert code == 0 and out
    assert f"showing 2–3 of {total:,}; use --offset/--limit" in err


def test_table_shows_everything_without_a_note_when_it_fits(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    total = len(_json(capsys, db, "groups"))
    code, _, err = run(capsys, "--db", db, "groups", "--limit", str(total))
    assert code == 0 and "showing" not in err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--offset", "-1", "offset -1 is negative"),
        ("--limit", "0", "limit 0 is outside"),
        ("--limit", "5000000", "limit 5000000 is outside"),
    ],
)
@pytest.mark.parametrize("command", ["groups", "claims", "events"])
def test_bad_page_values_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], db: str, command: str, option: str, value: str, message: str
) -> None:
    code, out, err = run(capsys, "--db", db, command, option, value)
    assert code != 0 and not out
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1, "one line, no traceback"


def test_events_hide_bare_incidents_and_say_how_many(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    shown = _json(capsys, db, "events")
    everything = _json(capsys, db, "events", "--all")
    hidden = len(everything) - len(shown)
    assert hidden > 0, "the sample corpus has incidents nothing identifies"
    assert {r["id"] for r in shown} < {r["id"] for r in everything}
    code, _, err = run(capsys, "--db", db, "events")
    assert code == 0 and f"{hidden:,} incident" in err and "--all" in err
    bare = next(r for r in everything if r not in shown)
    code, out, _ = run(capsys, "--db", db, "event", str(bare["id"]), "--format", "json")
    assert code == 0 and json.loads(out)["event"]["id"] == bare["id"]
