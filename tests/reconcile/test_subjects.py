"""Claim subjects: arrests belong to their incident, "the country" to the country meant."""

from __future__ import annotations

import pytest
from recon_records import claim, doc, event, mention
from recon_records import reconcile_all as reconcile

PLACE = {"location": "Port Vale", "country": "Freedonia", "coords": (10.0, 20.0)}


def test_arrest_counts_of_two_reports_group_under_the_attack() -> None:
    docs = [doc("a", "A", "2030-02-11"), doc("b", "B", "2030-02-12")]
    attack_a = event("a", "the siege of the Harbour Mall", date="2030-02-10", start=0, **PLACE)
    attack_b = event("b", "the siege of the Harbour Mall", date="2030-02-10", start=0, **PLACE)
    arrest_a = event("a", "detained", type="arrest", start=100)
    arrest_b = event("b", "detained", type="arrest", start=100)
    cs = [
        claim("a", "arrested", 9, 9, start=100, subject_kind="event", subject_ref=arrest_a.id),
        claim(
            "b",
            "arrested",
            7,
            7,
            start=100,
            subject_kind="event",
            subject_ref=arrest_b.id,
            counted="suspects",
        ),
    ]
    p = reconcile(docs, [], [attack_a, attack_b, arrest_a, arrest_b], cs, [])
    (group,) = [g for g in p.groups if g.measure == "arrested"]
    assert group.subject.kind == "event"
    assert group.subject.id == p.event_links[attack_a.id]
    assert group.status == "conflict"  # fewer arrests reported later: time does not explain


def test_arrest_before_the_attack_in_another_country_keeps_its_own_event() -> None:
    docs = [doc("a", "A", "2030-02-11")]
    attack = event("a", "the siege of the Harbour Mall", date="2030-02-10", start=0, **PLACE)
    arrest = event(
        "a",
        "an arrest in Ruritania",
        type="arrest",
        date="2029-07",
        precision="month",
        location="Ruritania",
        country="Ruritania",
        start=300,
    )
    c = claim("a", "arrested", 4, 4, start=300, subject_kind="event", subject_ref=arrest.id)
    p = reconcile(docs, [], [attack, arrest], [c], [])
    assert p.claim_subjects[c.id].id == p.event_links[arrest.id]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The country that is the sentence's subject is the one meant.
        ("Chile relies on money from abroad, 40% of the country's GDP.", "chile"),
        # A country after a preposition is not: the report's most named country is.
        ("Workers in Peru send home 40% of its GDP.", "chile"),
    ],
)
def test_the_country_means_the_country_the_report_is_about(sentence: str, expected: str) -> None:
    d = doc("a", "A", "2030-02-11")
    text_start = 500
    ms = [
        mention("a", "Chile", "GPE", key="chile", start=10),
        mention("a", "Chile", "GPE", key="chile", start=100),
        mention("a", "Peru", "GPE", key="peru", start=200),
    ]
    for name in ("Chile", "Peru"):
        at = sentence.find(name)
        if at >= 0:
            ms.append(mention("a", name, "GPE", key=name.casefold(), start=text_start + at))
    number = text_start + sentence.find("40%")
    c = claim(
        "a",
        "percent",
        40,
        40,
        start=number,
        subject_kind="entity",
        subject_name="country",
        counted="gdp share",
        sentence=sentence,
        label="its gdp (share)",
    )
    p = reconcile([d], ms, [], [c], [])
    subject = p.claim_subjects[c.id]
    assert subject.kind == "entity"
    entity = next(e for e in p.entities if e.id == subject.id)
    assert entity.name.casefold() == expected


def test_a_region_is_not_the_country_a_sentence_means() -> None:
    d = doc("a", "A", "2030-02-11")
    sentence = "Chile fares badly in South America, with the country placed 90th worldwide."
    ms = [
        mention("a", "Chile", "GPE", key="chile", start=10),
        mention("a", "Chile", "GPE", key="chile", start=500),
        mention("a", "South America", "LOC", key="south america", start=520),
    ]
    c = claim(
        "a",
        "rank",
        90,
        90,
        start=560,
        subject_kind="entity",
        subject_ref="south america",
        subject_name="South America",
        counted="rank world",
        sentence=sentence,
        label="placed worldwide",
    )
    p = reconcile([d], ms, [], [c], [])
    entity = next(e for e in p.entities if e.id == p.claim_subjects[c.id].id)
    assert entity.name == "Chile"
