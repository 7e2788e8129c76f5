"""As-of dates: the date the text says a figure holds, never a nearby incident's date."""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.claims import find_claims
from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.model import Claim, Document

PUBLISHED = "2024-04-05"


def claims_of(nlp: Any, text: str) -> list[Claim]:
    doc = Document(id="d-test", content_hash="x", text=text, published=PUBLISHED)
    return find_claims(Chunk(document=doc, sdoc=nlp(text)), [], [])


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # An incident's date beside a toll: the toll holds as of publication (None).
        ("Meridian News gives 145 dead in the 22 March attack.", None),
        ("The attack on 22 March killed at least 140 people.", None),
        ("Gunmen killed 12 people on 3 May.", None),
        ("The minister said 29 people were killed on 14 June 2023.", None),
        ("In the shooting of 22 March, 145 people died, Meridian News reports.", None),
        ("The March 2024 attack killed 145 people.", None),
        # The parser hangs the date on "toll"; it belongs to the bombing named before it.
        (
            "The death toll from the bombing at the bus station in Harlow on 3 March has"
            " risen to 15, officials said.",
            None,
        ),
        # Dates the text says the figure holds on.
        ("By 30 March, the toll of the 22 March attack had risen to 144.", "2024-03-30"),
        ("As of 25 March, 139 people had died in the attack.", "2024-03-25"),
        ("On 30 March the ministry said that 144 people had been killed.", "2024-03-30"),
        ("The death toll on 30 March stood at 144.", "2024-03-30"),
        # A year beside a killing verb is the period a running total covers.
        ("In 2022, attacks killed 4,000 people in the region.", "2022"),
        ("In February 2023, the group numbered 6,000 fighters.", "2023-02"),
    ],
)
def test_provenance_as_of_is_when_the_figure_holds(nlp: Any, text: str, as_of: Any) -> None:
    (claim,) = claims_of(nlp, text)
    assert claim.as_of == as_of


def test_provenance_revised_toll_is_the_latest(nlp: Any) -> None:
    """The report that revises a toll upwards after the incident is not dated back to it:
    the later report's figure is the later one."""
    earlier = claims_of(nlp, "By 30 March the toll of the 22 March attack had risen to 144.")
    later = claims_of(nlp, "Meridian News now gives 145 dead in the 22 March attack.")
    assert earlier[0].as_of == "2024-03-30"
    assert later[0].as_of is None  # holds as of its publication, 5 April


@pytest.mark.timeout(10)
def test_incident_date_stops_at_a_date_that_heads_its_sentence() -> None:
    """A sentence whose root is itself a date ("Friday.", a dateline) ends the climb; token
    identity is no test of the root (spaCy makes a new Token per access)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from crosscheck.analysis.lang.en.provenance import _incident_date

    doc = Doc(Vocab(), words=["Friday", "night"], heads=[1, 1], deps=["compound", "ROOT"])
    doc.ents = [doc.char_span(0, len("Friday night"), label="DATE")]
    assert _incident_date(doc[0:2], "2024-03-22") is False
