"""Which pairs of reports are compared as wholes (crosscheck.reconcile.incidents.links)."""

from __future__ import annotations

from datetime import date

from crosscheck.reconcile.incidents.links import TOWN_ONLY_THRESHOLD, report_links, strength
from crosscheck.reconcile.incidents.reports import Report, link_model
from crosscheck.reconcile.leads import LeadPlace


def _side(doc_id: str, index: str, town: str, shared: float, published: int) -> Report:
    """A report indexed under one word of its own, whose words share ``shared`` of their
    weight with every other such report's."""
    terms = {"kettle": shared, f"{doc_id}word": (1 - shared**2) ** 0.5}
    return Report(
        doc_id=doc_id,
        published=date(2016, 5, published),
        terms=terms,
        title={},
        lead=terms,
        surnames=frozenset(),
        names=frozenset(),
        places=frozenset({town}),
        lead_places=frozenset({town}),
        incident_date=date(2016, 5, 6),
        dated=True,
        killed=None,
        index=(index,),
        town=LeadPlace(town, None, (51.0, 0.1)),
    )


def _linked(a: Report, b: Report) -> bool:
    return bool(report_links({"a": a, "b": b}, {"a": "la", "b": "lb"}, link_model()))


def test_reports_sharing_only_their_town_are_linked_when_the_model_is_nearly_sure() -> None:
    a, b = _side("a", "okafor", "marbury", 0.6, 7), _side("b", "quince", "marbury", 0.6, 7)
    assert strength(a, b, link_model()) >= TOWN_ONLY_THRESHOLD
    assert _linked(a, b)
    # Another town and no shared word: never compared.
    assert not _linked(a, _side("b", "quince", "denholm", 0.6, 7))


def test_a_likely_pair_sharing_only_its_town_is_not_enough() -> None:
    a, b = _side("a", "okafor", "marbury", 0.3, 12), _side("b", "quince", "marbury", 0.3, 7)
    p = strength(a, b, link_model())
    assert link_model().threshold <= p < TOWN_ONLY_THRESHOLD
    assert not _linked(a, b)
    # The same pair sharing a word of its index is linked.
    assert _linked(a, _side("b", "okafor", "marbury", 0.3, 7))
