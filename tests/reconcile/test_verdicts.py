"""Verdicts, estimates and reasons on hand-made claim groups."""

from __future__ import annotations

import pytest
from recon_records import claim, doc, event
from recon_records import reconcile_all as reconcile

from crosscheck.model import ClaimGroup, Correction

# (outlet, published, low, high, extra claim fields)
Row = tuple[str | None, str, float | None, float | None, dict]


def _event_group(measure: str, rows: list[Row]) -> ClaimGroup:
    """One incident reported by several documents, each giving one figure about it."""
    docs, ems, claims = [], [], []
    for i, (outlet, published, low, high, extra) in enumerate(rows):
        d = doc(f"d{i}", outlet, published)
        em = event(
            d.id,
            "the Riverside market bombing",
            type="bombing",
            date="2031-05-02",
            location="Riverside",
            country="Freedonia",
            start=0,
        )
        docs.append(d)
        ems.append(em)
        claims.append(
            claim(
                d.id,
                measure,
                low,
                high,
                start=100,
                subject_kind="event",
                subject_ref=em.id,
                **extra,
            )
        )
    picture = reconcile(docs, [], ems, claims, [])
    assert len(picture.events) == 1
    assert len(picture.groups) == 1
    return picture.groups[0]


def _stat_group(rows: list[Row], measure: str = "percent") -> list[ClaimGroup]:
    docs: dict[str, object] = {}
    claims = []
    for outlet, published, low, high, extra in rows:
        # Rows from one outlet on one day come from one document.
        d = docs.setdefault(
            f"s-{outlet}-{published}", doc(f"s-{outlet}-{published}", outlet, published)
        )
        extra = {"counted": "population muslim", **extra}
        claims.append(
            claim(
                d.id,
                measure,
                low,
                high,
                start=50 + 10 * len(claims),
                subject_kind="entity",
                subject_name="Freedonia",
                **extra,
            )
        )
    return reconcile(list(docs.values()), [], [], claims, []).groups  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rows", "status", "sources"),
    [
        ([("A", "2031-05-03", 12, 12, {})], "single", 1),
        ([("A", "2031-05-03", 12, 12, {}), ("A", "2031-05-04", 30, 30, {})], "single", 1),
        ([("A", "2031-05-03", 12, 12, {}), ("B", "2031-05-03", 12, 12, {})], "corroborated", 2),
        ([("A", "2031-05-03", 93, None, {}), ("B", "2031-05-03", None, 100, {})], "consistent", 2),
        ([("A", "2031-05-03", 40, 40, {}), ("B", "2031-05-03", 60, 60, {})], "conflict", 2),
        ([("A", "2031-05-03", 40, 40, {}), ("B", "2031-05-05", 60, 60, {})], "evolving", 2),
        # A falling toll is not explained by time.
        ([("A", "2031-05-03", 60, 60, {}), ("B", "2031-05-05", 40, 40, {})], "conflict", 2),
        # An open "more than" overlaps everything above it, but later exact figures that do not
        # overlap each other still rise with time: evolving, not consistent.
        (
            [
                ("A", "2031-05-02", 100, None, {}),
                ("B", "2031-05-03", 145, 145, {}),
                ("C", "2031-05-04", 182, 182, {}),
                ("D", "2031-05-09", 360, None, {}),
            ],
            "evolving",
            4,
        ),
        (
            [
                ("A", "2031-05-02", 100, None, {}),
                ("B", "2031-05-03", 145, 145, {}),
                ("C", "2031-05-04", 182, 182, {}),
                ("D", "2031-05-09", 150, 150, {}),
            ],
            "conflict",
            4,
        ),
        ([(None, "2031-05-03", 12, 12, {}), (None, "2031-05-03", 12, 12, {})], "corroborated", 2),
        # about 100 vs 103: approximate figures get a small tolerance.
        (
            [
                ("A", "2031-05-03", 100, 100, {"approximate": True}),
                ("B", "2031-05-03", 103, 103, {}),
            ],
            "consistent",
            2,
        ),
    ],
)
def test_event_count_status(rows: list[Row], status: str, sources: int) -> None:
    group = _event_group("killed", rows)
    assert group.status == status
    assert group.sources == sources
    assert group.reason


def test_rising_toll_estimate_takes_latest_as_best() -> None:
    group = _event_group(
        "killed",
        [
            ("A", "2031-05-02", 130, None, {}),
            ("B", "2031-05-06", 145, 145, {}),
            ("C", "2031-05-04", 140, 140, {}),
        ],
    )
    assert group.status == "evolving"
    assert (group.estimate.low, group.estimate.best, group.estimate.high) == (130, 145, 145)
    assert group.conservative == 130
    assert "supersedes" in group.reason and "145" in group.reason
    assert "rose" in group.reason


def test_estimate_best_is_most_supported_value() -> None:
    group = _event_group(
        "injured",
        [
            ("A", "2031-05-03", 50, 50, {}),
            ("B", "2031-05-03", 50, 50, {}),
            ("C", "2031-05-03", 40, 60, {}),
        ],
    )
    assert group.status == "consistent"
    assert group.estimate.best == 50
    assert (group.estimate.low, group.estimate.high) == (40, 60)
    # Every number names the claim it came from.
    for name in ("low", "best", "high"):
        assert f"{name} " in group.reason
    assert group.reason.count(" from c-") == 3


def test_tolls_equally_supported_take_the_higher_but_shares_the_lower() -> None:
    """One report counts the victim who died at the scene, another both who died: the lower
    toll is more often a piece than the higher one an error. A share has no such bias."""
    toll = _event_group("killed", [("A", "2031-05-03", 1, 1, {}), ("B", "2031-05-03", 2, 2, {})])
    assert (toll.status, toll.estimate.best) == ("conflict", 2)
    (share,) = _stat_group([("A", "2032-01-01", 98, 98, {}), ("B", "2032-01-01", 95, 95, {})])
    assert share.estimate.best == 95


def test_population_statistic_within_a_week_is_conflict() -> None:
    groups = _stat_group([("A", "2032-01-01", 98, 98, {}), ("B", "2032-01-05", 95, 95, {})])
    assert [g.status for g in groups] == ["conflict"]
    assert "98%" in groups[0].reason and "95%" in groups[0].reason


def test_statistic_with_different_as_of_is_evolving() -> None:
    groups = _stat_group(
        [
            ("A", "2032-01-01", 6500, 6500, {"as_of": "2029", "counted": "fighters"}),
            ("B", "2032-01-05", 4000, 4000, {"as_of": "2031", "counted": "fighters"}),
        ],
        measure="count",
    )
    assert [g.status for g in groups] == ["evolving"]


def test_time_series_in_one_document_splits_groups() -> None:
    groups = _stat_group(
        [
            ("A", "2032-01-01", 41, 41, {"as_of": "2027", "counted": "support for restrictions"}),
            ("A", "2032-01-01", 63, 63, {"as_of": "2030", "counted": "support for restrictions"}),
            ("B", "2032-02-01", 41, 41, {"counted": "support of restriction"}),
            ("B", "2032-02-01", 63, 63, {"counted": "support for restrictions"}),
        ]
    )
    assert len(groups) == 2
    assert sorted(g.status for g in groups) == ["corroborated", "corroborated"]
    assert sorted(g.estimate.best for g in groups) == [41, 63]


def test_rejected_claim_leaves_the_verdict() -> None:
    d0, d1 = doc("r0", "A", "2032-01-01"), doc("r1", "B", "2032-01-01")
    c0 = claim(
        "r0",
        "rank",
        160,
        160,
        start=1,
        subject_kind="entity",
        subject_name="Freedonia",
        counted="gdp per capita",
    )
    c1 = claim(
        "r1",
        "rank",
        171,
        171,
        start=1,
        subject_kind="entity",
        subject_name="Freedonia",
        counted="gdp per capita",
    )
    before = reconcile([d0, d1], [], [], [c0, c1], [])
    assert before.groups[0].status == "conflict"
    reject = Correction("claim", c1.id, "reject", id=1)
    after = reconcile([d0, d1], [], [], [c0, c1], [reject])
    assert after.groups[0].status == "single"
    assert c1.id in after.groups[0].claims
    assert after.groups[0].estimate.best == 160
