"""STIX objects for the records of one export selection: the producer and extension
definition, outlets and reports, entities and places, incidents and their relationships.

Each kind of record has one method; objects are keyed by their deterministic id, so a
place named by an event and by an entity becomes one location. Notes and opinions are
made in :mod:`crosscheck.export.stix_notes`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import stix2

from crosscheck.analysis.geo import country_code, geocode, normalise_place
from crosscheck.assess.grading import ClaimFacts, claim_credibility
from crosscheck.export.common import earliest, fallback_time, load_mapping, stix_id
from crosscheck.export.figures import group_record
from crosscheck.export.selection import Selection
from crosscheck.export.stix_ids import (
    extension_id,
    incident_id,
    outlet_id,
    producer_id,
    report_id,
    timestamp,
    with_extension,
)
from crosscheck.model import ClaimGroup, Document, Entity, Event


class StixBuilder:
    """Collects STIX objects for one selection; each kind of record has one method."""

    def __init__(self, selection: Selection) -> None:
        self.sel = selection
        self.map = load_mapping("stix")
        self.objects: dict[str, Any] = {}
        self.entity_refs: dict[str, str] = {}  # our entity id -> STIX id
        self.incident_refs: dict[str, str] = {}  # our event id -> STIX id
        self.doc_refs: dict[str, set[str]] = defaultdict(set)  # doc id -> object_refs
        self.skipped: dict[str, int] = defaultdict(int)
        self.docs_of_entity: dict[str, set[str]] = defaultdict(set)
        for m in selection.mentions:
            eid = selection.picture.mention_entities.get(m.id)
            if eid is not None:
                self.docs_of_entity[eid].add(m.doc_id)
        self.docs_of_event: dict[str, set[str]] = defaultdict(set)
        for em in selection.event_mentions:
            evid = selection.picture.event_links.get(em.id)
            if evid is not None:
                self.docs_of_event[evid].add(em.doc_id)
        self.published = {d.id: d.published for d in selection.documents}
        # Groups by subject and the documents of each group's claims, found once: looking
        # them up per entity, event and report made the export quadratic in the corpus.
        self.groups_of: dict[str | None, list[ClaimGroup]] = defaultdict(list)
        for g in selection.groups:
            self.groups_of[g.subject.id].append(g)
        self._loose_of: dict[str, list[ClaimGroup]] | None = None
        self._records: dict[str, dict[str, Any]] = {}

    def add(self, obj: Any) -> str:
        self.objects[obj.id] = obj
        return str(obj.id)

    def first_seen(self, doc_ids: set[str]) -> str:
        return timestamp(earliest([self.published.get(d) for d in doc_ids]))

    # -- fixed objects ---------------------------------------------------------------
    def producer(self) -> None:
        spec = self.map["producer"]
        self.add(
            stix2.Identity(
                id=producer_id(),
                name=spec["name"],
                identity_class=spec["identity_class"],
                created=fallback_time(),
                modified=fallback_time(),
            )
        )
        ext = self.map["extension"]
        self.add(
            stix2.ExtensionDefinition(
                id=extension_id(),
                created_by_ref=producer_id(),
                name=ext["name"],
                description=ext["description"],
                schema=ext["schema"],
                version=ext["version"],
                extension_types=["property-extension"],
                created=fallback_time(),
                modified=fallback_time(),
            )
        )

    # -- outlets and reports ------------------------------------------------------------
    def outlet(self, outlet: str, doc_ids: list[str]) -> str:
        ident = outlet_id(outlet)
        if ident not in self.objects:
            stamp = self.first_seen(set(doc_ids))
            self.add(
                stix2.Identity(
                    id=ident,
                    name=outlet,
                    identity_class="organization",
                    created=stamp,
                    modified=stamp,
                    allow_custom=True,
                    **self.reliability(outlet),
                )
            )
        return ident

    def reliability(self, outlet: str | None) -> dict[str, str]:
        """OpenCTI's ``x_opencti_reliability`` ("B - Usually reliable") for an outlet."""
        grade = self.sel.reliability.get(outlet or "")
        if grade is None:
            return {}
        words = grade["words"][:1].upper() + grade["words"][1:]
        return {"x_opencti_reliability": f"{grade['value']} - {words}"}

    def confidence(self, group: ClaimGroup) -> dict[str, int]:
        """STIX ``confidence`` of a group's verdict from its Admiralty credibility."""
        best = group.estimate.best
        grade = claim_credibility(ClaimFacts(None, best, best), group)
        value = self.map["admiralty_confidence"].get(grade.value)
        return {} if value is None else {"confidence": int(value)}

    def report(self, doc: Document, outlets: dict[str, list[str]]) -> None:
        stamp = timestamp(doc.published)
        refs = sorted(self.doc_refs.get(doc.id, set())) or [producer_id()]
        ref: dict[str, Any] = {"source_name": doc.outlet or "crosscheck", "external_id": doc.id}
        if doc.url:
            ref["url"] = doc.url
        if len(doc.content_hash) == 64:
            ref["hashes"] = {"SHA-256": doc.content_hash}
        extra: dict[str, Any] = {}
        if doc.outlet:
            extra["created_by_ref"] = self.outlet(doc.outlet, outlets[doc.outlet])
            extra.update(self.reliability(doc.outlet))
        if doc.language:
            extra["lang"] = doc.language
        loose = [self.group_record(g) for g in self.loose_groups().get(doc.id, [])]
        payload: dict[str, Any] = {
            "document": {
                "id": doc.id,
                "path": doc.path,
                "title": doc.title,
                "author": doc.author,
                "language": doc.language,
                "format": doc.format,
                "published": doc.published,
            }
        }
        if loose:
            payload["groups"] = loose
        self.add(
            stix2.Report(
                id=report_id(doc.id),
                name=doc.title or Path(doc.path or doc.id).name,
                description=doc.text,
                published=stamp,
                created=stamp,
                modified=stamp,
                report_types=list(self.map.get("report_types", ["threat-report"])),
                object_refs=refs,
                external_references=[ref],
                extensions=with_extension(payload),
                allow_custom=True,
                **extra,
            )
        )

    def group_record(self, group: ClaimGroup) -> dict[str, Any]:
        """The group as the extension carries it (made once per group)."""
        if group.id not in self._records:
            self._records[group.id] = group_record(group, self.sel)
        return self._records[group.id]

    def groups_about(self, subject_id: str) -> list[dict[str, Any]]:
        return [self.group_record(g) for g in self.groups_of.get(subject_id, [])]

    def loose_groups(self) -> dict[str, list[ClaimGroup]]:
        """Groups whose subject has no object of its own, by the documents of their claims:
        they travel with those reports. Call once entities and incidents are built."""
        if self._loose_of is None:
            self._loose_of = defaultdict(list)
            for group in self.sel.groups:
                if group.subject.id in self.entity_refs or group.subject.id in self.incident_refs:
                    continue
                docs = {c["document"]["id"] for cid in group.claims if (c := self.sel.claim(cid))}
                for doc_id in sorted(docs):
                    self._loose_of[doc_id].append(group)
        return self._loose_of

    # -- entities ----------------------------------------------------------------------------
    def entity(self, ent: Entity) -> None:
        spec = self.map["entities"].get(ent.label)
        if spec is None:
            self.skipped[f"label {ent.label}"] += 1
            return
        docs = self.docs_of_entity.get(ent.id, set())
        stamp = self.first_seen(docs)
        aliases = sorted(a for a in ent.aliases if a != ent.name)
        groups = self.groups_about(ent.id)
        payload: dict[str, Any] = {"entity": {"id": ent.id, "label": ent.label}}
        if groups:
            payload["groups"] = groups
        common: dict[str, Any] = {
            "name": ent.name,
            "created": stamp,
            "modified": stamp,
            "created_by_ref": producer_id(),
            "extensions": with_extension(payload),
            "allow_custom": True,
        }
        kind = spec["type"]
        if kind == "location":
            place = self.location(ent.name, None, None, None, docs)
            if place is None:
                self.skipped["place not geocoded"] += 1
                return
            sid = self._annotate_place(place, payload, aliases)
        elif kind == "threat-actor":
            obj = stix2.ThreatActor(
                id=stix_id(kind, "entity:" + ent.id),
                threat_actor_types=list(spec.get("threat_actor_types", [])),
                **common,
                **({"aliases": aliases} if aliases else {}),
            )
            sid = self.add(obj)
        elif kind == "intrusion-set":
            obj = stix2.IntrusionSet(
                id=stix_id(kind, "entity:" + ent.id),
                **common,
                **({"aliases": aliases} if aliases else {}),
            )
            sid = self.add(obj)
        else:
            extra = {"x_opencti_aliases": aliases} if aliases else {}
            obj = stix2.Identity(
                id=stix_id("identity", "entity:" + ent.id),
                identity_class=spec.get("identity_class", "unknown"),
                **common,
                **extra,
            )
            sid = self.add(obj)
        self.entity_refs[ent.id] = sid
        for doc_id in docs:
            self.doc_refs[doc_id].add(sid)

    def _annotate_place(self, sid: str, payload: dict[str, Any], aliases: list[str]) -> str:
        # An event's place and a place entity can be one location: merge what both know.
        existing = self.objects[sid]
        props = {k: v for k, v in existing.items() if k not in ("type", "spec_version", "id")}
        ours = dict(props.get("extensions", {}).get(extension_id(), {}))
        groups = list(ours.get("groups", [])) + list(payload.get("groups", []))
        ours |= {k: v for k, v in payload.items() if k != "groups"}
        if groups:
            ours["groups"] = groups
        props["extensions"] = with_extension(
            {k: v for k, v in ours.items() if k != "extension_type"}
        )
        known = set(props.get("x_opencti_aliases", [])) | set(aliases)
        if known - {props.get("name")}:
            props["x_opencti_aliases"] = sorted(known - {props.get("name")})
        return self.add(stix2.Location(id=sid, allow_custom=True, **props))

    def location(
        self, name: str, country: str | None, lat: float | None, lon: float | None, docs: set[str]
    ) -> str | None:
        """A location object for a place name (geocoded unless coordinates are given)."""
        key = normalise_place(name) or name.casefold()
        sid = stix_id("location", "place:" + key)
        if sid in self.objects:
            return sid
        code = country_code(country) if country else None
        kind = "city"
        if lat is None or lon is None:
            place = geocode(name, country)
            if place is not None:
                lat, lon, kind = place.latitude, place.longitude, place.kind
                code = code or place.country
        if code is None and (lat is None or lon is None):
            return None
        stamp = self.first_seen(docs)
        props: dict[str, Any] = {
            "name": name,
            "created": stamp,
            "modified": stamp,
            "created_by_ref": producer_id(),
            "allow_custom": True,
        }
        if lat is not None and lon is not None:
            props |= {"latitude": float(lat), "longitude": float(lon)}
        if code:
            props["country"] = code
        props["x_opencti_location_type"] = self.map["location_types"].get(kind, "Position")
        return self.add(stix2.Location(id=sid, **props))

    # -- events ---------------------------------------------------------------------------
    def incident(self, ev: Event, key_to_entity: dict[str, str]) -> None:
        docs = self.docs_of_event.get(ev.id, set())
        stamp = timestamp(ev.date) if ev.date else self.first_seen(docs)
        groups = self.groups_about(ev.id)
        payload: dict[str, Any] = {
            "event": {
                "id": ev.id,
                "type": ev.type,
                "date": ev.date,
                "date_precision": ev.date_precision,
                "location": ev.location,
                "country": ev.country,
            },
            "groups": groups,
        }
        where = f" in {ev.location}" if ev.location else ""
        when = f" on {ev.date}" if ev.date else ""
        extra: dict[str, Any] = {"first_seen": timestamp(ev.date)} if ev.date else {}
        sid = self.add(
            stix2.Incident(
                id=incident_id(ev.id),
                name=ev.name,
                description=f"{ev.type}{where}{when}",
                created=stamp,
                modified=stamp,
                created_by_ref=producer_id(),
                incident_type=ev.type,
                extensions=with_extension(payload),
                allow_custom=True,
                **extra,
            )
        )
        self.incident_refs[ev.id] = sid
        related = {sid}
        roles = self.map["actor_roles"]
        for actor in ev.actors:
            target = self.entity_refs.get(key_to_entity.get(actor.get("key", ""), ""))
            if target is None:
                continue
            rel_type = roles.get((actor.get("role") or "").lower(), "related-to")
            related.add(self.relationship(rel_type, sid, target, stamp, actor.get("role")))
        if ev.location:
            place = self.location(ev.location, ev.country, ev.latitude, ev.longitude, docs)
            if place is not None:
                related |= {place, self.relationship("located-at", sid, place, stamp, None)}
        for doc_id in docs:
            self.doc_refs[doc_id] |= related

    def relationship(
        self, rel_type: str, source: str, target: str, stamp: str, role: str | None
    ) -> str:
        sid = stix_id("relationship", f"{rel_type}:{source}:{target}")
        if sid not in self.objects:
            extra = {"description": f"role: {role}"} if role else {}
            self.add(
                stix2.Relationship(
                    id=sid,
                    relationship_type=rel_type,
                    source_ref=source,
                    target_ref=target,
                    created=stamp,
                    modified=stamp,
                    created_by_ref=producer_id(),
                    **extra,
                )
            )
        return sid


__all__ = ["StixBuilder"]
