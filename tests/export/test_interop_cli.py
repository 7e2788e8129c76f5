"""The ``export`` and ``import`` commands: thin faces, one-line errors, non-zero exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import crosscheck.cli.interop  # noqa: F401  (registers the commands until app.py imports it)
from crosscheck.cli.app import main
from crosscheck.store import Store


def _run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.mark.parametrize("fmt", ["stix", "misp", "graphml", "jsonl"])
def test_cli_export_writes_file(
    hand_store: Store, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    code = _run(
        [
            "--db",
            hand_store.url,
            "export",
            "--format",
            fmt,
            "--output",
            str(out),
            "--summary",
            "json",
        ]
    )
    assert code == 0 and out.stat().st_size > 0
    assert json.loads(capsys.readouterr().out)["format"] == fmt


def test_cli_export_tables_and_filters(hand_store: Store, tmp_path: Path) -> None:
    code = _run(
        [
            "--db",
            hand_store.url,
            "export",
            "-f",
            "csv",
            "-o",
            str(tmp_path / "c.csv"),
            "--table",
            "claims",
            "--since",
            "2023-05-10",
        ]
    )
    assert code == 0
    assert len((tmp_path / "c.csv").read_text().splitlines()) == 3  # header + 2 claims


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "docx", "-o", "x"], "unknown export format 'docx'"),
        (["export", "-f", "csv", "-o", "x", "--table", "nope"], "unknown table 'nope'"),
        (["export", "-f", "stix", "-o", "x", "--since", "last week"], "--since 'last week'"),
        (["import", "missing.json"], "no such file"),
    ],
)
def test_cli_errors_are_one_line(
    hand_store: Store,
    tmp_path: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = _run(["--db", hand_store.url, *args])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_import_dump(
    hand_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "d.jsonl"
    assert _run(["--db", hand_store.url, "export", "-f", "jsonl", "-o", str(dump)]) == 0
    capsys.readouterr()
    target = str(tmp_path / "other.db")
    assert _run(["--db", target, "import", str(dump), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 3
