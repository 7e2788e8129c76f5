"""Targeted reads (store/lookups.py) answer exactly what the reference defaults in Store answer.

``Store``'s default implementations narrow the bulk readers in Python; the SQL backends
answer the same questions with queries that touch only the rows asked for. Every case
compares the two, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from store_records import TEXT_A, make_doc, make_extraction, picture_for

from crosscheck.model import (
    ClaimGroup,
    Correction,
    Entity,
    Estimate,
    Event,
    Mention,
    Subject,
)
from crosscheck.store import lookups
from crosscheck.store.base import Store

TEXT_C = "Dunmore police held 12 men on Tuesday. Around 40 families fled the quarter after it."

Ids = dict[str, Any]


@pytest.fixture
def filled(store: Store) -> Ids:
    """Two reports, a picture with two events, two entities and two groups, corrections."""
    doc_a = make_doc(TEXT_A, title="Blast in Harlow", outlet="Daily Lamp", published="2031-05-02")
    doc_c = make_doc(TEXT_C, title="Raid in Dunmore", outlet="Evening Post", published="2031-05-04")
    ex_a, ex_c = make_extraction(doc_a), make_extraction(doc_c)
    ex_c.mentions.append(Mention(doc_c.id, 40, 47, "Dunmore", "GPE", "gpe:dunmore", "Dunmore"))
    ex_c.mentions.append(Mention(doc_c.id, 8, 14, "police", "ORG", "org:police_1", None))
    store.add_document(doc_a, ex_a)
    store.add_document(doc_c, ex_c)
    picture = picture_for(doc_a, ex_a)
    front = Subject("entity", "n-2", "Frente Único")
    picture.entities.append(
        Entity("n-2", "Frente Único", "ORG", {"Frente Único": [doc_c.id], "FU_1": [doc_c.id]})
    )
    picture.mention_entities[ex_c.mentions[2].id] = "n-2"
    picture.mention_entities[ex_c.mentions[0].id] = "n-1"
    picture.events.append(
        Event("e-2", "arrest", "Dunmore raid", actors=[{"role": "agency", "name": "Police"}])
    )
    picture.event_links[ex_c.events[0].id] = "e-2"
    picture.events.append(
        Event("e-3", "plot", "Foiled plot", "2031-05-03", "day", actors=[{"name": "Grupo Ñandú"}])
    )
    picture.groups.append(
        ClaimGroup(
            "g-2",
            front,
            "injured",
            "people hurt",
            "conflict",
            [ex_c.claims[1].id, ex_a.claims[1].id],
            2,
            Estimate(30, 30, 40),
        )
    )
    picture.claim_subjects[ex_c.claims[1].id] = front
    picture.claim_subjects[ex_a.claims[1].id] = front
    store.save_picture(picture)
    store.add_correction(Correction("claim", ex_a.claims[1].id, "reject", reason="misread"))
    store.add_correction(Correction("claim", ex_c.claims[1].id, "edit", {"low": 41}))
    store.add_correction(Correction("entity", "n-2", "merge", {"into": "n-1"}))
    return {
        "docs": [doc_c.id, doc_a.id],
        "claims": [c.id for c in ex_c.claims + ex_a.claims],
        "mentions": [m.id for m in ex_c.mentions + ex_a.mentions],
        "event_mentions": [e.id for e in ex_c.events + ex_a.events],
        "statements": [s.id for s in ex_c.statements + ex_a.statements],
    }


CASES: list[tuple[str, Callable[[Ids], tuple[tuple[Any, ...], dict[str, Any]]]]] = [
    ("get_event", lambda i: (("e-1",), {})),
    ("get_event", lambda i: (("e-2",), {})),
    ("get_event", lambda i: (("e-404",), {})),
    ("events_by_ids", lambda i: ((["e-2", "e-404", "e-1"],), {})),
    ("events_by_ids", lambda i: (([],), {})),
    ("event_actors", lambda i: ((), {})),
    ("event_links_for", lambda i: ((i["event_mentions"] + ["em-404"],), {})),
    ("event_document_counts", lambda i: ((), {})),
    ("event_mentions_by_ids", lambda i: ((i["event_mentions"][::-1],), {})),
    ("get_entity", lambda i: (("n-1",), {})),
    ("get_entity", lambda i: (("n-2",), {})),
    ("get_entity", lambda i: (("n-404",), {})),
    ("entities_by_ids", lambda i: ((["n-2", "n-1", "n-404"],), {})),
    ("entities_by_ids", lambda i: ((["n-2", "n-1"],), {"mention_ids": False})),
    ("entities_matching", lambda i: ((["harlow"],), {})),
    ("entities_matching", lambda i: ((["FU_1"],), {})),
    ("entities_matching", lambda i: ((["fu_"],), {})),
    ("entities_matching", lambda i: ((["único", "frente"],), {})),
    ("entities_matching", lambda i: ((["%"],), {})),
    ("entities_matching", lambda i: (([],), {})),
    ("entity_mention_keys", lambda i: (("n-1",), {})),
    ("entity_mention_keys", lambda i: (("n-404",), {})),
    ("entity_mention_counts", lambda i: ((), {})),
    ("entity_mention_counts", lambda i: ((), {"doc": i["docs"][0]})),
    ("mentions_by_ids", lambda i: ((i["mentions"],), {})),
    ("get_group", lambda i: (("g-2",), {})),
    ("get_group", lambda i: (("g-404",), {})),
    ("select_groups", lambda i: ((), {})),
    ("select_groups", lambda i: ((), {"subject_id": "e-1"})),
    ("select_groups", lambda i: ((), {"statuses": ["conflict", "evolving"]})),
    ("select_groups", lambda i: ((), {"statuses": []})),
    ("select_groups", lambda i: ((), {"measure": "killed", "subject_id": "n-2"})),
    ("claims_by_ids", lambda i: (([*i["claims"][::-1], "c-404"],), {})),
    ("claims_for_subject", lambda i: (("n-2",), {})),
    ("claims_for_subject", lambda i: (("e-1",), {})),
    ("statement_speakers", lambda i: ((), {})),
    ("statements_by_speakers", lambda i: ((["the police", "nobody"],), {})),
    ("statements_by_speakers", lambda i: (([],), {"keys": ["police", ""]})),
    ("statements_by_speakers", lambda i: (([],), {})),
    ("statements_by_ids", lambda i: ((i["statements"],), {})),
    ("documents_by_ids", lambda i: ((i["docs"] + ["d-404", i["docs"][0]],), {})),
    ("corrections_for", lambda i: (("claim", i["claims"]), {})),
    ("corrections_for", lambda i: (("entity", ["n-2", "n-1"]), {})),
    ("ids_with_prefix", lambda i: (("event", "E-"), {})),
    ("ids_with_prefix", lambda i: (("event", "e_"), {})),
    ("ids_with_prefix", lambda i: (("group", "g-2"), {})),
    ("ids_with_prefix", lambda i: (("claim", "c-"), {"limit": 10})),
    ("count", lambda i: (("document",), {})),
    ("count", lambda i: (("claim",), {})),
    ("count", lambda i: (("group",), {})),
    ("count", lambda i: (("entity",), {})),
    # The workbench filters' reads (store/facets.py).
    ("event_documents", lambda i: ((), {})),
    ("claim_documents", lambda i: ((), {})),
    ("document_facts", lambda i: ((), {})),
    ("event_records", lambda i: ((), {})),
    ("group_records", lambda i: ((), {})),
    ("outlet_names", lambda i: ((), {})),
    ("event_types", lambda i: ((), {})),
]


@pytest.mark.parametrize(("method", "args"), CASES)
def test_lookups_match_the_reference(
    store: Store,
    filled: Ids,
    method: str,
    args: Callable[[Ids], tuple[tuple[Any, ...], dict[str, Any]]],
) -> None:
    positional, keywords = args(filled)
    fast = getattr(store, method)(*positional, **keywords)
    reference = getattr(Store, method)(store, *positional, **keywords)
    assert fast == reference


@pytest.mark.parametrize(
    ("fragments", "present", "absent"),
    [
        (["police"], {"e-2", "e-3"}, {"e-1"}),
        (["POLICE", "x"], {"e-1", "e-2"}, set()),
        (["grupo ñandú"], {"e-3"}, {"e-1", "e-2"}),
        (["nobody_", "100%"], {"e-3"}, {"e-1", "e-2"}),
        ([], {"e-1", "e-2", "e-3"}, set()),
    ],
)
def test_lookups_event_actors_narrow_by_fragments(
    store: Store, filled: Ids, fragments: list[str], present: set[str], absent: set[str]
) -> None:
    found = store.event_actors(fragments)
    assert present <= set(found) and not absent & set(found)
    everything = Store.event_actors(store)
    assert all(found[eid] == everything[eid] for eid in found)


@pytest.mark.parametrize(
    "method",
    [
        "events_by_ids",
        "entities_by_ids",
        "claims_by_ids",
        "event_mentions_by_ids",
        "mentions_by_ids",
        "statements_by_ids",
        "documents_by_ids",
    ],
)
def test_lookups_merge_chunks_in_reference_order(
    store: Store, filled: Ids, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setattr(lookups, "CHUNK", 1)
    every = {
        "events_by_ids": ["e-2", "e-1"],
        "entities_by_ids": ["n-2", "n-1"],
        "claims_by_ids": filled["claims"][::-1],
        "event_mentions_by_ids": filled["event_mentions"],
        "mentions_by_ids": filled["mentions"][::-1],
        "statements_by_ids": filled["statements"],
        "documents_by_ids": filled["docs"],
    }[method]
    assert getattr(store, method)(every) == getattr(Store, method)(store, every)
    assert len(getattr(store, method)(every)) == len(every)


def test_lookups_corrections_in_chunks_stay_oldest_first(
    store: Store, filled: Ids, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lookups, "CHUNK", 1)
    found = store.corrections_for("claim", filled["claims"][::-1])
    assert [c.action for c in found] == ["reject", "edit"]


def test_lookups_claims_by_subject_kind_and_statements_by_documents(
    store: Store, filled: Ids
) -> None:
    about_entities = store.claims(subject_kind="entity")
    assert {c.id for c in about_entities} == {c.id for c in store.claims_for_subject("n-2")}
    assert all(c.subject is not None and c.subject.kind == "entity" for c in about_entities)
    assert store.claims(subject_kind="event") == store.claims_for_subject("e-1")
    both = store.statements(doc_ids=filled["docs"])
    assert both == store.statements() and len(both) == 2
    assert store.statements(doc_ids=[]) == []


@pytest.mark.parametrize(("kind", "bad"), [("ids_with_prefix", "document"), ("count", "thing")])
def test_lookups_refuse_unknown_kinds(store: Store, kind: str, bad: str) -> None:
    with pytest.raises(ValueError, match=kind):
        getattr(store, kind)(bad, "x") if kind == "ids_with_prefix" else store.count(bad)
