"""Incident linking remembered between calls must give what linking from scratch gives.

The last call's incidents are reused while the event mentions, their reports and the reports'
lead places are the same. Each case changes one input a reused answer could miss; the warm
answer (same record objects, memos of the previous world) must equal the cold one.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import pytest
from recon_records import doc, event, mention

from crosscheck.model import Document, EventMention, Mention
from crosscheck.reconcile import events
from crosscheck.reconcile.core import forget_memos
from crosscheck.reconcile.events import cluster_event_mentions, resolve_incidents
from crosscheck.reconcile.mainincident import forget_choices

World = tuple[list[Document], list[Mention], list[EventMention]]


def _world() -> World:
    docs = [
        doc("r1", "Lowland Post", "2041-02-03", title="Car bomb hits Dunmore market"),
        doc("r2", "Ridge Times", "2041-02-04", title="Dunmore blast toll climbs"),
        doc("r3", "Ridge Times", "2041-02-05", title="Grenade thrown at Kelby depot"),
    ]
    mentions = [
        mention("r1", "Dunmore", "GPE", start=20),
        mention("r2", "Dunmore", "GPE", start=15),
        mention("r3", "Kelby", "GPE", start=25),
    ]
    ems = [
        event(
            "r1",
            "car bomb at the Dunmore market",
            type="bombing",
            date="2041-02-02",
            location="Dunmore",
            country="Ruritania",
            start=0,
        ),
        event("r1", "the blast", type="bombing", start=80),
        event("r2", "the attack", type="bombing", start=40),
        event("r2", "the blast", type="bombing", date="2041-02-04", start=90),
        event(
            "r3",
            "grenade attack on the Kelby depot",
            type="attack",
            date="2041-02-05",
            location="Kelby",
            country="Ruritania",
            start=0,
        ),
        event("r3", "the attack", type="attack", start=70),
    ]
    return docs, mentions, ems


def _add_statistics_report(world: World) -> World:
    """A report with no incident of its own: the remembered incidents still hold."""
    docs, mentions, ems = world
    extra = doc("r4", "Plain Review", "2041-02-06", title="Unemployment in Dunmore")
    return [*docs, extra], [*mentions, mention("r4", "Dunmore", "GPE", start=30)], ems


def _retitle(world: World) -> World:
    """A report's title now names the other town: its main incident may change."""
    docs, mentions, ems = world
    moved = [
        dataclasses.replace(d, title="Kelby depot attack") if d.id == "r2" else d for d in docs
    ]
    return moved, mentions, ems


def _relocate_lead(world: World) -> World:
    """The lead of a report now names another town: its vague mentions move with it."""
    docs, mentions, ems = world
    moved = [dataclasses.replace(m, text="Kelby") if m.doc_id == "r2" else m for m in mentions]
    return docs, moved, ems


def _redate(world: World) -> World:
    """A report published a month later: its undated mentions are read anew."""
    docs, mentions, ems = world
    later = [dataclasses.replace(d, published="2041-03-09") if d.id == "r2" else d for d in docs]
    return later, mentions, ems


def _drop_mention(world: World) -> World:
    docs, mentions, ems = world
    return docs, mentions, [e for e in ems if not (e.doc_id == "r1" and e.span[0] == 80)]


Step = Callable[[World], World]
STEPS: list[Step] = [_add_statistics_report, _retitle, _relocate_lead, _redate, _drop_mention]


def _answer(world: World) -> str:
    docs, mentions, ems = world
    events, mains = resolve_incidents(ems, docs, mentions)
    groups = cluster_event_mentions(ems, docs, mentions)
    return repr((events, sorted(mains.items()), [[e.id for e in g] for g in groups]))


def _cold(world: World) -> str:
    forget_memos()
    forget_choices()
    return _answer(copy.deepcopy(world))


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.__name__)
def test_incidents_after_a_change_equal_those_from_scratch(step: Step) -> None:
    world = _world()
    forget_memos()
    forget_choices()
    _answer(world)  # remembered: the world before the change
    changed = step(world)
    assert _answer(changed) == _cold(changed)


@pytest.mark.parametrize(
    ("step", "matters"),
    [(_add_statistics_report, False), (_retitle, True), (_drop_mention, True)],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_a_reused_answer_is_given_only_where_nothing_that_matters_changed(
    step: Step, matters: bool
) -> None:
    world = _world()
    before = _cold(world)
    forget_memos()
    _answer(world)
    assert (_answer(step(world)) != before) is matters


def test_handed_out_groups_can_be_changed_without_changing_the_next_answer() -> None:
    world = _world()
    forget_memos()
    groups = cluster_event_mentions(world[2], world[0], world[1])
    for g in groups:
        g.clear()
    assert _answer(world) == _cold(world)


def _kelby_root(world: World) -> str:
    return next(m.id for m in world[2] if m.doc_id == "r3" and m.location == "Kelby")


@pytest.mark.parametrize(("step", "relinked"), [(_add_statistics_report, False), (_redate, True)])
def test_only_incidents_a_change_reaches_are_linked_again(step: Step, relinked: bool) -> None:
    world = _world()
    forget_memos()
    _answer(world)
    changed_world = step(world)
    resolve_incidents(changed_world[2], changed_world[0], changed_world[1])
    changed = events._STATE.linker.changed
    assert bool(changed) is relinked
    # The Kelby depot attack shares nothing with the Dunmore reports: never redone.
    kelby = events._STATE.linker.root[_kelby_root(world)]
    assert kelby not in changed
