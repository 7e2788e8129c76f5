"""A night dates an incident on two days: "в ночь на 9 мая" runs from the 8th into the 9th."""

from __future__ import annotations

import pytest
from recon_records import event

from crosscheck.reconcile.incidents.links import block_keys
from crosscheck.reconcile.mentionfeatures import compatible, features, score

_PLACE = {"location": "Saratov", "country": "Russia", "coords": (51.53, 46.03)}


def _gas_blast(doc_id: str, date: str, precision: str = "day") -> object:
    return features(
        event(
            doc_id, "gas blast in Saratov", type="bombing", date=date, precision=precision, **_PLACE
        )
    )


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        # The night into the 9th and the evening of the 8th, or the 9th itself.
        (("2031-05-09", "night"), ("2031-05-08", "day"), True),
        (("2031-05-09", "night"), ("2031-05-09", "day"), True),
        (("2031-05-09", "night"), ("2031-05-09", "night"), True),
        # Not the day after the night, nor two days before it.
        (("2031-05-09", "night"), ("2031-05-10", "day"), False),
        (("2031-05-09", "night"), ("2031-05-07", "day"), False),
        # Two days stay two days: a day is no night.
        (("2031-05-09", "day"), ("2031-05-08", "day"), False),
    ],
)
def test_night_dates_meet_the_day_before(
    first: tuple[str, str], second: tuple[str, str], one: bool
) -> None:
    a, b = _gas_blast("a", *first), _gas_blast("b", *second)
    assert compatible(a, b) is one
    assert compatible(b, a) is one


def test_night_and_its_evening_score_as_one_day_and_share_a_block() -> None:
    night, evening = _gas_blast("a", "2031-05-09", "night"), _gas_blast("b", "2031-05-08")
    same_day = _gas_blast("c", "2031-05-08")
    assert score(night, evening) == score(same_day, evening)
    assert ("day", "2031-05-08") in block_keys(night)
    assert ("day", "2031-05-09") in block_keys(night)
