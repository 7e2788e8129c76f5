"""Constrained single linkage of local incidents (crosscheck.reconcile.incidents.clusters)."""

from __future__ import annotations

from crosscheck.reconcile.incidents.clusters import ClusterMemo, Link, cluster, cluster_regions


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


def test_clustering_by_region_with_a_memo_equals_clustering_all_at_once() -> None:
    """Regions are clustered again only when they change; the incidents never differ from
    one plain clustering, as nodes are added, re-scored, joined to other regions and removed."""
    pairs = {
        frozenset(("r", "s")): 0.97,
        frozenset(("s", "t")): 0.92,
        frozenset(("r", "t")): -1.0,
        frozenset(("u", "v")): 0.9,
    }
    links = [
        Link(0.97, "r", "s", checked=False),
        Link(0.92, "s", "t", checked=False),
        Link(0.9, "u", "v", checked=False),
    ]
    nodes = ["r", "s", "t", "u", "v", "w"]
    version = dict.fromkeys(nodes, 0)
    memo = ClusterMemo()
    asked: list[tuple[str, str]] = []

    def told(x: str, y: str) -> float | None:
        asked.append((x, y))
        return pairs.get(frozenset((x, y)))

    def check() -> list[list[str]]:
        warm = cluster_regions(nodes, links, lambda n: (), told, 0.35, version.get, memo)
        assert warm == _groups(nodes, links, pairs)
        return warm

    assert check() == [["r", "s", "t"], ["u", "v"], ["w"]]
    asked.clear()
    assert check() == [["r", "s", "t"], ["u", "v"], ["w"]] and asked == []  # all reused
    pairs[frozenset(("s", "t"))] = -1.0  # t is re-read and now ruled out by both
    version["t"] += 1
    assert check() == [["r", "s"], ["t"], ["u", "v"], ["w"]]
    links.append(Link(0.95, "s", "u", checked=False))  # two regions become one
    pairs[frozenset(("s", "u"))] = 0.95
    assert check() == [["r", "s", "u", "v"], ["t"], ["w"]]
    nodes.remove("v")
    links[:] = [x for x in links if "v" not in (x.a, x.b)]
    assert check() == [["r", "s", "u"], ["t"], ["w"]]
