"""The incremental pair index always equals scoring every candidate pair from scratch."""

from __future__ import annotations

import dataclasses
import random

import pytest
from recon_records import event

from crosscheck.reconcile.mentionfeatures import Features, compatible, features, score
from crosscheck.reconcile.pairs import PairIndex, Signature, _agree, block_keys, signature

PLACES = ["Lakeside", "Harbour Town", "Old Mill", None]
WORDS = ["market", "stadium", "bridge", "depot", "the attack"]


def _mentions(rng: random.Random, n: int) -> list[Features]:
    out = []
    for i in range(n):
        day = rng.choice(["2031-03-01", "2031-03-02", None])
        em = event(
            f"doc{rng.randrange(6)}",
            f"the {rng.choice(PLACES) or ''} {rng.choice(WORDS)} blast",
            date=day,
            location=rng.choice(PLACES),
            country=rng.choice(["Freedonia", None]),
            start=i * 10,
        )
        out.append(features(em))
    return out


def _brute(feats: set[Features], limit: int, threshold: int) -> set[tuple[str, str, int]]:
    blocks: dict[tuple[str, str], list[Features]] = {}
    for f in feats:
        for key in block_keys(f):
            blocks.setdefault(key, []).append(f)
    out = set()
    for members in blocks.values():
        if len(members) > limit:
            continue
        for a in members:
            for b in members:
                if a.id >= b.id or a.underspecified or b.underspecified:
                    continue
                if compatible(a, b) and score(a, b) >= threshold:
                    out.add((a.id, b.id, score(a, b)))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pair_index_equals_from_scratch_as_mentions_come_and_go(seed: int) -> None:
    rng = random.Random(seed)
    pool = _mentions(rng, 40)
    index = PairIndex()
    index.limit = 6  # small, so blocks cross the limit both ways
    current: set[Features] = set()
    for _ in range(25):
        if current and rng.random() < 0.3:
            gone = rng.randint(1, min(4, len(current)))
            current -= set(rng.sample(sorted(current, key=lambda f: f.id), gone))
        else:
            current |= set(rng.sample(pool, rng.randint(1, 5)))
        index.update(current)
        got = {(a.id, b.id, v) for v, a, b in index.pairs()}
        assert got == _brute(current, index.limit, index.threshold)


# Lakeside and Harbour Town are ~35 km apart across a band edge; Old Mill is far north.
POINTS = {"Lakeside": (10.52, 20.0), "Harbour Town": (10.85, 20.1), "Old Mill": (14.0, 20.0)}


def _varied(rng: random.Random, n: int) -> list[Features]:
    """Mentions of mixed types, date precisions, countries and report contexts."""
    out = []
    for i in range(n):
        precision = rng.choice(["day", "month", "year"])
        day = rng.choice(["2031-03-01", "2031-03-20", "2031-04-02", "2032-03-01", None])
        em = event(
            f"doc{rng.randrange(4)}",
            rng.choice(["the Lakeside market blast", "the attack", "raids near Old Mill"]),
            type=rng.choice(["bombing", "attack", "arrest", "protest"]),
            date=day,
            precision=precision,
            location=(place := rng.choice(PLACES)),
            country=rng.choice(["Freedonia", "Sylvania", None]),
            coords=POINTS.get(place or ""),
            start=i * 10,
        )
        f = features(em)
        if f.generic and rng.random() < 0.5:
            f = dataclasses.replace(f, context_country=rng.choice(["freedonia", "sylvania"]))
        out.append(f)
    return out


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_compatible_mentions_always_have_agreeing_signatures(seed: int) -> None:
    feats = _varied(random.Random(seed), 60)
    compatible_pairs = [(a, b) for a in feats for b in feats if a is not b and compatible(a, b)]
    assert compatible_pairs  # the sample must exercise the claim
    for a, b in compatible_pairs:
        assert _agree(signature(a), signature(b)), (a, b)


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        (("violent", "2031-03", "freedonia", 3), ("violent", "2031", None, 4), True),
        (("violent", "2031-03", "freedonia", 3), ("violent", "2031-04", "freedonia", 3), False),
        (("violent", None, "freedonia", None), ("violent", "2031-04", "sylvania", None), False),
        (("violent", None, None, None), ("arrest", None, None, None), False),
        (("violent", "2032", None, None), ("violent", "2031-04", None, None), False),
        (("violent", None, None, 3), ("violent", None, None, 5), False),
        (("violent", None, None, 3), ("violent", None, None, None), True),
    ],
)
def test_signatures_agree_only_where_compatibility_is_possible(
    one: Signature, other: Signature, agree: bool
) -> None:
    assert _agree(one, other) is agree
    assert _agree(other, one) is agree


@pytest.mark.parametrize("seed", [7, 8])
def test_an_index_filled_at_once_equals_one_filled_mention_by_mention(seed: int) -> None:
    pool = _varied(random.Random(seed), 50)
    at_once, one_by_one = PairIndex(), PairIndex()
    at_once.limit = one_by_one.limit = 12
    at_once.update(pool)
    for n in range(1, len(pool) + 1):
        one_by_one.update(pool[:n])
    got = {(a.id, b.id, v) for v, a, b in at_once.pairs()}
    assert got == {(a.id, b.id, v) for v, a, b in one_by_one.pairs()}
    assert got == _brute(set(pool), at_once.limit, at_once.threshold)
