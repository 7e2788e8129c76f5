"""The Reconciler: every warm update equals the pure reconcile of the same records.

Random sequences of changes (reports added, removed, re-dated, retitled, figures changed,
corrections made) are applied one delta at a time; after each, the Reconciler's picture must
be the very picture :func:`crosscheck.reconcile.reconcile` makes from scratch.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from recon_records import claim, doc, event, mention, records

from crosscheck.analysis.profile import profile
from crosscheck.model import Correction
from crosscheck.reconcile import Delta, DocRecords, Reconciler, Records, picture_delta, reconcile

TOWNS = [
    ("Port Vale", (10.0, 20.0)),
    ("Lowtown", (11.0, 21.0)),
    ("Ashford", (40.0, -3.0)),
    ("Kestrel", (-5.0, 35.0)),
]


def _report(k: int, rng: random.Random) -> DocRecords:
    town, coords = rng.choice(TOWNS)
    day = rng.randint(1, 6)
    doc_id = f"r{k:03d}"
    text = (
        f"Gunmen attacked the market in {town} on {day} March, police said. "
        f"Officer {rng.choice(['Ada Penn', 'Lev Orlov', 'Ines Moro'])} said {rng.randint(1, 9)} died."
    )
    d = doc(
        doc_id,
        rng.choice(["Courier", "Herald", "Wire", None]),
        f"2031-03-{day + rng.randint(0, 2):02d}",
        title=f"Attack in {town}",
        text=text,
    )
    em = event(
        doc_id,
        f"attack on the market in {town}",
        date=f"2031-03-{day:02d}",
        location=town,
        country="Freedonia",
        coords=coords,
        start=10,
    )
    vague = event(doc_id, "the attack", start=120)
    toll = rng.randint(1, 9)
    claims = (
        claim(doc_id, "killed", toll, toll, start=150, subject_kind="event", subject_ref=em.id),
        claim(doc_id, "injured", toll + 2, None, start=170, subject_kind="event"),
    )
    mentions = (mention(doc_id, town, "GPE", start=40),)
    return DocRecords(d, mentions, (em, vague), claims, profile(doc_id, d.title, d.text))


def _step(records: Records, rng: random.Random, k: int) -> Delta:
    docs = records.ordered()
    choice = rng.choice(["add", "add", "remove", "redate", "retitle", "refigure", "correct"])
    if choice == "add" or not docs:
        return Delta(upserts=(_report(1000 + k, rng),))
    target = rng.choice(docs)
    if choice == "remove":
        return Delta(removals=(target.id,))
    if choice == "redate":
        ems = tuple(
            dataclasses.replace(em, date=f"2031-03-{rng.randint(1, 9):02d}") if em.date else em
            for em in target.event_mentions
        )
        return Delta(upserts=(dataclasses.replace(target, event_mentions=ems),))
    if choice == "retitle":
        document = dataclasses.replace(target.document, title=f"Report {k}", outlet="Ledger")
        return Delta(upserts=(dataclasses.replace(target, document=document),))
    if choice == "refigure":
        cs = tuple(dataclasses.replace(c, low=c.low + 1 if c.low else 1) for c in target.claims)
        return Delta(upserts=(dataclasses.replace(target, claims=cs),))
    kind = rng.choice(["reject", "confirm"])
    new = Correction(
        "claim", target.claims[0].id, kind, id=k, created_at=f"2031-04-{k % 28 + 1:02d}"
    )
    return Delta(corrections=(*records.corrections, new))


@pytest.mark.parametrize("seed", range(6))
def test_warm_updates_equal_the_pure_reconcile(seed: int) -> None:
    rng = random.Random(seed)
    reconciler = Reconciler()
    start = tuple(_report(k, rng) for k in range(8))
    picture, _ = reconciler.update(Delta(upserts=start))
    assert picture == reconcile(reconciler.records)
    for k in range(25):
        before = reconciler.picture
        delta = _step(reconciler.records, rng, k)
        picture, changes = reconciler.update(delta)
        assert picture == reconcile(reconciler.records), f"step {k}: {delta}"
        assert changes == picture_delta(before, picture)


def test_an_update_that_changes_nothing_changes_nothing() -> None:
    rng = random.Random(7)
    reconciler = Reconciler()
    picture, _ = reconciler.update(Delta(upserts=tuple(_report(k, rng) for k in range(5))))
    again, changes = reconciler.update(Delta())
    assert again == picture and changes.empty


def test_the_same_records_in_any_order_give_the_same_picture() -> None:
    rng = random.Random(3)
    reports = [_report(k, rng) for k in range(10)]
    forward, backward = Reconciler(), Reconciler()
    for r in reports:
        forward.update(Delta(upserts=(r,)))
    backward.update(Delta(upserts=tuple(reversed(reports))))
    assert forward.picture == backward.picture == reconcile(Records({r.id: r for r in reports}))


def test_dropping_the_reconciler_forgets_everything() -> None:
    """A new Reconciler knows nothing of an old one: nothing is kept at module level."""
    rng = random.Random(11)
    first = Reconciler()
    first.update(Delta(upserts=tuple(_report(k, rng) for k in range(4))))
    second = Reconciler()
    assert second.records.docs == {} and second.picture.groups == []
    plain = records([doc("x", "Courier", "2031-03-02")])
    assert second.update(Delta(upserts=tuple(plain.docs.values())))[0] == reconcile(plain)
