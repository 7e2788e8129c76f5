"""A question is its log replayed; keys and values are checked on the way in."""

from __future__ import annotations

import pytest

from crosscheck.assess.questions import (
    check_credibility,
    check_rating,
    check_reliability,
    check_slug,
    replay,
    slug,
)
from crosscheck.assess.records import Action
from crosscheck.errors import AssessmentError


def _act(action: str, **payload: object) -> Action:
    return Action("ach", "q", action, dict(payload), "ana", "because", "2024-01-01T00:00:00")


def test_replay_applies_actions_in_order() -> None:
    anchor = {"kind": "claim", "id": "c-1", "members": []}
    q = replay(
        "q",
        [
            _act("create", title="Who did it?"),
            _act("hypothesis", key="a", label="A did it", names=["A"]),
            _act("hypothesis", key="b", label="B did it"),
            _act("evidence", key="c-1", kind="claim", anchor=anchor, relevance="high"),
            _act("rate", evidence="c-1", hypothesis="a", rating="CC"),
            _act("rate", evidence="c-1", hypothesis="b", rating="I"),
            _act("hypothesis", key="a", label="A alone did it", names=["A", "A-group"]),
            _act("drop-hypothesis", key="b"),
            _act("weigh", key="c-1", relevance="low", credibility="2"),
        ],
    )
    assert q is not None
    assert [(h.key, h.label, h.names) for h in q.hypotheses] == [
        ("a", "A alone did it", ["A", "A-group"])
    ]
    assert set(q.ratings) == {("c-1", "a")}  # b's ratings went with it
    assert q.ratings[("c-1", "a")].author == "ana"
    assert q.evidence[0].relevance == "low" and q.evidence[0].credibility == "2"


def test_replay_clear_rating_and_drop_evidence() -> None:
    anchor = {"kind": "claim", "id": "c-1", "members": []}
    acts = [
        _act("create", title="T"),
        _act("hypothesis", key="a", label="A"),
        _act("evidence", key="c-1", kind="claim", anchor=anchor),
        _act("rate", evidence="c-1", hypothesis="a", rating="C"),
        _act("rate", evidence="c-1", hypothesis="a", rating=""),
    ]
    q = replay("q", acts)
    assert q is not None and q.ratings == {}
    q = replay("q", [*acts, _act("drop-evidence", key="c-1")])
    assert q is not None and q.evidence == []


def test_replay_without_create_is_none() -> None:
    assert replay("q", [_act("hypothesis", key="a", label="A")]) is None


def test_slug_and_checks() -> None:
    assert slug("ISIS-K did it!") == "isis-k-did-it"
    with pytest.raises(AssessmentError, match="no letters"):
        slug("—")
    with pytest.raises(AssessmentError, match="not a valid key"):
        check_slug("Crocus Attack", "question id")
    assert check_rating("ii") == "II"
    with pytest.raises(AssessmentError, match="one of CC, C, N, I, II, NA"):
        check_rating("maybe")
    with pytest.raises(AssessmentError, match="1-6"):
        check_credibility("7")
    with pytest.raises(AssessmentError, match="A-F"):
        check_reliability("G")
