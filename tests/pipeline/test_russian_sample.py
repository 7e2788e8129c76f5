"""The sample corpus in two languages: one incident, one entity per name, one evolving toll."""

from __future__ import annotations

from pathlib import Path

from crosscheck.pipeline.claims import list_claims
from crosscheck.store import open_store


def _script(text: str) -> str:
    return "ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"


def test_russian_sample_names_meet_their_english_entities(example_db: Path) -> None:
    with open_store(str(example_db)) as store:
        entities = {e.name: e for e in store.entities()}
    for name in ("Crocus City Hall", "Islamic State Khorasan Province", "Tajikistan"):
        aliases = entities[name].aliases
        assert {_script(a) for a in aliases} == {"en", "ru"}, aliases
        # Each alias keeps the documents that taught it.
        assert all(aliases[a] for a in aliases)


def test_russian_sample_crocus_toll_is_one_evolving_group(example_db: Path) -> None:
    with open_store(str(example_db)) as store:
        claims = {c["id"]: c for c in list_claims(store, measure="killed")}
        groups = [g for g in store.groups() if g.measure == "killed"]
    crocus = [g for g in groups if "Crocus" in (g.subject.name or "")]
    toll = max(crocus, key=lambda g: len(g.claims))
    languages = {claims[c]["document"]["language"] for c in toll.claims}
    assert languages == {"en", "ru"}
    assert toll.status == "evolving"
    assert toll.estimate.best == 144
    # The Russian sentences are kept as written, with the English label of the measure.
    russian = [claims[c] for c in toll.claims if claims[c]["document"]["language"] == "ru"]
    assert all(c["label"] == "people killed" for c in russian if c["part_of"] is None)
    assert any("погибших" in c["sentence"] for c in russian)
