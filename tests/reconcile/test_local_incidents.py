"""One report's own incidents (crosscheck.reconcile.incidents.local)."""

from __future__ import annotations

import dataclasses

from recon_records import event

from crosscheck.reconcile.incidents.local import local_incidents
from crosscheck.reconcile.mentionfeatures import features

# The neighbourhood the main incident names, geocoded to a namesake far from the lead's town.
NAMESAKE = (35.01, -85.25)
LEAD_TOWN = ("marbury", (29.42, -98.49))


def _placed_by_lead(em):  # type: ignore[no-untyped-def]
    f = features(em)
    if not f.generic:
        return f
    return dataclasses.replace(f, context_place=LEAD_TOWN[0], context_coords=LEAD_TOWN[1])


def test_a_vague_mention_joins_the_main_incident_whatever_town_the_lead_gave_it() -> None:
    ems = [
        event(
            "a",
            "the shooting on the Hollis Side",
            type="shooting",
            location="Hollis Side",
            coords=NAMESAKE,
            start=100,
        ),
        event("a", "the shooting", type="shooting", date="2015-01-19", start=900),
        # Another day: another incident, wherever it is placed.
        event("a", "a shooting", type="shooting", date="2014-11-02", start=1400),
    ]
    context = {em.id: _placed_by_lead(em) for em in ems}
    local = local_incidents("a", ems, "2015-03-09", context)
    assert [x.main for x in local] == [True, False]
    assert {f.id for f in local[0].members} == {ems[0].id, ems[1].id}
    assert [f.id for f in local[1].members] == [ems[2].id]
