"""`crosscheck serve`: binds to localhost by default and prints a generated token once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import crosscheck.cli.serve  # noqa: F401  (registers the command until cli/app.py imports it)
from crosscheck.cli.app import main


def _serve(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, **kwargs: Any) -> None:
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("CROSSCHECK_TOKEN", raising=False)
    try:
        main(list(args))
    except SystemExit as exc:
        assert not exc.code
    return seen


def test_serve_defaults_to_localhost_and_prints_token_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "s.db")
    seen = _serve(monkeypatch, "--db", db, "serve")
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    token = (tmp_path / "s.db.token").read_text().strip()
    first = capsys.readouterr().err
    assert token in first
    _serve(monkeypatch, "--db", db, "serve", "--port", "8123")
    second = capsys.readouterr().err
    assert token not in second and "s.db.token" in second
