"""The structured-analysis tables on both backends: the log, alerts, rule state, records."""

from __future__ import annotations

from crosscheck.assess.grading import TrackRecord
from crosscheck.assess.records import Action, Alert
from crosscheck.store.base import Store
from crosscheck.store.migrations import LATEST_VERSION


def test_migration_6_is_applied(store: Store) -> None:
    assert store.schema_version() == LATEST_VERSION >= 6


def test_assessment_log_keeps_order_and_who_when_why(store: Store) -> None:
    first = store.add_action(Action("ach", "q1", "create", {"title": "T"}, "ana", "start"))
    store.add_action(Action("ach", "q2", "create", {"title": "U"}))
    store.add_action(Action("grade", "outlet:Wire", "set", {"value": "B"}, "bo", "record"))
    second = store.add_action(Action("ach", "q1", "rate", {"rating": "CC"}))
    assert first.id is not None and second.id is not None and second.id > first.id
    assert first.created_at
    acts = store.actions("ach", "q1")
    assert [(a.action, a.author, a.reason) for a in acts] == [
        ("create", "ana", "start"),
        ("rate", "analyst", ""),
    ]
    assert acts[1].payload == {"rating": "CC"}
    assert store.action_targets("ach") == ["q1", "q2"]
    assert [a.target for a in store.actions("grade")] == ["outlet:Wire"]


def _alert(n: int, rule: str = "r-1") -> Alert:
    return Alert(
        f"a-{n}", rule, "report", f"doc:d{n}", f"title {n}", f"summary {n}", {"k": n}, f"d{n}"
    )


def test_alerts_are_stored_once(store: Store) -> None:
    new = store.add_alerts([_alert(1), _alert(2)])
    assert [a.id for a in new] == ["a-1", "a-2"]
    again = store.add_alerts([_alert(2), _alert(3, "r-2")])
    assert [a.id for a in again] == ["a-3"]
    assert store.count_alerts() == 3 and store.count_alerts(rule_id="r-1") == 2
    page = store.alerts_page(rule_id="r-1", limit=1)
    assert len(page) == 1 and page[0].evidence in ({"k": 1}, {"k": 2})
    assert len(store.alerts_page(offset=1)) == 2


def test_delivery_state(store: Store) -> None:
    store.add_alerts([_alert(1), _alert(2)])
    store.set_delivery("a-1", "ok 200", 1)
    store.set_delivery("a-2", "failed: refused", 3)
    assert store.undelivered_alerts(["r-1"], 3) == []
    store.set_delivery("a-2", "failed: refused", 1)
    assert [a.id for a in store.undelivered_alerts(["r-1"], 3)] == ["a-2"]


def test_rule_state_and_outlet_records_round_trip(store: Store) -> None:
    store.save_rule_state("r-1", {"killed|people killed": "evolving 1/2/3"})
    store.save_rule_state("r-1", {"killed|people killed": "conflict 1/2/3"})
    assert store.rule_state("r-1") == {"killed|people killed": "conflict 1/2/3"}
    assert store.rule_state("r-2") == {}
    store.save_outlet_records({"Wire": TrackRecord("Wire", 3, 1, 0)})
    assert store.outlet_records() == {"Wire": TrackRecord("Wire", 3, 1, 0)}
