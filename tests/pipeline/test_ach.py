"""A worked ACH on the sample corpus, checked by hand; questions survive re-processing.

The question: who carried out the Crocus City Hall attack? Two hypotheses, three statements
from the sample reports, each graded 1/A by the analyst so that an item's weight is its
relevance alone (high 1.0, medium 0.7, low 0.4; ``data/assess.yaml``):

=====================================  ========  =====  ========
item                                   relevance  iskp   ukraine
=====================================  ========  =====  ========
ISKP's claim of responsibility          high      CC     I   -> 0, -1.0
Kyiv's denial                           low       NA     N   -> -,  0
Bortnikov: the US, UK, Ukraine behind   medium    I      C   -> -0.7, 0
=====================================  ========  =====  ========

Scores: iskp -0.7, ukraine -1.0: iskp first. Diagnosticity: the claim 1.0 x 1 = 1.0, the
denial 0 (one rated cell), the accusation 0.7 x 1 = 0.7. Without the claim, ukraine (0)
would lead iskp (-0.7): the ranking rests on it; without the accusation it does not change.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.config import load_settings
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.pipeline import ach
from crosscheck.pipeline.ach_evidence import (
    load_question,
    question_event,
    read_question_file,
    suggest_evidence,
)
from crosscheck.pipeline.ach_matrix import confirm_suggestions, matrix_csv, matrix_view
from crosscheck.pipeline.corrections import correct_claim, merge
from crosscheck.pipeline.ingest import reprocess
from crosscheck.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample(tmp_path: Path, example_db: Path) -> Iterator[Store]:
    db = tmp_path / "sample.db"
    shutil.copy(example_db, db)
    store = open_store(str(db))
    yield store
    store.close()


def _statement(store: Store, speaker: str, stance: str, words: str) -> str:
    found = [
        s.id
        for s in store.statements()
        if speaker in s.speaker and s.stance == stance and words in s.content
    ]
    assert found, f"the sample corpus has a statement by {speaker} ({stance}) about {words}"
    return found[0]


def _worked(store: Store) -> dict[str, str]:
    ach.create_question(
        store, "crocus", "Who carried out the Crocus City Hall attack?", event="Crocus City Hall"
    )
    ach.add_hypothesis(store, "crocus", "ISKP did it", key="iskp", names=["ISKP"])
    ach.add_hypothesis(store, "crocus", "Ukraine did it", key="ukraine", names=["Ukraine", "Kyiv"])
    items = {
        "claim": _statement(store, "ISKP", "claims", "responsibility"),
        "denial": _statement(store, "Kyiv", "denies", "role"),
        "accusation": _statement(store, "Bortnikov", "says", "behind the attack"),
    }
    relevance = {"claim": "high", "denial": "low", "accusation": "medium"}
    for name, ref in items.items():
        ach.add_evidence(
            store, "crocus", ref, relevance=relevance[name], credibility="1", reliability="A"
        )
    cells = [
        ("claim", "iskp", "CC"),
        ("claim", "ukraine", "I"),
        ("denial", "iskp", "NA"),
        ("denial", "ukraine", "N"),
        ("accusation", "iskp", "I"),
        ("accusation", "ukraine", "C"),
    ]
    for item, hyp, rating in cells:
        ach.rate(store, "crocus", items[item], hyp, rating, author="ana", reason="worked example")
    return items


def test_worked_ach_ranking_diagnosticity_sensitivity(sample: Store) -> None:
    items = _worked(sample)
    view = matrix_view(sample, "crocus", confirmed_only=True)
    assert [(r["hypothesis"], r["score"]) for r in view["ranking"]] == [
        ("iskp", -0.7),
        ("ukraine", -1.0),
    ]
    diag = {e["key"]: e["diagnosticity"] for e in view["evidence"]}
    assert diag == {items["claim"]: 1.0, items["denial"]: 0.0, items["accusation"]: 0.7}
    assert [e["code"] for e in view["evidence"]] == ["A1", "A1", "A1"]
    assert [(s["item"], s["changes_leader"]) for s in view["sensitive"]] == [(items["claim"], True)]
    said = view["sensitive"][0]["text"]
    assert "“Ukraine did it” would rank first" in said
    # The item is named by what it says and where, never by its key.
    claim = next(e for e in view["evidence"] if e["key"] == items["claim"])
    assert claim["summary"][:40] in said and items["claim"] not in said
    # The suggestions agree with the analyst where the evidence speaks plainly.
    claim_row = view["cells"][items["claim"]]
    assert (claim_row["iskp"]["suggestion"], claim_row["ukraine"]["suggestion"]) == ("CC", "I")
    assert claim_row["iskp"]["author"] == "ana" and not claim_row["iskp"]["suggested"]


def test_worked_ach_survives_reprocessing_and_an_event_merge(sample: Store) -> None:
    items = _worked(sample)
    before = matrix_view(sample, "crocus", confirmed_only=True)
    reprocess(sample, load_settings({"db": sample.url}, environ={}))
    after = matrix_view(sample, "crocus", confirmed_only=True)
    assert after["ranking"] == before["ranking"] and after["cells"] == before["cells"]
    question = ach.get_question(sample, "crocus")
    crocus = question_event(sample, question)
    assert crocus is not None and "Crocus" in crocus.name
    # Merge a claim-of-responsibility incident into the attack: the question still finds it.
    other = next(
        e for e in sample.events() if e.type == "claim" and e.id != crocus.id and e.mention_ids
    )
    ach.add_evidence(sample, "crocus", other.id)
    merge(sample, "event", [crocus.id, other.id], reason="the claim is about this attack")
    merged = question_event(sample, question)
    assert merged is not None and set(crocus.mention_ids) <= set(merged.mention_ids)
    row = next(e for e in matrix_view(sample, "crocus")["evidence"] if e["key"] == other.id)
    assert row["record"] == merged.id
    assert (row["record"] != other.id) == any(f.startswith("moved") for f in row["flags"])
    assert items["claim"] in {e["key"] for e in after["evidence"]}


def test_flags_rejected_claims_and_groups_in_conflict(sample: Store) -> None:
    ach.create_question(sample, "q", "How many were arrested?", event="Crocus City Hall")
    arrested = sample.select_groups(measure="arrested", statuses=["conflict"])[0]
    ach.add_evidence(sample, "q", arrested.id)
    killed = sample.select_groups(measure="killed", subject_id=arrested.subject.id)[0]
    ach.add_evidence(sample, "q", killed.claims[0])
    correct_claim(sample, killed.claims[0], "reject", reason="misread")
    flags = {e["key"]: e["flags"] for e in matrix_view(sample, "q")["evidence"]}
    assert any(f.startswith("conflict") for f in flags[arrested.id])
    assert any(f.startswith("rejected") for f in flags[killed.claims[0]])


def test_suggested_evidence_and_confirming(sample: Store) -> None:
    ach.create_question(sample, "q", "Who?", event="Crocus City Hall")
    ach.add_hypothesis(sample, "q", "ISKP", key="iskp", names=["ISKP"])
    ach.add_hypothesis(sample, "q", "Ukraine", key="ukraine", names=["Ukraine", "Kyiv"])
    offered = suggest_evidence(sample, "q")
    kinds = {s["kind"] for s in offered}
    assert {"statement", "group"} <= kinds
    assert all(s["why"] for s in offered)
    for s in offered:
        ach.add_evidence(sample, "q", s["ref"])
    view = matrix_view(sample, "q")
    assert view["suggested_cells"] > 0
    done = confirm_suggestions(sample, "q", author="ana")
    confirmed = matrix_view(sample, "q")
    assert done == view["suggested_cells"] and confirmed["suggested_cells"] == 0
    assert confirmed["ranking"] == view["ranking"]
    log = ach.question_log(sample, "q")
    assert log[-1]["author"] == "ana" and log[-1]["reason"].startswith("confirmed suggestion")


def test_csv_export(sample: Store) -> None:
    _worked(sample)
    ach.add_evidence(sample, "crocus", note='=HYPERLINK("x") a note typed in')
    text = matrix_csv(matrix_view(sample, "crocus"))
    lines = text.splitlines()
    assert lines[0].endswith(",iskp,ukraine")
    assert lines[-2].startswith("score,") and lines[-2].endswith(",-0.7,-1.0")
    assert "'=HYPERLINK" in text  # a formula never reaches a spreadsheet as one


def test_errors_name_the_input(sample: Store) -> None:
    with pytest.raises(NotFoundError, match="'nope' does not exist"):
        matrix_view(sample, "nope")
    ach.create_question(sample, "q", "Who?")
    with pytest.raises(AssessmentError, match="exists already"):
        ach.create_question(sample, "q", "Who?")
    with pytest.raises(NotFoundError, match="no evidence 'c-1'"):
        ach.rate(sample, "q", "c-1", "x", "CC")
    key = ach.add_evidence(sample, "q", note="a note")
    with pytest.raises(NotFoundError, match="no hypothesis 'x'"):
        ach.rate(sample, "q", key, "x", "CC")
    with pytest.raises(NotFoundError, match="names no claim"):
        ach.add_evidence(sample, "q", "c-0000000000000000")


def test_load_question_file_twice_changes_nothing(sample: Store) -> None:
    data = read_question_file(ROOT / "demo" / "crocus-question.yaml")
    first = load_question(sample, data, author="demo")
    assert first["question"] == 1 and first["hypotheses"] == 3 and first["ratings"] >= 1
    assert first["evidence"] > 1
    assert load_question(sample, data, author="demo") == {
        "question": 0,
        "hypotheses": 0,
        "evidence": 0,
        "ratings": 0,
    }
