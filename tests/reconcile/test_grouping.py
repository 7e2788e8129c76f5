"""Claim grouping: sub-counts, parts of one sentence, plain counts, restated statistics."""

from __future__ import annotations

import pytest
from recon_records import Changes, claim, doc, event
from recon_records import reconcile_all as reconcile

from crosscheck.model import Subject
from crosscheck.reconcile.grouping import GroupMemo, group_claims
from crosscheck.reconcile.sameness import restates

PLACE = {"location": "Port Vale", "country": "Freedonia", "coords": (10.0, 20.0)}


def _incident(doc_ids: list[str]) -> tuple[list, list]:
    docs = [doc(d, d.upper(), f"2030-02-1{i}") for i, d in enumerate(doc_ids)]
    ems = [
        event(d, "the siege of the Harbour Mall", date="2030-02-10", start=0, **PLACE)
        for d in doc_ids
    ]
    return docs, ems


def _on(em: object, *args: object, **kw: object) -> object:
    return claim(em.doc_id, *args, subject_kind="event", subject_ref=em.id, **kw)  # type: ignore[attr-defined]


def test_sub_count_beside_a_total_has_its_own_group() -> None:
    docs, ems = _incident(["a", "b"])
    cs = [
        _on(ems[0], "killed", 6, 6, start=100, label="people killed"),
        _on(ems[0], "killed", 2, 2, start=120, label="employees killed"),
        _on(ems[1], "killed", 8, 8, start=100, label="people killed"),
        _on(ems[1], "killed", 2, 2, start=150, label="staff killed"),
    ]
    groups = reconcile(docs, [], ems, cs, []).groups
    by_size = sorted(sorted(len(g.claims) for g in groups))
    assert by_size == [2, 2]
    staff = next(g for g in groups if g.estimate.best == 2)
    assert staff.status == "corroborated"


def test_restrictive_count_alone_is_that_reports_toll() -> None:
    docs, ems = _incident(["a", "b"])
    cs = [
        _on(ems[0], "killed", 12, 12, start=100, label="people killed"),
        _on(ems[1], "killed", 12, 12, start=100, label="soldiers killed"),
    ]
    (group,) = reconcile(docs, [], ems, cs, []).groups
    assert group.status == "corroborated"


def test_attackers_killed_are_never_the_victims_toll() -> None:
    """Report b gives only "all five attackers were killed": not a toll to set against a's."""
    docs, ems = _incident(["a", "b"])
    cs = [
        _on(ems[0], "killed", 17, 17, start=100, label="people killed"),
        _on(ems[1], "killed", 5, 5, start=100, counted="attacker", label="attackers killed"),
    ]
    groups = reconcile(docs, [], ems, cs, []).groups
    assert sorted(len(g.claims) for g in groups) == [1, 1]
    assert all(g.status == "single" for g in groups)


def test_smaller_value_of_the_same_sentence_is_a_part() -> None:
    docs = [doc("a", "A", "2030-02-11"), doc("b", "B", "2030-02-12")]
    sentence = "The group has 6,500 fighters, about 4,000 of them near the border."
    cs = [
        claim(
            "a",
            "count",
            6500,
            6500,
            start=10,
            sentence=sentence,
            counted="fighters",
            subject_kind="entity",
            subject_name="Front",
        ),
        claim(
            "a",
            "count",
            4000,
            4000,
            start=30,
            sentence=sentence,
            counted="fighters",
            subject_kind="entity",
            subject_name="Front",
        ),
        claim(
            "b",
            "count",
            6000,
            6000,
            start=10,
            counted="fighters",
            subject_kind="entity",
            subject_name="Front",
        ),
    ]
    groups = reconcile(docs, [], [], cs, []).groups
    main = next(g for g in groups if len(g.claims) == 2)
    assert {c.id for c in cs if c.low in (6500, 6000)} == set(main.claims)


def test_plain_people_counts_without_subject_stay_in_their_report() -> None:
    docs = [doc("a", "A", "2030-02-11"), doc("b", "B", "2030-02-12")]
    cs = [
        claim("a", "count", 200, 999, counted="people"),
        claim("b", "count", 2000, 9999, counted="residents"),
    ]
    assert len(reconcile(docs, [], [], cs, []).groups) == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "In the 2029 poll, 31% of those asked said they would ban imports of grain outright.",
            "Thirty-one percent would ban grain imports outright, the poll found.",
            True,
        ),
        (
            "In the 2029 poll, 31% of those asked said they would ban imports of grain outright.",
            "Unemployment in the northern provinces stands at 31%.",
            False,
        ),
    ],
)
def test_restated_statistic_is_recognised(a: str, b: str, same: bool) -> None:
    ca = claim("a", "percent", 31, 31, sentence=a, counted="those asked say")
    cb = claim("b", "percent", 31, 31, sentence=b, counted="ban grain import")
    assert restates(ca, cb) is same
    docs = [doc("a", "A", "2030-02-11"), doc("b", "B", "2030-02-12")]
    groups = reconcile(docs, [], [], [ca, cb], []).groups
    assert (len(groups) == 1) is same


# Grouping remembered between calls: a warm call must give what a cold call gives.

_A, _B = Subject("entity", "n-a", "Alpha Front"), Subject("entity", "n-b", "Beta League")


def test_groups_with_a_memo_equal_groups_without_through_changes() -> None:
    """Only the claims of changed reports are filed again; the groups never differ from a
    call without the memo (reports added, re-figured, moved to another subject, removed)."""
    siege = Subject("event", "e-1", "siege")
    fire = Subject("event", "e-2", "fire")
    claims = {
        "a": [claim("a", "killed", 4, 4, start=10), claim("a", "injured", 9, 9, start=60)],
        "b": [claim("b", "killed", 5, 5, start=10)],
    }
    subjects = {c.id: siege for cs in claims.values() for c in cs}
    documents = {k: doc(k, k.upper(), "2030-02-11") for k in "abc"}
    memo, changes = GroupMemo(), Changes()

    def check() -> list[tuple[str, str, list[str]]]:
        flat = sorted((c for cs in claims.values() for c in cs), key=lambda c: c.id)
        stored = {k: d for k, d in documents.items() if k in claims}
        changed = changes(flat, subjects, stored)
        warm = group_claims(flat, subjects, memo, {}, changed)
        assert warm == group_claims(flat, subjects)
        return sorted((g.subject.id or "", g.measure, [c.id for c in g.claims]) for g in warm)

    assert [m for _, m, _ in check()] == ["injured", "killed"]
    claims["c"] = [claim("c", "killed", 4, 4, start=10)]
    subjects[claims["c"][0].id] = siege
    assert len(check()[1][2]) == 3  # one killed group of three reports
    subjects[claims["b"][0].id] = fire
    assert ("e-2", "killed", [claims["b"][0].id]) in check()
    del claims["a"]
    assert [m for _, m, _ in check()] == ["killed", "killed"]
    assert set(memo.keyed) == {key for _, _, key in memo.bases.values()}
