"""Claim grouping: sub-counts, parts of one sentence, plain counts, restated statistics."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from recon_records import claim, doc, event

from crosscheck.model import Claim, Subject
from crosscheck.reconcile import reconcile
from crosscheck.reconcile.grouping import forget, group_claims, grouped
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


def _claims(n: int) -> list[Claim]:
    return [
        claim(f"g{i % 4}", "count", 100 + i % 3, 100 + i % 3, start=10 * i, counted="fighters")
        for i in range(n)
    ]


def _grow(cs: list[Claim], ss: dict[str, Subject]) -> tuple[list[Claim], dict[str, Subject]]:
    extra = claim("g9", "count", 101, 101, start=5, counted="fighters")
    return [*cs, extra], {**ss, extra.id: _A}


def _drop(cs: list[Claim], ss: dict[str, Subject]) -> tuple[list[Claim], dict[str, Subject]]:
    return cs[1:], ss


def _resubject(cs: list[Claim], ss: dict[str, Subject]) -> tuple[list[Claim], dict[str, Subject]]:
    """A kept claim is given another subject (its group changes, the claim does not)."""
    return cs, {**ss, cs[2].id: _B if ss[cs[2].id] is _A else _A}


def _resubject_first(
    cs: list[Claim], ss: dict[str, Subject]
) -> tuple[list[Claim], dict[str, Subject]]:
    return cs, {**ss, cs[0].id: _B if ss[cs[0].id] is _A else _A}


def _renew(cs: list[Claim], ss: dict[str, Subject]) -> tuple[list[Claim], dict[str, Subject]]:
    """One claim re-extracted as an equal, fresh object; one subject an equal, fresh one."""
    fresh = dataclasses.replace(cs[3])
    return [*cs[:3], fresh, *cs[4:]], {**ss, cs[5].id: dataclasses.replace(ss[cs[5].id])}


def _repeat(cs: list[Claim], ss: dict[str, Subject]) -> tuple[list[Claim], dict[str, Subject]]:
    """Two objects with one id (the cheap path must give way to a full regrouping)."""
    return [*cs, dataclasses.replace(cs[0], label="fighters estimate")], ss


@pytest.mark.parametrize(
    "steps",
    [
        [_grow, _resubject, _drop],
        [_renew, _repeat, _drop, _grow],
        [_resubject, _renew],
        [_repeat, _resubject_first, _grow],
    ],
)
def test_warm_grouping_equals_cold_grouping(steps: list[Callable[..., Any]]) -> None:
    cs = _claims(40)
    ss = {c.id: (_A if i % 2 else _B) for i, c in enumerate(cs)}
    forget()
    grouped(cs, ss)
    for step in steps:
        cs, ss = step(cs, ss)
        warm = group_claims(cs, ss)
        forget()
        cold = group_claims(copy.deepcopy(cs), copy.deepcopy(ss))
        assert repr(warm) == repr(cold), step.__name__
        assert repr(group_claims(cs, ss)) == repr(cold), f"{step.__name__} (again)"
