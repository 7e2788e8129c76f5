"""A report in a language crosscheck does not analyse: stored, searchable, marked, and the
CLI says so in one line per report, with no figures guessed at by English rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run

GERMAN = (
    "Bei einem Anschlag auf ein Konzerthaus in der Nähe von Moskau wurden am Freitagabend "
    "mindestens vierzig Menschen getötet und mehr als hundert verletzt, teilten die Behörden "
    "mit. Die Ermittler nahmen später elf Verdächtige fest.\n"
)
CHINESE = "周五晚上，莫斯科附近一家音乐厅遭到袭击，至少四十人死亡，一百多人受伤。调查人员随后逮捕了十一名嫌疑人。\n"


def test_cli_unsupported_language_is_stored_searchable_and_said_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "bericht.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "baogao.txt").write_text(CHINESE, encoding="utf-8")
    db = str(tmp_path / "store.db")
    code, out, err = run(capsys, "--db", db, "ingest", str(folder))
    assert code == 0
    said = [line for line in (out + err).splitlines() if line.startswith("not analysed:")]
    assert len(said) == 2
    assert any("bericht.txt" in s and "written in de" in s for s in said)
    assert any("baogao.txt" in s and "written in zh" in s for s in said)
    # Nothing extracted: forty killed, a hundred injured, eleven arrested are not guessed.
    code, out, _ = run(capsys, "--db", db, "claims", "--format", "json")
    assert code == 0 and out.strip() in ("[]", "")
    for word, name in (("Konzerthaus", "bericht.txt"), ("音乐厅", "baogao.txt")):
        code, out, _ = run(capsys, "--db", db, "search", word)
        assert code == 0 and name in out
