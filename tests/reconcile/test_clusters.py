"""Constrained single linkage of local incidents (crosscheck.reconcile.incidents.clusters)."""

from __future__ import annotations

from crosscheck.reconcile.incidents.clusters import Link, cluster


def _told(pairs: dict[frozenset[str], float]):  # type: ignore[no-untyped-def]
    return lambda x, y: pairs.get(frozenset((x, y)))


def _groups(
    nodes: list[str], links: list[Link], pairs: dict[frozenset[str], float]
) -> list[list[str]]:
    return cluster(nodes, links, lambda n: (), _told(pairs), mean_strength=0.35)


def test_two_reports_that_rule_each_other_out_stay_apart_whatever_links_them() -> None:
    pairs = {frozenset(("p", "q")): -1.0}
    assert _groups(["p", "q"], [Link(0.95, "p", "q", checked=False)], pairs) == [["p"], ["q"]]


def test_one_report_with_a_recalled_date_does_not_split_an_incident_the_others_tie() -> None:
    # "r" rules out "t" (its incident took a date the report only recalled) but reads as one
    # with "s", which reads as one with "t": most pairs across {r, s} and {t} agree.
    pairs = {
        frozenset(("r", "s")): 0.97,
        frozenset(("s", "t")): 0.92,
        frozenset(("r", "t")): -1.0,
    }
    links = [Link(0.97, "r", "s", checked=False), Link(0.92, "s", "t", checked=False)]
    assert _groups(["r", "s", "t"], links, pairs) == [["r", "s", "t"]]


def test_a_group_most_of_whose_pairs_rule_a_report_out_does_not_take_it() -> None:
    pairs = {
        frozenset(("r", "s")): 0.97,
        frozenset(("s", "t")): 0.92,
        frozenset(("r", "t")): -1.0,
        frozenset(("u", "t")): -1.0,
        frozenset(("u", "r")): 0.9,
        frozenset(("u", "s")): 0.9,
    }
    links = [
        Link(0.97, "r", "s", checked=False),
        Link(0.95, "r", "u", checked=False),
        Link(0.92, "s", "t", checked=False),
    ]
    assert _groups(["r", "s", "t", "u"], links, pairs) == [["r", "s", "u"], ["t"]]
