"""How wire services and NGOs phrase tolls, arrests, sentences, displacement and shares.

Every sentence here was written for these tests. Each group covers one general pattern
(a range, a hedge, a toll said with "stood at", a heading, a sentence said without the
word "sentence"...) in several wordings, so a rule keyed to one phrase fails the others.
"""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.claims import find_claims
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.model import Claim, Document


def _claims(nlp: Any, text: str) -> list[Claim]:
    doc = Document(id="d-test", content_hash="x", text=text, published="2024-05-10")
    return find_claims(Chunk(document=doc, sdoc=nlp(text)), [], [])


def _summary(claims: list[Claim]) -> list[tuple[str, Any, Any]]:
    return [(c.measure, c.low, c.high) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 60 and 75 people were hurt in the crush.", [("injured", 60, 75)]),
        ("Between 3 and 7 defendants were sentenced on Monday.", [("sentenced", 3, 7)]),
        ("From 15 to 25 protesters were detained overnight.", [("arrested", 15, 25)]),
        (
            "A ministry statement said that between 210 and 260 people were wounded.",
            [("injured", 210, 260)],
        ),
        ("Medics said between 19 and 31 people lost their lives.", [("killed", 19, 31)]),
        ("According to the governor, 120-150 people were injured.", [("injured", 120, 150)]),
        (
            "Doctors said between 40 and 55 people were being treated for burns in hospital.",
            [("injured", 40, 55)],
        ),
    ],
)
def test_phrasing_ranges(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_claims(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected", "approximate"),
    [
        ("Around thirty-eight people were killed in the ambush.", ("killed", 38, 38), True),
        (
            "The agency said that around sixty-one villagers were killed.",
            ("killed", 61, 61),
            True,
        ),
        ("Approximately 45 migrants were deported to the south.", ("deported", 45, 45), True),
        (
            "An estimated 9,000 people were evacuated from the valley.",
            ("displaced", 9000, 9000),
            True,
        ),
        ("Officials said the toll had reached up to 64.", ("killed", None, 64), False),
        ("Some 300 families fled their villages.", ("displaced", 300, 300), True),
    ],
)
def test_phrasing_hedges(nlp: Any, text: str, expected: tuple[Any, ...], approximate: bool) -> None:
    claims = _claims(nlp, text)
    assert _summary(claims) == [expected]
    assert claims[0].approximate is approximate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The number of injured stood at thirty-three.", ("injured", 33, 33)),
        ("The number of injured stood at around 71.", ("injured", 71, 71)),
        ("The number of wounded rose to 212 by nightfall.", ("injured", 212, 212)),
        ("The number of detainees reached 48.", ("arrested", 48, 48)),
        ("The number of dead climbed to 96.", ("killed", 96, 96)),
        ("The death toll stood at 27.", ("killed", 27, 27)),
        ("Fatalities totalled 64, according to the ministry.", ("killed", 64, 64)),
        ("The casualty count reached 310.", ("casualties", 310, 310)),
        ("The arrest tally rose to 65.", ("arrested", 65, 65)),
        ("Hospital staff put the number of wounded at 140.", ("injured", 140, 140)),
        ("Death toll: 17.", ("killed", 17, 17)),
        ("Injured: 45.", ("injured", 45, 45)),
        ("Arrested: 13.", ("arrested", 13, 13)),
        ("The number of missing stood at 15.", ("missing", 15, 15)),
        ("The coroner revised the toll down to 71.", ("killed", 71, 71)),
    ],
)
def test_phrasing_tolls_said_with_a_measure_noun(
    nlp: Any, text: str, expected: tuple[Any, ...]
) -> None:
    assert _summary(_claims(nlp, text)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Medics counted 12 dead and 40 injured.", [("killed", 12, 12), ("injured", 40, 40)]),
        (
            "At least 4 people were killed and 19 hurt.",
            [("killed", 4, None), ("injured", 19, 19)],
        ),
        ("At least 37 people are still missing after the storm.", [("missing", 37, None)]),
        ("A man stabbed three people at the depot.", [("injured", 3, 3)]),
        ("Two guards were stabbed to death.", [("killed", 2, 2)]),
        ("Kidnappers seized 23 pupils from the school.", [("missing", 23, 23)]),
        ("Nine aid workers were captured by militants.", [("missing", 9, 9)]),
        ("Police seized 14 suspects in dawn raids.", [("arrested", 14, 14)]),
        ("Some 600 households were uprooted by the floods.", [("displaced", 600, 600)]),
        ("The authorities expelled 34 foreign nationals.", [("deported", 34, 34)]),
    ],
)
def test_phrasing_victims_and_arrests(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_claims(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Six men were jailed for 12 years.", "sentenced"),
        ("A regional court jailed 14 people over the unrest.", "sentenced"),
        ("Nine protesters were jailed by a district court on Friday.", "sentenced"),
        ("Four activists were handed prison terms of up to six years.", "sentenced"),
        ("Three men received long jail sentences.", "sentenced"),
        ("Seven defendants were given life sentences.", "sentenced"),
        ("Eleven members of the cell were found guilty of plotting attacks.", "sentenced"),
        ("A military tribunal convicted 30 rebels.", "sentenced"),
        ("Twelve activists were jailed pending trial.", "arrested"),
        ("Five officers were found dead.", "killed"),
    ],
)
def test_phrasing_sentences_without_the_word(nlp: Any, text: str, measure: str) -> None:
    assert [c.measure for c in _claims(nlp, text)] == [measure]


@pytest.mark.parametrize(
    "text",
    ["Seven suspects were charged with murder.", "Prosecutors charged nine people on Monday."],
)
def test_phrasing_charged_is_not_an_arrest(nlp: Any, text: str) -> None:
    (claim,) = _claims(nlp, text)
    assert claim.measure == "count"
    assert "charged" in claim.label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack was carried out by a lone gunman.", [("perpetrators", 1, 1)]),
        ("The lone attacker was shot dead by police.", [("perpetrators", 1, 1)]),
        ("Three attackers stormed the building.", [("perpetrators", 3, 3)]),
        (
            "An attacker stabbed four people at the market.",
            [("injured", 4, 4)],
        ),
        # A bare article is not a count (see measures.yaml).
        ("A suicide bomber blew himself up at the gate.", []),
    ],
)
def test_phrasing_perpetrators(nlp: Any, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_claims(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ransom demand was set at $2 million.", ("amount", 2000000, 2000000)),
        ("Donors pledged €500,000 in relief aid.", ("amount", 500000, 500000)),
        ("The cell raised 1.2bn roubles through shell firms.", ("amount", 1.2e9, 1.2e9)),
        ("Damage was estimated at £3.4m.", ("amount", 3400000, 3400000)),
        ("The country ranked 162nd of 180 on the index.", ("rank", 162, 162)),
        ("About one in five recruits came from rural districts.", ("percent", 20, 20)),
        ("Two out of three respondents said they felt unsafe.", ("percent", 66.7, 66.7)),
        ("Almost two-thirds of the displaced are children.", ("percent", None, 66.7)),
        ("More than half of the detainees are minors.", ("percent", 50, None)),
    ],
)
def test_phrasing_money_ranks_and_shares(nlp: Any, text: str, expected: tuple[Any, ...]) -> None:
    assert _summary(_claims(nlp, text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The suspects were named as Ivan Petrov, 32, and Omar Said, 19.",
        "The talks ended at 5 pm on 12 March.",
        "Six men were jailed for between 8 and 15 years.",
        "Police arrested 3 in 2019.",
        "Pages: 40.",
    ],
)
def test_phrasing_not_counts(nlp: Any, text: str) -> None:
    measures = [c.measure for c in _claims(nlp, text)]
    assert all(m not in ("count", "percent") for m in measures), measures
    assert not any(c.low in (8, 15, 32, 19, 40, 5, 12) for c in _claims(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "Police raided flats linked to the Northern Shield Battalion. Two suspects were held.",
        "The raid targeted the Red Crescent Brigade. Four men were arrested.",
    ],
)
def test_phrasing_count_after_a_name_ending_a_sentence(nlp: Any, text: str) -> None:
    assert [c.measure for c in _claims(nlp, text)] == ["arrested"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Another 6 men were arrested on Tuesday, bringing the total to 19.",
            [("arrested", 6, 6), ("arrested", 19, 19)],
        ),
        (
            "Three more bodies were pulled out, taking the tally to 52.",
            [("killed", 3, 3), ("killed", 52, 52)],
        ),
    ],
)
def test_phrasing_running_total_continues_the_measure(
    nlp: Any, text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert _summary(_claims(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Some 98 percent of Tajiks are Muslims, the survey found.",
        "About 95% of the population of Zorvania is Muslim.",
    ],
)
def test_share_keeps_what_the_predicate_says_it_is(nlp: Any, text: str) -> None:
    (share,) = _claims(nlp, text)
    assert "muslim" in share.counted.split()
