"""Incident linking of whole reports, on reports written for these tests."""

from __future__ import annotations

import dataclasses
from datetime import date

from recon_records import claim, doc, event, records
from recon_records import reconcile_all as reconcile

from crosscheck.analysis.profile import profile
from crosscheck.model import Document, EventMention
from crosscheck.reconcile.incidents.linking import link_incidents
from crosscheck.reconcile.incidents.local import local_incidents
from crosscheck.reconcile.incidents.reports import (
    FEATURES,
    Report,
    pair_features,
    placed_apart,
    report,
)
from crosscheck.reconcile.leads import LeadPlace
from crosscheck.reconcile.mentionfeatures import features

QUINCE = (
    "Darnell Okafor, a bus driver, was shot on Quince Street in Marbury late Friday after an"
    " argument outside the Copper Kettle bar. Okafor died at Marbury General Hospital."
)
QUINCE_LATER = (
    "Police in Marbury arrested a man on Sunday in the killing of Darnell Okafor, the bus"
    " driver shot outside the Copper Kettle bar on Quince Street."
)
LARCH = (
    "Two teenagers were wounded when someone fired at a car on Larch Road in Denholm on"
    " Saturday afternoon. Both were taken to Denholm Memorial and are expected to recover."
)


def _reports(*items: tuple[str, str, str, str]) -> tuple[list[Document], list[EventMention]]:
    docs, ems = [], []
    for doc_id, published, title, text in items:
        docs.append(doc(doc_id, f"Outlet {doc_id}", published, title=title, text=text))
        ems.append(event(doc_id, "the shooting", type="shooting", start=20))
    return docs, ems


def _linked(docs: list[Document], ems: list[EventMention]) -> dict[str, int]:
    profiles = {d.id: profile(d.id, d.title, d.text) for d in docs}
    linked = link_incidents(records(docs, [], ems, [], profiles=profiles).ordered())
    return {em.doc_id: k for k, group in enumerate(linked.groups) for em in group}


def test_reports_sharing_rare_names_and_words_are_one_incident() -> None:
    docs, ems = _reports(
        ("a", "2016-05-07", "Bus driver shot dead in Marbury", QUINCE),
        ("b", "2016-05-09", "Arrest in killing of Marbury bus driver", QUINCE_LATER),
        ("c", "2016-05-08", "Two teens wounded in Denholm", LARCH),
    )
    incident = _linked(docs, ems)
    assert incident["a"] == incident["b"] != incident["c"]


def test_reports_dated_in_words_days_apart_stay_apart() -> None:
    text = "A bomb exploded at the central bus station in Kestrel on {} June, killing 4 people."
    docs, ems = _reports(
        ("a", "2024-06-03", "Kestrel blast", text.format(3)),
        ("b", "2024-06-20", "Kestrel blast", text.format(19)),
    )
    ems = [
        event("a", "the bombing", type="bombing", date="2024-06-03", start=20),
        event("b", "the bombing", type="bombing", date="2024-06-19", start=20),
    ]
    ems = [dataclasses.replace(em, sentence=d.text) for em, d in zip(ems, docs, strict=True)]
    incident = _linked(docs, ems)
    assert incident["a"] != incident["b"]


def test_a_report_names_its_main_incident_first_and_keeps_others_apart() -> None:
    ems = [
        event(
            "a",
            "the shooting on Quince Street in Marbury",
            type="shooting",
            date="2016-05-06",
            start=10,
        ),
        event("a", "the shooting", type="shooting", start=200),
        event("a", "a separate shooting in Denholm", type="shooting", date="2016-04-02", start=400),
    ]
    local = local_incidents("a", ems, "2016-05-07")
    assert [x.main for x in local] == [True, False]
    assert {f.id for f in local[0].members} == {ems[0].id, ems[1].id}
    assert [f.id for f in local[1].members] == [ems[2].id]


def test_a_figure_without_an_incident_of_its_own_belongs_to_its_report_s_incident() -> None:
    docs, ems = _reports(
        ("a", "2016-05-07", "Bus driver shot dead in Marbury", QUINCE),
        ("b", "2016-05-09", "Arrest in killing of Marbury bus driver", QUINCE_LATER),
    )
    claims = [
        claim("a", "killed", 1, 1, subject_kind="event"),
        claim("b", "killed", 1, 1, subject_kind="event"),
    ]
    profiles = {d.id: profile(d.id, d.title, d.text) for d in docs}
    picture = reconcile(docs, [], ems, claims, profiles=profiles)
    subjects = {c.doc_id: picture.claim_subjects[c.id].id for c in claims}
    assert subjects["a"] == subjects["b"] is not None
    (group,) = [g for g in picture.groups if g.measure == "killed"]
    assert group.status == "corroborated"


def test_reports_written_alike_about_towns_far_apart_stay_apart() -> None:
    # One house style for attacks on one day: the words match, the towns do not.
    text = (
        "Gunmen opened fire on shoppers at the covered market in {} on Friday morning. Police"
        " said the attackers escaped in a grey van and that the market would stay closed."
    )
    towns = {"Lusaka": (-15.4166, 28.2833), "Bergen": (60.3929, 5.3241)}
    docs, _ = _reports(
        ("a", "2031-03-08", "Lusaka: gunmen open fire at covered market", text.format("Lusaka")),
        ("b", "2031-03-08", "Gunmen open fire at covered market in Lusaka", text.format("Lusaka")),
        ("c", "2031-03-08", "Bergen: gunmen open fire at covered market", text.format("Bergen")),
    )
    ems = [
        event(d, f"the shooting in {town}", type="shooting", location=town, coords=towns[town])
        for d, town in (("a", "Lusaka"), ("b", "Lusaka"), ("c", "Bergen"))
    ]
    incident = _linked(docs, ems)
    assert incident["a"] == incident["b"] != incident["c"]


def _side(doc_id: str, town: str, coords: tuple[float, float], surname: str) -> Report:
    return Report(
        doc_id=doc_id,
        published=None,
        terms={},
        title={},
        lead={},
        surnames=frozenset({surname}),
        names=frozenset(),
        places=frozenset({town}),
        lead_places=frozenset({town}),
        incident_date=None,
        dated=False,
        killed=None,
        town=LeadPlace(town, None, coords),
        sites=((town, coords),),
    )


def test_placed_apart_needs_every_town_far_and_no_person_in_common() -> None:
    lusaka, bergen = (-15.4166, 28.2833), (60.3929, 5.3241)
    assert placed_apart(_side("a", "lusaka", lusaka, "banda"), _side("b", "bergen", bergen, "moe"))
    # One victim named in both: the reports may be about one incident after all.
    assert not placed_apart(
        _side("a", "lusaka", lusaka, "banda"), _side("b", "bergen", bergen, "banda")
    )
    # A town named by a common word ("Man") names many places: not trusted to be far.
    assert not placed_apart(_side("a", "man", lusaka, "banda"), _side("b", "bergen", bergen, "moe"))
    assert not placed_apart(
        _side("a", "lusaka", lusaka, "banda"), _side("b", "lusaka", lusaka, "moe")
    )


def _follow_up_side(others_date: str | None) -> Report:
    """A follow-up, three weeks later, whose main incident ("the Gibbs Street shooting") its
    own mentions do not date, and whose other sentence dates "the shooting"."""
    main = [features(event("f", "the Gibbs Street shooting", type="shooting", start=30))]
    others = [features(event("f", "the shooting", type="shooting", date=others_date, start=900))]
    text = "A third man was charged on Monday in the Gibbs Street shooting."
    return report(profile("f", "Third arrest", text), "2015-03-09", [], main, [], others=others)


def test_an_undated_follow_up_takes_the_day_its_other_sentences_give_the_incident() -> None:
    assert _follow_up_side("2015-01-19").incident_date == date(2015, 1, 19)
    # Not a day after its publication (a trial date to come), nor none at all.
    assert _follow_up_side("2015-04-02").incident_date == date(2015, 3, 9)
    assert _follow_up_side(None).incident_date == date(2015, 3, 9)


def _dated_side(doc_id: str, published: str, incident: str, dated: bool) -> Report:
    return dataclasses.replace(
        _side(doc_id, "marbury", (51.0, 0.1), "okafor"),
        published=date.fromisoformat(published),
        incident_date=date.fromisoformat(incident),
        dated=dated,
    )


def _days_apart(a: Report, b: Report) -> float:
    return dict(zip(FEATURES, pair_features(a, b), strict=True))["days_apart"]


def test_an_undated_follow_up_months_later_is_not_counted_months_from_the_incident() -> None:
    first = _dated_side("a", "2015-01-20", "2015-01-19", dated=True)
    follow_up = _dated_side("b", "2015-05-11", "2015-05-11", dated=False)
    assert _days_apart(first, follow_up) == _days_apart(follow_up, first) < 60
    # Two reports that both date their incidents, months apart, stay months apart.
    other = _dated_side("c", "2015-05-11", "2015-05-09", dated=True)
    assert _days_apart(first, other) == 60
    # An undated report published before the other's incident is no follow-up of it.
    earlier = _dated_side("d", "2014-09-01", "2014-09-01", dated=False)
    assert _days_apart(first, earlier) == 60
