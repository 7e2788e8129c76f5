"""Entity resolution across documents."""

from __future__ import annotations

import pytest
from recon_records import mention

from crosscheck.reconcile import resolve_entities


@pytest.mark.parametrize(
    ("a", "b", "label_a", "label_b"),
    [
        ("CSTO", "Collective Security Treaty Organization", "ORG", "ORG"),
        ("Путин", "Putin", "PERSON", "PERSON"),
        ("Дмитрий Песков", "Dmitriy Peskov", "PERSON", "PERSON"),
        ("Emomali Rahmon", "Emomali Rakhmon", "PERSON", "PERSON"),
        ("Levada Center", "Levada Centre", "ORG", "AGENCY"),
    ],
)
def test_variants_become_one_entity(a: str, b: str, label_a: str, label_b: str) -> None:
    ms = [mention("x1", a, label_a), mention("x2", b, label_b)]
    entities = resolve_entities(ms, 90)
    assert len(entities) == 1
    assert set(entities[0].aliases) == {a, b}
    assert entities[0].aliases[a] == ["x1"] and entities[0].aliases[b] == ["x2"]


@pytest.mark.parametrize(
    ("a", "b", "label_a", "label_b"),
    [
        ("ISIS", "ISI", "ORG", "ORG"),  # short names are never fuzzy-matched
        ("Georgia", "Georgia", "GPE", "PERSON"),  # different label families
        ("Ahmad Shah", "Mahmud Shah", "PERSON", "PERSON"),
        ("Unit 26165", "Unit 26166", "ORG", "ORG"),
    ],
)
def test_distinct_names_stay_apart(a: str, b: str, label_a: str, label_b: str) -> None:
    # Distinct keys: only the name matching could join them.
    ms = [mention("x1", a, label_a, key=f"k1-{a}"), mention("x2", b, label_b, key=f"k2-{b}")]
    assert len(resolve_entities(ms, 90)) == 2


def test_same_key_is_one_entity_named_by_canonical() -> None:
    ms = [
        mention("x1", "IS-K", "ARMED_GROUP", key="isis-k", canonical="Islamic State Khorasan"),
        mention("x2", "ISKP", "ARMED_GROUP", key="isis-k", canonical="Islamic State Khorasan"),
        mention("x3", "ISKP", "ARMED_GROUP", key="isis-k", canonical="Islamic State Khorasan"),
    ]
    (entity,) = resolve_entities(ms, 90)
    assert entity.name == "Islamic State Khorasan"
    assert entity.aliases["ISKP"] == ["x2", "x3"]
    assert len(entity.mention_ids) == 3


def test_entity_name_is_most_frequent_form() -> None:
    ms = [
        mention("a", "Tajikistan", "GPE", key="tj"),
        mention("b", "Tajikistan", "GPE", key="tj"),
        mention("c", "Republic of Tajikistan", "GPE", key="tj"),
    ]
    (entity,) = resolve_entities(ms, 90)
    assert entity.name == "Tajikistan"
