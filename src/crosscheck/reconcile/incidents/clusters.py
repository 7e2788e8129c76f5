"""Incidents from scored links between local incidents: constrained single linkage.

Links are taken strongest first; two groups are joined unless something in one rules out
something in the other (another type family, another date, a far-away town: see
:func:`crosscheck.reconcile.mentionfeatures.compatible`). Ties are broken by ids, so the
same links always give the same incidents. Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosscheck.reconcile.mentionfeatures import Features, compatible
from crosscheck.reconcile.unionfind import UnionFind


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """A scored link between two local incidents (``a`` < ``b``).

    ``checked``: the link must not join anything its mentions rule out. A comparison of two
    whole reports has weighed their dates and places already: it is taken unchecked.
    """

    strength: float
    a: str
    b: str
    checked: bool = True
    dates: bool = True  # False: a title-named report's dates are days of telling


#: Two groups are kept apart when more than this share of the pairs across them that can be
#: told rule each other out. One report whose incident took a recalled date ("last June 13")
#: rules out every report of the real one; it must not keep apart reports that all the
#: others tie together.
RULED_OUT_SHARE = 0.5


def _ruled_out(told: Sequence[float]) -> bool:
    """Most of the told pairs across two groups rule each other out (below zero)."""
    return sum(v < 0 for v in told) > RULED_OUT_SHARE * len(told)


def _specific(members: Iterable[Features]) -> list[Features]:
    return [f for f in members if not f.generic or f.date]


def cluster(
    nodes: Sequence[str],
    links: Iterable[Link],
    members: Callable[[str], Sequence[Features]],
    strength: Callable[[str, str], float | None] = lambda a, b: None,
    mean_strength: float = 0.0,
) -> list[list[str]]:
    """Group ``nodes`` (local incident ids) into incidents.

    Args:
        nodes: every local incident to place, each in exactly one incident.
        links: scored links; the strongest are taken first.
        members: the event-mention features of a local incident, to check checked links.
        strength: how strongly two nodes read as one incident (None: cannot be told; below
            zero: ruled out), for the test below.
        mean_strength: an unchecked link joins two groups only when the mean strength over
            all pairs across them that can be told reaches this (a pair ruled out counts as
            zero): a chain of reports each like the next must not join two that are nothing
            alike. It never joins two groups most of whose told pairs are ruled out.

    Returns:
        Incidents as sorted lists of node ids, sorted by their first id.
    """
    groups = UnionFind()
    held: dict[str, list[Features]] = {}
    inside: dict[str, list[str]] = {}
    for n in nodes:
        groups.add(n)
        held[n] = _specific(members(n))
        inside[n] = [n]
    for link in sorted(links, key=lambda x: (-x.strength, x.a, x.b)):
        ra, rb = groups.find(link.a), groups.find(link.b)
        if ra == rb:
            continue
        if link.checked and not all(
            compatible(x, y, link.dates) for x in held[ra] for y in held[rb]
        ):
            continue
        if not link.checked and mean_strength > 0:
            told = [v for x in inside[ra] for y in inside[rb] if (v := strength(x, y)) is not None]
            if _ruled_out(told) or (
                told and sum(max(v, 0.0) for v in told) / len(told) < mean_strength
            ):
                continue
        groups.union(ra, rb)
        root = groups.find(ra)
        other = rb if root == ra else ra
        held[root] = held[root] + held.pop(other)
        inside[root] = inside[root] + inside.pop(other)
    return sorted(groups.groups().values(), key=lambda g: g[0])


_Pair = tuple[str, str]


@dataclass
class ClusterMemo:
    """The last run's regions (nodes joined by links) and their incidents, with what they
    were made from: each region's links, and what each node's members and ``reads`` were."""

    links: list[Link] = field(default_factory=list)
    by_pair: dict[_Pair, tuple[Link, ...]] = field(default_factory=dict)
    inputs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: A region's first node -> its nodes, its links and its incidents.
    regions: dict[str, tuple[list[str], list[Link], list[list[str]]]] = field(default_factory=dict)


def _regions(links: Sequence[Link]) -> list[tuple[list[str], list[Link]]]:
    """The nodes that links join, as connected regions, each with its own links."""
    joined = UnionFind()
    for link in links:
        joined.union(link.a, link.b)
    of: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        of[joined.find(link.a)].append(link)
    return [(nodes, of[root]) for root, nodes in joined.groups().items()]


def _by_pair(links: Iterable[Link]) -> dict[_Pair, tuple[Link, ...]]:
    """The links of each pair of nodes (a pair may be linked twice: by its reports and by
    its mentions)."""
    out: dict[_Pair, tuple[Link, ...]] = {}
    for link in links:
        pair = (link.a, link.b)
        found = out.get(pair)
        out[pair] = (link,) if found is None else (*found, link)
    return out


def _touched(
    nodes: Sequence[str],
    links: list[Link],
    members: Callable[[str], Sequence[Features]],
    reads: Callable[[str], Hashable],
    memo: ClusterMemo,
) -> set[str]:
    """The nodes whose links, members or ``reads`` differ from the last run's (``memo`` is
    brought up to this run's)."""
    # Lists and tuples compare item by item, the very same object first: mostly identity
    # tests, and nothing to pair up when no link changed.
    touched: set[str] = set()
    if links != memo.links:
        by_pair = _by_pair(links)
        for pair, found in by_pair.items():
            if memo.by_pair.get(pair) != found:
                touched.update(pair)
        touched.update(n for pair in memo.by_pair.keys() - by_pair.keys() for n in pair)
        memo.links, memo.by_pair = links, by_pair
    inputs = memo.inputs
    for n in nodes:
        now = members(n), reads(n)
        if inputs.get(n) != now:
            inputs[n] = now
            touched.add(n)
    gone = inputs.keys() - set(nodes)
    for n in gone:
        del inputs[n]
    touched.update(gone)
    return touched


def cluster_regions(
    nodes: Sequence[str],
    links: Iterable[Link],
    members: Callable[[str], Sequence[Features]],
    strength: Callable[[str, str], float | None],
    mean_strength: float,
    reads: Callable[[str], Hashable],
    memo: ClusterMemo,
) -> list[list[str]]:
    """:func:`cluster`, one region at a time, a region's answer kept while it is unchanged.

    A link only ever joins groups of its own region (nodes connected by links), and the
    tests before a join read only the two groups' nodes, so each region is clustered on
    its own with the same answer. A region is made and clustered again only when one of
    its nodes is *touched*: its links, its members or what ``strength`` reads of it
    (``reads``) changed, or it came or went. An untouched region has the same nodes and
    links as before (a link that came or went touches both its ends, so joins and splits
    of regions are always made again).
    """
    touched = _touched(nodes, list(links), members, reads, memo)
    regions = {
        first: region
        for first, region in memo.regions.items()
        if not any(n in touched for n in region[0])
    }
    # The links of the touched regions: both ends of each such link are in them.
    redo = touched | {n for first, r in memo.regions.items() if first not in regions for n in r[0]}
    own_links = [x for p, xs in memo.by_pair.items() if p[0] in redo for x in xs]
    for region, own in _regions(own_links):
        regions[region[0]] = (region, own, cluster(region, own, members, strength, mean_strength))
    memo.regions = regions
    linked = {n for r in regions.values() for n in r[0]}
    out = [g for r in regions.values() for g in r[2]]
    out.extend([n] for n in nodes if n not in linked)
    return sorted(out, key=lambda g: g[0])


__all__ = ["ClusterMemo", "Link", "cluster", "cluster_regions"]
