"""Shares of different things stay apart; one thing said two ways groups (our own wording)."""

from __future__ import annotations

from recon_records import claim, doc, reconcile_all

FREEDONIA = {"subject_kind": "entity", "subject_name": "Freedonia"}


def _groups(counted_a: str, counted_b: str) -> list:
    docs = [doc("a", "A", "2032-01-01"), doc("b", "B", "2032-01-02")]
    claims = [
        claim("a", "percent", 95, 95, counted=counted_a, **FREEDONIA),
        claim("b", "percent", 10, 10, counted=counted_b, **FREEDONIA),
    ]
    return reconcile_all(docs, [], [], claims).groups


def test_a_share_of_the_population_that_works_abroad_is_not_the_population_share() -> None:
    groups = _groups("population share", "population work share")
    assert len(groups) == 2
    assert {g.status for g in groups} == {"single"}


def test_a_generic_word_more_is_the_same_share() -> None:
    (group,) = _groups("muslim share", "population muslim share")
    assert group.status == "conflict"
