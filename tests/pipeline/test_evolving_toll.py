"""A toll that rises over a week, told by a dozen outlets: one incident, one evolving group.

The reports are our own words about an invented attack (the Harbourview mall in Port
Selwyn), shaped like real coverage: the first night's "at least 60", then 93, 115, 133,
139, 140 and 143 on the following days, a report that restates a part ("three children
were among the dead"), one that passes on a rumour from social media, and a late report
ten days on. The best estimate is the latest figure; nothing here is a conflict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.config import Settings
from crosscheck.pipeline.ingest import ingest_paths
from crosscheck.store import Store

REPORTS = [
    (
        "Coast Wire",
        "2031-04-12",
        "Gunmen storm Harbourview mall in Port Selwyn",
        "Gunmen stormed the Harbourview mall in Port Selwyn on Friday evening and opened fire"
        " on shoppers. At least 60 people were killed, the emergency service said.",
    ),
    (
        "Selwyn Daily",
        "2031-04-13",
        "Harbourview mall toll rises to 93",
        "The death toll from Friday's attack on the Harbourview mall in Port Selwyn rose to 93,"
        " health officials said on Saturday. Social media channels spoke of 150 dead, a figure"
        " officials did not confirm.",
    ),
    (
        "Bay Courier",
        "2031-04-13",
        "Port Selwyn mourns after mall attack",
        "Officials said 93 people died in Friday's attack on the Harbourview mall in Port"
        " Selwyn. Three children were among the dead.",
    ),
    (
        "North Star News",
        "2031-04-14",
        "Harbourview attack: toll reaches 115",
        "The number of people killed in the Harbourview mall attack in Port Selwyn has reached"
        " 115, the health ministry said on Sunday.",
    ),
    (
        "Coast Wire",
        "2031-04-15",
        "Harbourview mall attack toll climbs to 133",
        "The toll from the attack on the Harbourview mall in Port Selwyn climbed to 133 on"
        " Monday as rescuers cleared the burned upper floor.",
    ),
    (
        "Harbour Times",
        "2031-04-16",
        "139 dead in Harbourview mall attack",
        "Investigators said 139 people were killed in the attack on the Harbourview mall in"
        " Port Selwyn last Friday.",
    ),
    (
        "Selwyn Daily",
        "2031-04-17",
        "Harbourview toll now 140",
        "The number of dead from the Harbourview mall attack in Port Selwyn rose to 140 after"
        " two wounded men died in hospital, officials said.",
    ),
    (
        "Bay Courier",
        "2031-04-18",
        "Harbourview mall attack toll rises to 143",
        "The death toll from the Harbourview mall attack in Port Selwyn rose to 143 on"
        " Thursday, the health ministry said.",
    ),
    (
        "Meridian Post",
        "2031-04-18",
        "Harbourview victims' families gather",
        "Families of the 143 people killed in the Harbourview mall attack in Port Selwyn"
        " gathered at the mall on Thursday.",
    ),
    (
        "Harbour Times",
        "2031-04-28",
        "Harbourview mall to reopen",
        "The Harbourview mall in Port Selwyn, where gunmen killed 143 people on 11 April,"
        " will reopen its lower floor next month.",
    ),
]


@pytest.fixture
def toll_store(store: Store, settings: Settings, tmp_path: Path) -> Store:
    folder = tmp_path / "harbourview"
    folder.mkdir()
    for k, (outlet, published, title, text) in enumerate(REPORTS):
        (folder / f"r{k:02d}.txt").write_text(text + "\n", encoding="utf-8")
        meta = {"title": title, "outlet": outlet, "published": published}
        (folder / f"r{k:02d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    report = ingest_paths(store, [str(folder)], settings)
    assert len(report.new) == len(REPORTS)
    return store


def test_evolving_toll_is_one_incident_with_the_latest_figure_as_best(toll_store: Store) -> None:
    groups = [
        g
        for g in toll_store.groups()
        if g.measure == "killed" and g.subject.kind == "event" and len(g.claims) >= 5
    ]
    (group,) = groups
    assert group.status == "evolving"
    assert group.estimate.best == 143
    claims = {c.id: c for c in toll_store.claims()}
    docs = {claims[c].doc_id for c in group.claims}
    assert len(docs) == len(REPORTS)  # every report's toll is about the one incident


def test_evolving_toll_rumour_is_kept_credited_and_unconfirmed(toll_store: Store) -> None:
    (rumour,) = [c for c in toll_store.claims() if c.low == 150]
    assert rumour.unconfirmed
    assert rumour.attributed_to is not None and "social media" in rumour.attributed_to.lower()


def test_evolving_toll_part_points_at_its_report_s_total(toll_store: Store) -> None:
    (part,) = [c for c in toll_store.claims() if c.measure == "killed" and c.low == 3]
    total = next(c for c in toll_store.claims() if c.id == (part.total_id or part.part_of))
    assert (total.doc_id, total.low) == (part.doc_id, 93)
