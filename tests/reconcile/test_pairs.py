"""The incremental pair index always equals scoring every candidate pair from scratch."""

from __future__ import annotations

import random

import pytest
from recon_records import event

from crosscheck.reconcile.mentionfeatures import Features, compatible, features, score
from crosscheck.reconcile.pairs import PairIndex, block_keys

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
