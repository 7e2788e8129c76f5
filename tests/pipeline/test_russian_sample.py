"""The sample corpus in two languages: one incident, one entity per name, one evolving toll."""

from __future__ import annotations

from pathlib import Path

from crosscheck.config import Settings
from crosscheck.pipeline.claims import list_claims
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import Store, open_store


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


def test_a_groups_size_in_both_languages_is_one_group(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    reports = {
        "en.txt": ("UN monitors say ISIS-K has about 6,000 fighters.", "en", "2024-03-25"),
        "ru.txt": (
            "По данным ООН, ИГ-Хорасан насчитывает около 4000 боевиков.",
            "ru",
            "2024-03-26",
        ),
    }
    for name, (text, language, published) in reports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        meta = f'{{"language": "{language}", "published": "{published}"}}'
        (tmp_path / name).with_suffix(".meta.json").write_text(meta, encoding="utf-8")
    ingest_paths(store, [str(tmp_path / n) for n in reports], settings)
    (group,) = [g for g in store.groups() if g.measure == "count"]
    assert group.subject.name == "Islamic State Khorasan Province"
    assert len(group.claims) == 2
    assert group.status == "conflict"
