"""Rating suggestions only where the evidence speaks plainly."""

from __future__ import annotations

from crosscheck.assess.records import Hypothesis
from crosscheck.assess.suggest import Facts, names_in, suggest

HYPS = [
    Hypothesis("grp", "The Red Dawn Front did it", ["Red Dawn Front", "RDF"]),
    Hypothesis("state", "A neighbouring state did it", ["Veloria", "Velorian"]),
    Hypothesis("other", "Someone else", []),
]


def test_claim_of_responsibility_is_consistent_with_the_claimant_only() -> None:
    facts = Facts("statement", "claims", "The Red Dawn Front", "responsibility for the bombing")
    got = suggest(facts, HYPS)
    assert got["grp"].rating == "CC"
    assert got["state"].rating == "I"
    assert "other" not in got  # a hypothesis naming nobody is left to the analyst
    assert "Red Dawn Front" in got["grp"].reason


def test_said_its_fighters_attacked_is_a_claim() -> None:
    facts = Facts("statement", "says", "RDF", "its fighters had attacked the depot")
    assert suggest(facts, HYPS)["grp"].rating == "CC"


def test_denial_by_the_accused_is_not_diagnostic() -> None:
    got = suggest(Facts("statement", "denies", "Veloria", "any role"), HYPS)
    assert got == {"state": got["state"]} and got["state"].rating == "N"


def test_accusation_is_consistent_with_the_accused() -> None:
    facts = Facts("statement", "says", "The interior minister", "Veloria was behind the attack")
    assert suggest(facts, HYPS)["state"].rating == "C"


def test_negated_accusation_suggests_nothing() -> None:
    facts = Facts("statement", "says", "Officials", "there was no sign Veloria was behind it")
    assert suggest(facts, HYPS) == {}


def test_plain_statement_suggests_nothing() -> None:
    assert suggest(Facts("statement", "says", "Witnesses", "the shooting lasted long"), HYPS) == {}


def test_event_perpetrators() -> None:
    claim = suggest(Facts("event", perpetrators=["RDF"], event_type="claim"), HYPS)
    assert claim["grp"].rating == "CC" and claim["state"].rating == "I"
    attack = suggest(Facts("event", perpetrators=["Red Dawn Front"], event_type="attack"), HYPS)
    assert attack == {"grp": attack["grp"]} and attack["grp"].rating == "C"


def test_names_in_matches_whole_words_folded() -> None:
    assert names_in("Officials in VELORIA said", ["Veloria"]) == ["Veloria"]
    assert names_in("Velorian-made rifles", ["Veloria"]) == []
