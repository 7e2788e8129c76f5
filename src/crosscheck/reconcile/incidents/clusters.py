"""Incidents from scored links between local incidents: constrained single linkage.

Links are taken strongest first; two groups are joined unless something in one rules out
something in the other (another type family, another date, a far-away town: see
:func:`crosscheck.reconcile.mentionfeatures.compatible`). Ties are broken by ids, so the
same links always give the same incidents. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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


__all__ = ["Link", "cluster"]
