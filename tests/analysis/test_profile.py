"""Report profiles: weighted words that tell one incident's reports from another's."""

from __future__ import annotations

import math

from crosscheck.analysis.profile import cosine, profile, tokens, vector, weights


def test_profile_vectors_have_unit_length_and_sorted_words() -> None:
    vec = vector("A man was shot on Quince Street; Quince Street residents heard shots.")
    assert [w for w, _ in vec] == sorted(w for w, _ in vec)
    assert math.isclose(math.sqrt(sum(v * v for _, v in vec)), 1.0, rel_tol=1e-4)


def test_profile_common_news_words_weigh_less_than_rare_ones() -> None:
    table = weights("en")
    assert "police" in table.common
    assert table.common["police"] < table.rare
    vec = dict(vector("Police said Ottoline Brackenridge was shot."))
    assert vec["brackenridge"] > vec["police"]


def test_profile_drops_stop_words_and_numbers() -> None:
    assert tokens("The 3 men and the woman were at 10 Main St.") == ["men", "woman", "main", "st"]


def test_profile_two_reports_of_one_incident_are_closer_than_two_of_different_ones() -> None:
    a = profile("a", "Man shot on Quince Street", "Darnell Okafor was shot on Quince Street.")
    b = profile(
        "b", "Quince Street victim named", "The man shot on Quince Street was Darnell Okafor."
    )
    c = profile("c", "Fire on Larch Road", "A warehouse on Larch Road burned overnight.")
    assert cosine(a.terms, b.terms) > 0.5 > cosine(a.terms, c.terms)


def test_profile_is_a_function_of_the_report_alone() -> None:
    first = profile("a", "Title", "Some text about Quince Street.")
    again = profile("a", "Title", "Some text about Quince Street.")
    assert first == again
