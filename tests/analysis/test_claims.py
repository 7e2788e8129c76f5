"""Numeric claims from sentences written for these tests (never copied from reports)."""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.claims import find_claims
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.model import Claim, Document, EventMention, Mention


def claims_of(
    nlp: Any,
    text: str,
    mentions: list[Mention] | None = None,
    events: list[EventMention] | None = None,
    published: str = "2024-05-10",
) -> list[Claim]:
    doc = Document(id="d-test", content_hash="x", text=text, published=published)
    chunk = Chunk(document=doc, sdoc=nlp(text))
    return find_claims(chunk, mentions or [], events or [])


def summary(claims: list[Claim]) -> list[tuple[str, Any, Any, bool]]:
    return [(c.measure, c.low, c.high, c.vague) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The explosion killed 23 people and wounded 57 others in the market.",
            [("killed", 23, 23, False), ("injured", 57, 57, False)],
        ),
        (
            "At least 41 civilians were killed when the convoy was hit.",
            [("killed", 41, None, False)],
        ),
        ("Twelve soldiers died in the assault on the outpost.", [("killed", 12, 12, False)]),
        ("Officials put the death toll at 312 on Monday.", [("killed", 312, 312, False)]),
        ("The death toll has risen to 87, the ministry said.", [("killed", 87, 87, False)]),
        (
            "The shelling left 15 people dead and dozens injured.",
            [("killed", 15, 15, False), ("injured", 24, 99, True)],
        ),
        ("Nearly 200 people were wounded in the blasts.", [("injured", None, 200, False)]),
        ("Police detained more than 300 protesters overnight.", [("arrested", 300, None, False)]),
        ("Security forces arrested seven suspects after the bombing.", [("arrested", 7, 7, False)]),
        (
            "Authorities deported about 1,200 migrants last month.",
            [("deported", 1200, 1200, False)],
        ),
        (
            "Some 40,000 residents have been displaced by the fighting.",
            [("displaced", 40000, 40000, False)],
        ),
        ("Three gunmen opened fire on worshippers.", [("perpetrators", 3, 3, False)]),
        ("Five men were sentenced to life in prison for the plot.", [("sentenced", 5, 5, False)]),
        ("Eight people remain missing after the attack.", [("missing", 8, 8, False)]),
        ("Hundreds of people fled the town.", [("displaced", 200, 999, True)]),
        ("The bomb attack claimed 19 lives.", [("killed", 19, 19, False)]),
        ("The raid, which left eleven dead, was condemned.", [("killed", 11, 11, False)]),
        (
            "In the 1990s, the war killed tens of thousands of people.",
            [("killed", 20000, 99999, True)],
        ),
        (
            "Police said 4 officers were injured and 2 were killed.",
            [("injured", 4, 4, False), ("killed", 2, 2, False)],
        ),
        (
            "The attackers killed 9 and injured 14.",
            [("killed", 9, 9, False), ("injured", 14, 14, False)],
        ),
        ("A dozen police officers were hurt in the clashes.", [("injured", 12, 12, False)]),
        ("Rescuers pulled 30 bodies from the rubble.", [("killed", 30, 30, False)]),
        (
            "The blast, which tore through a bus station, wounded 40 and killed at least 12.",
            [("injured", 40, 40, False), ("killed", 12, None, False)],
        ),
        (
            "The ministry said the number of dead had climbed to 64 by Sunday.",
            [("killed", 64, 64, False)],
        ),
        ("The court placed six suspects in custody on Saturday.", [("arrested", 6, 6, False)]),
        (
            "Two men accused of staging the assault appeared in court.",
            [("perpetrators", 2, 2, False)],
        ),
        ("Gunmen kill 14 in attack on village mosque", [("killed", 14, 14, False)]),
        ("Death toll from harbour blast rises to 53", [("killed", 53, 53, False)]),
        (
            "Twin bombings leave 30 dead, 80 wounded in northern city",
            [("killed", 30, 30, False), ("injured", 80, 80, False)],
        ),
        ("At least six police officers were among the dead.", [("killed", 6, None, False)]),
        ("The number of injured stood at 210 on Thursday night.", [("injured", 210, 210, False)]),
        ("A total of 47 people have been arrested so far.", [("arrested", 47, 47, False)]),
        ("Police rounded up 32 suspected militants in dawn raids.", [("arrested", 32, 32, False)]),
        ("The attack was carried out by three suicide bombers.", [("perpetrators", 3, 3, False)]),
        ("Some 90 families were evicted from the settlement.", [("displaced", 90, 90, False)]),
        (
            "Some 2,000 residents have left their homes since the blast.",
            [("displaced", 2000, 2000, False)],
        ),
        (
            "The car bomb killed 9 people and left 31 others with injuries.",
            [("killed", 9, 9, False), ("injured", 31, 31, False)],
        ),
        ("Authorities expelled 250 foreign nationals last year.", [("deported", 250, 250, False)]),
        ("Six of the hostages are still unaccounted for.", [("missing", 6, 6, False)]),
        ("Paramedics treated 63 people for smoke inhalation.", [("injured", 63, 63, False)]),
        ("Eleven people were taken to hospital after the blast.", [("injured", 11, 11, False)]),
        ("Seven suspects remain in pre-trial detention.", [("arrested", 7, 7, False)]),
        (
            "An estimated 12,000 people were forced from their homes.",
            [("displaced", 12000, 12000, False)],
        ),
        ("Some 800 migrants were sent back across the border.", [("deported", 800, 800, False)]),
        ("Dozens of people were still listed as missing.", [("missing", 24, 99, True)]),
        ("Officials confirmed that 17 people had lost their lives.", [("killed", 17, 17, False)]),
        ("The two men, aged 20 and 31, were detained.", [("arrested", 2, 2, False)]),
        # An unknown (or mistyped) verb: an attack's object that is people is a toll.
        ("Rebels shelled the depot, an attack which slew nine people.", [("killed", 9, 9, False)]),
    ],
)
def test_claims_event_measures(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert summary(claims_of(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The group has between 2,000 and 3,000 fighters in the province.",
            [("count", 2000, 3000, False)],
        ),
        ("Russia has about 10,000 troops stationed there.", [("count", 10000, 10000, False)]),
        ("Several thousand troops were deployed to the border.", [("count", 3000, 9999, True)]),
        ("Unemployment stands at 12 percent.", [("percent", 12, 12, False)]),
        ("Turnout was 48%.", [("percent", 48, 48, False)]),
        ("Zorvania ranks 131st in the world by life expectancy.", [("rank", 131, 131, False)]),
        (
            "The government pledged $2.5 billion in reconstruction aid.",
            [("amount", 2500000000, 2500000000, False)],
        ),
        ("The nation's whole population is just 4 million.", [("count", 4000000, 4000000, False)]),
        ("In 2015, about 3,000 volunteers joined the militia.", [("count", 3000, 3000, False)]),
        (
            "The militia is thought to number between 800 and 1,200 men.",
            [("count", 800, 1200, False)],
        ),
        (
            "Militants seized 3.2 billion roubles from the bank.",
            [("amount", 3200000000, 3200000000, False)],
        ),
        (
            "The ranking places the country 3rd worst for journalist safety.",
            [("rank", 3, 3, False)],
        ),
        ("The country ranks 45th out of 180 countries.", [("rank", 45, 45, False)]),
        ("Zorvania is the world's 5th largest arms importer.", [("rank", 5, 5, False)]),
        ("Only a quarter of the fighters are foreigners.", [("percent", 25, 25, False)]),
        ("Some 1 in 5 recruits came from the capital.", [("percent", 20, 20, False)]),
        ("Roughly two-thirds of recruits come from abroad.", [("percent", 66.7, 66.7, False)]),
        (
            "Smugglers charge between $2,000 and $5,000 per crossing.",
            [("amount", 2000, 5000, False)],
        ),
        (
            "The attack cost the economy an estimated $300m.",
            [("amount", 300000000, 300000000, False)],
        ),
    ],
)
def test_claims_statistics(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert summary(claims_of(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened in 2019 and lasted 20 minutes.",
        "Article 205 of the criminal code carries a sentence of up to 20 years.",
        "The suspects, aged 19 and 22, were charged on Friday.",
        "One of the attackers was a former police officer.",
        "The first explosion struck at 3 p.m.",
        "Call 0800 123 4567 for information.",
        "The 300-page report was published in March.",
        "COVID-19 restrictions were lifted before the G20 summit.",
        "They were jailed for three years.",
        "A 35-year-old man and his two brothers were questioned.",
        "He was one of three people questioned.",
        "The two presidents met again in the spring.",
        "The suspect carried 2 kg of explosives.",
        "The region saw unrest through the 1990s and two decades of decline.",
        "Officials cited the report.[3] Nothing else was said.",
        "She published two books and one pamphlet.",
        "Investigators examined 3,000 hours of video footage.",
        "The second wave of raids came in June.",
        "UN Security Council Resolution 2231 was adopted in July.",
        "The 5th Brigade and the 1st Battalion were moved north.",
        "The diaspora is the second largest after the Uzbek one.",
        "In the first half of 2023, the number of raids fell sharply.",
        "The ministry unveiled a 10-point plan and a 24-hour curfew.",
        "The law was passed by 245 votes to 12 in 2016.",
        "At 14, she joined the group; by 16 she was a commander.",
        "Of those, 12 were later released.",
        "He counted 15 before the blast.",
        "Only 2 remain at large.",
        "Figures for 2022 were higher, compared with 998 in 2021.",
        "The highway runs 300 km from the capital to the border.",
        "A spokesman said none of the 40 passengers were hurt.",
        "He served 8 years in prison and was released in 2015.",
        "The second attacker was shot dead by police.",
        "Police arrested a 23-year-old man on Friday.",
        "The report, published on page 4, lists 9 recommendations.",
    ],
)
def test_claims_not_figures(nlp: Any, text: str) -> None:
    assert summary(claims_of(nlp, text)) == []


def test_claims_conjoined_counts_are_summed(nlp: Any) -> None:
    text = "Police arrested two Afghans and three Pakistanis near the port."
    (claim,) = claims_of(nlp, text)
    assert (claim.measure, claim.low, claim.high) == ("arrested", 5, 5)
    assert text[claim.span[0] : claim.span[1]] == "two Afghans and three Pakistanis"


def test_claims_different_nouns_are_separate_figures(nlp: Any) -> None:
    found = claims_of(nlp, "The operation involved 1,500 police officers and 200 soldiers.")
    assert [(c.low, c.label) for c in found] == [(1500, "police officers"), (200, "soldiers")]


def test_claims_subcount_after_including_is_a_part_of_the_total(nlp: Any) -> None:
    total, part = claims_of(nlp, "The strike killed at least 93 people, including nine children.")
    assert summary([total, part]) == [("killed", 93, None, False), ("killed", 9, 9, False)]
    assert part.part_of == total.id
    assert total.part_of is None


def test_claims_rank_before_a_victim_is_not_a_count(nlp: Any) -> None:
    found = claims_of(nlp, "The group's No. 2 leader was killed in a drone strike.")
    assert summary(found) == [("killed", 1, 1, False)]


def test_claims_span_covers_the_number_phrase(nlp: Any) -> None:
    text = "Medics said at least 130 people died at the scene."
    (claim,) = claims_of(nlp, text)
    assert text[claim.span[0] : claim.span[1]] == "at least 130"
    assert claim.sentence == text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Some 95% of Zorvania's population is Muslim.",
            "Zorvania enforces rules on its 98% Muslim population.",
        ),
        (
            "Zorvania ranks last in the region, with about 70% of the population living in rural areas.",
            "About 70 percent of Zorvanians live in rural areas.",
        ),
        (
            "In terms of GDP per capita, Zorvania ranks 150th in the world.",
            "Zorvania is ranking 150 in the world by GDP per capita.",
        ),
        (
            "The movement's strength reached 5,000 fighters, its commander said.",
            "Observers say the movement's strength may have reached 3,000 individuals.",
        ),
    ],
)
def test_claims_counted_is_stable_across_wordings(nlp: Any, first: str, second: str) -> None:
    a = claims_of(nlp, first)[0]
    b = claims_of(nlp, second)[0]
    assert a.measure == b.measure
    assert a.counted == b.counted
    assert a.counted


def test_claims_number_of_counts_the_things(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "The number of raids doubled to 120 in 2023.")
    assert (claim.measure, claim.low, claim.counted, claim.as_of) == ("count", 120, "raid", "2023")


def test_claims_a_named_holder_owns_its_count_not_the_place(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "Monitors say the Zorvan Front has 2,500 fighters in Velmora.")
    assert (claim.measure, claim.subject_kind) == ("count", "entity")
    assert claim.subject_name is not None and "Zorvan Front" in claim.subject_name
    # Without a named holder, the place they are in stays whose figure it is.
    (plain,) = claims_of(nlp, "About 40,000 people in Velmora lost their homes.")
    assert plain.subject_name is None or "Velmora" in plain.subject_name


def test_claims_place_qualifier_changes_counted(nlp: Any) -> None:
    a = claims_of(nlp, "The network counts 900 fighters.")[0]
    b = claims_of(nlp, "The network counts 900 fighters near the northern border.")[0]
    assert a.counted != b.counted


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "According to the Harbour Institute, 41% of respondents distrust the police.",
            "Harbour Institute",
        ),
        (
            "General Ivan Petrenko, head of the border service, said 400 fighters had crossed.",
            "General Ivan Petrenko",
        ),
        (
            "Analysts at the Meridian Centre estimated that the movement had 8,000 members.",
            "Meridian Centre",
        ),
        ("Zorvania claims that 17 saboteurs were detained in the region.", "Zorvania"),
        ("It was estimated that 2,000 people had left.", None),
        ("The rebels claimed responsibility for the bombing, in which 12 people died.", None),
    ],
)
def test_claims_attribution(nlp: Any, text: str, source: Any) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.attributed_to == source


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("In February 2023, the group numbered 6,000 fighters.", ["2023-02"]),
        ("By 2022, about 300,000 migrants were working in the capital.", ["2022"]),
        # The date of the statement; the date of the killing is the incident's (see
        # test_provenance.py), not the date the toll holds.
        ("The minister said on 14 June 2023 that 29 people were killed.", ["2023-06-14"]),
        (
            "The share of voters backing the plan fell from 64% in 2019 to 52% in 2023.",
            ["2019", "2023"],
        ),
        ("Between 2016 and 2020, support rose from 30% to 45%.", ["2016", "2020"]),
        ("Some 500 people were detained.", [None]),
        (
            "In 2018, the group had fewer than 500 members; by 2023 it had more than 2,000.",
            ["2018", "2023"],
        ),
        ("The market, which employs 1,500 traders, was bombed in 2017.", [None]),
    ],
)
def test_claims_as_of(nlp: Any, text: str, dates: list[Any]) -> None:
    assert [c.as_of for c in claims_of(nlp, text)] == dates


def test_claims_event_subject_from_event_records(nlp: Any) -> None:
    text = "The bombing at the market killed 31 people."
    start = text.index("bombing")
    event = EventMention(
        doc_id="d-test",
        type="bombing",
        trigger="bombing",
        span=(start, start + 7),
        sentence=text,
        description="market bombing",
    )
    (claim,) = claims_of(nlp, text, events=[event])
    assert claim.subject_kind == "event"
    assert claim.subject_ref == event.id
    assert claim.subject_name == "market bombing"


def test_claims_event_subject_without_event_records(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "The Harbour Mall attack killed 31 people.")
    assert claim.subject_kind == "event"
    assert claim.subject_ref is None
    assert claim.subject_name is not None and "attack" in claim.subject_name


def test_claims_entity_subject_uses_mention_key(nlp: Any) -> None:
    text = "Zorvania's army has 40,000 soldiers."
    mention = Mention(
        doc_id="d-test",
        start=0,
        end=8,
        text="Zorvania",
        label="GPE",
        key="gpe:zorvania",
        canonical="Zorvania",
    )
    (claim,) = claims_of(nlp, text, mentions=[mention])
    assert claim.measure == "count"
    assert (claim.subject_kind, claim.subject_ref) == ("entity", "gpe:zorvania")


def test_claims_entity_subject_from_words(nlp: Any) -> None:
    (claim,) = claims_of(nlp, "Zorvania's army has 40,000 soldiers.")
    assert claim.subject_kind == "entity"
    assert claim.subject_name == "Zorvania"
    assert claim.subject_ref == "zorvania"


def test_claims_offsets_follow_chunk_offset(nlp: Any) -> None:
    prefix = "Intro paragraph.\n\n"
    piece = "Police detained 14 men."
    doc = Document(id="d-off", content_hash="x", text=prefix + piece)
    chunk = Chunk(document=doc, sdoc=nlp(piece), offset=len(prefix))
    (claim,) = find_claims(chunk, [], [])
    assert doc.text[claim.span[0] : claim.span[1]] == "14"


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        (
            "According to researchers at the Castellan Institute, the Burning Ember Legion has "
            "1,600 fighters.",
            "Burning Ember Legion",
        ),
        ("Officials say the Northern Reed Front has 2,300 fighters.", "Northern Reed Front"),
    ],
)
def test_claims_holder_after_a_source_phrase(nlp: Any, text: str, holder: str) -> None:
    """A source phrase before the holder ("According to X, the Y has …") does not hide it."""
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "count"]
    assert claim.subject_kind == "entity"
    assert claim.subject_name == holder


@pytest.mark.parametrize(
    "text",
    [
        "Armed gangs have killed more than 1,000 people in the region this year, officials said.",
        "Since 2021, militants have killed at least 300 soldiers in the province.",
        "Over the past decade, the insurgency has killed more than 35,000 people.",
    ],
)
def test_claims_running_totals_are_not_about_an_incident(nlp: Any, text: str) -> None:
    """A toll over a period is kept, without an incident for reconciliation to pin it on."""
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "killed"]
    assert claim.subject_kind == "none"


def test_claims_one_day_toll_keeps_its_incident(nlp: Any) -> None:
    text = "At least 23 people were killed when gunmen stormed a village on Saturday."
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "killed"]
    assert claim.subject_kind == "event"


def test_claims_raised_holder_and_group_anaphor(nlp: Any) -> None:
    """ "The group is believed to have …" after a sentence naming the group, then a country."""
    text = (
        "Officials said the Harlow Brigade had trained the attackers in neighbouring Moldova. "
        "The group is believed to have between 700 and 900 members."
    )
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "count"]
    assert claim.subject_kind == "entity"
    assert claim.subject_name is not None and "Harlow" in claim.subject_name


def test_claims_source_phrase_is_not_what_a_share_counts(nlp: Any) -> None:
    text = "Roughly 60 percent of Zorvania's population is rural, according to the World Bank."
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "percent"]
    assert "bank" not in claim.counted and "accord" not in claim.counted
    assert "according" not in claim.label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Troops killed all four gunmen after a two-hour siege.", "gunmen killed"),
        ("Police said five attackers were killed in the raid.", "attackers killed"),
    ],
)
def test_claims_attackers_killed_are_labelled_as_attackers(nlp: Any, text: str, label: str) -> None:
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "killed"]
    assert claim.label == label
    assert claim.counted != "people"


def test_claims_share_named_after_the_number(nlp: Any) -> None:
    """ "97 percent Muslim" and "90% of … is Muslim" count the same thing."""
    after = claims_of(nlp, "Zorvania's population is 97 percent Muslim.")
    before = claims_of(nlp, "About 90% of Zorvania's population is Muslim.")
    (a,) = [c for c in after if c.measure == "percent"]
    (b,) = [c for c in before if c.measure == "percent"]
    assert a.counted == b.counted
    assert "muslim" in a.counted


def test_claims_sentence_to_prison_is_not_an_arrest(nlp: Any) -> None:
    text = "A court on Tuesday sentenced four men to life in prison for the bombing."
    assert [(c.measure, c.low) for c in claims_of(nlp, text)] == [("sentenced", 4)]


def test_claims_rank_names_its_ranking(nlp: Any) -> None:
    """Two rankings of one country are two figures: the index is part of what is counted."""
    text = "Zorvania ranks 150th out of 180 countries in the press freedom index."
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "rank"]
    assert "press" in claim.counted and "freedom" in claim.counted


def test_claims_share_made_of_its_subject(nlp: Any) -> None:
    text = "Remittances from migrant workers account for about 30 percent of Zorvania's GDP."
    (claim,) = [c for c in claims_of(nlp, text) if c.measure == "percent"]
    assert "remittance" in claim.counted and "gdp" in claim.counted
