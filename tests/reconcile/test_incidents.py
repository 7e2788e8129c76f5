"""Per-report main incidents: titles, generic mentions, reporting dates, background incidents."""

from __future__ import annotations

import pytest
from recon_records import doc, event, resolve_events

from crosscheck.reconcile.mentionfeatures import is_country_word, name_tokens

HARBOUR = {"location": "Port Vale", "country": "Freedonia", "coords": (10.0, 20.0)}


def _harbour(doc_id: str, start: int = 0) -> object:
    return event(doc_id, "the siege of the Harbour Mall", date="2030-02-10", start=start, **HARBOUR)


def _event_of(events: list, mention_id: str) -> str:
    return next(e.id for e in events if mention_id in e.mention_ids)


@pytest.mark.parametrize(
    ("word", "country"),
    [("russian", True), ("afghan", True), ("iranian", True), ("harbour", False), ("mall", False)],
)
def test_country_words_are_not_incident_names(word: str, country: bool) -> None:
    assert is_country_word(word) is country


def test_superlative_description_has_no_name() -> None:
    assert name_tokens("the deadliest assault on Russian soil in decades") == frozenset()
    assert name_tokens("the siege of the Harbour Mall") == {"harbour"}  # "mall" is a common noun


def test_generic_mention_with_reporting_date_joins_main_incident() -> None:
    docs = [doc("a", "A", "2030-02-10"), doc("b", "B", "2030-02-14", title="After the siege")]
    main = _harbour("a")
    other = _harbour("b", start=0)
    # "officials said on Thursday it was the worst attack in the country": the day is when
    # something was said, and the country named in the sentence is not the incident's place.
    said = event(
        "b",
        "the worst attack",
        date="2030-02-13",
        location="Ruritania",
        country="Ruritania",
        start=50,
    )
    events = resolve_events([main, other, said], docs)
    assert len(events) == 1
    assert events[0].date == "2030-02-10"


def test_report_with_only_vague_mentions_joins_incident_its_title_names() -> None:
    docs = [
        doc("a", "A", "2030-02-10"),
        doc("b", "B", "2030-02-12"),
        doc("c", "C", "2030-02-15", title="Court remands a suspect in the Harbour Mall case"),
    ]
    ems = [
        _harbour("a"),
        event(
            "b",
            "a raid on the Pier Market",
            date="2030-02-10",
            location="Lowtown",
            country="Freedonia",
            coords=(11.0, 21.0),
        ),
        event("c", "the attack", start=10),
        event("c", "the attack", start=90),
    ]
    events = resolve_events(ems, docs)
    assert _event_of(events, ems[2].id) == _event_of(events, ems[0].id)
    assert _event_of(events, ems[3].id) == _event_of(events, ems[0].id)


def test_background_incident_is_not_main() -> None:
    docs = [doc("a", "A", "2030-02-11", title="Siege at Harbour Mall")]
    ems = [
        event(
            "a",
            "the previous attack in Port Vale",
            date="2026",
            precision="year",
            start=200,
            **HARBOUR,
        ),
        event(
            "a",
            "the previous attack in Port Vale",
            date="2026",
            precision="year",
            start=300,
            **HARBOUR,
        ),
        event("a", "the siege of the Harbour Mall", date="2030-02-10", start=0, **HARBOUR),
        event("a", "the assault", start=100),
    ]
    events = resolve_events(ems, docs)
    assert _event_of(events, ems[3].id) == _event_of(events, ems[2].id)
    assert _event_of(events, ems[3].id) != _event_of(events, ems[0].id)


def test_city_and_its_country_can_be_one_incident() -> None:
    ems = [
        event(
            "a",
            "twin blasts in Kerman city",
            type="bombing",
            date="2030-01",
            precision="month",
            location="Kerman city",
            country="Iran",
            coords=(30.28, 57.08),
        ),
        event(
            "b",
            "a major attack in Iran",
            date="2030-01",
            precision="month",
            location="Iran",
            country="Iran",
            coords=(35.69, 51.42),
        ),
    ]
    assert len(resolve_events(ems, [doc("a", "A", "2030-02-01"), doc("b", "B", "2030-03-01")])) == 1


def test_incident_title_cannot_pull_in_a_misdated_copy_over_the_original() -> None:
    docs = [
        doc("a", "A", "2030-02-10"),
        doc("b", "B", "2030-02-11"),
        doc("c", "C", "2030-02-13", title="Arrests over Harbour Mall siege"),
    ]
    ems = [
        _harbour("a"),
        _harbour("b"),
        # "…said on Wednesday that the attack at the Harbour Mall…": a reporting date.
        event("c", "the attack at the Harbour Mall", date="2030-02-12", start=40, **HARBOUR),
    ]
    events = resolve_events(ems, docs)
    assert len(events) == 1


def test_report_of_a_new_incident_is_not_about_an_older_one_in_its_town() -> None:
    """A report on a hotel siege that recalls last week's bombing in the same town is about
    the siege; the bombing's own report stays about the bombing. Generic "the attack" of each
    report follows its own report's incident."""
    town = {"location": "Port Vale", "country": "Freedonia", "coords": (10.0, 20.0)}
    docs = [
        doc("a", "A", "2030-04-08", title="Car bomb kills nine in Port Vale"),
        doc("b", "B", "2030-04-19", title="Siege at the Gullwing hotel in Port Vale ends"),
    ]
    ems = [
        event(
            "a",
            "bombing at a checkpoint in Port Vale",
            type="bombing",
            date="2030-04-07",
            start=10,
            **town,
        ),
        event("a", "the attack", start=200),
        event("b", "siege at the Gullwing hotel in Port Vale", date="2030-04-19", start=10, **town),
        # "the assault, which began late on Friday": the eve of the siege's end.
        event("b", "the assault", date="2030-04-18", start=120),
        event("b", "the attack", start=200),
    ]
    events = resolve_events(ems, docs)
    of = {em.doc_id + em.description: _event_of(events, em.id) for em in ems}
    assert of["athe attack"] == of["abombing at a checkpoint in Port Vale"]
    assert of["bthe attack"] == of["bsiege at the Gullwing hotel in Port Vale"]
    assert of["bthe assault"] == of["bsiege at the Gullwing hotel in Port Vale"]
    assert of["athe attack"] != of["bthe attack"]


@pytest.mark.parametrize(
    ("title", "names"),
    [
        # Title Case capitalises every word: no word of it is known to be a name.
        ("Man Shot Outside Riverside Heights Gas Station Friday Night", set()),
        # The outlet after the separator and a headline's opening word name nothing.
        ("Mother of victim speaks at Zorvath vigil - WXYZ News, Sports, Weather", {"zorvath"}),
        # A town of two words is a place, not the incident's name.
        ("Police seek gunman after Baton Rouge shooting near Tessaly bakery", {"tessaly"}),
        # A venue names its incident, also when it opens the headline.
        ("Crocus City Hall attack: suspects charged", {"crocus"}),
    ],
)
def test_title_names_only_what_names_an_incident(title: str, names: set[str]) -> None:
    from crosscheck.reconcile.incidents.local import _title_names

    assert set(_title_names(title)) == names


PORT_VALE = {"location": "Port Vale", "country": "Freedonia", "coords": (10.0, 20.0)}


def test_no_report_tells_of_an_incident_after_its_publication() -> None:
    """An undated shooting in a report of May cannot be a shooting of July in its town."""
    docs = [doc("a", "A", "2030-05-03"), doc("b", "B", "2030-07-09")]
    ems = [
        event("a", "a shooting outside the Larkmoor diner", type="shooting", **PORT_VALE),
        event(
            "b",
            "a shooting outside the Larkmoor diner",
            type="shooting",
            date="2030-07-08",
            **PORT_VALE,
        ),
    ]
    assert len(resolve_events(ems, docs)) == 2
    # Dated before the first report's publication, the same words are one incident.
    ems[1] = event(
        "b",
        "a shooting outside the Larkmoor diner",
        type="shooting",
        date="2030-05-02",
        **PORT_VALE,
    )
    assert len(resolve_events(ems, docs)) == 1


@pytest.mark.parametrize(("published", "incidents"), [("2030-03-12", 1), ("2030-09-12", 2)])
def test_undated_shootings_told_months_apart_are_different_unless_named(
    published: str, incidents: int
) -> None:
    docs = [doc("a", "A", "2030-03-10"), doc("b", "B", published)]
    ems = [
        event("a", "a man was shot in the park", type="shooting", **PORT_VALE),
        event("b", "a woman was shot in the park", type="shooting", **PORT_VALE),
    ]
    assert len(resolve_events(ems, docs)) == incidents
    # A name both share (the case a trial names) still ties them, however far apart.
    named = [
        event("a", "the Tillbrook shooting", type="shooting", **PORT_VALE),
        event("b", "the Tillbrook shooting", type="shooting", **PORT_VALE),
    ]
    assert len(resolve_events(named, docs)) == 1


TOWN_ONLY = {"location": "Port Vale", "coords": (10.0, 20.0)}


@pytest.mark.parametrize(("published", "incidents"), [("2030-05-04", 1), ("2030-05-20", 2)])
def test_undated_shooting_in_a_report_days_after_a_dated_one_is_it(
    published: str, incidents: int
) -> None:
    """Friday's "the shooting in Port Vale" is Wednesday's shooting there; a month later,
    with nothing else shared, it may be another."""
    docs = [doc("a", "A", "2030-05-02"), doc("b", "B", published)]
    ems = [
        event("a", "a shooting", type="shooting", date="2030-05-02", **TOWN_ONLY),
        event("b", "a shooting", type="shooting", **TOWN_ONLY),
    ]
    assert len(resolve_events(ems, docs)) == incidents
