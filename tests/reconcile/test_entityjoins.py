"""Keys that came, joined to the joins kept, give the joins made from scratch."""

from __future__ import annotations

import dataclasses
import random

import pytest

from crosscheck.reconcile.entities import KeyCluster
from crosscheck.reconcile.entityjoins import CloseNames, join_new, joined

#: Names that share, spell closely or abbreviate one another (our own made-up actors).
NAMES = [
    "northern harbour front",
    "northern harbor front",
    "nhf",
    "river valley militia",
    "river valey militia",
    "rvm",
    "ada penn",
    "ada pen",
    "lev orlov",
    "orlov",
    "harbour",
]


def _acronym(name: str) -> str | None:
    words = name.split()
    return "".join(w[0] for w in words) if len(words) > 1 else None


def _cluster(rng: random.Random, key: str) -> KeyCluster:
    names = frozenset(rng.sample(NAMES, rng.randint(1, 2)))
    family = rng.choice(["org", "org", "person"])
    acronyms = tuple((family, a) for n in sorted(names) if (a := _acronym(n)))
    return KeyCluster(key, family, names, (), acronyms, rng.random() < 0.5)


@pytest.mark.parametrize("seed", range(8))
def test_keys_joined_as_they_come_equal_the_joins_made_anew(seed: int) -> None:
    rng = random.Random(seed)
    clusters = {f"k{i:03d}": _cluster(rng, f"k{i:03d}") for i in rng.sample(range(200), 6)}
    close: CloseNames = {}
    index = joined(clusters, 85, close)
    alone = again = 0
    for _ in range(40):
        came = {f"k{i:03d}" for i in rng.sample(range(200), rng.randint(1, 3))} - set(clusters)
        changes: dict[str, KeyCluster | None] = dict.fromkeys(came)
        clusters.update({k: _cluster(rng, k) for k in came})
        grown = rng.choice(sorted(set(clusters) - came))
        if rng.random() < 0.6:  # a key that gained a name, an acronym, or both
            old = clusters[grown]
            name = rng.choice([n for n in NAMES if _acronym(n)])
            how = rng.choice(["name", "acronym", "both"])
            names = old.names | {name} if how != "acronym" else old.names
            more = ((old.family, _acronym(name) or ""),) if how != "name" else ()
            clusters[grown] = dataclasses.replace(old, names=names, acronyms=old.acronyms + more)
            changes[grown] = old
        if join_new(index, changes, clusters, close):
            alone += 1
        else:
            again += 1
            index = joined(clusters, 85, close)
        assert index.groups() == joined(clusters, 85, {}).groups()
    assert alone  # most keys that come are joined alone


def test_a_new_smallest_key_that_looks_otherwise_makes_the_joins_again() -> None:
    """ "NHF" written as an acronym joins the front; a new smallest key whose "nhf" is no
    acronym undoes that join, which joining new keys alone cannot do."""
    front = KeyCluster(
        "k5", "org", frozenset({"northern harbour front"}), (), (("org", "nhf"),), False
    )
    short = KeyCluster("k7", "org", frozenset({"nhf"}), (), (), True)
    clusters = {"k5": front, "k7": short}
    index = joined(clusters, 85, {})
    assert index.groups() == [["k5", "k7"]]
    clusters["k1"] = KeyCluster("k1", "org", frozenset({"nhf"}), (), (), False)
    assert not join_new(index, {"k1": None}, clusters, {})
    assert joined(clusters, 85, {}).groups() == [["k1", "k7"], ["k5"]]


def test_a_key_that_gains_an_acronym_joins_the_name_it_abbreviates() -> None:
    short = KeyCluster("k1", "org", frozenset({"nhf"}), (), (), True)
    front = KeyCluster("k2", "org", frozenset({"harbour front"}), (), (), False)
    clusters = {"k1": short, "k2": front}
    index = joined(clusters, 85, {})
    assert index.groups() == [["k1"], ["k2"]]
    clusters["k2"] = dataclasses.replace(front, acronyms=(("org", "nhf"),))
    assert join_new(index, {"k2": front}, clusters, {})
    assert index.groups() == joined(clusters, 85, {}).groups() == [["k1", "k2"]]
