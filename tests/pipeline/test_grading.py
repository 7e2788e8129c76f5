"""Grading over an ingested corpus written so that one outlet is usually right and another
usually superseded: four bombings, each first reported with an early toll by one outlet and
two days later with the final toll by two others."""

from __future__ import annotations

from pathlib import Path

import pytest
from assess_corpus import write_bombings

from crosscheck.config import Settings
from crosscheck.errors import AssessmentError, NotFoundError
from crosscheck.pipeline.grading import claim_grades, outlet_grades, set_grade
from crosscheck.pipeline.ingest import ingest_paths, reprocess
from crosscheck.store import Store


@pytest.fixture
def graded(store: Store, settings: Settings, tmp_path: Path) -> Store:
    report = ingest_paths(store, [str(write_bombings(tmp_path / "bombings"))], settings)
    assert len(report.new) == 12
    return store


def _by_outlet(store: Store) -> dict[str, dict]:
    return {r["outlet"]: r for r in outlet_grades(store)}


def test_outlet_track_records_after_ingest(graded: Store) -> None:
    rows = _by_outlet(graded)
    quick, steady = rows["Quick Post"], rows["Steady Wire"]
    assert (steady["right"], steady["superseded"], steady["contradicted"]) == (4, 0, 0)
    assert (quick["right"], quick["superseded"]) == (0, 4)
    assert steady["grade"]["value"] < quick["grade"]["value"]  # B before D
    assert steady["grade"]["source"] == "suggested"
    assert "4 early counts later superseded" in quick["grade"]["reason"]


def test_claim_credibility_in_groups(graded: Store) -> None:
    groups = graded.select_groups(measure="killed")
    grades = claim_grades(graded, groups)
    facts = graded.claim_facts(list(grades))
    by_outlet = {facts[c].outlet: g for c, g in grades.items()}
    assert by_outlet["Quick Post"]["credibility"]["value"] == "3"  # an early count
    assert by_outlet["Steady Wire"]["credibility"]["value"] == "2"  # the latest figure
    assert by_outlet["Steady Wire"]["code"] == "B2"


def test_analyst_grade_wins_and_survives_reprocessing(graded: Store, settings: Settings) -> None:
    set_grade(graded, "outlet", "Quick Post", "a", author="ana", reason="fast and later right")
    reprocess(graded, settings)
    row = _by_outlet(graded)["Quick Post"]
    assert row["grade"] == {
        "value": "A",
        "words": "completely reliable",
        "reason": "fast and later right",
        "source": "analyst",
    }
    assert row["suggested"]["value"] == "D"  # the suggestion is still shown beside it
    set_grade(graded, "outlet", "Quick Post", "clear")
    assert _by_outlet(graded)["Quick Post"]["grade"]["source"] == "suggested"


def test_set_grade_checks_its_input(graded: Store) -> None:
    with pytest.raises(NotFoundError, match="Nobody Daily"):
        set_grade(graded, "outlet", "Nobody Daily", "B")
    with pytest.raises(AssessmentError, match="A-F"):
        set_grade(graded, "outlet", "Quick Post", "7")
    claim = graded.claims()[0].id
    with pytest.raises(AssessmentError, match="1-6"):
        set_grade(graded, "claim", claim, "B")
    set_grade(graded, "claim", claim, "1", reason="seen the coroner's list")
    groups = graded.select_groups(measure="killed")
    assert claim_grades(graded, groups)[claim]["credibility"]["source"] == "analyst"


def _late_report(tmp_path: Path) -> Path:
    """A folder with a later report that raises the toll of the Mombasa bombing to 15."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "late.txt").write_text(
        "The death toll from the bombing at the central bus station in Mombasa on 3 June has"
        " risen to 15, officials said.\n",
        encoding="utf-8",
    )
    meta = '{"title": "late", "outlet": "Late Ledger", "published": "2024-06-09"}'
    (extra / "late.meta.json").write_text(meta, encoding="utf-8")
    return extra


def test_track_records_worked_out_again_only_where_needed(
    graded: Store, settings: Settings, tmp_path: Path
) -> None:
    from crosscheck.pipeline.grading import refresh_outlet_records
    from crosscheck.pipeline.picture import update_picture

    full = graded.outlet_records()
    picture = update_picture(graded, set())
    # The same group objects: the remembered outcomes give the same records.
    refresh_outlet_records(graded, picture.groups, [])
    assert graded.outlet_records() == full
    # A later report that raises one toll: only that group changes, Quick Post's early count
    # there is still superseded, and Steady Wire's 12 is now an early count too.
    ingest_paths(graded, [str(_late_report(tmp_path))], settings)
    after = graded.outlet_records()
    assert (after["Steady Wire"].right, after["Steady Wire"].superseded) == (3, 1)
    refresh_outlet_records(graded)  # from scratch: the same
    assert graded.outlet_records() == after


def test_outcomes_prepared_ahead_equal_those_worked_out_after(
    graded: Store, settings: Settings, tmp_path: Path
) -> None:
    """A new process prepares the outcomes of the picture it starts from while a worker
    extracts; the refresh after its update keeps them and gives the full records."""
    from crosscheck.pipeline import grading
    from crosscheck.pipeline.followup import prepare_follow_up
    from crosscheck.pipeline.grading import prepare_outlet_records, refresh_outlet_records
    from crosscheck.pipeline.picture import prefetch

    start = prefetch(graded)  # the Reconciler the next update starts from
    assert start is not None
    before = list(start.picture.groups)  # the update replaces its picture
    grading._OUTCOMES.pop(graded, None)  # as in a new process
    prepare_follow_up(graded, start)  # outlets and figures as the Reconciler holds them
    prepared = dict(grading._OUTCOMES[graded])
    assert prepared and all(outcomes for _, outcomes in prepared.values())
    grading._OUTCOMES.pop(graded, None)
    prepare_outlet_records(graded, before)  # as the store holds them
    assert grading._OUTCOMES[graded] == prepared
    prepare_outlet_records(graded, [])  # a process that holds outcomes keeps them
    assert grading._OUTCOMES[graded] == prepared
    ingest_paths(graded, [str(_late_report(tmp_path))], settings)
    after = graded.outlet_records()
    kept = {id(g) for g, _ in grading._OUTCOMES[graded].values()} & {id(g) for g in before}
    assert kept  # the groups the update left alone were not worked out again
    refresh_outlet_records(graded)  # from scratch: the same
    assert graded.outlet_records() == after
