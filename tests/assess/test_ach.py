"""ACH scoring: a small matrix worked out by hand, then the edge cases."""

from __future__ import annotations

import pytest

from crosscheck.assess.ach import diagnosticity_level, item_weight, score

HYPS = ["h1", "h2", "h3"]
ITEMS = ["e1", "e2", "e3"]
# Worked by hand. Inconsistency counts II = -2, I = -1, everything else 0.
#        h1   h2   h3     weight
#   e1   CC   I    II     1.0    ->  0, -1.0, -2.0
#   e2   N    N    N      0.5    ->  0,  0,    0     (rated alike: not diagnostic)
#   e3   I    C    NA     0.8    -> -0.8, 0,   -     (NA: does not apply to h3)
# Scores: h1 = -0.8, h2 = -1.0, h3 = -2.0 -> ranking h1, h2, h3.
# Diagnosticity: e1 = 1.0 x (0 - -2) = 2.0; e2 = 0; e3 = 0.8 x (0 - -1) = 0.8 (h3 not rated).
# Without e1: h1 = -0.8, h2 = 0, h3 = 0 -> h2 leads (h2 before h3 on the tie, by order).
# Without e3: h1 = 0, h2 = -1, h3 = -2 -> the same order: the ranking does not rest on e3.
RATINGS = {
    ("e1", "h1"): "CC",
    ("e1", "h2"): "I",
    ("e1", "h3"): "II",
    ("e2", "h1"): "N",
    ("e2", "h2"): "N",
    ("e2", "h3"): "N",
    ("e3", "h1"): "I",
    ("e3", "h2"): "C",
    ("e3", "h3"): "NA",
}


def test_score_worked_example() -> None:
    result = score(HYPS, ITEMS, [1.0, 0.5, 0.8], RATINGS)
    assert result.scores == pytest.approx({"h1": -0.8, "h2": -1.0, "h3": -2.0})
    assert result.ranking == ["h1", "h2", "h3"]
    assert result.diagnosticity == pytest.approx({"e1": 2.0, "e2": 0.0, "e3": 0.8})
    assert [s.item for s in result.sensitive] == ["e1"]
    assert result.sensitive[0].changes_leader
    assert result.sensitive[0].ranking == ["h2", "h3", "h1"]
    assert result.counts["h3"] == {"CC": 0, "C": 0, "N": 1, "I": 0, "II": 1, "NA": 1}


def test_score_weights_scale_inconsistency() -> None:
    light = score(HYPS, ITEMS, [0.1, 0.5, 0.8], RATINGS)
    # With e1 nearly weightless, h2 (only inconsistent with e1) overtakes h1.
    assert light.ranking[0] == "h2"
    assert light.scores["h2"] == pytest.approx(-0.1)


def test_score_unrated_cells_are_not_consistency() -> None:
    result = score(["a", "b"], ["x"], [1.0], {("x", "a"): "II"})
    assert result.scores == {"a": -2.0, "b": 0.0}
    assert result.ranking == ["b", "a"]
    # One rated cell compares nothing: the item cannot be diagnostic.
    assert result.diagnosticity["x"] == 0.0
    assert result.sensitive == []


def test_score_empty_matrix() -> None:
    result = score(["a", "b"], [], [], {})
    assert result.ranking == ["a", "b"]
    assert result.scores == {"a": 0.0, "b": 0.0}


def test_item_weight_multiplies_the_three_factors() -> None:
    assert item_weight("1", "A", "high") == pytest.approx(1.0)
    assert item_weight("2", "B", "high") < item_weight("1", "A", "high")
    assert item_weight("1", "A", "low") < item_weight("1", "A", "medium") < 1.0
    assert item_weight("5", "E", "high") < item_weight("3", "C", "high")


@pytest.mark.parametrize(
    ("value", "level"), [(0, "none"), (0.3, "low"), (1.0, "medium"), (2, "high")]
)
def test_diagnosticity_level(value: float, level: str) -> None:
    assert diagnosticity_level(value) == level
