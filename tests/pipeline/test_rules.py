"""Watch rules over ingests: each kind fires once, and never again for the same report.

The corpus is ours: a warning about Nairobi, an attack there that a group claims, and a
later report with a higher toll that names Kenya and a minister.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from assess_corpus import REPORTS, write_reports

from crosscheck.assess.records import Target
from crosscheck.config import Settings
from crosscheck.errors import AssessmentError
from crosscheck.pipeline.ingest import ingest_paths, reprocess
from crosscheck.pipeline.rules import add_rule, alerts_listing, remove_rule, rules_view
from crosscheck.store import Store


def _kinds(store: Store) -> list[str]:
    return sorted(a["kind"] for a in alerts_listing(store).items)


def _add_rules(store: Store, webhook: str | None = None) -> None:
    # (An event would do too, but the extractor takes the warned-of "imminent attack" in the
    # warning for a mention of the attack, so the warning would be a report about it.)
    add_rule(store, "report", [Target("entity", "Red Dawn Front")], webhook=webhook)
    add_rule(store, "figure", [Target("event", "Amani Plaza")], measure="killed")
    add_rule(store, "warning", [Target("place", "Nairobi")])
    add_rule(store, "pair", [Target("entity", "Red Dawn Front"), Target("place", "Kenya")])


def test_each_rule_kind_fires_once(store: Store, settings: Settings, tmp_path: Path) -> None:
    _add_rules(store)
    first = write_reports(tmp_path / "first", ["1-warning", "2-attack"])
    ingest_paths(store, [str(first)], settings)
    assert _kinds(store) == ["figure", "report", "warning"]
    ingest_paths(store, [str(first)], settings)  # the same reports again: unchanged
    assert _kinds(store) == ["figure", "report", "warning"]

    later = write_reports(tmp_path / "later", ["3-toll"])
    ingest_paths(store, [str(later)], settings)
    assert _kinds(store) == ["figure", "figure", "pair", "report", "report", "warning"]
    figure = [a for a in alerts_listing(store).items if a["kind"] == "figure"]
    assert any("was single 9/9/9" in a["summary"] and "14" in a["summary"] for a in figure)

    # Re-ingesting or re-processing what is stored raises nothing again.
    ingest_paths(store, [str(later), str(first)], settings)
    reprocess(store, settings)
    assert len(alerts_listing(store).items) == 6
    counts = {r["kind"]: r["alerts"] for r in rules_view(store)}
    assert counts == {"report": 2, "figure": 2, "warning": 1, "pair": 1}


def test_adding_a_rule_twice_keeps_one_and_removing_stops_it(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    a = add_rule(store, "report", [Target("event", "Amani Plaza")])
    b = add_rule(store, "report", [Target("event", "amani  plaza")])
    assert a.id == b.id and len(rules_view(store)) == 1
    remove_rule(store, a.id[:6])
    ingest_paths(store, [str(write_reports(tmp_path / "r", ["2-attack"]))], settings)
    assert alerts_listing(store).total == 0


def test_rules_never_name_people(store: Store, settings: Settings, tmp_path: Path) -> None:
    ingest_paths(store, [str(write_reports(tmp_path / "r", list(REPORTS)))], settings)
    with pytest.raises(AssessmentError, match="never people"):
        add_rule(store, "report", [Target("entity", "Daniel Okoth")])


class _Receiver(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        _Receiver.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    """A webhook receiver on loopback; nothing else is contacted."""
    _Receiver.received = []
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()


def test_webhook_receives_each_alert_once(
    store: Store, settings: Settings, tmp_path: Path, receiver: str
) -> None:
    _add_rules(store, webhook=receiver)
    folder = write_reports(tmp_path / "r", ["2-attack"])
    ingest_paths(store, [str(folder)], settings)
    assert [p["alert"]["kind"] for p in _Receiver.received] == ["report"]
    assert _Receiver.received[0]["rule"]["kind"] == "report"
    report = next(a for a in alerts_listing(store).items if a["kind"] == "report")
    assert report["delivery"] == "ok 204"
    reprocess(store, settings)
    assert len(_Receiver.received) == 1


def test_a_failed_webhook_never_fails_the_ingest(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    add_rule(store, "report", [Target("event", "Amani Plaza")], webhook="http://127.0.0.1:9/x")
    report = ingest_paths(store, [str(write_reports(tmp_path / "r", ["2-attack"]))], settings)
    assert report.ok
    (alert,) = alerts_listing(store).items
    assert alert["delivery"].startswith("failed")
