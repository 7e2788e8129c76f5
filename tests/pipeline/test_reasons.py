"""Reasons in words: claim ids become outlet, date and the words around the figure."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline.reasons import (
    CLAIM_ID,
    counting_note,
    explain_groups,
    reason_in_words,
    reason_parts,
    wording,
)
from crosscheck.pipeline.views import conflicts_view
from crosscheck.store import open_store


def _claim(cid: str, outlet: str, label: str, low: int, sentence: str = "") -> dict[str, object]:
    return {
        "id": cid,
        "outlet": outlet,
        "published": "2031-05-02",
        "label": label,
        "low": low,
        "high": low,
        "sentence": sentence,
        "span": [0, 0],
        "document": {"id": "d-" + cid},
    }


def test_reason_parts_replace_ids_with_sources_once_quoted() -> None:
    group = {
        "reason": "low 9 from c-aaaaaaaaaaaaaaaa; high 12 from c-bbbbbbbbbbbbbbbb and c-aaaaaaaaaaaaaaaa",
        "claim_details": [
            _claim("c-aaaaaaaaaaaaaaaa", "Harbour Ledger", "people held", 9),
            _claim("c-bbbbbbbbbbbbbbbb", "Valley Times", "people held", 12),
        ],
    }
    wordings = {"c-aaaaaaaaaaaaaaaa": "nine people were held", "c-bbbbbbbbbbbbbbbb": "twelve held"}
    parts = reason_parts(group, wordings)
    cited = [p for p in parts if "claim" in p]
    assert [p["source"] for p in cited] == ["Harbour Ledger", "Valley Times", "Harbour Ledger"]
    assert [p["repeat"] for p in cited] == [False, False, True]
    text = reason_in_words(group | {"reason_parts": parts})
    assert not CLAIM_ID.search(text)
    assert text.startswith("low 9 from Harbour Ledger, 2031-05-02: “nine people were held”")
    assert text.endswith("and Harbour Ledger, 2031-05-02")


def test_wording_keeps_the_words_around_the_figure() -> None:
    text = "Intro. Late on Sunday the river authority said that 27 boats sank near the old mill bridge after the storm passed."
    sentence = text[7:]
    claim = {"sentence": sentence, "span": [text.index("27"), text.index("27") + 2]}
    assert (
        wording(claim, text)
        == "…on Sunday the river authority said that 27 boats sank near the old mill bridge…"
    )
    assert wording(claim, None).startswith("Late on Sunday the river")  # no text: the sentence, cut


def test_counting_note_only_when_differently_labelled_figures_differ() -> None:
    same = {"claim_details": [_claim("c-1", "A", "gunmen", 4), _claim("c-2", "B", "attackers", 4)]}
    assert counting_note(same) is None
    differ = {
        "claim_details": [
            _claim("c-1", "A", "people arrested", 11),
            _claim("c-2", "B", "people arrested", 11),
            _claim("c-3", "C", "suspects arrested", 9),
        ]
    }
    note = counting_note(differ)
    assert note and "“people arrested” (A, B)" in note and "“suspects arrested” (C)" in note


def test_explain_groups_on_the_sample_store_leaves_no_claim_id(example_db: Path) -> None:
    with open_store(str(example_db)) as store:
        groups = explain_groups(store, conflicts_view(store))
    assert groups
    for g in groups:
        assert CLAIM_ID.search(g["reason"]), "reconcile cites claim ids in its reasons"
        assert not CLAIM_ID.search(reason_in_words(g))
        sentences = [" ".join(c["sentence"].split()) for c in g["claim_details"]]
        quoted = [p["wording"].strip("…") for p in g["reason_parts"] if p.get("wording")]
        assert quoted
        for words in quoted:  # the words come from the cited source's own sentence
            assert any(words in s for s in sentences), words
