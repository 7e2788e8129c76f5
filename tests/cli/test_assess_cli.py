"""``crosscheck ach``, ``rules``, ``alerts``, ``warnings``, ``grades``, ``grade`` on the sample store."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from cli_run import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(example_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "copy.db"
    shutil.copy(example_db, copy)
    return str(copy)


def test_ach_from_the_command_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    cc = ("--db", db, "ach")
    assert run(capsys, *cc, "new", "crocus", "Who did it?", "--event", "Crocus City Hall")[0] == 0
    run(capsys, *cc, "hypothesis", "crocus", "ISKP did it", "--key", "iskp", "--name", "ISKP")
    run(capsys, *cc, "hypothesis", "crocus", "Ukraine did it", "--key", "ua", "--name", "Kyiv")
    code, out, _ = run(capsys, *cc, "suggest", "crocus", "--format", "json")
    offered = json.loads(out)
    assert code == 0 and offered
    code, _, err = run(capsys, *cc, "evidence", "crocus", "--suggested")
    assert code == 0 and f"{len(offered)} suggested item(s) added" in err
    code, _, err = run(capsys, *cc, "evidence", "crocus", "--note", "A note", "--relevance", "low")
    key = err.split()[1]
    code, _, err = run(capsys, *cc, "rate", "crocus", key, "ua", "ii", "--reason", "because")
    assert code == 0 and "II" in err
    code, out, _ = run(capsys, *cc, "show", "crocus")
    assert code == 0 and "1. " in out and "score" in out and "CC?" in out
    code, out, _ = run(capsys, *cc, "show", "crocus", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][-2:] == ["iskp", "ua"] and rows[-2][0] == "score"
    view = json.loads(run(capsys, *cc, "show", "crocus", "--format", "json")[1])
    assert view["ranking"][0]["hypothesis"] == "iskp"
    code, _, err = run(capsys, *cc, "confirm", "crocus")
    assert code == 0 and "confirmed" in err
    log = json.loads(run(capsys, *cc, "log", "crocus", "--format", "json")[1])
    assert log[0]["action"] == "create" and any(r["reason"] == "because" for r in log)


def test_ach_errors_are_one_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "ach", "show", "nope")
    assert code != 0 and err.startswith("error: ACH question 'nope' does not exist")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "--db", db, "ach", "new", "Bad Id", "Who?")
    assert code != 0 and "not a valid key" in err


def test_ach_load_the_demo_question(capsys: pytest.CaptureFixture[str], db: str) -> None:
    path = str(ROOT / "demo" / "crocus-question.yaml")
    code, _, err = run(capsys, "--db", db, "ach", "load", path)
    assert code == 0 and "question +1" in err
    assert "question +0, hypotheses +0" in run(capsys, "--db", db, "ach", "load", path)[2]
    code, out, _ = run(capsys, "--db", db, "ach", "show", "crocus", "--no-matrix")
    assert code == 0 and "3. " in out and "┃" not in out


def test_rules_alerts_warnings_grades(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(
        capsys, "--db", db, "rules", "add", "pair", "--entity", "ISKP", "--entity", "Tajikistan"
    )
    assert code == 0 and err.startswith("rule r-")
    rule_id = err.split()[1].rstrip(":")
    rules = json.loads(run(capsys, "--db", db, "rules", "list", "--format", "json")[1])
    assert [r["id"] for r in rules] == [rule_id] and all(rules[0]["matches_now"])
    code, _, err = run(capsys, "--db", db, "rules", "run")
    # Two English reports name both, and one Russian one ("ИГ-Хорасан", "Таджикистана").
    assert code == 0 and "new alerts: 3" in err
    assert "new alerts: 0" in run(capsys, "--db", db, "rules", "run")[2]
    alerts = json.loads(run(capsys, "--db", db, "alerts", "--format", "json")[1])
    assert len(alerts) == 3 and all(a["rule"] == rule_id for a in alerts)
    warnings = json.loads(run(capsys, "--db", db, "warnings", "--format", "json")[1])
    assert any(w["links"] for w in warnings)
    code, _, err = run(capsys, "--db", db, "grade", "outlet", "TASS", "e", "--reason", "test")
    assert code == 0
    grades = json.loads(run(capsys, "--db", db, "grades", "--format", "json")[1])
    tass = next(g for g in grades if g["outlet"] == "TASS")
    assert tass["grade"]["value"] == "E" and tass["grade"]["source"] == "analyst"
    code, _, err = run(capsys, "--db", db, "rules", "remove", rule_id)
    assert code == 0 and json.loads(run(capsys, "--db", db, "rules", "list", "-f", "json")[1]) == []


def test_rules_refuse_bad_input(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "rules", "add", "pair", "--entity", "ISKP")
    assert code != 0 and "names 2 targets" in err
    code, _, err = run(capsys, "--db", db, "rules", "add", "report", "--entity", "Putin")
    assert code != 0 and "never people" in err
