"""STIX 2.1 export: parses with stix2, carries figures and verdicts, is reproducible."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import stix2
from golden import check_golden

from crosscheck.export import ExportOptions, export, select
from crosscheck.export.stix import extension_id, incident_id, report_id
from crosscheck.store import Store


def _bundle(store: Store, path: Path, **filters: Any) -> Any:
    export(store, "stix", path, ExportOptions(**filters))
    return stix2.parse(path.read_text(encoding="utf-8"), allow_custom=True)


def _of(bundle: Any, kind: str) -> list[Any]:
    return [o for o in bundle.objects if o.type == kind]


def test_stix_golden(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    export(hand_store, "stix", out)
    check_golden(out, "stix_bundle.json")


def test_stix_is_reproducible(hand_store: Store, tmp_path: Path) -> None:
    export(hand_store, "stix", tmp_path / "a.json")
    export(hand_store, "stix", tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_stix_round_trip_counts(hand_store: Store, tmp_path: Path) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    sel = select(hand_store)
    assert len(_of(bundle, "report")) == len(sel.documents)
    assert len(_of(bundle, "incident")) == len(sel.events)
    assert len(_of(bundle, "threat-actor")) == 1
    assert {o.identity_class for o in _of(bundle, "identity")} >= {"organization", "system"}
    outlets = {d.outlet for d in sel.documents}
    assert outlets <= {o.name for o in _of(bundle, "identity")}
    assert len(_of(bundle, "opinion")) == len(sel.corrections)
    contested = [g for g in sel.groups if g.status in ("conflict", "evolving")]
    assert len(_of(bundle, "note")) == len(contested)
    assert {o.type for o in _of(bundle, "extension-definition")} == {"extension-definition"}


def test_stix_reports_keep_source_metadata(hand_store: Store, tmp_path: Path) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    by_id = {o.id: o for o in bundle.objects}
    for doc in select(hand_store).documents:
        report = by_id[report_id(doc.id)]
        assert report.description == doc.text
        assert report.published.strftime("%Y-%m-%d") == doc.published
        assert by_id[report.created_by_ref].name == doc.outlet
        ref = report.external_references[0]
        assert ref.get("url") == doc.url
        assert ref.hashes["SHA-256"] == doc.content_hash


def test_stix_incident_carries_every_sourced_value(hand_store: Store, tmp_path: Path) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    incident = next(o for o in bundle.objects if o.id == incident_id("e-market"))
    payload = incident.extensions[extension_id()]
    sel = select(hand_store)
    groups = {g.id: g for g in sel.groups if g.subject.id == "e-market"}
    assert {g["id"] for g in payload["groups"]} == set(groups)
    for group in payload["groups"]:
        source = groups[group["id"]]
        assert group["status"] == source.status
        assert group["estimate"] == source.estimate.to_dict()
        assert [v["claim"] for v in group["values"]] == source.claims
        for value in group["values"]:
            claim = sel.claim(value["claim"])
            assert claim is not None
            assert (value["low"], value["high"]) == (claim["low"], claim["high"])
            assert value["outlet"] == claim["document"]["outlet"]
            assert value["sentence"] == claim["sentence"]


@pytest.mark.parametrize(
    ("rel_type", "target_type"),
    [("attributed-to", "threat-actor"), ("located-at", "location")],
)
def test_stix_relationships_from_incident(
    hand_store: Store, tmp_path: Path, rel_type: str, target_type: str
) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    rels = [r for r in _of(bundle, "relationship") if r.relationship_type == rel_type]
    assert len(rels) == 1
    assert rels[0].source_ref == incident_id("e-market")
    assert rels[0].target_ref.startswith(target_type + "--")


def test_stix_location_keeps_coordinates(hand_store: Store, tmp_path: Path) -> None:
    (loc,) = _of(_bundle(hand_store, tmp_path / "b.json"), "location")
    assert (loc.latitude, loc.longitude, loc.country) == (34.5281, 69.1723, "AF")
    assert loc.x_opencti_location_type


def test_stix_conflict_note_explains_the_verdict(hand_store: Store, tmp_path: Path) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    note = next(n for n in _of(bundle, "note") if n.abstract.startswith("conflict"))
    assert "900 and 2,000" in note.content
    assert any(ref.startswith("threat-actor--") for ref in note.object_refs)
    assert sum(ref.startswith("report--") for ref in note.object_refs) == 2


@pytest.mark.parametrize(
    ("action", "opinion"), [("confirm", "strongly-agree"), ("edit", "disagree")]
)
def test_stix_corrections_become_opinions(
    hand_store: Store, tmp_path: Path, action: str, opinion: str
) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json")
    ops = [
        o
        for o in _of(bundle, "opinion")
        if o.extensions[extension_id()]["correction"]["action"] == action
    ]
    assert len(ops) == 1 and ops[0].opinion == opinion
    assert ops[0].authors == ["rana"]


def test_stix_hostile_text_stays_data(hand_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    bundle = _bundle(hand_store, out)
    raw = json.loads(out.read_text(encoding="utf-8"))
    texts = [o.get("description", "") for o in raw["objects"] if o["type"] == "report"]
    assert any("<script>alert('x')</script>" in t for t in texts)
    # Never in OpenCTI's HTML-rendered content field.
    assert all("x_opencti_content" not in o for o in raw["objects"])
    assert len(_of(bundle, "report")) == 3


@pytest.mark.parametrize(
    ("filters", "reports", "notes"),
    [
        ({"since": "2023-05-10"}, 1, 2),
        ({"event": "e-market"}, 3, 2),
        ({"entity": "health ministry"}, 1, 0),
    ],
)
def test_stix_filters(
    hand_store: Store, tmp_path: Path, filters: dict[str, str], reports: int, notes: int
) -> None:
    bundle = _bundle(hand_store, tmp_path / "b.json", **filters)
    assert len(_of(bundle, "report")) == reports
    assert len(_of(bundle, "note")) == notes


def test_stix_carries_admiralty_grades(hand_store: Store, tmp_path: Path) -> None:
    from crosscheck.pipeline.grading import set_grade

    outlet = next(d.outlet for d in hand_store.documents() if d.outlet)
    set_grade(hand_store, "outlet", outlet, "B", reason="long record")
    bundle = _bundle(hand_store, tmp_path / "b.json")
    idents = {o.name: o for o in _of(bundle, "identity") if o.identity_class == "organization"}
    assert idents[outlet].x_opencti_reliability == "B - Usually reliable"
    reports = [r for r in _of(bundle, "report") if r.get("created_by_ref") == idents[outlet].id]
    assert reports and all(r.x_opencti_reliability.startswith("B ") for r in reports)
    notes = _of(bundle, "note")
    assert notes and all(0 <= n.get("confidence", 50) <= 100 for n in notes)
    assert any("confidence" in n for n in notes)
