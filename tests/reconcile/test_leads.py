"""Lead places: where a report's headline and first sentence put its incident, and what follows."""

from __future__ import annotations

import pytest
from recon_records import claim, doc, event, mention, resolve_events
from recon_records import reconcile_all as reconcile

from crosscheck.reconcile.leads import lead_place
from crosscheck.reconcile.mentionfeatures import compatible, features

LUSAKA = {"location": "Lusaka", "country": "Zambia", "coords": (-15.41, 28.29)}
NDOLA = {"location": "Ndola", "country": "Zambia", "coords": (-12.96, 28.64)}


def _event_of(events: list, mention_id: str) -> str:
    return next(e.id for e in events if mention_id in e.mention_ids)


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Gunfire at a bakery in Lusaka", [], "lusaka"),
        ("Police raids in Ndola target a smuggling ring", [], "ndola"),
        # A venue named after a town is not the town when the headline names another city.
        ("Blast hits Moscow Arcade cafe in Ndola", [], "ndola"),
        # No city in the headline: the places of the first sentence, if they agree.
        ("What we know so far", [("Kitwe", "GPE")], "kitwe"),
        ("What we know so far", [("Lusaka", "GPE"), ("Bhilwara", "GPE")], None),
        ("What we know so far", [], None),
    ],
)
def test_lead_place_reads_headline_then_lead(
    title: str, lead: list[tuple[str, str]], expected: str | None
) -> None:
    report = doc("r", "Outlet", "2030-05-02", title=title, text="w " * 200)
    mentions = [
        mention("r", name, label, start=10 + 20 * i) for i, (name, label) in enumerate(lead)
    ]
    found = lead_place(report, mentions)
    assert (found.key if found else None) == expected


def test_same_venue_name_in_two_cities_is_two_incidents() -> None:
    a = event("a", "the raid on the Mill Road market in Lusaka", date="2030-05-01", **LUSAKA)
    b = event("b", "the raid on the Mill Road market in Ndola", date="2030-05-01", **NDOLA)
    assert not compatible(features(a), features(b))
    assert len(resolve_events([a, b])) == 2


def test_place_nouns_are_not_shared_names() -> None:
    a = features(event("a", "the bombing at Station Square", date="2030-05-01"))
    b = features(event("b", "the bombing at Station Square", date="2030-05-01"))
    assert a.tokens == b.tokens == frozenset()


def _vague_reports(second_published: str) -> tuple[list, list, list]:
    docs = [
        doc("a", "A", "2030-05-02", title="Police raids in Ndola"),
        doc("b", "B", second_published, title="Security sweep in Ndola"),
    ]
    ems = [event("a", "the arrests", type="arrest"), event("b", "the arrests", type="arrest")]
    return docs, ems, []


@pytest.mark.parametrize(("published", "linked"), [("2030-05-03", True), ("2030-09-20", False)])
def test_vague_mentions_of_one_city_link_only_when_reported_close(
    published: str, linked: bool
) -> None:
    docs, ems, mentions = _vague_reports(published)
    events = resolve_events(ems, docs, mentions)
    assert (_event_of(events, ems[0].id) == _event_of(events, ems[1].id)) is linked


def test_vague_mention_never_joins_an_incident_in_another_city() -> None:
    docs = [
        doc("a", "A", "2030-05-01", title="Gunmen attack Mill Road market in Lusaka"),
        doc("b", "B", "2030-05-02", title="Shooting at Mill Road cinema in Ndola"),
    ]
    ems = [
        event("a", "the attack on the Mill Road market in Lusaka", date="2030-05-01", **LUSAKA),
        event("b", "the attack", start=40),
    ]
    events = resolve_events(ems, docs, [])
    assert _event_of(events, ems[0].id) != _event_of(events, ems[1].id)


def test_report_without_an_incident_of_its_own_joins_the_one_placed_in_its_lead_city() -> None:
    docs = [
        doc("a", "A", "2030-05-01", title="Gunmen attack a bakery in Lusaka"),
        doc("b", "B", "2030-05-02", title="Shots fired at a bakery in Lusaka"),
        doc("c", "C", "2030-05-02", title="Shots fired at a bakery in Ndola"),
    ]
    ems = [event("a", "the shooting at the Crumb bakery in Lusaka", date="2030-05-01", **LUSAKA)]
    claims = [
        claim("a", "killed", 7, 7, subject_kind="event", subject_ref=ems[0].id),
        claim("b", "killed", 7, 7, subject_kind="event"),
        claim("c", "killed", 9, 9, subject_kind="event"),
    ]
    picture = reconcile(docs, [], ems, claims)
    subject = {c.doc_id: picture.claim_subjects[c.id].id for c in claims}
    assert subject["b"] == subject["a"] is not None
    assert subject["c"] != subject["a"]
