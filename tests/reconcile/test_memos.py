"""Remembered work between reconciles: a warm reconcile must equal a cold one.

Entity clusters, subject tables, stored events, group splits and verdicts are remembered
between calls and reused when their inputs are the same. A sequence of worlds (a report
added, one removed, one re-processed, analyst corrections made and withdrawn) is reconciled
call after call, unchanged reports keeping their very record objects as the pipeline does;
after every step the picture must be the one a reconcile with nothing remembered gives.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import pytest
from recon_records import claim, doc, event, mention

from crosscheck.model import Claim, Correction, Document, EventMention, Mention, Picture
from crosscheck.reconcile import reconcile
from crosscheck.reconcile.core import forget_memos
from crosscheck.reconcile.entities import build_entity, build_entity_cached, resolve_entities
from crosscheck.reconcile.prepared import prepare_mentions


@dataclasses.dataclass
class Report:
    document: Document
    mentions: list[Mention]
    events: list[EventMention]
    claims: list[Claim]


World = tuple[dict[str, Report], list[Correction]]


def _report(doc_id: str, outlet: str, day: str, toll: int, group: str, place: str) -> Report:
    ems = [
        event(
            doc_id,
            f"the {place} market bombing",
            type="bombing",
            date="2040-05-01",
            location=place,
            country="Ruritania",
            start=0,
        ),
        event(doc_id, "the blast", type="bombing", start=60),
        event(doc_id, "the police raid", type="arrest", date="2040-05-02", start=90),
    ]
    ms = [
        mention(doc_id, group, "ARMED_GROUP", start=120),
        mention(doc_id, place, "GPE", start=160),
        mention(doc_id, "Ruritania", "GPE", start=180),
    ]
    cs = [
        claim(doc_id, "killed", toll, toll, start=200, subject_kind="event", subject_ref=ems[1].id),
        claim(
            doc_id,
            "count",
            toll * 40,
            toll * 40,
            start=300,
            subject_kind="entity",
            subject_name=group,
            counted="fighters",
        ),
        claim(doc_id, "percent", 12, 12, start=400, counted="unemployment rate"),
        # Matched by the words of its subject phrase, then through the arrest to the attack
        # named in the same sentence: both read the per-report event tables.
        claim(
            doc_id,
            "injured",
            toll * 2,
            toll * 2,
            start=500,
            subject_kind="event",
            subject_name=f"the {place} market bombing",
        ),
        claim(
            doc_id,
            "arrested",
            3,
            3,
            start=10,
            subject_kind="event",
            subject_ref=ems[2].id,
            sentence=ems[0].sentence,
        ),
    ]
    return Report(doc(doc_id, outlet, day), ms, ems, cs)


def _base() -> World:
    reports = [
        _report("m1", "Harbour Herald", "2040-05-02", 14, "Red Dawn Brigade", "Eastport"),
        _report("m2", "Valley Courier", "2040-05-03", 17, "Red Dawn Brigades", "Eastport"),
        _report("m3", "", "2040-05-03", 17, "RDB", "Eastport"),
    ]
    return {r.document.id: r for r in reports}, []


def _add(world: World) -> World:
    reports, corr = world
    extra = _report("m4", "Coast Daily", "2040-05-06", 21, "Red Dawn Brigade", "Eastport")
    return {**reports, "m4": extra}, corr


def _remove(world: World) -> World:
    """Drop the report holding the smallest event-mention id: the incident's id changes."""
    reports, corr = world
    first = min(reports.values(), key=lambda r: min(e.id for e in r.events))
    return {k: v for k, v in reports.items() if v is not first}, corr


def _relabel(world: World) -> World:
    """Same records, but two reports now come from one outlet (one source less)."""
    reports, corr = world
    keys = sorted(reports)[:2]
    outlet = reports[keys[0]].document.outlet or "Harbour Herald"
    moved = {
        k: dataclasses.replace(r, document=dataclasses.replace(r.document, outlet=outlet))
        for k, r in reports.items()
        if k in keys
    }
    return {**reports, **moved}, corr


def _reprocess(world: World) -> World:
    """A report extracted again: fresh objects, one figure and one name changed."""
    reports, corr = world
    key = sorted(reports)[0]
    fresh = copy.deepcopy(reports[key])
    fresh.claims[0] = dataclasses.replace(fresh.claims[0], low=15, high=15)
    fresh.mentions[0] = dataclasses.replace(fresh.mentions[0], text="Red Dawn Front")
    return {**reports, key: fresh}, corr


def _correct(world: World) -> World:
    reports, corr = world
    picture = _cold(world)
    killed = next(g for g in picture.groups if g.measure == "killed" and len(g.claims) > 1)
    entity = next(e for e in picture.entities if len(e.mention_ids) > 1)
    alias = sorted(entity.aliases)[0]
    event_ids = sorted(e.id for e in picture.events)
    added = [
        Correction("claim", killed.claims[0], "reject", id=1),
        Correction("claim", killed.claims[-1], "edit", {"low": 30, "high": 30}, id=2),
        Correction("entity", entity.id, "split", {"aliases": [alias]}, id=3),
        Correction("event", event_ids[0], "merge", {"ids": event_ids[:2]}, id=4),
    ]
    return reports, [*corr, *added]


def _withdraw(world: World) -> World:
    return world[0], []


def _call(world: World) -> Picture:
    reports, corr = world
    rs = [reports[k] for k in sorted(reports)]
    return reconcile(
        [r.document for r in rs],
        [m for r in rs for m in r.mentions],
        [e for r in rs for e in r.events],
        [c for r in rs for c in r.claims],
        corr,
    )


def _cold(world: World) -> Picture:
    """The picture with nothing remembered and no record object shared with warm calls."""
    forget_memos()
    return _call(copy.deepcopy(world))


Step = Callable[[World], World]
SEQUENCES: dict[str, list[Step]] = {
    "add-remove-reprocess": [_add, _remove, _reprocess, _relabel],
    "reprocess-add-correct": [_reprocess, _add, _correct, _withdraw, _remove],
    "correct-remove-add": [_correct, _relabel, _remove, _add, _reprocess, _withdraw],
}


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_warm_reconcile_equals_cold_after_each_change(name: str) -> None:
    world = _base()
    forget_memos()
    _call(world)
    for step in SEQUENCES[name]:
        world = step(world)
        want = _cold(world)
        # The cold call left memos of its own copies: the same world's records must not
        # be mistaken for them, and a repeated call must hit its own.
        assert repr(_call(world)) == repr(want), step.__name__
        assert repr(_call(world)) == repr(want), f"{step.__name__} (second call)"


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_memos_from_the_previous_world_give_the_cold_answer(name: str) -> None:
    """Warm from the world before each change (not from a cold call of the new one)."""
    world = _base()
    forget_memos()
    previous = _call(world)
    for step in SEQUENCES[name]:
        changed = step(world)
        forget_memos()
        _call(world)  # the memos describe the world before the change
        got = _call(changed)
        assert repr(got) == repr(_cold(changed)), step.__name__
        assert repr(got) != repr(previous) or step is _withdraw
        world, previous = changed, got


def test_handed_out_records_can_be_changed_without_changing_the_next_answer() -> None:
    world = _base()
    forget_memos()
    first = _call(world)
    for e in first.entities:
        e.mention_ids.append("m-bogus")
        e.aliases["bogus"] = ["x"]
    for ev in first.events:
        ev.mention_ids.clear()
    for g in first.groups:
        g.claims.append("c-bogus")
    assert repr(_call(world)) == repr(_cold(world))


@pytest.mark.parametrize("reverse", [False, True])
def test_cached_entity_ignores_member_order(reverse: bool) -> None:
    ms = prepare_mentions(
        [
            mention("q1", "Blue Lantern Society", "ORG", start=0),
            mention("q2", "the Blue Lantern Society", "ORG", key="blue lantern society"),
            mention("q3", "BLS", "ORG", key="blue lantern society", start=40),
        ]
    )
    forget_memos()
    first = build_entity_cached("n-x", ms)
    again = build_entity_cached("n-x", list(reversed(ms)) if reverse else ms)
    assert again == first == build_entity("n-x", ms)
    changed = build_entity_cached("n-x", ms[:2])
    assert changed == build_entity("n-x", ms[:2]) != first


def _named(text: str, key: str, doc_id: str = "k2") -> Mention:
    return mention(doc_id, text, "ARMED_GROUP", key=key, start=50)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Same keys; the short form stops looking like an acronym: the two come apart.
        (("RDB", "rdb"), ("Rdb", "rdb")),
        # Same keys; the other key now also carries the full name: the two come together.
        (("Ridgeback", "rdb"), ("Red Dawn Brigade", "rdb")),
        # A mention moves to a key of its own: a key appears, another goes.
        (("RDB", "rdb"), ("Rdb", "rdb-2")),
    ],
)
def test_entities_relink_when_names_change_under_the_same_keys(
    before: tuple[str, str], after: tuple[str, str]
) -> None:
    anchor = mention("k1", "Red Dawn Brigade", "ARMED_GROUP", key="red dawn brigade", start=0)
    other = mention("k3", "Harbour Police", "ORG", start=0)
    forget_memos()
    first = resolve_entities(prepare_mentions([anchor, other, _named(*before)]))
    warm = resolve_entities(prepare_mentions([anchor, other, _named(*after)]))
    forget_memos()
    cold = resolve_entities(prepare_mentions([anchor, other, _named(*after)]))
    assert warm == cold
    assert len(first) != len(cold)


def _roster() -> list[Mention]:
    # Enough other mentions that a step changes only a few of them (the cheap path).
    filler = [mention("r0", f"Township {i}", "GPE", start=20 * i) for i in range(60)]
    return prepare_mentions(
        [
            *filler,
            mention("r1", "Red Dawn Brigade", "ARMED_GROUP", start=0),
            mention("r1", "RDB", "ARMED_GROUP", key="rdb", start=30),
            mention("r2", "Red Dawn Brigades", "ARMED_GROUP", start=0),
            mention("r2", "Harbour Police", "ORG", start=40),
            mention("r3", "Eastport", "GPE", start=0),
            mention("r3", "Harbour Police", "ORG", start=50),
        ]
    )


_ROSTER_STEPS: dict[str, Callable[[list[Mention]], list[Mention]]] = {
    "known key": lambda ms: [*ms, *prepare_mentions([mention("r4", "Eastport", "GPE", start=9)])],
    "new key": lambda ms: [*ms, *prepare_mentions([mention("r4", "Westbay", "GPE", start=9)])],
    "drop one": lambda ms: [m for m in ms if m.text != "Red Dawn Brigade"],
    "drop a key": lambda ms: [m for m in ms if m.key != "rdb"],
    "re-extracted": lambda ms: [
        *(m for m in ms if m.doc_id != "r2"),
        *prepare_mentions(copy.deepcopy([m for m in ms if m.doc_id == "r2"])),
    ],
    "moved key": lambda ms: [
        dataclasses.replace(m, key="eastport city") if m.key == "eastport" else m for m in ms
    ],
}


@pytest.mark.parametrize("steps", [list(_ROSTER_STEPS), list(reversed(_ROSTER_STEPS))])
def test_warm_entities_equal_cold_entities_as_mentions_change(steps: list[str]) -> None:
    ms = _roster()
    forget_memos()
    resolve_entities(ms)
    for name in steps:
        ms = _ROSTER_STEPS[name](ms)
        warm = resolve_entities(ms)
        forget_memos()
        assert warm == resolve_entities(prepare_mentions(copy.deepcopy(ms))), name
        resolve_entities(ms)
