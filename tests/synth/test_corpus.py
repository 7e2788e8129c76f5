"""The synthetic corpus: sizes, determinism, figures in place, statuses per DESIGN.md."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from crosscheck.errors import ConfigError
from crosscheck.model import STATUSES
from crosscheck.synth import generate, status_by_rules
from crosscheck.synth.numbers import Quantity, number_words


@pytest.fixture(scope="module")
def gold() -> dict:
    return generate(600, seed=11).gold()


@pytest.fixture(scope="module")
def docs() -> dict:
    return {d.key: d for d in generate(600, seed=11)}


@pytest.mark.parametrize("n", [0, 1, 2, 7, 150])
def test_corpus_has_exactly_n_documents(n: int) -> None:
    corpus = generate(n, seed=5)
    docs = list(corpus)
    assert len(docs) == n
    assert [d.key for d in docs] == [f"{i:06d}" for i in range(n)]
    assert len(corpus.gold()["documents"]) == n


def test_corpus_negative_size_is_refused() -> None:
    with pytest.raises(ConfigError, match="cannot be negative"):
        generate(-1)


@pytest.mark.parametrize("seed", [0, 7])
def test_corpus_same_seed_same_corpus(seed: int) -> None:
    first = [(d.text, d.title, d.outlet, d.published) for d in generate(80, seed=seed)]
    again = [(d.text, d.title, d.outlet, d.published) for d in generate(80, seed=seed)]
    assert first == again
    assert generate(80, seed=seed).gold() == generate(80, seed=seed).gold()


def test_corpus_different_seed_different_corpus() -> None:
    assert [d.text for d in generate(30, seed=1)] != [d.text for d in generate(30, seed=2)]


def test_corpus_figures_sit_at_their_spans(docs: dict) -> None:
    for doc in docs.values():
        for fig in doc.figures:
            assert doc.text[fig.span[0] : fig.span[1]] == fig.text


def _written(value: int) -> list[str]:
    forms = [f"{value:,}", str(value)]
    words = number_words(value)
    return [*forms, words] if words else forms


def test_corpus_figure_text_states_its_values(gold: dict) -> None:
    for fig in gold["figures"]:
        if fig["vague"]:
            assert fig["low"] is None and fig["high"] is None
            continue
        for value in {fig["low"], fig["high"]} - {None}:
            assert any(
                re.search(rf"\b{re.escape(w)}\b", fig["text"], re.I) for w in _written(value)
            ), fig


def _claims_by_group(gold: dict) -> dict[str, list[tuple[str, str, Quantity]]]:
    out: dict[str, list[tuple[str, str, Quantity]]] = defaultdict(list)
    for fig in gold["figures"]:
        doc = gold["documents"][fig["doc"]]
        lo, hi = fig["low"], fig["high"]
        if lo is None and hi is None:
            q = Quantity("exact", -1)
        elif hi is None:
            q = Quantity("at_least", lo)
        elif lo is None:
            q = Quantity("at_most", hi)
        else:
            q = Quantity("range", lo, hi) if lo != hi else Quantity("exact", lo)
        out[fig["group"]].append((doc["outlet"], doc["published"], q))
    return out


def test_corpus_group_statuses_follow_the_rules(gold: dict) -> None:
    by_group = _claims_by_group(gold)
    assert set(by_group) == set(gold["groups"])
    for name, statuses in gold["groups"].items():
        measure = name.rsplit("-", 1)[1]
        is_event = measure not in ("count", "percent")
        assert statuses and set(statuses) <= set(STATUSES)
        assert status_by_rules(measure, is_event, by_group[name]) in statuses, name


def test_corpus_covers_every_status_and_several_measures(gold: dict) -> None:
    seen = {s for statuses in gold["groups"].values() for s in statuses}
    assert seen == set(STATUSES)
    measures = {f["measure"] for f in gold["figures"]}
    assert {"killed", "injured", "arrested", "count", "percent"} <= measures
    assert any(f["vague"] for f in gold["figures"])


def test_corpus_expected_groups_match_gold(gold: dict) -> None:
    groups = list(generate(600, seed=11).expected_groups())
    assert {g.name: [g.status] for g in groups} == gold["groups"]
    for g in groups:
        assert g.claims and all(key in gold["documents"] for key, _, _ in g.claims)


def test_corpus_incidents_are_distinguishable() -> None:
    seen_events: set[tuple[str, object]] = set()
    seen_subjects: set[str] = set()
    for inc, _ in generate(3000, seed=3).incidents():
        if inc.is_event:
            assert inc.city is not None
            key = (inc.city.name, inc.date)
            assert key not in seen_events
            seen_events.add(key)
        else:
            assert inc.group not in seen_subjects and inc.scountry not in seen_subjects
            seen_subjects.update({inc.group, inc.scountry or ""})
        assert len({r.outlet for r in inc.reports}) == len(inc.reports)


def test_corpus_reports_of_an_incident_name_its_place_and_subject(docs: dict) -> None:
    for inc, first in generate(600, seed=11).incidents():
        for report in inc.reports:
            text = docs[f"{first + report.position:06d}"].text
            if inc.is_event:
                assert inc.city is not None and inc.city.name in text
            else:
                assert inc.group in text.replace("The ", "the ")


def _dev_runs(shared: Path, width: int = 10) -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for path in (shared / "corpus" / "dev").glob("*.txt"):
        words = re.findall(r"[a-z0-9']+", path.read_text(encoding="utf-8").lower())
        runs.update(tuple(words[i : i + width]) for i in range(len(words) - width + 1))
    return runs


def test_corpus_copies_no_run_of_the_dev_reports(shared_dir: Path, docs: dict) -> None:
    runs = _dev_runs(shared_dir)
    assert runs, "the dev corpus should not be empty"
    for doc in docs.values():
        words = re.findall(r"[a-z0-9']+", doc.text.lower())
        for i in range(len(words) - 9):
            assert tuple(words[i : i + 10]) not in runs, doc.name
