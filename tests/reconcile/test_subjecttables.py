"""Subject lookup tables kept between calls: a warm call must give the cold call's tables.

A small world of reports (places, countries, organisations, incidents and their links) is
changed step by step (a report added or removed, an event mention linked elsewhere, a
mention's entity changed, an entity renamed or relabelled); unchanged records keep their
very objects, as in the pipeline. After every step the tables must be those built from
scratch, and the tables handed out before must not have changed.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

import pytest
from recon_records import event, mention

from crosscheck.model import Entity, EventMention, Mention
from crosscheck.reconcile.prepared import prepare_event_mentions, prepare_mentions
from crosscheck.reconcile.subjecttables import Tables, forget, lookup_tables


@dataclasses.dataclass
class World:
    mentions: dict[str, list[Mention]]
    event_mentions: dict[str, list[EventMention]]
    event_links: dict[str, str]
    mention_entities: dict[str, str]
    entities: list[Entity]


def _doc(
    doc_id: str, place: str, group: str, incident: str
) -> tuple[list[Mention], list[EventMention]]:
    ms = prepare_mentions(
        [
            mention(doc_id, "France", "GPE", start=0),
            mention(doc_id, place, "GPE", start=40),
            mention(doc_id, group, "ARMED_GROUP", start=80),
            mention(doc_id, "Kenya", "GPE", start=120),
        ]
    )
    ems = prepare_event_mentions(
        [
            event(doc_id, f"the {incident} bombing", type="bombing", start=10),
            event(doc_id, "the arrests of suspects", type="arrest", start=90),
        ]
    )
    return ms, ems


def _entities(world: World) -> list[Entity]:
    members: dict[str, list[Mention]] = {}
    for ms in world.mentions.values():
        for m in ms:
            entity_id = world.mention_entities.get(m.id)
            if entity_id:
                members.setdefault(entity_id, []).append(m)
    return [
        Entity(
            id=entity_id,
            name=ms[0].text,
            label=ms[0].label,
            aliases={m.text: [m.doc_id] for m in ms},
            mention_ids=sorted(m.id for m in ms),
        )
        for entity_id, ms in sorted(members.items())
    ]


def _relinked(world: World) -> World:
    """Links and entities recomputed from the world's records (each key one entity)."""
    links = {
        em.id: "e-" + em.description.split()[1]
        for ems in world.event_mentions.values()
        for em in ems
    }
    entities = {m.id: "n-" + m.key for ms in world.mentions.values() for m in ms}
    out = dataclasses.replace(world, event_links=links, mention_entities=entities)
    out.entities = _entities(out)
    return out


def _base() -> World:
    world = World({}, {}, {}, {}, [])
    for doc_id, place, group, incident in [
        ("d1", "Lakeside", "Iron Hand", "harbour"),
        ("d2", "Hilltown", "Iron Hand", "harbour"),
        ("d3", "Lakeside", "Grey Wolves", "station"),
    ]:
        world.mentions[doc_id], world.event_mentions[doc_id] = _doc(doc_id, place, group, incident)
    return _relinked(world)


def _add(world: World) -> World:
    ms, ems = _doc("d4", "Rivermouth", "Grey Wolves", "market")
    return _relinked(
        dataclasses.replace(
            world,
            mentions={**world.mentions, "d4": ms},
            event_mentions={**world.event_mentions, "d4": ems},
        )
    )


def _remove(world: World) -> World:
    first = sorted(world.mentions)[0]
    return _relinked(
        dataclasses.replace(
            world,
            mentions={k: v for k, v in world.mentions.items() if k != first},
            event_mentions={k: v for k, v in world.event_mentions.items() if k != first},
        )
    )


def _link_elsewhere(world: World) -> World:
    """One event mention joins another incident: only the links change."""
    em = world.event_mentions[sorted(world.event_mentions)[-1]][0]
    return dataclasses.replace(world, event_links={**world.event_links, em.id: "e-other"})


def _move_mention(world: World) -> World:
    """One mention is given another entity: only the mention links and entities change."""
    m = world.mentions[sorted(world.mentions)[0]][2]
    out = dataclasses.replace(world, mention_entities={**world.mention_entities, m.id: "n-zz"})
    out.entities = _entities(out)
    return out


def _rename(world: World) -> World:
    """An entity is relabelled an organisation and gains an alias (same records)."""
    entities = [
        dataclasses.replace(e, label="ORG", aliases={**e.aliases, "The Iron Hand Group": []})
        if "iron" in e.id
        else e
        for e in world.entities
    ]
    return dataclasses.replace(world, entities=entities)


def _reprocess(world: World) -> World:
    """A report extracted again: fresh, equal objects for its records."""
    key = sorted(world.mentions)[0]
    return dataclasses.replace(
        world,
        mentions={**world.mentions, key: copy.deepcopy(world.mentions[key])},
        event_mentions={**world.event_mentions, key: copy.deepcopy(world.event_mentions[key])},
    )


def _call(world: World) -> Tables:
    docs = sorted(world.mentions.keys() | world.event_mentions.keys())
    return lookup_tables(
        sorted((em for d in docs for em in world.event_mentions.get(d, [])), key=lambda x: x.id),
        world.event_links,
        sorted((m for d in docs for m in world.mentions.get(d, [])), key=lambda x: x.id),
        world.mention_entities,
        world.entities,
    )


def _cold(world: World) -> Tables:
    forget()
    return _call(copy.deepcopy(world))


Step = Callable[[World], World]
SEQUENCES: dict[str, list[Step]] = {
    "grow": [_add, _link_elsewhere, _rename, _move_mention],
    "shrink": [_remove, _move_mention, _add, _remove],
    "reprocess": [_reprocess, _rename, _link_elsewhere, _reprocess, _add],
}


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_warm_tables_equal_cold_tables_after_each_change(name: str) -> None:
    world = _base()
    forget()
    handed = _call(world)
    kept = copy.deepcopy(handed)
    for step in SEQUENCES[name]:
        changed = step(world)
        want = _cold(changed)
        forget()
        _call(world)  # warm from the world before the change
        got = _call(changed)
        assert got == want, step.__name__
        assert _call(changed) == want, f"{step.__name__} (second call)"
        world = changed
    # Tables are copied on write: what an earlier call handed out is as it was.
    assert handed == kept


def test_tables_hold_what_the_resolver_reads() -> None:
    world = _base()
    forget()
    t = _call(world)
    assert set(t.countries) == {"d1", "d2", "d3"}
    assert [m.text for m in t.countries["d1"]] == ["France", "Kenya"]
    assert [m.text for m in t.places["d1"]] == ["France", "Lakeside", "Kenya"]
    assert t.entity_by_key["iron hand"] == "n-iron hand"
    assert t.entity_by_name["iron hand"] == "n-iron hand"
    assert t.token_index["harbour"] == {"e-harbour"}
    assert t.doc_events["d3"] == {"e-station", "e-arrests"}
    assert all(ids for ids in t.violent_in_sentence.values())
