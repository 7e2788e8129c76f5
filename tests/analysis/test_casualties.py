"""Casualty figures of local crime reports, from sentences written for these tests.

Each pattern of the real-news accuracy issue has its own sentences here: single victims,
lists of victims, shot versus killed, numbers that are not counts, parts and totals.
"""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.claims import find_claims
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.extractor import (
    _finish,
    _read_headline,
    sentence_case,
)
from crosscheck.analysis.lang.en.totals import (
    also_hurt,
    derived_figures,
    headline_outcomes,
    ordinal_figures,
    others_added,
    same_victim_dropped,
)
from crosscheck.model import Claim, Document, Extraction


def claims_of(nlp: Any, text: str, published: str = "2016-05-10") -> list[Claim]:
    doc = Document(id="d-test", content_hash="x", text=text, published=published)
    return find_claims(Chunk(document=doc, sdoc=nlp(text)), [], [])


def figures(nlp: Any, text: str) -> list[tuple[str, Any, Any]]:
    return [(c.measure, c.low, c.high) for c in claims_of(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 6-year-old boy was shot and killed on Birch Lane late Saturday.", ("killed", 1, 1)),
        ("The crash on the bridge left a 19-year-old dead.", ("killed", 1, 1)),
        (
            "Detectives are looking into the shooting death of a woman in Fairview.",
            ("killed", 1, 1),
        ),
        ("Deputies found a man dead beside his pickup truck.", ("killed", 1, 1)),
        ("The teenager, who was struck twice in the back, has died.", ("killed", 1, 1)),
        ("Owen Marsh, 44, was pronounced dead at a nearby hospital.", ("killed", 1, 1)),
        ("A father and daughter were found fatally shot in their kitchen.", ("killed", 2, 2)),
        ("It appears the hunter accidentally shot himself to death.", ("killed", 1, 1)),
        ("Police found the clerk shot to death behind the counter.", ("killed", 1, 1)),
        ("A teenager is dead after a shooting near the skate park.", ("killed", 1, 1)),
        ("Officers found the driver dead in his idling car.", ("killed", 1, 1)),
        ("A man was charged in the shooting death of 2-year-old Ada Price.", ("killed", 1, 1)),
        ("A warrant names a suspect in the death of Lia Moss, the 9-year-old.", ("killed", 1, 1)),
        ("The clerk was awake when he was carried out, but died later.", ("killed", 1, 1)),
        ("The cashier was not seriously hurt, police said.", ("injured", 1, 1)),
        ("A hunting accident claimed the life of 8-year-old Levi Park.", ("killed", 1, 1)),
        ("A body was found in a drainage ditch off Route 4 on Sunday.", ("killed", 1, 1)),
        ("The girl was taken to a clinic with a graze wound to the arm.", ("injured", 1, 1)),
        (
            "The 30-year-old passenger shot himself by accident while cleaning a pistol and "
            "died of the wound.",
            ("killed", 1, 1),
        ),
        (
            "Deputies said Marta Quist was cleaning the rifle. Quist suffered a minor hand injury.",
            ("injured", 1, 1),
        ),
        ("The driver was flown to a trauma center, where he later passed away.", ("killed", 1, 1)),
        ("The medical examiner pronounced Noel Brandt dead at the scene.", ("killed", 1, 1)),
        ("Two cousins who were shot on Friday have died, police said.", ("killed", 2, 2)),
    ],
)
def test_casualties_a_single_victim_is_a_figure(nlp: Any, text: str, expected: tuple) -> None:
    assert figures(nlp, text) == [expected]


def test_casualties_the_one_found_dead_by_his_own_hand_is_one(nlp: Any) -> None:
    text = "Minutes later deputies found a man who had shot himself in the chest, killing himself."
    assert figures(nlp, text) == [("killed", 1, 1)]


def test_casualties_a_list_of_victims_is_one_figure_with_the_shooter(nlp: Any) -> None:
    text = "He shot and killed his two cousins, his uncle and a neighbour before killing himself."
    (claim,) = claims_of(nlp, text)
    assert (claim.measure, claim.low) == ("killed", 5)
    assert text[claim.span[0] : claim.span[1]] == "his two cousins, his uncle and a neighbour"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five people were shot outside a diner on Ninth Street.", [("casualties", 5, 5)]),
        (
            "Seven people were shot, one fatally, at a block party.",
            [
                ("injured", 6, 6),
                ("killed", 1, 1),
            ],
        ),
        (
            "Four people were shot, two of them fatally, outside a club on Sunday.",
            [
                ("injured", 2, 2),
                ("killed", 2, 2),
            ],
        ),
        (
            "Six were shot -- 2 killed and four injured -- near the bus stop.",
            [
                ("casualties", 6, 6),
                ("killed", 2, 2),
                ("injured", 4, 4),
            ],
        ),
        ("Two men were found shot dead in a parked van.", [("killed", 2, 2)]),
        (
            "Five people were shot, one critically, near the ferry landing.",
            [
                ("injured", 5, 5),
                ("injured", 1, 1),
            ],
        ),
        ("Deputies say three people were found shot to death in a cabin.", [("killed", 3, 3)]),
        ("Two women were found shot near the trailhead.", [("casualties", 2, 2)]),
        (
            "A gunman wounded a guard and then killed himself in the lobby.",
            [
                ("killed", 1, 1),
                ("injured", 1, 1),
            ],
        ),
        (
            "Five were shot -- one killed and four wounded -- at the corner store.",
            [
                ("casualties", 5, 5),
                ("killed", 1, 1),
                ("injured", 4, 4),
            ],
        ),
        ("Two brothers were shot and wounded near the depot.", [("injured", 2, 2)]),
        ("Three men were shot and are in stable condition.", [("injured", 3, 3)]),
        ("A cashier was grazed by a bullet during the robbery.", [("injured", 1, 1)]),
        (
            "The woman is in critical condition after she was shot.",
            [
                ("injured", 1, 1),
                ("casualties", 1, 1),
            ],
        ),
        ("A Ridgeway man sustained minor injuries in the shooting.", [("injured", 1, 1)]),
        (
            "Gunmen opened fire at the party, killing one man and wounding four others.",
            [
                ("killed", 1, 1),
                ("injured", 4, 4),
            ],
        ),
        ("The gunfire left three people injured on Tuesday night.", [("injured", 3, 3)]),
        ("Her cousin and a bystander were also shot, but lived.", [("casualties", 2, 2)]),
        ("Her cousin and a bystander were also shot, but survived.", [("injured", 2, 2)]),
        ("Two guards were shot in the exchange and recovered.", [("injured", 2, 2)]),
        ("The clerk was shot and is survived by his wife.", [("casualties", 1, 1)]),
        (
            "A neighbor was also hit by the gunfire, but her injuries were not serious.",
            [("injured", 1, 1)],
        ),
        ("A driver was shot in the neck, and his wounds proved fatal.", [("killed", 1, 1)]),
        ("A driver was shot in the neck, and his sister called 911.", [("casualties", 1, 1)]),
        # Victims are one toll whoever they are.
        ("Police say three women and one man were shot near the depot.", [("casualties", 4, 4)]),
        ("Two deputies and three bystanders were killed in the ambush.", [("killed", 5, 5)]),
    ],
)
def test_casualties_shot_is_not_killed(nlp: Any, text: str, expected: list) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Calvin Moss, 27, was charged with assault on Monday.",
        "The shooting happened in the 1400 block of Alder Avenue around 9 p.m.",
        "The two suspects, ages 31 and 19, were held on $250,000 bail.",
        "Deputies recovered a .38-caliber revolver at the scene.",
        "The mother was not injured in the shooting, police said.",
        "No one was hurt when shots hit the house.",
        "He was likely killed in 2019 near the border.",
        "The city recorded two killings in the same building this month.",
        "The lifeguard is not dead, the county corrected later.",
        "If the hiker is dead, the search becomes a recovery, the sheriff said.",
        "Relatives feared the fisherman was dead.",
        "The officer was not hurt in the exchange of gunfire.",
        "Historians still debate the killing of Huey Long.",
        "Protests followed the killing of top rebel commander Ivo Brandt.",
        "The stray round nearly killed a toddler asleep in her crib.",
        "The crash almost claimed the life of a teenager.",
        "A surgeon said the slug could have torn an artery and killed the cyclist.",
        "A stray round injured one of the family dogs on Sunday.",
        "The governing body found the officers acted lawfully.",
        "A neighbour dialed 911 reporting gunfire and a wounded dog on the porch.",
    ],
)
def test_casualties_numbers_that_are_not_counts(nlp: Any, text: str) -> None:
    assert [f for f in figures(nlp, text) if f[0] in ("killed", "injured", "casualties")] == []


def test_casualties_wounds_on_one_person_are_not_people(nlp: Any) -> None:
    found = figures(nlp, "The victim suffered 11 gunshot wounds to the chest.")
    assert found == [("injured", 1, 1)]


def test_casualties_part_after_including_points_at_its_total(nlp: Any) -> None:
    total, part = claims_of(nlp, "Nine people were killed, including two police officers.")
    assert (total.measure, total.low, part.measure, part.low) == ("killed", 9, "killed", 2)
    assert part.part_of == total.id


def test_totals_injured_by_difference(nlp: Any) -> None:
    text = "Four people were shot early Sunday. One of them died at the hospital."
    found = claims_of(nlp, text)
    (injured,) = derived_figures(found, text)
    assert (injured.measure, injured.low, injured.high) == ("injured", 3, 3)
    assert injured.label == "people injured (4 hit, 1 killed)"


@pytest.mark.parametrize(
    ("text", "hit", "injured"),
    [
        ("Two men were shot on Pell Road. A third man was shot in the foot nearby.", 3, 3),
        ("Two people were killed and two were wounded. A fifth person was grazed.", 5, 3),
    ],
)
def test_totals_a_victim_told_by_an_ordinal_counts_them_all(
    nlp: Any, text: str, hit: int, injured: int
) -> None:
    found = claims_of(nlp, text)
    (more,) = ordinal_figures(found, text)
    assert (more.measure, more.low, more.high) == ("casualties", hit, hit)
    assert text[more.span[0] : more.span[1]] in ("third", "fifth")
    (derived,) = derived_figures([*found, more], text)
    assert (derived.measure, derived.low) == ("injured", injured)


@pytest.mark.parametrize(
    "text",
    [
        # The second victim is the one wounded: two hit, as the report's figures say.
        "One man was killed and a second man was wounded on Elm Street.",
        # An ordinal that counts shootings, not people.
        "Two men were shot on Elm Street. It was the third shooting this week.",
    ],
)
def test_totals_an_ordinal_within_the_figures_adds_nothing(nlp: Any, text: str) -> None:
    assert ordinal_figures(claims_of(nlp, text), text) == []


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        ("Two men were killed on Pell Road. Three other victims were shot near a store.", 3),
        ("Five people were shot on Pell Road. Two men died at the scene.", 3),
        # The phrase names the one who died too: four others and him were hit.
        ("A man died after he and four others were shot outside a store on Pell Road.", 4),
    ],
)
def test_totals_victims_besides_the_dead_are_all_hurt(nlp: Any, text: str, injured: int) -> None:
    (derived,) = derived_figures(claims_of(nlp, text), text)
    assert (derived.measure, derived.low) == ("injured", injured)


def test_totals_hit_with_no_word_of_death_are_injured(nlp: Any) -> None:
    text = "Two teenagers were shot near the skate park and taken to the hospital."
    (injured,) = derived_figures(claims_of(nlp, text), text)
    assert (injured.low, injured.label) == (2, "people injured (2 hit, none reported dead)")


@pytest.mark.parametrize(
    "text",
    [
        "A boy was shot in the leg on Maple Court. His injuries are not life-threatening.",
        "A girl was shot in the upper body outside her school.",
        # A name and an attempt hold a word of death and tell of none.
        "A man was shot outside a bar and taken to Memorial Hospital. He faces no charges.",
        "A woman was shot in her driveway. Her neighbour is charged with attempted murder.",
        # A death supposed is no death told.
        "A man was shot in the hip on Pell Road. It could have ended in his death, police said.",
        "A girl was shot in the arm. Those who try to kill children will be found, he said.",
    ],
)
def test_totals_injuries_short_of_death_are_no_word_of_death(nlp: Any, text: str) -> None:
    (injured,) = derived_figures(claims_of(nlp, text), text)
    assert (injured.measure, injured.low) == ("injured", 1)


def test_totals_no_figure_by_difference_when_a_death_is_mentioned(nlp: Any) -> None:
    text = "Two men were shot on Elm Street. Their families gathered for a vigil."
    assert derived_figures(claims_of(nlp, text), text) == []


def test_totals_no_figure_when_the_report_gives_its_injured(nlp: Any) -> None:
    text = "Six people were shot. Five were wounded and one was killed."
    assert derived_figures(claims_of(nlp, text), text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A city's weekend tally is about many shootings, not the report's own incident.
        ("Three people were killed and 41 wounded in weekend shootings across Ravenport.", "none"),
        ("At least 12 people were shot in shootings across the east side since Friday.", "none"),
        # A running total over a period, even beside a word of killing.
        ("So far in 2029, at least 47 people have been killed in Ravenport.", "none"),
        ("Twelve people have been killed in the city this year.", "none"),
        # A named or definite plural may be one incident (twin blasts).
        ("Eleven people died in the Marlow Square bombings.", "event"),
        ("Three people were killed in the shooting.", "event"),
    ],
)
def test_tallies_over_many_incidents_have_no_event(nlp: Any, text: str, kind: str) -> None:
    assert {c.subject_kind for c in claims_of(nlp, text)} == {kind}


@pytest.mark.parametrize(
    "text",
    [
        "If she had been standing closer, it could easily have killed her.",
        "The blast would have killed dozens had the device fully detonated.",
    ],
)
def test_what_could_have_happened_is_no_figure(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == []


def test_what_may_have_happened_is_still_a_figure(nlp: Any) -> None:
    assert figures(nlp, "Police say the gunman may have killed two others.") == [("killed", 2, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "The cyclist was rushed to County General in critical condition but passed away overnight.",
        "Paramedics treated the clerk on the floor before driving him to a clinic, where he was "
        "pronounced dead.",
        "A 9-year-old boy has died after he suffered a gunshot wound at a cousin's house.",
        "The driver stayed in serious condition until she died on Tuesday.",
    ],
)
def test_casualties_one_victim_hurt_then_dead_is_one_death(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == [("killed", 1, 1)]


def test_casualties_two_single_victims_keep_their_own_outcomes(nlp: Any) -> None:
    text = "A 15-year-old was killed and an 8-year-old was hurt when the van rolled over."
    assert sorted(figures(nlp, text)) == [("injured", 1, 1), ("killed", 1, 1)]


def test_casualties_an_obituary_family_is_no_figure(nlp: Any) -> None:
    found = figures(nlp, "Mr. Pell is survived by his wife and three daughters.")
    assert not [f for f in found if f[0] in ("killed", "injured", "casualties")]


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors charged two men over a robbery that left a cashier in critical condition.",
        "A teenager was shot in the shoulder and is expected to survive.",
    ],
)
def test_casualties_a_victim_left_alive_is_injured(nlp: Any, text: str) -> None:
    harm = [f for f in figures(nlp, text) if f[0] in ("killed", "injured", "casualties")]
    assert harm == [("injured", 1, 1)]


def test_casualties_victims_named_in_a_list_count_once(nlp: Any) -> None:
    text = "Two victims, a 31-year-old woman and a 40-year-old man, died at the scene."
    assert figures(nlp, text) == [("killed", 2, 2)]


def test_casualties_a_numbered_kin_noun_and_a_list_add_up(nlp: Any) -> None:
    text = "The gunman killed his three sons, his wife and a neighbour."
    assert figures(nlp, text) == [("killed", 5, 5)]


def test_casualties_a_participle_on_a_noun_says_what_was_done_to_it(nlp: Any) -> None:
    text = "The family of a boy killed in the crossfire spoke on Monday."
    assert figures(nlp, text) == [("killed", 1, 1)]


def _headline(nlp: Any, title: str) -> list[Claim]:
    doc = Document(id="d-test", content_hash="x", text="", title=title, published="2016-05-10")
    return _read_headline(doc, nlp(sentence_case(title)))[1]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Girl Dies After Stray Round Goes Through Apartment Wall", ("killed", 1)),
        ("Teen killed in crash on Route 9", ("killed", 1)),
        ("Grandmother critically injured in drive-by", ("injured", 1)),
        ("9-year-old Ohio girl killed in hunting accident", ("killed", 1)),
    ],
)
def test_headline_figures_read_without_determiners(nlp: Any, title: str, expected: tuple) -> None:
    assert [(c.measure, c.low) for c in _headline(nlp, title)] == [expected]


def test_headline_outcome_stays_on_the_body_sentence(nlp: Any) -> None:
    body = "Deputies said a round fired through a wall struck a 6-year-old girl on Sunday."
    found = headline_outcomes(
        claims_of(nlp, body),
        _headline(nlp, "Girl dies after stray round goes through apartment wall"),
    )
    (killed,) = found
    assert (killed.measure, killed.low, killed.high) == ("killed", 1, 1)
    assert body[killed.span[0] : killed.span[1]] == "a 6-year-old girl"
    assert "headline" in killed.label


def test_headline_outcome_never_overrides_the_body(nlp: Any) -> None:
    body = "A man was shot on Pine Street and later died at the hospital."
    assert (
        headline_outcomes(claims_of(nlp, body), _headline(nlp, "Man wounded on Pine Street")) == []
    )


def test_sentence_case_only_for_title_case_headlines() -> None:
    assert (
        sentence_case("Teen Critically Injured In NW Shooting")
        == "Teen critically injured in NW shooting"
    )
    assert sentence_case("Police say Ann Lee was shot") == "Police say Ann Lee was shot"
    # Numbers and short words do not count against a Title Case headline.
    assert sentence_case("3 Hurt in 2 Late Shootings, Driver Held") == (
        "3 hurt in 2 late shootings, driver held"
    )


def test_headline_one_dead_counts_one(nlp: Any) -> None:
    found = _headline(nlp, "One Dead, Three Injured After Shooting At Cookout")
    assert sorted((c.measure, c.low) for c in found) == [("injured", 3), ("killed", 1)]


def test_totals_a_victim_pointed_back_to_in_a_report_of_a_death_is_that_death(nlp: Any) -> None:
    text = (
        "A 9-year-old boy was shot and killed on Cedar Lane on Monday. "
        "Neighbours said the boy was in critical condition when the ambulance left."
    )
    kept = same_victim_dropped(claims_of(nlp, text), text)
    assert sorted((c.measure, c.low) for c in kept) == [("killed", 1)]


def test_totals_a_victim_named_again_in_a_report_of_their_death_is_that_death(nlp: Any) -> None:
    text = (
        "Dana Whitlock, 19, was pronounced dead at a hospital. "
        "Police said Whitlock suffered a gunshot wound to the neck outside a store."
    )
    kept = same_victim_dropped(claims_of(nlp, text), text)
    assert sorted((c.measure, c.low) for c in kept) == [("killed", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot and killed on Cedar Lane. The other victim is in stable condition.",
        "A man was shot and killed on Cedar Lane. A woman was wounded in the arm.",
        # A relative with the same surname, and a phrase that names no one, are others.
        "Dana Whitlock, 19, died at a hospital. Police said Ray Whitlock suffered a gunshot "
        "wound to the arm.",
        "A Boston man was killed on Cedar Lane. A Boston woman suffered a gunshot wound.",
    ],
)
def test_totals_another_victim_stays_hurt(nlp: Any, text: str) -> None:
    kept = same_victim_dropped(claims_of(nlp, text), text)
    assert sorted((c.measure, c.low) for c in kept) == [("injured", 1), ("killed", 1)]


def test_casualties_a_harm_only_tried_is_no_figure(nlp: Any) -> None:
    text = "The man is accused of trying to kill two deputies during the standoff."
    assert not [f for f in figures(nlp, text) if f[0] in ("killed", "injured", "casualties")]


def test_headline_only_a_boilerplate_body_keeps_the_headlines_figure(nlp: Any) -> None:
    title = "Teen killed in drive-by shooting in Westfield"
    body = "Sign in to keep reading. Already a subscriber? Log in with your account."
    doc = Document(id="d-test", content_hash="x", text=body, title=title, published="2016-05-10")
    found = _finish(doc, Extraction(doc_id=doc.id), _read_headline(doc, nlp(sentence_case(title))))
    (killed,) = [c for c in found.claims if c.measure == "killed"]
    assert (killed.low, killed.span, killed.sentence) == (1, (0, 0), title)
    (incident,) = found.events
    assert (incident.span, incident.sentence) == ((0, 0), title)
    assert killed.subject_ref == incident.id


def test_headline_only_never_when_the_body_gives_a_figure(nlp: Any) -> None:
    title = "Teen killed in drive-by shooting in Westfield"
    body = "A 17-year-old was shot and killed on Birch Lane on Sunday night."
    doc = Document(id="d-test", content_hash="x", text=body, title=title, published="2016-05-10")
    extraction = Extraction(doc_id=doc.id, claims=claims_of(nlp, body))
    found = _finish(doc, extraction, _read_headline(doc, nlp(sentence_case(title))))
    assert all(c.span != (0, 0) for c in found.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A farmer shot his nephew and killed his brother-in-law on Sunday.", [1, 1]),
        ("The suspect is accused of killing a clerk and shooting a customer.", [1, 1]),
        ("The suspect shot a deputy and killed a 15-year-old.", [1, 1]),
        ("Deputies said Lee shot a roommate and then fatally shot a neighbor.", [1, 1]),
    ],
)
def test_casualties_shot_beside_killed_others_lived(
    nlp: Any, text: str, expected: list[int]
) -> None:
    """A coordinated verb that kills victims of its own tells that the ones shot lived."""
    found = figures(nlp, text)
    killed = sum(f[1] for f in found if f[0] == "killed")
    injured = sum(f[1] for f in found if f[0] == "injured")
    assert [killed, injured] == expected
    assert not [f for f in found if f[0] == "casualties"]


@pytest.mark.parametrize(
    "text",
    [
        "The suspect shot two deputies and fled in a pickup.",
        # The shooter's own death says nothing of whether the others lived.
        "The sheriff said Lee shot two deputies as they ran, then fatally shot himself.",
        "The sheriff said Lee shot two deputies and then fatally turned the gun on himself.",
    ],
)
def test_casualties_shot_alone_stays_people_hit(nlp: Any, text: str) -> None:
    assert ("casualties", 2, 2) in figures(nlp, text)
    assert not [f for f in figures(nlp, text) if f[0] == "injured"]


def test_casualties_a_time_is_not_an_object(nlp: Any) -> None:
    text = "Marcus Webb was shot and killed Saturday evening outside a store on Elm Street."
    assert figures(nlp, text) == [("killed", 1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Detectives said a 31 y/o man was shot and killed on Elm Street.",
        "Deputies said Dana Price, 58 was found dead in the kitchen.",
        "A woman, 44 was shot and killed outside the bar.",
    ],
)
def test_casualties_ages_after_a_person_are_not_the_toll(nlp: Any, text: str) -> None:
    assert [f for f in figures(nlp, text) if f[0] == "killed"] == [("killed", 1, 1)]


def test_casualties_relative_clause_settles_the_outcome(nlp: Any) -> None:
    text = "The two men who were shot and killed near the trailhead have been identified."
    assert figures(nlp, text) == [("killed", 2, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Three people were killed and five hurt in four separate shootings across the city.",
        "A woman died and a teenager was wounded in unrelated shootings on Friday night.",
    ],
)
def test_roundup_figures_are_no_one_incidents_toll(nlp: Any, text: str) -> None:
    harmed = [c for c in claims_of(nlp, text) if c.measure in ("killed", "injured")]
    assert harmed and all(c.subject_kind == "none" for c in harmed)


def test_one_incident_with_a_place_keeps_its_event(nlp: Any) -> None:
    text = "Three people were killed in a shooting at a bar on Elm Street."
    (killed,) = [c for c in claims_of(nlp, text) if c.measure == "killed"]
    assert killed.subject_kind == "event"


@pytest.mark.parametrize(
    "title",
    [
        "Three hurt in shooting at Lakeside gas station",
        "Shooting outside Elm Street bar leaves two wounded",
    ],
)
def test_headline_without_articles_names_its_incident(nlp: Any, title: str) -> None:
    body = "Sign in to keep reading. Already a subscriber? Log in with your account."
    doc = Document(id="d-test", content_hash="x", text=body, title=title, published="2016-05-10")
    found = _finish(doc, Extraction(doc_id=doc.id), _read_headline(doc, nlp(sentence_case(title))))
    (incident,) = found.events
    (hurt,) = [c for c in found.claims if c.measure == "injured"]
    assert (incident.type, hurt.subject_ref) == ("shooting", incident.id)


def test_injured_by_difference_over_victims_told_one_by_one(nlp: Any) -> None:
    text = (
        "A 6-year-old boy and a 40-year-old woman were shot Friday on Elm Street. The woman "
        "was treated at a clinic, and the boy was listed in good condition."
    )
    (injured,) = derived_figures(claims_of(nlp, text), text)
    assert (injured.low, injured.label) == (2, "people injured (2 hit, none reported dead)")


def test_injured_by_difference_never_below_the_reports_own_range(nlp: Any) -> None:
    text = "Two people were shot on Elm Street. At least three were hurt in all."
    assert derived_figures(claims_of(nlp, text), text) == []


def test_a_broadcasters_number_is_not_a_count(nlp: Any) -> None:
    text = "Westfield Police tells 8 News two people were shot at the Bayview Motel early Sunday."
    assert [f for f in figures(nlp, text) if f[0] == "casualties"] == [("casualties", 2, 2)]


def test_an_age_bound_is_not_a_count(nlp: Any) -> None:
    text = "Shortly after dusk a girl younger than 9 was shot near the pool, deputies said."
    assert all(f[1] in (None, 1) for f in figures(nlp, text))


def test_casualties_wounds_told_beside_the_verb_of_saying_are_the_victims(nlp: Any) -> None:
    # The parser hangs "her injuries were ..." under "said", beside "was hit".
    text = (
        "A 20-year-old woman was also hit by the gunfire, but her injuries were not "
        "life-threatening, the sheriff said."
    )
    harm = [f for f in figures(nlp, text) if f[0] in ("killed", "injured", "casualties")]
    assert harm == [("injured", 1, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials say three people were killed. The woman's 30-year-old brother was also "
            "shot in his arm and taken to a hospital.",
            [("injured", 1), ("killed", 3)],
        ),
        # A victim also shot who died is one more death, not an injury.
        (
            "Two men were shot and killed Friday. A woman was also shot, and she later died.",
            [("casualties", 1), ("killed", 1), ("killed", 2)],
        ),
    ],
)
def test_totals_a_victim_also_shot_beside_the_dead_is_hurt(
    nlp: Any, text: str, expected: list
) -> None:
    kept = also_hurt(claims_of(nlp, text), text)
    assert sorted((c.measure, c.low) for c in kept) == expected


def test_totals_also_shot_with_no_death_stays_people_hit(nlp: Any) -> None:
    text = "A man was shot on Elm Road. His cousin was also shot in the leg."
    kept = also_hurt(claims_of(nlp, text), text)
    assert {c.measure for c in kept} == {"casualties"}


def test_totals_a_victim_who_had_been_hurt_in_a_report_of_a_death_is_that_death(
    nlp: Any,
) -> None:
    text = (
        "A local girl who was shot at her home last month has died. "
        "Ada Moss, 7, had been critically injured in the shooting. "
        "A neighbour was wounded in the arm."
    )
    kept = same_victim_dropped(claims_of(nlp, text), text)
    assert sorted((c.measure, c.low) for c in kept) == [("injured", 1), ("killed", 1)]
    assert not any("Ada Moss" in c.sentence for c in kept)


def test_totals_a_numbered_victim_also_shot_is_left_to_the_ordinal_count(nlp: Any) -> None:
    text = "Three men were found dead on Locust Lane. A fourth man was also shot, police said."
    kept = also_hurt(claims_of(nlp, text), text)
    assert "injured" not in {c.measure for c in kept}


@pytest.mark.parametrize(
    "text",
    [
        "He could've died from that wound, the doctor said.",
        "She told officers that her husband should be dead by now.",
    ],
)
def test_casualties_a_death_only_supposed_is_no_harm(nlp: Any, text: str) -> None:
    found = figures(nlp, text)
    assert not [f for f in found if f[0] in ("killed", "injured", "casualties")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies found a man with a gunshot wound behind the store.", [("casualties", 1, 1)]),
        (
            "Officers found a man and a woman with gunshot wounds in the parking lot.",
            [("casualties", 2, 2)],
        ),
        ("Medics found a teenager suffering from a gunshot wound.", [("casualties", 1, 1)]),
        ("Deputies found two men and a woman with gunshot wounds.", [("casualties", 3, 3)]),
    ],
)
def test_casualties_people_found_with_wounds_were_hit(nlp: Any, text: str, expected: list) -> None:
    harm = [f for f in figures(nlp, text) if f[0] in ("killed", "injured", "casualties")]
    assert harm == expected


def test_casualties_a_thing_found_with_damage_is_no_victim(nlp: Any) -> None:
    found = figures(nlp, "Police located the getaway car with a shattered window.")
    assert not [f for f in found if f[0] in ("killed", "injured", "casualties")]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "The gunfire left a 3-year-old boy in critical condition, while four others, "
            "including a teenager, were also wounded.",
            5,
        ),
        ("A cashier was wounded in the shoulder, and two other people were also hurt.", 3),
    ],
)
def test_totals_people_besides_those_told_add_up(nlp: Any, text: str, total: int) -> None:
    found = others_added(claims_of(nlp, text), text)
    wholes = [c for c in found if c.measure == "injured" and not c.part_of]
    assert [(c.low, c.high) for c in wholes] == [(total, total)]
    assert all(c.part_of == wholes[0].id for c in found if c.measure == "injured" and c.part_of)


def test_totals_others_after_a_pronoun_are_not_added_to_it(nlp: Any) -> None:
    text = "He was listed in serious condition. Three other people were also wounded."
    found = others_added(claims_of(nlp, text), text)
    assert max(c.low for c in found if c.measure == "injured") == 3


def test_a_measure_of_time_names_no_incident(nlp: Any) -> None:
    text = "He went on a ten-minute shooting rampage that killed two and wounded four."
    names = {c.subject_name for c in claims_of(nlp, text) if c.measure in ("killed", "injured")}
    assert names == {"shooting rampage"}


@pytest.mark.parametrize(
    "aside",
    [
        "A safety instructor said loaded guns can cause severe injury or death.",
        "0:41 Driver dies after crash on the interstate",
    ],
)
def test_totals_no_death_in_a_generic_warning_or_a_video_list(nlp: Any, aside: str) -> None:
    text = f"A 6-year-old was shot in the foot at a home on Alder Street.\n\n{aside}"
    derived = derived_figures(claims_of(nlp, text), text)
    assert [(c.measure, c.low) for c in derived] == [("injured", 1)]


def test_totals_the_set_a_death_is_drawn_from_tells_the_people_hit(nlp: Any) -> None:
    # Four were hit; one of them died: three injured.
    text = "One of the four people wounded on Friday died at the hospital on Sunday."
    claims = claims_of(nlp, text)
    assert sorted((c.measure, c.low) for c in claims) == [("casualties", 4), ("killed", 1)]
    assert [(c.measure, c.low) for c in derived_figures(claims, text)] == [("injured", 3)]
    text = "One of the three people shot Saturday night died at the hospital."
    claims = claims_of(nlp, text)
    derived = derived_figures(claims, text)
    assert [(c.measure, c.low) for c in derived] == [("injured", 2)]


def test_a_set_told_without_its_harm_is_no_figure(nlp: Any) -> None:
    found = figures(nlp, "One of the 130 victims was a child from a nearby village.")
    assert not [f for f in found if f[0] in ("killed", "injured", "casualties")]
