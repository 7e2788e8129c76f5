"""A report's total and the parts it restates, on records written for these tests."""

from __future__ import annotations

import dataclasses

from recon_records import claim, doc, event
from recon_records import reconcile_all as reconcile

from crosscheck.model import Subject
from crosscheck.reconcile.parts import PartsMemo, report_parts


def test_smaller_figures_of_one_report_are_parts_of_its_total() -> None:
    total = claim("a", "injured", 4, 4, start=10)
    piece = claim("a", "injured", 2, 2, start=200)
    other = claim("a", "injured", 2, 2, start=300)
    subject = Subject("event", "e-1", "shooting")
    parts = report_parts([total, piece, other], {c.id: subject for c in (total, piece, other)})
    assert parts == {piece.id: total.id, other.id: total.id}


def test_attackers_killed_are_never_parts_of_the_victims_toll() -> None:
    victims = claim("a", "killed", 9, 9, start=10)
    gunmen = claim("a", "killed", 2, 2, start=90, counted="gunmen", label="gunmen killed")
    subject = Subject("event", "e-1", "attack")
    assert report_parts([victims, gunmen], {victims.id: subject, gunmen.id: subject}) == {}


def test_parts_never_make_a_conflict() -> None:
    docs = [doc("a", "Courier", "2016-05-07"), doc("b", "Herald", "2016-05-07")]
    ems = [
        event(
            "a", "the shooting in Marbury", type="shooting", date="2016-05-06", location="Marbury"
        ),
        event(
            "b", "the shooting in Marbury", type="shooting", date="2016-05-06", location="Marbury"
        ),
    ]
    claims = [
        claim("a", "injured", 4, 4, start=10, subject_kind="event", subject_ref=ems[0].id),
        claim("a", "injured", 2, 2, start=300, subject_kind="event", subject_ref=ems[0].id),
        claim("b", "injured", 4, 4, start=10, subject_kind="event", subject_ref=ems[1].id),
    ]
    picture = reconcile(docs, [], ems, claims)
    (group,) = [g for g in picture.groups if g.measure == "injured"]
    assert group.status == "corroborated"
    assert group.estimate.best == 4
    assert picture.claim_parts == {claims[1].id: claims[0].id}


def _marbury(reports: list[tuple[str, str, list[tuple[str, int]]]]) -> dict[str, object]:
    """A picture of one shooting told by reports (outlet letter, date, [(measure, n)])."""
    docs = [doc(key, f"Outlet {key}", day) for key, day, _ in reports]
    ems = [
        event(
            key, "the shooting in Marbury", type="shooting", date="2016-05-06", location="Marbury"
        )
        for key, _, _ in reports
    ]
    claims = [
        claim(key, measure, n, n, start=10 + 50 * i, subject_kind="event", subject_ref=em.id)
        for (key, _, figures), em in zip(reports, ems, strict=True)
        for i, (measure, n) in enumerate(figures)
    ]
    picture = reconcile(docs, [], ems, claims)
    return {g.measure: g for g in picture.groups}


def test_the_one_hurt_who_later_died_is_not_also_injured() -> None:
    groups = _marbury(
        [
            ("a", "2016-05-06", [("injured", 1)]),
            ("b", "2016-05-08", [("killed", 1)]),
        ]
    )
    injured = groups["injured"]
    assert injured.estimate.best == 0
    assert "later died" in injured.reason
    assert groups["killed"].estimate.best == 1


def test_a_report_counting_the_dead_and_the_hurt_keeps_the_hurt() -> None:
    groups = _marbury(
        [
            ("a", "2016-05-06", [("injured", 1)]),
            ("b", "2016-05-08", [("killed", 1), ("injured", 1)]),
        ]
    )
    assert groups["injured"].estimate.best == 1


def test_several_hurt_are_not_taken_for_the_one_who_died() -> None:
    groups = _marbury(
        [
            ("a", "2016-05-06", [("injured", 3)]),
            ("b", "2016-05-08", [("killed", 1)]),
        ]
    )
    assert groups["injured"].estimate.best == 3


def test_parts_with_a_memo_equal_parts_without_through_changes() -> None:
    """Each report is read again only when its claims or subjects change; the answer never
    differs from a call without the memo (reports added, re-figured, re-subjected, removed)."""
    shooting = Subject("event", "e-1", "shooting")
    other = Subject("event", "e-2", "fire")
    claims = {
        "a": [claim("a", "injured", 4, 4, start=10), claim("a", "injured", 2, 2, start=200)],
        "b": [claim("b", "killed", 3, 3, start=10), claim("b", "killed", 1, 1, start=90)],
    }
    subjects = {c.id: shooting for cs in claims.values() for c in cs}
    memo = PartsMemo()

    def check() -> dict[str, str]:
        flat = [c for key in sorted(claims) for c in claims[key]]
        warm = report_parts(flat, subjects, memo)
        assert warm == report_parts(flat, subjects)
        return warm

    assert len(check()) == 2
    claims["a"][1] = dataclasses.replace(claims["a"][1], low=5, high=5)  # now the total
    assert check() == {claims["a"][0].id: claims["a"][1].id, claims["b"][1].id: claims["b"][0].id}
    subjects[claims["b"][1].id] = other  # another incident: no longer a part
    assert check() == {claims["a"][0].id: claims["a"][1].id}
    del claims["a"]
    assert check() == {} and set(memo.docs) == {"b"}
