"""End to end: two reports of one rural attack, told differently, become one cross-checked toll.

The reports are written for this test. One places the attack by its state and calls it a
village attack; the other, a day later, calls it a raid in the same state, gives a higher toll
and adds a running total for the whole year that is not about this attack.
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.config import Settings
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import Store

FIRST = """Gunmen kill 23 in attack on Nigerian village

At least 23 people were killed when gunmen stormed a village in Nigeria's northwestern \
Zamfara state late on Saturday, police said on Sunday.

The attackers, riding motorcycles, opened fire on residents and set homes ablaze, a police \
spokesman told reporters. Another 14 people were wounded.

Armed gangs have killed more than 1,000 people in the region this year, according to a \
rights group.
"""

SECOND = """Death toll from Zamfara village raid rises to 31

The number of people killed in Saturday's assault on a village in Zamfara state has risen \
to 31, local officials said on Tuesday, as rescuers recovered more bodies.

A local government chairman said 31 villagers died and 20 others were injured in the raid.
"""


def _write(folder: Path, name: str, text: str, outlet: str, published: str) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    meta = f'{{"outlet": "{outlet}", "published": "{published}"}}'
    (folder / f"{name}.meta.json").write_text(meta, encoding="utf-8")


def test_two_reports_of_one_rural_attack_give_one_evolving_toll(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    _write(tmp_path, "first", FIRST, "Wire One", "2025-02-10")
    _write(tmp_path, "second", SECOND, "Daily Two", "2025-02-11")
    ingest_paths(store, [str(tmp_path)], settings)
    picture = store.load_picture()
    claims = {c.id: c for c in store.claims()}

    killed = [g for g in picture.groups if g.measure == "killed"]
    tolls = [g for g in killed if {claims[c].low for c in g.claims} >= {23, 31}]
    assert len(tolls) == 1, "both reports' tolls belong to one incident"
    toll = tolls[0]
    assert toll.subject.kind == "event"
    assert toll.status == "evolving"
    # The year's running total is kept, but not as a figure about this attack.
    assert all(claims[c].low != 1000 for c in toll.claims)
    injured = [g for g in picture.groups if g.measure == "injured"]
    assert [sorted(claims[c].low for c in g.claims) for g in injured] == [[14, 20]]
    assert injured[0].subject == toll.subject


EARLY = """Toll of Harlow concert hall attack rises to 144

By 30 March the toll of the 22 March attack on the Harlow concert hall had risen to 144, \
the regional health ministry said.
"""

LATE = """Harlow attack: the count goes on

Gunmen opened fire in the Harlow concert hall on 22 March. The Harlow Courier now gives \
145 dead in the 22 March attack on the concert hall.
"""


def test_a_later_report_that_names_the_incident_date_is_still_the_later_figure(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    """The figure of the report published last is the best estimate of an evolving toll:
    the incident's date beside it does not date the figure back to the attack."""
    _write(tmp_path, "early", EARLY, "State Wire", "2024-03-30")
    _write(tmp_path, "late", LATE, "Harlow Courier", "2024-04-05")
    ingest_paths(store, [str(tmp_path)], settings)
    claims = {c.id: c for c in store.claims()}
    tolls = [
        g
        for g in store.load_picture().groups
        if g.measure == "killed" and {claims[c].low for c in g.claims} >= {144, 145}
    ]
    assert len(tolls) == 1, "both tolls belong to one incident"
    assert tolls[0].status == "evolving"
    assert tolls[0].estimate.best == 145
