"""Claim subject resolution: which resolved event or entity each figure is about.

An event-subject claim follows its event mention to the incident it was linked to; with no
mention it is matched by the distinctive words of its subject phrase, first among its own
document's incidents, then among all; failing that an event measure falls back to the
document's dominant incident, unless its subject phrase names something else. An entity
subject follows its mention key or name to the resolved entity.

Arrests, charges, sentences and perpetrators are figures *about* an incident: when such a
claim's own event is an arrest or a trial, its subject becomes the attack the same sentence
names, else the report's main incident (unless the arrest's date or country rules that out).
A statistic about "the country" or "its" GDP belongs to the country the report means: one
named as the subject of the same sentence, else the country the report names most before it.
Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import Any, Literal

from crosscheck.model import EVENT_MEASURES, Claim, Entity, Event, Mention, Subject
from crosscheck.reconcile.mentionfeatures import (
    dates_compatible,
    distinctive_tokens,
    name_tokens,
    type_family,
)
from crosscheck.reconcile.records import DocRecords
from crosscheck.reconcile.subjecttables import TablesMemo, Violent, is_country, lookup_tables
from crosscheck.reconcile.text import label_family, name_key, tables, words

_Kind = Literal["event", "entity", "none"]
#: One entry a resolution read: the table's name, the key and the value found (None: absent).
Read = tuple[str, Hashable, Any]
#: Claim id -> the claim, the entries its resolution read (None: the subject an analyst
#: gave it, not resolved), and its subject.
Resolved = dict[str, tuple[Claim, tuple[Read, ...] | None, Subject]]


def _subject(kind: _Kind, id_: str | None, name: str | None) -> Subject:
    return Subject(kind, id_, name)


class SubjectResolver:
    """Lookup tables over one picture's events and entities."""

    def __init__(
        self,
        events: list[Event],
        docs: Sequence[DocRecords] | Mapping[str, DocRecords],
        event_links: dict[str, str],
        entities: list[Entity],
        dominant: dict[str, str],
        mention_entities: dict[str, str] | None = None,
        memo: TablesMemo | None = None,
        keyed: Mapping[str, Sequence[Mention]] | None = None,
        moved_links: Collection[str] | None = None,
    ) -> None:
        """Build the tables over ``docs``' mentions and event mentions; ``mention_entities``
        (mention id -> entity id) if already known, ``memo`` what the last tables may hand
        over (see :class:`TablesMemo`), ``keyed`` each mention key's mentions in id order
        and ``moved_links`` the event mentions whose incident changed since the memo's last
        tables (see :func:`lookup_tables`)."""
        self.events = {e.id: e for e in events}
        by_id = mention_entities
        if by_id is None:
            by_id = {mid: e.id for e in entities for mid in e.mention_ids}
        t = lookup_tables(docs, event_links, by_id, entities, memo, keyed, moved_links)
        self.violent_in_sentence: Violent = t.violent_in_sentence
        self.doc_events: dict[str, frozenset[str]] = t.doc_events
        self.event_tokens: dict[str, frozenset[str]] = t.event_tokens
        self.token_index: dict[str, frozenset[str]] = t.token_index
        self.countries: dict[str, list[Mention]] = t.countries
        self.places: dict[str, list[Mention]] = t.places
        self.links = event_links
        self.dominant = dominant
        self.entities = {e.id: e for e in entities}
        # A key's entity is that of its first mention (by id) that has one.
        self.entity_by_key: dict[str, str] = t.entity_by_key
        self.entity_by_name: dict[str, str] = t.entity_by_name
        self.org_by_name: dict[str, str] = t.org_by_name
        # Every table a resolution reads, by name: the entries one claim's resolution read
        # are what its kept subject depends on (see :meth:`resolve_kept`).
        self._tables: dict[str, Mapping[Any, Any]] = {
            "events": self.events,
            "entities": self.entities,
            "links": self.links,
            "dominant": self.dominant,
            "doc_events": self.doc_events,
            "token_index": self.token_index,
            "violent_in_sentence": self.violent_in_sentence,
            "countries": self.countries,
            "places": self.places,
            "entity_by_key": self.entity_by_key,
            "entity_by_name": self.entity_by_name,
            "org_by_name": self.org_by_name,
        }
        self._reads: list[Read] | None = None

    def _read(self, table: str, key: Hashable) -> Any:
        """The entry ``key`` of a table (None when absent), noted while a claim resolves."""
        value = self._tables[table].get(key)
        if self._reads is not None:
            self._reads.append((table, key, value))
        return value

    def _event(self, event_id: str) -> Event:
        found: Event | None = self._read("events", event_id)
        return found if found is not None else self.events[event_id]

    def _entity(self, entity_id: str) -> Entity:
        found: Entity | None = self._read("entities", entity_id)
        return found if found is not None else self.entities[entity_id]

    def _unchanged(self, reads: tuple[Read, ...]) -> bool:
        """Whether every entry a resolution read is still the same (or an equal) value."""
        tables = self._tables
        for table, key, value in reads:
            now = tables[table].get(key)
            if now is not value and now != value:
                return False
        return True

    def resolve_kept(self, claim: Claim, known: Resolved, kept: Resolved) -> Subject:
        """:meth:`resolve`, taken from ``known`` while the claim and every table entry its
        resolution read are equal (the tables are only read through :meth:`_read`); the
        answer, with what it read and this very claim, goes into ``kept`` for the next call."""
        found = known.get(claim.id)
        if (
            found is None
            or found[1] is None
            or (found[0] is not claim and found[0] != claim)
            or not self._unchanged(found[1])
        ):
            self._reads = []
            try:
                subject = self.resolve(claim)
                found = (claim, tuple(self._reads), subject)
            finally:
                self._reads = None
        elif found[0] is not claim:
            found = (claim, found[1], found[2])
        kept[claim.id] = found
        return found[2]

    def given(self, ref: str) -> Subject | None:
        """The subject an analyst gave a claim by id (an incident's or an entity's), None
        when no resolved incident or entity has that id."""
        if ref in self.events:
            return self.event_subject(ref)
        if ref in self.entities:
            return self.entity_subject(ref)
        return None

    def event_subject(self, event_id: str) -> Subject:
        return _subject("event", event_id, self._event(event_id).name)

    def entity_subject(self, entity_id: str) -> Subject:
        return _subject("entity", entity_id, self._entity(entity_id).name)

    def _match_event(self, claim: Claim, local_only: bool) -> str | None:
        # Among all reports' incidents only a name tells which ("the Kerman bombing"): a
        # common word ("the rampage") matches too many.
        phrase = claim.subject_name or ""
        toks = distinctive_tokens(phrase) if local_only else name_tokens(phrase)
        if not toks:
            return None
        scores: dict[str, int] = defaultdict(int)
        local = self._read("doc_events", claim.doc_id) or frozenset()
        for t in toks:
            for event_id in self._read("token_index", t) or ():
                if event_id in local or not local_only:
                    scores[event_id] += 1
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: (kv[0] not in local, -kv[1], kv[0]))
        return ranked[0][0]

    def resolve(self, claim: Claim) -> Subject:
        """The resolved subject of one claim."""
        subject = self._resolve(claim)
        if claim.measure in EVENT_MEASURES and subject.kind == "event" and subject.id:
            incident = self._incident_of(claim, subject.id)
            if incident:
                return self.event_subject(incident)
        if self._means_the_country(claim, subject):
            country = self._country_meant(claim)
            if country:
                return self.entity_subject(country)
        return subject

    def _incident_of(self, claim: Claim, event_id: str) -> str | None:
        """The attack an arrest, charge or sentence figure is about (None: keep the event)."""
        event = self._event(event_id)
        if type_family(event.type) == "violent":
            return None
        named = sorted(self._read("violent_in_sentence", (claim.doc_id, claim.sentence)) or ())
        if named:
            return min(named, key=lambda x: (abs(x[0] - claim.span[0]), x[1]))[1]
        main_id = self._read("dominant", claim.doc_id)
        if not main_id:
            return None
        main = self._event(main_id)
        if event.country and main.country and name_key(event.country) != name_key(main.country):
            return None
        if event.date and main.date:
            # An arrest before the attack is about something else (a plot, another case).
            coarse = dates_compatible(event.date, event.date_precision, main.date, None)
            if not coarse and event.date < main.date:
                return None
        return main_id

    def _means_the_country(self, claim: Claim, subject: Subject) -> bool:
        if claim.measure in EVENT_MEASURES or claim.subject_kind != "entity":
            return False
        generic = {str(w) for w in tables()["country_references"]}
        if name_key(claim.subject_name or "") in generic:
            return True
        # "its GDP": only when the subject found is a place (not "its fighters" of a group).
        placed = subject.kind == "none" or (
            (placed_in := self._read("entities", subject.id)) is not None
            and label_family(placed_in.label) == "place"
        )
        if not placed:
            return False
        # "its GDP", "remittances … of its GDP": a figure of the country the report means.
        if set(words(claim.label)) & generic:
            return True
        # A region is no country: "one of the worst in the region, with the country ranking
        # 162nd" is about a country the report named before.
        said = set(words(claim.sentence))
        entity = self._read("entities", subject.id or "")
        region = entity is not None and not is_country(name_key(entity.name))
        return region and "country" in said

    def _country_meant(self, claim: Claim) -> str | None:
        """The country "the country" / "its" refers to, as an entity id."""
        said = self._read("countries", claim.doc_id) or ()
        before = [m for m in said if m.start < claim.span[0]]
        reach = claim.span[0] - len(claim.sentence)
        same = [m for m in before if m.start >= reach and m.text in claim.sentence]
        preps = {str(w) for w in tables()["country_reference_prepositions"]}
        for m in reversed(same):
            head = claim.sentence[: claim.sentence.find(m.text)].split()
            if not head or head[-1].casefold() not in preps:
                return self._entity_of_key(m.key)
        counts: dict[str, int] = defaultdict(int)
        last: dict[str, int] = {}
        for m in before:
            if m in same:
                continue
            counts[m.key] += 1
            last[m.key] = m.start
        if not counts:
            return None
        key = sorted(counts, key=lambda k: (-counts[k], -last[k], k))[0]
        return self._entity_of_key(key)

    def _entity_of_key(self, key: str) -> str | None:
        return self._read("entity_by_key", key) or self._read("entity_by_name", name_key(key))

    def _resolve(self, claim: Claim) -> Subject:
        if claim.subject_kind == "event":
            linked = self._read("links", claim.subject_ref) if claim.subject_ref else None
            if linked is not None:
                return self.event_subject(linked)
            if claim.subject_ref and self._read("events", claim.subject_ref) is not None:
                return self.event_subject(claim.subject_ref)
            # The report's own incidents first: a word the phrase shares with an incident of
            # another report ("shooting at a motel") rarely makes it that incident.
            matched = self._match_event(claim, local_only=True)
            if matched:
                return self.event_subject(matched)
            # A figure with no incident of its own named in its sentence is about the report's
            # incident; a phrase with its own distinctive words ("the civil war") names
            # another one, found among all incidents or left without a subject.
            main = self._read("dominant", claim.doc_id)
            own_words = bool(distinctive_tokens(claim.subject_name or ""))
            if main and claim.measure in EVENT_MEASURES and not own_words:
                return self.event_subject(main)
            matched = self._match_event(claim, local_only=False) if own_words else None
            if matched:
                return self.event_subject(matched)
            return _subject("none", None, claim.subject_name)
        if claim.subject_kind == "entity":
            for ref in (claim.subject_ref, claim.subject_name):
                if not ref:
                    continue
                entity_id = (
                    ref if self._read("entities", ref) is not None else self._entity_of_key(ref)
                )
                if entity_id:
                    return self.entity_subject(entity_id)
            return _subject("none", None, claim.subject_name or claim.subject_ref)
        if not claim.subject_name:
            named = self._org_in_counted(claim.counted) or self._org_in_counted(claim.label)
            if named:
                return self.entity_subject(named)
            placed = self._place_after(claim)
            if placed:
                return self.entity_subject(placed)
        return _subject("none", None, claim.subject_name)

    def _place_after(self, claim: Claim) -> str | None:
        """The place a subject-less statistic's phrase names ("35% of workers from X")."""
        if claim.measure in EVENT_MEASURES:
            return None
        reach = int(tables()["statistic_place_reach"])
        for m in self._read("places", claim.doc_id) or ():
            if claim.span[1] <= m.start <= claim.span[1] + reach and m.text in claim.sentence:
                return self._entity_of_key(m.key)
        return None

    def _org_in_counted(self, counted: str) -> str | None:
        """An organisation named inside what is counted ("ISIS-K strength" -> ISIS-K).

        Only organisations: a place or a people in the phrase ("Tajiks in rural areas") is
        usually the population counted, not the subject the figure belongs to.
        """
        toks = name_key(counted).split()
        for n in range(min(5, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                found = self._read("org_by_name", " ".join(toks[i : i + n]))
                if found:
                    return found
        return None


__all__ = ["Read", "Resolved", "SubjectResolver"]
