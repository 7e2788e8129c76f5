"""MISP export: events load with PyMISP, figures carry outlet and sentence, verdicts are tagged."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from golden import check_golden
from pymisp import MISPEvent

from crosscheck.export import ExportOptions, export, select
from crosscheck.store import Store


def _events(store: Store, path: Path, **filters: Any) -> tuple[Any, list[MISPEvent]]:
    export(store, "misp", path, ExportOptions(**filters))
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else [data]
    events = []
    for item in items:
        event = MISPEvent()
        event.load(copy.deepcopy(item))
        events.append(event)
    return data, events


def _reviewed(store: Store, comment: str) -> bool:
    return any(c["id"] in comment and c.get("review") for c in select(store).claims)


def test_misp_golden(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "misp.json"
    export(hand_store, "misp", out)
    check_golden(out, "misp_events.json")


def test_misp_one_event_per_incident_and_actor_with_figures(
    hand_store: Store, tmp_path: Path
) -> None:
    data, events = _events(hand_store, tmp_path / "m.json")
    assert isinstance(data, list)
    assert [e.info for e in events] == ["Kabul market bombing", "Figures about Lion Front"]
    again = MISPEvent()
    again.from_dict(**copy.deepcopy(data[0]))
    assert again.info == events[0].info


def test_misp_every_claim_is_an_attribute_naming_its_source(
    hand_store: Store, tmp_path: Path
) -> None:
    _, events = _events(hand_store, tmp_path / "m.json")
    sel = select(hand_store)
    figures = [
        a
        for e in events
        for a in e.attributes
        if a.type in ("counter", "float", "text") and "[claim " in (a.comment or "")
    ]
    assert len(figures) == len(sel.claims)
    for claim in sel.claims:
        attr = next(a for a in figures if claim["id"] in a.comment)
        assert claim["document"]["outlet"] in attr.comment
        assert claim["sentence"] in attr.comment


@pytest.mark.parametrize(
    ("status", "credibility"),
    [
        # Each figure carries its own Admiralty credibility (crosscheck.assess.grading): in
        # conflict 4 when it agrees with the best estimate, else 5; evolving 2 for the latest
        # figure, 3 for an early count; single 3 or 6 by its outlet's reliability.
        ("conflict", {'"4"', '"5"'}),
        ("evolving", {'"2"', '"3"'}),
        ("single", {'"3"', '"6"'}),
    ],
)
def test_misp_verdict_tags(
    hand_store: Store, tmp_path: Path, status: str, credibility: set[str]
) -> None:
    _, events = _events(hand_store, tmp_path / "m.json")
    tagged = [a for e in events for a in e.attributes if f", {status}]" in (a.comment or "")]
    assert tagged
    for attr in tagged:
        names = [t.name for t in attr.tags]
        if not _reviewed(hand_store, attr.comment):
            given = {n.split("=", 1)[1] for n in names if "information-credibility" in n}
            assert len(given) == 1 and given <= credibility, names
        assert any(n.startswith("estimative-language:") for n in names)
        assert any(n.startswith("admiralty-scale:source-reliability=") for n in names)


def test_misp_confirmed_claim_overrides_credibility(hand_store: Store, tmp_path: Path) -> None:
    _, events = _events(hand_store, tmp_path / "m.json")
    (confirmed,) = [c for c in select(hand_store).claims if c.get("review") == "confirmed"]
    attr = next(a for e in events for a in e.attributes if confirmed["id"] in (a.comment or ""))
    assert 'admiralty-scale:information-credibility="1"' in [t.name for t in attr.tags]


def test_misp_reports_and_annotations(hand_store: Store, tmp_path: Path) -> None:
    _, events = _events(hand_store, tmp_path / "m.json")
    market = events[0]
    names = [o.name for o in market.objects]
    assert names.count("report") == 3
    assert names.count("annotation") >= 3  # one per verdict, one per correction
    links = [a.value for a in market.attributes if a.type == "link"]
    assert sorted(links) == ["https://ledger.example/a", "https://wire.example/b"]


def test_misp_event_filter_writes_one_event(hand_store: Store, tmp_path: Path) -> None:
    data, events = _events(hand_store, tmp_path / "m.json", event="market")
    assert isinstance(data, dict) and len(events) == 1


def test_misp_hostile_text_stays_data(hand_store: Store, tmp_path: Path) -> None:
    _, events = _events(hand_store, tmp_path / "m.json")
    summaries = [
        a.value
        for e in events
        for o in e.objects
        for a in o.attributes
        if a.object_relation == "summary"
    ]
    assert any("<script>alert('x')</script>" in s for s in summaries)
