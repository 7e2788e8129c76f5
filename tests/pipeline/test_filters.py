"""Workbench filters: parsing, partial dates, and what a Scope keeps on the sample store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.errors import ConfigError
from crosscheck.pipeline.filters import Filters, Scope, filter_options
from crosscheck.store import Store, open_store


@pytest.fixture
def sample(example_db: Path) -> Iterator[Store]:
    with open_store(str(example_db)) as store:
        yield store


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"since": "2024-13"}, "since='2024-13' is not a date"),
        ({"until": "March"}, "until='March' is not a date"),
        ({"since": "2024-04-01", "until": "2024-03"}, "is after until"),
        ({"measure": "deaths"}, "measure='deaths' is not one of"),
        ({"status": "disputed"}, "status='disputed' is not one of"),
        ({"place": "x" * 201}, "place is over 200 characters"),
    ],
)
def test_filters_refuse_bad_values_in_one_line(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Filters.parse(values)


def test_filters_round_trip_through_query_parameters() -> None:
    f = Filters.parse({"since": " 2024-03 ", "outlet": "TASS", "place": "", "status": "conflict"})
    assert f.params() == {"since": "2024-03", "outlet": "TASS", "status": "conflict"}
    assert Filters.parse(f.params()) == f and f.active and not Filters().active
    assert "reported by TASS" in f.describe() and "from 2024-03" in f.describe()


@pytest.mark.parametrize(
    ("since", "until", "date", "inside"),
    [
        ("2024-03-01", "2024-03-31", "2024-03-22", True),
        ("2024-03-01", "2024-03-31", "2024-04-01", False),
        ("2024-03-10", None, "2024-03", True),  # a month overlapping the range
        ("2024-04-01", None, "2024-03", False),
        (None, "2023", "2024-01-03", False),
        ("2022", "2022", "2022-09-05", True),
        ("2024-01-01", None, None, False),  # an undated thing is not in a range
    ],
)
def test_filters_date_range_overlaps_partial_dates(
    since: str | None, until: str | None, date: str | None, inside: bool
) -> None:
    assert Filters(since=since, until=until).in_range(date) is inside


def _names(scope: Scope) -> set[str]:
    return {scope.events[e].name for e in scope.event_ids}


def test_scope_outlet_keeps_what_that_outlet_reported(sample: Store) -> None:
    scope = Scope(sample, Filters(outlet="irna"))  # outlet names match without case
    docs = [scope.documents[d] for d in scope.document_ids]
    assert docs and {d.outlet for d in docs} == {"IRNA"}
    assert any("Kerman" in n for n in _names(scope))
    assert not any("Crocus" in n for n in _names(scope))
    for g in scope.group_list:
        assert any(scope.documents[scope.claim_docs[c]].outlet == "IRNA" for c in g.claims)


def test_scope_place_and_date_narrow_incidents_and_groups(sample: Store) -> None:
    everything = Scope(sample, Filters())
    kabul = Scope(sample, Filters(place="kabul"))
    assert _names(kabul) and all(
        "Kabul" in (e.location or "") for e in map(kabul.events.get, kabul.event_ids) if e
    )
    assert len(kabul.group_list) < len(everything.group_list)
    march = Scope(sample, Filters(since="2024-03-01", until="2024-03-31"))
    assert any("Crocus" in n for n in _names(march))
    assert not any("Kabul" in n or "Kerman" in n for n in _names(march))


def test_scope_figure_filters_keep_incidents_with_such_a_group(sample: Store) -> None:
    scope = Scope(sample, Filters(measure="arrested", status="conflict"))
    assert [g.measure for g in scope.group_list] and {g.status for g in scope.group_list} == {
        "conflict"
    }
    for event_id in scope.event_ids:
        groups = scope.groups_by_event[event_id]
        assert any(g.measure == "arrested" and g.status == "conflict" for g in groups)


def test_filter_options_list_what_the_store_holds(sample: Store) -> None:
    options = filter_options(sample)
    assert {"Reuters", "TASS", "IRNA"} <= set(options["outlets"])
    assert "attack" in options["types"] and "conflict" in options["statuses"]
