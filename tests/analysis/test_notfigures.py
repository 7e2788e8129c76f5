"""Numbers that are not figures, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.analysis.lang.en.notfigures import not_a_figure
from crosscheck.analysis.lang.en.quantities import find_quantities


def verdicts(nlp: Any, text: str) -> dict[str, bool]:
    """Each number phrase of ``text`` and whether it is not a figure."""
    doc = nlp(text)
    return {
        doc[q.start : q.end].text: not_a_figure(doc, q)
        for sent in doc.sents
        for q in find_quantities(sent)
    }


@pytest.mark.parametrize(
    ("text", "number", "dropped"),
    [
        ("The bridge opened in 1998 and carries 40,000 cars a day.", "1998", True),
        ("The bridge opened in 1998 and carries 40,000 cars a day.", "40,000", False),
        ("A 35-year-old man was arrested after the raid.", "35", True),
        ("The siege lasted 24 hours before police moved in.", "24", True),
        ("Residents called 911 after hearing shots.", "911", True),
        ("Under Article 5 the allies must respond, and 12 ministers met.", "5", True),
        ("Under Article 5 the allies must respond, and 12 ministers met.", "12", False),
        ("The country ranked 45th out of 180 countries.", "180", True),
        ("One of the suspects fled; 14 people were detained.", "One", True),
        ("One of the suspects fled; 14 people were detained.", "14", False),
        ("Gunmen killed one and wounded four at the market.", "one", False),
        ("Call 0800 123 4567 for help.", "123", True),
        ("The ministry said 300 soldiers were deployed.", "300", False),
    ],
)
def test_notfigures_not_a_figure(nlp: Any, text: str, number: str, dropped: bool) -> None:
    assert verdicts(nlp, text)[number] is dropped
