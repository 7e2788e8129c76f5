"""Claim subject resolution: which resolved event or entity each figure is about.

An event-subject claim follows its event mention to the incident it was linked to; with no
mention it is matched by the distinctive words of its subject phrase, first among its own
document's incidents, then among all; failing that an event measure falls back to the
document's dominant incident, unless its subject phrase names something else. An entity
subject follows its mention key or name to the resolved entity. Pure: no store.
"""

from __future__ import annotations

from collections import defaultdict

from crosscheck.model import EVENT_MEASURES, Claim, Entity, Event, EventMention, Subject
from crosscheck.reconcile.events import distinctive_tokens
from crosscheck.reconcile.text import label_family, name_key


class SubjectResolver:
    """Lookup tables over one picture's events and entities."""

    def __init__(
        self,
        events: list[Event],
        event_mentions: list[EventMention],
        event_links: dict[str, str],
        entities: list[Entity],
        dominant: dict[str, str],
        mention_keys: dict[str, str],
    ) -> None:
        self.events = {e.id: e for e in events}
        self.links = event_links
        self.dominant = dominant
        self.event_tokens: dict[str, set[str]] = defaultdict(set)
        self.doc_events: dict[str, set[str]] = defaultdict(set)
        for em in event_mentions:
            event_id = event_links.get(em.id)
            if event_id:
                self.event_tokens[event_id] |= distinctive_tokens(em.description or em.trigger)
                self.doc_events[em.doc_id].add(event_id)
        self.token_index: dict[str, set[str]] = defaultdict(set)
        for event_id, toks in self.event_tokens.items():
            for t in toks:
                self.token_index[t].add(event_id)
        self.entity_by_key: dict[str, str] = {}
        self.entity_by_name: dict[str, str] = {}
        self.entities = {e.id: e for e in entities}
        by_id = {mid: e.id for e in entities for mid in e.mention_ids}
        for mid, key in sorted(mention_keys.items()):
            if mid in by_id:
                self.entity_by_key.setdefault(key, by_id[mid])
        self.org_by_name: dict[str, str] = {}
        for e in sorted(entities, key=lambda x: x.id):
            for alias in e.aliases:
                self.entity_by_name.setdefault(name_key(alias), e.id)
                if label_family(e.label) == "org" and len(name_key(alias)) >= 3:
                    self.org_by_name.setdefault(name_key(alias), e.id)

    def event_subject(self, event_id: str) -> Subject:
        return Subject("event", event_id, self.events[event_id].name)

    def entity_subject(self, entity_id: str) -> Subject:
        return Subject("entity", entity_id, self.entities[entity_id].name)

    def _match_event(self, claim: Claim) -> str | None:
        toks = distinctive_tokens(claim.subject_name or "")
        if not toks:
            return None
        scores: dict[str, int] = defaultdict(int)
        for t in toks:
            for event_id in self.token_index.get(t, ()):
                scores[event_id] += 1
        if not scores:
            return None
        local = self.doc_events.get(claim.doc_id, set())
        ranked = sorted(scores.items(), key=lambda kv: (kv[0] not in local, -kv[1], kv[0]))
        return ranked[0][0]

    def resolve(self, claim: Claim) -> Subject:
        """The resolved subject of one claim."""
        if claim.subject_kind == "event":
            if claim.subject_ref and claim.subject_ref in self.links:
                return self.event_subject(self.links[claim.subject_ref])
            if claim.subject_ref and claim.subject_ref in self.events:
                return self.event_subject(claim.subject_ref)
            matched = self._match_event(claim)
            if matched:
                return self.event_subject(matched)
            main = self.dominant.get(claim.doc_id)
            # A phrase with its own distinctive words names another incident: don't pull it in.
            if (
                main
                and claim.measure in EVENT_MEASURES
                and not distinctive_tokens(claim.subject_name or "")
            ):
                return self.event_subject(main)
            return Subject("none", None, claim.subject_name)
        if claim.subject_kind == "entity":
            for ref in (claim.subject_ref, claim.subject_name):
                if not ref:
                    continue
                entity_id = (
                    ref
                    if ref in self.entities
                    else self.entity_by_key.get(ref) or self.entity_by_name.get(name_key(ref))
                )
                if entity_id:
                    return self.entity_subject(entity_id)
            return Subject("none", None, claim.subject_name or claim.subject_ref)
        if not claim.subject_name:
            named = self._org_in_counted(claim.counted) or self._org_in_counted(claim.label)
            if named:
                return self.entity_subject(named)
        return Subject("none", None, claim.subject_name)

    def _org_in_counted(self, counted: str) -> str | None:
        """An organisation named inside what is counted ("ISIS-K strength" -> ISIS-K).

        Only organisations: a place or a people in the phrase ("Tajiks in rural areas") is
        usually the population counted, not the subject the figure belongs to.
        """
        toks = name_key(counted).split()
        for n in range(min(5, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                found = self.org_by_name.get(" ".join(toks[i : i + n]))
                if found:
                    return found
        return None


__all__ = ["SubjectResolver"]
