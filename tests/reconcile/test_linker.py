"""Incremental incident linking must give, after any sequence of changes, what linking
everything from scratch gives.

Worlds are drawn at random (seeded) from a small pool of towns, days, venue names and
phrasings, so reports share places, names and days the way a real feed does; each step adds,
removes, re-dates or re-titles a report, and the warm answer is compared with a cold one.
"""

from __future__ import annotations

import copy
import dataclasses
import random

import pytest
from recon_records import doc, event, mention

from crosscheck.model import Document, EventMention, Mention
from crosscheck.reconcile import events
from crosscheck.reconcile.core import forget_memos
from crosscheck.reconcile.events import resolve_incidents
from crosscheck.reconcile.mainincident import forget_choices

TOWNS = ["Dunmore", "Kelby", "Arlow", "Penrith Vale"]
VENUES = ["Saint Brigid market", "Copper Mill depot", "Harbour stadium", "Elm Row checkpoint"]
TYPES = ["bombing", "attack", "shooting", "arrest"]
GENERIC = ["the attack", "the blast", "the raid", "the assault", "the explosion"]

World = tuple[list[Document], list[Mention], list[EventMention]]


def _report(rng: random.Random, n: int) -> tuple[Document, list[Mention], list[EventMention]]:
    doc_id = f"d{n:03d}"
    town = rng.choice(TOWNS)
    venue = rng.choice(VENUES)
    day = f"2041-03-{rng.randint(1, 6):02d}"
    kind = rng.choice(TYPES)
    title = rng.choice(
        [
            f"{kind.title()} at {venue} in {town}",
            f"{town} toll rises",
            f"Officials speak on {venue}",
        ]
    )
    published = f"2041-03-{rng.randint(2, 9):02d}"
    mentions = [mention(doc_id, town, "GPE", start=5)] if rng.random() < 0.8 else []
    ems = []
    start = 0
    for _ in range(rng.randint(1, 4)):
        start += rng.randint(20, 60)
        if rng.random() < 0.5:
            ems.append(
                event(
                    doc_id,
                    f"{kind} at the {venue}" if rng.random() < 0.7 else f"{kind} in {town}",
                    type=kind,
                    date=day if rng.random() < 0.7 else None,
                    location=town if rng.random() < 0.8 else None,
                    country="Ruritania",
                    start=start,
                )
            )
        else:
            ems.append(
                event(
                    doc_id,
                    rng.choice(GENERIC),
                    type=rng.choice([kind, "attack"]),
                    date=published if rng.random() < 0.3 else None,
                    start=start,
                )
            )
    return doc(doc_id, rng.choice(["Post", "Times", "Wire"]), published, title=title), mentions, ems


def _world(rng: random.Random, n: int) -> World:
    docs: list[Document] = []
    mentions: list[Mention] = []
    ems: list[EventMention] = []
    for i in range(n):
        d, ms, es = _report(rng, i)
        docs.append(d)
        mentions.extend(ms)
        ems.extend(es)
    return docs, mentions, ems


def _answer(world: World) -> str:
    docs, mentions, ems = world
    found, mains = resolve_incidents(ems, docs, mentions)
    return repr((found, sorted(mains.items())))


def _cold(world: World) -> str:
    forget_memos()
    forget_choices()
    out = _answer(copy.deepcopy(world))
    forget_memos()
    return out


def _step(rng: random.Random, world: World, n: int) -> World:
    docs, mentions, ems = world
    action = rng.choice(["add", "add", "remove", "redate", "retitle"])
    if action == "add" or not docs:
        d, ms, es = _report(rng, n)
        return [*docs, d], [*mentions, *ms], [*ems, *es]
    victim = rng.choice(docs).id
    if action == "remove":
        return (
            [d for d in docs if d.id != victim],
            [m for m in mentions if m.doc_id != victim],
            [e for e in ems if e.doc_id != victim],
        )
    if action == "redate":
        later = f"2041-03-{rng.randint(2, 20):02d}"
        return (
            [dataclasses.replace(d, published=later) if d.id == victim else d for d in docs],
            mentions,
            ems,
        )
    title = f"{rng.choice(VENUES)} in {rng.choice(TOWNS)}"
    return (
        [dataclasses.replace(d, title=title) if d.id == victim else d for d in docs],
        mentions,
        ems,
    )


@pytest.mark.parametrize("seed", range(30))
def test_warm_linking_equals_cold_after_every_step(seed: int) -> None:
    rng = random.Random(seed)
    world = _world(rng, 14)
    forget_memos()
    assert _answer(world) == _cold(world)
    _answer(world)  # warm from here on
    for n in range(14, 34):
        world = _step(rng, world, n)
        warm = _answer(world)
        assert warm == _cold(world), f"step {n}"
        _answer(world)  # the cold check reset the memos: warm them again on this world


def test_a_report_far_from_the_others_relinks_only_its_own_incidents() -> None:
    rng = random.Random(7)
    world = _world(rng, 20)
    forget_memos()
    _answer(world)
    docs, mentions, ems = world
    far = doc("zz", "Gazette", "2041-06-01", title="Riot in Northport harbour")
    extra = event(
        "zz",
        "riot at the Northport harbour",
        type="riot",
        date="2041-05-30",
        location="Northport",
        country="Elbonia",
        start=0,
    )
    _answer(([*docs, far], mentions, [*ems, extra]))
    assert events._STATE.linker.changed == {extra.id}
