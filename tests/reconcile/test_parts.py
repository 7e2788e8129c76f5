"""A report's total and the parts it restates, on records written for these tests."""

from __future__ import annotations

import dataclasses

import pytest
from recon_records import Changes, claim, doc, event
from recon_records import reconcile_all as reconcile

from crosscheck.model import Claim, Document, Subject
from crosscheck.reconcile.parts import DiedMemo, PartsMemo, died_later, report_parts


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


def test_one_hurt_told_after_the_death_was_known_is_someone_else() -> None:
    # The report of the hurt came out after the one of the death: its victim lived.
    groups = _marbury(
        [
            ("a", "2016-05-08", [("injured", 1)]),
            ("b", "2016-05-06", [("killed", 1)]),
        ]
    )
    assert groups["injured"].estimate.best == 1
    assert "later died" not in groups["injured"].reason


def test_hurt_a_later_report_counts_among_the_dead_are_no_longer_hurt() -> None:
    # Two hurt on the first day; a later report: one of them died, the people hit still two.
    groups = _marbury(
        [
            ("a", "2016-05-06", [("injured", 2)]),
            ("b", "2016-05-08", [("killed", 1), ("injured", 1)]),
        ]
    )
    assert groups["injured"].estimate.best == 1
    assert groups["killed"].estimate.best == 1


@pytest.mark.parametrize(
    ("later", "figures"),
    [
        # The same day: two readings of one moment, not a revision.
        ("2016-05-06", [("killed", 1), ("injured", 1)]),
        # Not the same people hit (two, then three): another reading, not the hurt dying.
        ("2016-05-08", [("killed", 2), ("injured", 1)]),
    ],
)
def test_hurt_figures_are_revised_only_by_a_later_count_of_the_same_people(
    later: str, figures: list[tuple[str, int]]
) -> None:
    groups = _marbury([("a", "2016-05-06", [("injured", 2)]), ("b", later, figures)])
    assert 2 in {groups["injured"].estimate.low, groups["injured"].estimate.high}


def test_victims_told_one_by_one_go_with_the_toll_read_by_difference() -> None:
    """Three shot and no death told: three injured, read by difference; the girl "in stable
    condition" is one of them, in the same group, and does not decide it."""
    docs = [doc("a", "Courier", "2016-05-07")]
    ems = [event("a", "the shooting in Marbury", type="shooting", date="2016-05-06")]
    on = {"subject_kind": "event", "subject_ref": ems[0].id}
    toll = claim(
        "a", "injured", 3, 3, start=10, label="people injured (3 hit, none reported dead)", **on
    )
    girl = claim("a", "injured", 1, 1, start=200, **on)
    picture = reconcile(docs, [], ems, [toll, girl])
    (group,) = [g for g in picture.groups if g.measure == "injured"]
    assert sorted(group.claims) == sorted([toll.id, girl.id])
    assert group.estimate.best == 3


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
    documents = {k: doc(k, None, "2016-05-06") for k in claims}
    memo, changes = PartsMemo(), Changes()

    def check() -> dict[str, str]:
        flat = sorted((c for cs in claims.values() for c in cs), key=lambda c: c.id)
        stored = {k: d for k, d in documents.items() if k in claims}
        changed = changes(flat, subjects, stored)
        warm = report_parts(flat, subjects, memo, changed)
        assert warm == report_parts(flat, subjects)
        return warm

    assert len(check()) == 2
    claims["a"][1] = dataclasses.replace(claims["a"][1], low=5, high=5)  # now the total
    assert check() == {claims["a"][0].id: claims["a"][1].id, claims["b"][1].id: claims["b"][0].id}
    subjects[claims["b"][1].id] = other  # another incident: no longer a part
    assert check() == {claims["a"][0].id: claims["a"][1].id}
    del claims["a"]
    assert check() == {} and set(memo.docs) == {"b"}


def test_victims_who_died_later_with_a_memo_equal_them_without_through_changes() -> None:
    """Only the incidents of changed reports are looked at again; the answer never differs
    from a call without the memo (a death reported, retold, withdrawn; a report re-dated)."""
    shooting = Subject("event", "e-1", "shooting")
    reports: dict[str, tuple[Document, list[Claim]]] = {
        "a": (doc("a", "Courier", "2016-05-06"), [claim("a", "injured", 1, 1, start=10)]),
        "b": (doc("b", "Herald", "2016-05-08"), [claim("b", "killed", 1, 1, start=10)]),
    }
    memo, changes = DiedMemo(), Changes()

    def check() -> frozenset[str]:
        flat = sorted((c for _, cs in reports.values() for c in cs), key=lambda c: c.id)
        subjects = dict.fromkeys((c.id for c in flat), shooting)
        documents = {k: d for k, (d, _) in reports.items()}
        changed = changes(flat, subjects, documents)
        parts = report_parts(flat, subjects)

        def published(c: Claim) -> str | None:
            return documents[c.doc_id].published

        warm = died_later(flat, subjects, parts, published, memo, changed)
        assert warm == died_later(flat, subjects, parts, published)
        return warm

    hurt = reports["a"][1][0].id
    assert check() == {hurt}
    reports["c"] = (doc("c", "Wire", "2016-05-07"), [claim("c", "injured", 1, 1, start=30)])
    assert check() == {hurt, reports["c"][1][0].id}
    reports["a"] = (dataclasses.replace(reports["a"][0], published="2016-05-09"), reports["a"][1])
    assert check() == {reports["c"][1][0].id}  # told after the death: someone who lived
    del reports["b"]
    assert check() == frozenset()
    assert not memo.out
