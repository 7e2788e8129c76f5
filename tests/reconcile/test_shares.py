"""The maps incident linking keeps between updates equal the maps made from scratch."""

from __future__ import annotations

import dataclasses
import random

import pytest
from test_reconciler import _report, _step

from crosscheck.reconcile import Delta, Records
from crosscheck.reconcile.incidents.documents import doc_incidents
from crosscheck.reconcile.incidents.shares import Shares


def _maps(shares: Shares) -> dict[str, object]:
    """Every map, as plain dicts compared whatever their order (report sides by the report
    they are of: a side made twice is two objects), and the needy reports' ids."""
    return {
        "docs": {k: v[1].incidents for k, v in shares.docs.items()},
        "by_id": dict(shares.by_id),
        "reports": {k: r.doc_id for k, r in shares.reports.items()},
        "main_of": dict(shares.main_of),
        "report_of": {k: r.doc_id for k, r in shares.report_of.items()},
        "languages": dict(shares.languages),
        "mains": dict(shares.mains),
        "needy": {k: (d.id, town) for k, (d, town) in shares.needy.items()},
    }


def _fresh(docs: list) -> Shares:
    shares = Shares()
    shares.update(docs, lambda d: (d, doc_incidents(d)))
    return shares


@pytest.mark.parametrize("seed", range(4))
def test_shares_kept_through_updates_equal_shares_made_anew(seed: int) -> None:
    rng = random.Random(seed)
    records = Delta(upserts=tuple(_report(k, rng) for k in range(6))).apply(Records())
    kept = Shares()
    made: dict[str, object] = {}

    def share(d: object) -> tuple:
        # Shares made once per records object, as a Reconciler keeps them.
        if id(d) not in made:
            made[id(d)] = (d, doc_incidents(d))  # type: ignore[arg-type]
        return made[id(d)]  # type: ignore[return-value]

    needy = 0
    for k in range(30):
        delta = _step(records, rng, k)
        if k % 3 == 1 and records.docs:
            # A report that names no incident of its own but gives figures, and back.
            target = rng.choice(records.ordered())
            plain = dataclasses.replace(target, event_mentions=())
            delta = Delta(upserts=(plain if target.event_mentions else _report(k, rng),))
        records = delta.apply(records)
        went = kept.update(records.ordered(), share)
        assert went == bool(delta.removals)
        assert _maps(kept) == _maps(_fresh(records.ordered())), f"step {k}"
        needy += len(kept.needy)
    assert needy  # the sequence did try reports without incidents


def test_a_report_gone_leaves_nothing_behind() -> None:
    rng = random.Random(9)
    docs = [_report(k, rng) for k in range(3)]
    shares = _fresh(docs)
    assert shares.update(docs[1:], lambda d: (d, doc_incidents(d)))
    gone = docs[0].id
    assert gone not in shares.docs and gone not in shares.main_of and gone not in shares.mains
    assert not any(x.doc_id == gone for x in shares.by_id.values())
    assert set(shares.report_of) <= set(shares.by_id)
    assert set(shares.languages) == set(shares.report_of)
