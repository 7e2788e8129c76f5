"""normalise_published: one ISO form, never completed from today's date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crosscheck.ingest.dates import normalise_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-25", "2024-03-25"),
        ("2024-03-25T10:00:00Z", "2024-03-25"),
        ("2024-03-25T23:30:00-05:00", "2024-03-25"),
        ("March 25, 2024", "2024-03-25"),
        ("25 March 2024", "2024-03-25"),
        ("Mon, 25 Mar 2024 10:00:00 +0000", "2024-03-25"),
        ("2024/03/25", "2024-03-25"),
        ("25 марта 2024", "2024-03-25"),
        (date(2023, 1, 9), "2023-01-09"),
        (datetime(2023, 1, 9, 18, 0), "2023-01-09"),
    ],
)
def test_normalise_published_reads_full_dates(value: object, expected: str) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize(
    "value", ["", "   ", None, 20240325, "2024", "March 2024", "Friday", "yesterday", "2024-02-30"]
)
def test_normalise_published_refuses_partial_dates(value: object) -> None:
    assert normalise_published(value) is None
