"""Each report's share of incident linking and the maps linking reads from all of them.

Linking needs, over every report: its local incidents by id, its report side when its main
violent incident is compared as a whole, its main incident and that incident's first
mention, and the reports that give figures but name no incident of their own. A share is a
function of one report's records (:func:`~.documents.doc_incidents`), so :class:`Shares`
keeps these maps between updates and changes only the entries of the reports whose records
changed, came or went: an update walks the reports once, by identity, instead of building
each map again from every share. Pure: no store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from crosscheck.model import EVENT_MEASURES
from crosscheck.reconcile.incidents.documents import DocIncidents
from crosscheck.reconcile.incidents.local import LocalIncident
from crosscheck.reconcile.incidents.reports import Report
from crosscheck.reconcile.leads import LeadPlace
from crosscheck.reconcile.records import DocRecords

#: A report's records and its share (the records kept are those the share was made from).
Share = tuple[DocRecords, DocIncidents]


@dataclass
class Shares:
    """Every report's share, and the maps made of them (each in no particular order)."""

    docs: dict[str, Share] = field(default_factory=dict)
    #: Local incident id -> the local incident, of every report.
    by_id: dict[str, LocalIncident] = field(default_factory=dict)
    #: Report -> its side of a whole-report comparison, and its main violent incident.
    reports: dict[str, Report] = field(default_factory=dict)
    main_of: dict[str, str] = field(default_factory=dict)
    #: Main incident -> its report's side, and that report's language.
    report_of: dict[str, Report] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    #: Report -> the first mention of its main incident.
    mains: dict[str, str] = field(default_factory=dict)
    #: Reports with figures of events and no main incident, with the town their lead names.
    needy: dict[str, tuple[DocRecords, LeadPlace | None]] = field(default_factory=dict)

    def update(self, ordered: Sequence[DocRecords], share: Callable[[DocRecords], Share]) -> bool:
        """Bring the shares to ``ordered`` (every report), ``share`` making a report's share
        (it may hand back the kept one while the records are equal). Answers whether any
        report went away."""
        known = self.docs
        fresh = [d for d in ordered if (found := known.get(d.id)) is None or found[0] is not d]
        came = sum(1 for d in fresh if d.id not in known)
        gone = len(known) + came != len(ordered)
        if gone:
            ids = {d.id for d in ordered}
            for doc_id in [k for k in known if k not in ids]:
                self._unmap(known.pop(doc_id)[1])
        for d in fresh:
            old = known.get(d.id)
            new = known[d.id] = share(d)
            if old is not None and old[1] is new[1]:
                if d.id in self.needy:
                    self.needy[d.id] = (d, new[1].town)
                continue
            if old is not None:
                self._unmap(old[1])
            self._map(d, new[1])
        return gone

    def _map(self, d: DocRecords, s: DocIncidents) -> None:
        for x in s.incidents:
            self.by_id[x.id] = x
        if s.main is None:
            if any(c.measure in EVENT_MEASURES for c in d.claims):
                self.needy[d.id] = (d, s.town)
            return
        self.main_of[d.id] = s.main
        self.mains[d.id] = self.by_id[s.main].members[0].id
        if s.report is not None and s.main:
            self.reports[d.id] = s.report
            self.report_of[s.main] = s.report
            self.languages[s.main] = s.report.language

    def _unmap(self, s: DocIncidents) -> None:
        for x in s.incidents:
            del self.by_id[x.id]
        for table in (self.needy, self.main_of, self.mains, self.reports):
            table.pop(s.doc_id, None)
        if s.main is not None:
            self.report_of.pop(s.main, None)
            self.languages.pop(s.main, None)


__all__ = ["Share", "Shares"]
