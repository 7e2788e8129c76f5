"""Workbench filters: date range, outlet, event type, place, measure and status.

One :class:`Filters` value is read from a page's or an API call's query string and
written back into every link, so a filtered view can be reloaded and shared. A
:class:`Scope` applies it to the store: which incidents, claim groups and documents it
keeps. The same rules serve the dashboard, the listings, the map, the timeline and the
brief, so they never disagree about what a filter means:

* an incident is in the date range when its date is (a month or a year overlaps); an
  undated incident when a report about it was published in the range;
* a claim group follows its incident; a group about no dated incident (a population
  statistic) follows the publication dates of its claims;
* outlet means "reported by that outlet", place a case-insensitive part of the
  incident's place or country (or of the subject's name), measure and status those
  of the figures: an incident matches when one of its claim groups does.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from crosscheck.errors import ConfigError
from crosscheck.model import MEASURES, STATUSES, ClaimGroup, Event
from crosscheck.store import Store
from crosscheck.store.base import DocumentFacts

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: Longest free-text filter value (outlet, place, type); longer input is a mistake.
MAX_TEXT = 200


def _check_date(name: str, value: str) -> str:
    try:
        valid = bool(_DATE.match(value)) and bool(date.fromisoformat(_start(value)))
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(f"filter {name}={value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _start(date: str) -> str:
    """The first day a partial date can mean ("2024-03" -> "2024-03-01")."""
    return date + "-01" * ((10 - len(date)) // 3)


def _end(date: str) -> str:
    """A key after every day a partial date can mean ("2024-03" -> "2024-03-99")."""
    return date + "-99" * ((10 - len(date)) // 3)


@dataclass(frozen=True)
class Filters:
    """What a view is narrowed to; every field is optional."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    type: str | None = None
    place: str | None = None
    measure: str | None = None
    status: str | None = None

    @classmethod
    def parse(cls, values: Mapping[str, Any]) -> Filters:
        """Filters from query parameters; blank values are no filter.

        Raises:
            ConfigError: a date is not YYYY[-MM[-DD]], the range is reversed, a measure
                or status is unknown, or a text is longer than :data:`MAX_TEXT`.
        """
        found: dict[str, str | None] = {}
        for f in fields(cls):
            raw = values.get(f.name)
            text = " ".join(str(raw).split()) if raw is not None else ""
            if len(text) > MAX_TEXT:
                raise ConfigError(f"filter {f.name} is over {MAX_TEXT} characters; shorten it")
            found[f.name] = text or None
        for name in ("since", "until"):
            if found[name]:
                _check_date(name, found[name] or "")
        since, until = found["since"], found["until"]
        if since and until and _start(since) > _end(until):
            raise ConfigError(f"filter since={since} is after until={until}; swap them")
        if found["measure"] and found["measure"] not in MEASURES:
            raise ConfigError(
                f"filter measure={found['measure']!r} is not one of {', '.join(MEASURES)}"
            )
        if found["status"] and found["status"] not in STATUSES:
            raise ConfigError(
                f"filter status={found['status']!r} is not one of {', '.join(STATUSES)}"
            )
        return cls(**found)

    def params(self) -> dict[str, str]:
        """The set filters as query parameters (for links that keep them)."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name))}

    @property
    def active(self) -> bool:
        return bool(self.params())

    def describe(self) -> str:
        """The filters in words ("killed figures in conflict, reported by Reuters, …")."""
        parts = []
        if self.measure or self.status:
            what = f"{self.measure} figures" if self.measure else "figures"
            parts.append(f"{what} {self.status}" if self.status else what)
        if self.type:
            parts.append(f"incidents of type {self.type}")
        if self.place:
            parts.append(f"in places matching {self.place!r}")
        if self.outlet:
            parts.append(f"reported by {self.outlet}")
        if self.since and self.until:
            parts.append(f"from {self.since} to {self.until}")
        elif self.since:
            parts.append(f"from {self.since}")
        elif self.until:
            parts.append(f"up to {self.until}")
        return ", ".join(parts) if parts else "everything in the store"

    def in_range(self, date: str | None) -> bool:
        """Whether a (possibly partial) ISO date overlaps the date range."""
        if not (self.since or self.until):
            return True
        if not date:
            return False
        day = date[:10]
        if self.since and _end(day) < _start(self.since):
            return False
        return not (self.until and _start(day) > _end(self.until))


def _fold(text: str | None) -> str:
    return (text or "").casefold()


class Scope:
    """The incidents, claim groups and documents a :class:`Filters` keeps.

    Reads are lazy and bounded to id pairs and bare records, so an unfiltered view
    pays nothing and a filtered one a few narrow scans.
    """

    def __init__(self, store: Store, filters: Filters) -> None:
        self.store = store
        self.filters = filters

    # -- what the store holds --------------------------------------------------------------
    @functools.cached_property
    def documents(self) -> dict[str, DocumentFacts]:
        """Outlet, publication and ingest date of every document, by id."""
        return {d.id: d for d in self.store.document_facts()}

    @functools.cached_property
    def events(self) -> dict[str, Event]:
        """Every incident (without mention ids), by id."""
        return {e.id: e for e in self.store.event_records()}

    @functools.cached_property
    def groups(self) -> list[ClaimGroup]:
        """Every claim group (without its reason: views read the shown ones in full)."""
        return self.store.group_records()

    @functools.cached_property
    def event_docs(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for event_id, doc_id in self.store.event_documents():
            found[event_id].add(doc_id)
        return found

    @functools.cached_property
    def claim_docs(self) -> dict[str, str]:
        return self.store.claim_documents()

    @functools.cached_property
    def groups_by_event(self) -> dict[str, list[ClaimGroup]]:
        found: dict[str, list[ClaimGroup]] = defaultdict(list)
        for g in self.groups:
            if g.subject.kind == "event" and g.subject.id:
                found[g.subject.id].append(g)
        return found

    # -- the rules ---------------------------------------------------------------------------
    def _doc_ok(self, doc_id: str) -> bool:
        doc = self.documents.get(doc_id)
        if doc is None:
            return False
        f = self.filters
        if f.outlet and _fold(doc.outlet) != _fold(f.outlet):
            return False
        return f.in_range(doc.published)

    def _group_figures_ok(self, group: ClaimGroup) -> bool:
        f = self.filters
        return (not f.measure or group.measure == f.measure) and (
            not f.status or group.status == f.status
        )

    def _place_ok(self, event: Event) -> bool:
        want = _fold(self.filters.place)
        return want in _fold(event.location) or want in _fold(event.country)

    def _reported_ok(self, doc_ids: Any, date: str | None) -> bool:
        """The outlet and date rules for something these documents report; ``date`` is
        when it happened (None: go by the documents' publication dates)."""
        f = self.filters
        if not (f.outlet or f.since or f.until):
            return True
        docs = [self.documents[d] for d in doc_ids if d in self.documents]
        if f.outlet and not any(_fold(d.outlet) == _fold(f.outlet) for d in docs):
            return False
        if date:
            return f.in_range(date)
        return not (f.since or f.until) or any(f.in_range(d.published) for d in docs)

    def event_ok(self, event: Event) -> bool:
        """Whether an incident passes every filter."""
        f = self.filters
        if f.type and _fold(event.type) != _fold(f.type):
            return False
        if f.place and not self._place_ok(event):
            return False
        if (f.measure or f.status) and not any(
            self._group_figures_ok(g) for g in self.groups_by_event.get(event.id, [])
        ):
            return False
        return self._reported_ok(self.event_docs.get(event.id, ()), event.date)

    def group_ok(self, group: ClaimGroup) -> bool:
        """Whether a claim group passes every filter."""
        f = self.filters
        if not self._group_figures_ok(group):
            return False
        event = self.events.get(group.subject.id or "") if group.subject.kind == "event" else None
        if f.type and (event is None or _fold(event.type) != _fold(f.type)):
            return False
        if f.place:
            in_name = _fold(f.place) in _fold(group.subject.name)
            if not in_name and (event is None or not self._place_ok(event)):
                return False
        docs = [self.claim_docs[c] for c in group.claims if c in self.claim_docs]
        return self._reported_ok(docs, event.date if event is not None else None)

    # -- selections ------------------------------------------------------------------------
    @functools.cached_property
    def event_ids(self) -> list[str]:
        """Matching incidents, by date then id."""
        kept = [e for e in self.events.values() if self.event_ok(e)]
        return [e.id for e in sorted(kept, key=lambda e: (e.date or "", e.id))]

    @functools.cached_property
    def group_list(self) -> list[ClaimGroup]:
        """Matching claim groups, in the store's order."""
        return [g for g in self.groups if self.group_ok(g)]

    @functools.cached_property
    def document_ids(self) -> list[str]:
        """Matching documents: from the outlet and range, and (with incident or figure
        filters) reporting a matching incident or giving a figure of a matching group."""
        f = self.filters
        kept = {d for d in self.documents if self._doc_ok(d)}
        if f.type or f.place or f.measure or f.status:
            related = {d for e in self.event_ids for d in self.event_docs.get(e, ())}
            related |= {self.claim_docs[c] for g in self.group_list for c in g.claims}
            kept &= related
        return sorted(kept, key=lambda d: (self.documents[d].published or "", d))


def filter_options(store: Store) -> dict[str, list[str]]:
    """The choices a filter form offers: outlets, incident types, measures, statuses."""
    return {
        "outlets": store.outlet_names(),
        "types": store.event_types(),
        "measures": list(MEASURES),
        "statuses": list(STATUSES),
    }


__all__ = ["MAX_TEXT", "Filters", "Scope", "filter_options"]
