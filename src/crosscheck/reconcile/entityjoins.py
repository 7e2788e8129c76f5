"""Which key clusters name one entity: joined by exact names, acronyms and close spellings.

:func:`joined` makes the joins of every cluster (the statement); a :class:`JoinIndex` keeps
what they were made of (the union-find, each name's keys, each acronym's keys, each block's
names), so that keys that came, or only gained names or acronyms, are joined to it alone
(:func:`join_new`). Those only ever add links, but one: a name's acronym links hang on its
smallest key looking like an acronym, so a new smallest key that looks otherwise is no
case for joining alone. That case, and keys that went or lost names, make the joins again.
Pure: no store.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from crosscheck.reconcile.text import tables
from crosscheck.reconcile.unionfind import UnionFind

if TYPE_CHECKING:
    from crosscheck.reconcile.entities import KeyCluster

#: (family, name) of a cluster's name or of an acronym it offers.
Named = tuple[str, str]
#: Close spellings already compared, per (threshold, family, first letter).
CloseNames = dict[tuple[int, str, str], dict[str, set[str]]]


def _similar(a: str, b: str, threshold: int) -> bool:
    if abs(len(a) - len(b)) > max(len(a), len(b)) * 0.2:
        return False
    if "".join(ch for ch in a if ch.isdigit()) != "".join(ch for ch in b if ch.isdigit()):
        return False
    return fuzz.ratio(a, b) >= threshold


def close_to(block: tuple[int, str, str], name: str, close: CloseNames) -> set[str]:
    """The names ever met in ``block`` within its threshold of ``name`` (each pair of names
    compared once, ever: a pair always compares the same)."""
    found = close.setdefault(block, {})
    if name not in found:
        found[name] = set()
        for other in list(found):
            if other != name and _similar(name, other, block[0]):
                found[name].add(other)
                found[other].add(name)
    return found[name]


def _single_word(name: str) -> bool:
    """A name an acronym may be: one word of letters."""
    return name.replace(" ", "").isalpha() and " " not in name


@dataclass
class JoinIndex:
    """The joins of the last run and what they were made of."""

    threshold: int
    joined: UnionFind = field(default_factory=UnionFind)
    #: Each (family, name)'s keys, sorted; each (family, acronym)'s keys offering it.
    by_name: dict[Named, list[str]] = field(default_factory=dict)
    by_acronym: dict[Named, list[str]] = field(default_factory=dict)
    #: The long names of each (family, first letter), compared for close spellings.
    blocks: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def groups(self) -> list[list[str]]:
        """The keys of each entity, each sorted, by smallest key."""
        return list(self.joined.groups().values())

    def _acronym_links(self, named: Named, clusters: Mapping[str, KeyCluster]) -> None:
        """Join a one-word name to the keys offering it as an acronym, when its smallest
        key looks like an acronym."""
        keys = self.by_name.get(named)
        if not keys or not _single_word(named[1]) or not clusters[keys[0]].looks_acronym:
            return
        for target in self.by_acronym.get(named, ()):
            self.joined.union(keys[0], target)

    def _close_links(self, named: Named, close: CloseNames) -> None:
        """Join a long name to the names of its block spelled closely."""
        family, name = named
        if len(name) < int(tables()["fuzzy_min_length"]):
            return
        block = self.blocks.setdefault((family, name[0]), set())
        block.add(name)
        near = close_to((self.threshold, family, name[0]), name, close) & block
        for other in sorted(near):
            self.joined.union(self.by_name[named][0], self.by_name[(family, other)][0])


def joined(clusters: Mapping[str, KeyCluster], threshold: int, close: CloseNames) -> JoinIndex:
    """The joins of every cluster: the same keys share an entity when they share a name,
    when one is the acronym of the other, or when their long names are spelled closely."""
    index = JoinIndex(threshold)
    for key in sorted(clusters):
        index.joined.add(key)
        c = clusters[key]
        for name in c.names:
            index.by_name.setdefault((c.family, name), []).append(key)
        for pair in c.acronyms:
            index.by_acronym.setdefault(pair, []).append(key)
    for keys in index.by_name.values():
        for other in keys[1:]:
            index.joined.union(keys[0], other)
    for named in sorted(index.by_name):
        index._acronym_links(named, clusters)
        index._close_links(named, close)
    return index


def _flips(index: JoinIndex, named: Named, new: KeyCluster, first: KeyCluster) -> bool:
    """Whether a new smallest key of ``named`` would change its acronym links."""
    if not index.by_acronym.get(named) or not _single_word(named[1]):
        return False
    return new.looks_acronym != first.looks_acronym


def grows(old: KeyCluster, new: KeyCluster) -> bool:
    """Whether ``new`` only adds names or acronyms to ``old`` (joins it alone may make)."""
    return (
        old.family == new.family
        and old.looks_acronym == new.looks_acronym
        and old.names <= new.names
        and set(old.acronyms) <= set(new.acronyms)
    )


def join_new(
    index: JoinIndex,
    changes: Mapping[str, KeyCluster | None],
    clusters: Mapping[str, KeyCluster],
    close: CloseNames,
) -> bool:
    """Join to ``index`` the keys that came (``changes``: None) or only grew (their cluster
    before, see :func:`grows`); every other key is as it was when ``index`` was made.

    Answers False, leaving ``index`` to be made again, when a key becomes the smallest key
    of a name with acronym links and looks otherwise than the one before it.
    """
    for key in sorted(changes):
        index.joined.add(key)
        c, old = clusters[key], changes[key]
        new_names: list[Named] = []
        for name in sorted(c.names - (old.names if old else frozenset())):
            named = (c.family, name)
            keys = index.by_name.setdefault(named, [])
            if keys and key < keys[0] and _flips(index, named, c, clusters[keys[0]]):
                return False
            if keys:
                index.joined.union(keys[0], key)
            else:
                new_names.append(named)
            bisect.insort(keys, key)
        had = set(old.acronyms) if old else set()
        for pair in c.acronyms:
            if pair not in had:
                bisect.insort(index.by_acronym.setdefault(pair, []), key)
                # The name it is the acronym of, when that name's smallest key looks like one.
                index._acronym_links(pair, clusters)
        for named in new_names:
            index._acronym_links(named, clusters)
            index._close_links(named, close)
    return True


__all__ = ["CloseNames", "JoinIndex", "close_to", "grows", "join_new", "joined"]
