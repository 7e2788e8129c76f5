"""Event coreference: which event mentions, across documents, describe the same incident.

Three passes, each refusing a merge that would put two incompatible mentions (type family,
date, country, far-apart cities) into one incident:

1. *specific* mentions (a city-level place or a name of their own) are linked strongest
   first, on the same day or month, the same or a nearby place, distinctive words, actors;
2. each document's *main incident* per type family is chosen: the incident its title and
   lead name, else the one it mentions most, then first. Generic mentions ("the attack",
   "the deadliest assault in two decades") and lonely dateless ones join it; a date between
   the incident and the report's publication is read as the day something was *said*;
3. generic mentions left over are linked among themselves by the same evidence.

Pure: no store.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass

from crosscheck.model import Document, Event, EventMention, Mention, stable_id
from crosscheck.reconcile.leadmains import mains_by_lead_place
from crosscheck.reconcile.leads import LeadPlace, lead_places, with_context
from crosscheck.reconcile.mainincident import attach_to_main_incidents
from crosscheck.reconcile.mentionfeatures import (
    Features,
    compatible_memo,
    dates_compatible,
    distinctive_tokens,
    reported_close,
    type_family,
)
from crosscheck.reconcile.pairs import PairIndex
from crosscheck.reconcile.prepared import PreparedEventMention, features_of, shallow_copy


class Clusters:
    """Union-find over mention indexes that refuses merges joining incompatible mentions.

    An incident is named by its *root*, the smallest id among its mentions (deterministic).
    """

    def __init__(self, feats: list[Features]) -> None:
        self.feats = feats
        self.ids = [f.id for f in feats]
        self.parent = list(range(len(feats)))
        self.index = {m: i for i, m in enumerate(self.ids)}
        self.members: dict[str, list[int]] = {m: [i] for i, m in enumerate(self.ids)}

    def _top(self, i: int) -> int:
        parent = self.parent
        top = i
        while parent[top] != top:
            top = parent[top]
        while parent[i] != top:
            parent[i], i = top, parent[i]
        return top

    def root(self, i: int) -> str:
        """The root of the incident mention ``i`` belongs to."""
        return self.ids[self._top(i)]

    def find(self, mention_id: str) -> str:
        """The root of the incident the mention with this id belongs to."""
        return self.ids[self._top(self.index[mention_id])]

    def can_merge(self, i: int, j: int) -> bool:
        ra, rb = self.root(i), self.root(j)
        if ra == rb:
            return True
        pairs = [(self.feats[x], self.feats[y]) for x in self.members[ra] for y in self.members[rb]]
        if not all(compatible_memo(a, b) for a, b in pairs):
            return False
        # Vague mentions alone ("the raids") are one incident only while their reports are
        # published close together: a chain must not join this spring's and this autumn's.
        vague = all(a.generic and b.generic for a, b in pairs)
        return not vague or all(reported_close(a, b) is not False for a, b in pairs)

    def merge(self, i: int, j: int) -> None:
        a, b = self._top(i), self._top(j)
        if a == b:
            return
        keep, drop = self.ids[a], self.ids[b]
        if drop < keep:
            a, b, keep, drop = b, a, drop, keep
        self.parent[b] = a
        self.members[keep] = self.members[keep] + self.members.pop(drop)

    def try_merge(self, i: int, j: int) -> bool:
        if not self.can_merge(i, j):
            return False
        self.merge(i, j)
        return True


# One index per linking pass, kept between calls: reconciling the same store again after
# adding a report rescores only the new report's pairs (see crosscheck.reconcile.pairs).
_INDEXES: dict[str, tuple[threading.Lock, PairIndex]] = {}
_INDEXES_LOCK = threading.Lock()


def _index(name: str) -> tuple[threading.Lock, PairIndex]:
    with _INDEXES_LOCK:
        if name not in _INDEXES:
            _INDEXES[name] = (threading.Lock(), PairIndex())
        return _INDEXES[name]


def _link(
    feats: list[Features],
    clusters: Clusters,
    idxs: list[int],
    needed: set[int] | None = None,
    index: str = "specific",
) -> None:
    """Merge scored pairs among ``idxs`` (with one side in ``needed``), strongest first."""
    pos = {feats[i].id: i for i in idxs}
    lock, pairs = _index(index)
    with lock:
        pairs.update([feats[i] for i in idxs])
        found = pairs.pairs()
    scored = []
    for value, a, b in found:
        i, j = pos[a.id], pos[b.id]
        if needed is not None and i not in needed and j not in needed:
            continue
        scored.append((-value, a.id, b.id, i, j))
    for _, _, _, i, j in sorted(scored):
        clusters.try_merge(i, j)


def _sorted_mentions(event_mentions: list[EventMention]) -> list[EventMention]:
    return sorted({em.id: em for em in event_mentions}.values(), key=lambda e: e.id)


def _in_context(
    em: EventMention, place: LeadPlace | None, published: str | None, title: str
) -> Features:
    """:func:`with_context` of the mention's features, remembered on prepared mentions."""
    if not isinstance(em, PreparedEventMention):
        return with_context(features_of(em), place, published, title)
    known = em.known_context
    if known is not None and known[0] is place and known[1] == published and known[2] == title:
        return known[3]
    found = with_context(features_of(em), place, published, title)
    em.known_context = (place, published, title, found)
    return found


@dataclass
class _Linked:
    """One call's incidents (before reports are placed by their leads) and their inputs.

    Linking reads only the event mentions and, for the reports they come from, the
    document and its lead place; when none of those changed (a report with no incident was
    added, a claim corrected) the last call's incidents are the answer again.
    """

    ems: list[EventMention]
    doc_ids: list[str]
    docs: list[Document | None]
    leads: list[LeadPlace | None]
    feats: list[Features]
    clusters: Clusters
    mains: dict[str, str]
    groups: list[list[EventMention]] | None = None


_LINKED: _Linked | None = None
_LINKED_LOCK = threading.Lock()


def forget() -> None:
    """Drop the remembered incidents of the last call (the next call links anew)."""
    global _LINKED
    with _LINKED_LOCK:
        _LINKED = None


def _link_all(
    ems: list[EventMention], docs: dict[str, Document], leads: dict[str, LeadPlace]
) -> _Linked:
    global _LINKED
    with _LINKED_LOCK:
        last = _LINKED
    if (
        last is not None
        and last.ems == ems
        and [docs.get(d) for d in last.doc_ids] == last.docs
        and [leads.get(d) for d in last.doc_ids] == last.leads
    ):
        return last
    feats = []
    for em in ems:
        doc = docs.get(em.doc_id)
        published, title = (doc.published, doc.title or "") if doc is not None else (None, "")
        feats.append(_in_context(em, leads.get(em.doc_id), published, title))
    clusters = Clusters(feats)
    _link(feats, clusters, [i for i, f in enumerate(feats) if not f.generic])
    mains = attach_to_main_incidents(feats, clusters, docs, leads)
    generic_only = {
        i
        for members in clusters.members.values()
        if all(feats[k].generic for k in members)
        for i in members
    }
    _link(feats, clusters, list(range(len(feats))), generic_only, index="all")
    doc_ids = sorted({em.doc_id for em in ems})
    linked = _Linked(
        ems,
        doc_ids,
        [docs.get(d) for d in doc_ids],
        [leads.get(d) for d in doc_ids],
        feats,
        clusters,
        mains,
    )
    with _LINKED_LOCK:
        _LINKED = linked
    return linked


def _cluster(
    event_mentions: list[EventMention],
    documents: list[Document] | None,
    mentions: list[Mention] | None = None,
) -> tuple[_Linked, dict[str, str]]:
    ems = _sorted_mentions(event_mentions)
    docs = {d.id: d for d in documents or []}
    leads = lead_places(list(docs.values()), mentions or [])
    linked = _link_all(ems, docs, leads)
    mains = mains_by_lead_place(linked.feats, linked.clusters, docs, leads, linked.mains)
    return linked, mains


def _groups(linked: _Linked) -> list[list[EventMention]]:
    """The incidents' mentions, each group sorted by id, groups by first id (remembered)."""
    if linked.groups is not None:
        return linked.groups
    ems, feats, clusters = linked.ems, linked.feats, linked.clusters
    by_id = {f.id: f for f in feats}
    groups = []
    for members in clusters.members.values():
        group = []
        for k in sorted(members, key=lambda k: feats[k].id):
            em = ems[k]
            if em.date and by_id[em.id].date is None:
                # Its date was the day something was said: not the incident's date.
                em = _undated_mention(em)
            group.append(em)
        groups.append(group)
    linked.groups = sorted(groups, key=lambda g: g[0].id)
    return linked.groups


def _undated_mention(em: EventMention) -> EventMention:
    """A copy of ``em`` without its date (and without features remembered for the date)."""
    out = shallow_copy(em)
    out.date = None
    out.date_precision = None
    if isinstance(out, PreparedEventMention):
        out.known_features = None
        out.known_context = None
    return out


def cluster_event_mentions(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> list[list[EventMention]]:
    """Group event mentions into incidents; each group sorted by mention id, groups by first id.

    ``documents`` (titles, leads, publication dates) help choose each report's main incident;
    the entity ``mentions`` of their leads say where it happened.
    """
    linked, _ = _cluster(event_mentions, documents, mentions)
    return [list(g) for g in _groups(linked)]


def _rank_incidents(items: list[tuple[str, int]]) -> list[str]:
    """Incident ids by how often a document mentions them, then by first position.

    Reports lead with their main incident, so on a tie the one mentioned first wins.
    """
    count: Counter[str] = Counter(cid for cid, _ in items)
    first: dict[str, int] = {}
    for cid, start in items:
        first[cid] = min(start, first.get(cid, start))
    return sorted(count, key=lambda cid: (-count[cid], first[cid], cid))


def dominant_event_ids(
    event_mentions: list[EventMention],
    event_links: dict[str, str],
    main_mentions: dict[str, str] | None = None,
) -> dict[str, str]:
    """Per document, its main violent incident.

    Args:
        event_mentions: every mention, for documents without a chosen main incident.
        event_links: mention id -> incident id (after corrections).
        main_mentions: document -> a mention of its main incident, from :func:`resolve_incidents`.
    """
    out: dict[str, str] = {}
    for doc_id, mention_id in (main_mentions or {}).items():
        event_id = event_links.get(mention_id)
        if event_id:
            out[doc_id] = event_id
    per_doc: dict[str, list[tuple[str, int]]] = {}
    for em in event_mentions:
        event_id = event_links.get(em.id)
        if event_id and type_family(em.type) == "violent" and em.doc_id not in out:
            per_doc.setdefault(em.doc_id, []).append((event_id, em.span[0]))
    for doc_id, items in per_doc.items():
        out[doc_id] = _rank_incidents(items)[0]
    return out


_PLACE_PREPOSITIONS = frozenset({"on", "at", "in", "near", "against", "outside", "inside"})


def _event_name(members: list[EventMention], location: str | None = None) -> str:
    def informativeness(em: EventMention) -> tuple[int, int, int, int, str]:
        # A name should say where the incident happened (its place or venue), identify it
        # (distinctive words) and stay readable: beyond three distinctive words, shorter
        # phrases win.
        text = em.description or em.trigger
        words = len(text.split())
        names_place = bool(location) and str(location).lower() in text.lower()
        return (
            -int(names_place),
            -min(len(distinctive_tokens(text)), 3),
            max(words - 6, 0),
            len(text),
            text,
        )

    best = sorted(members, key=informativeness)[0]
    name = (best.description or best.trigger).strip()
    if location:
        # "attack on Crocus City Hall large concert venue in …": the place ends the name.
        # Only a trailing place phrase is cut ("the Lakeside stadium attack" stays whole).
        # A whole word only: "Nigeria" must not cut "attack on Nigerian village".
        found = re.search(rf"\b{re.escape(str(location).lower())}\b", name.lower())
        at = found.start() if found else -1
        before = name[:at].split()[-1:] if at > 0 else []
        if before and before[0].lower() in _PLACE_PREPOSITIONS:
            name = name[: at + len(str(location))]
    return name


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_event(event_id: str, members: list[EventMention]) -> Event:
    """An :class:`Event` summarising its member mentions."""
    types = Counter(m.type for m in members)
    # The most specific date wins; among equals the most frequent, then the earliest.
    rank = {"day": 0, "month": 1, "year": 2}
    dated = sorted(
        (rank.get(m.date_precision or "day", 0), m.date, m.date_precision)
        for m in members
        if m.date
    )
    date, precision = (dated[0][1], dated[0][2] or "day") if dated else (None, None)
    located = [m for m in members if m.location]
    location = _most_common([m.location for m in located])
    coords = next(
        (
            (m.latitude, m.longitude)
            for m in sorted(located, key=lambda m: m.id)
            if m.location == location and m.latitude is not None
        ),
        (None, None),
    )
    actors: dict[tuple[str, str], dict[str, str]] = {}
    for m in members:
        for a in m.actors:
            ident = (a.get("role", ""), a.get("key") or a.get("name", ""))
            actors.setdefault(ident, dict(a))
    return Event(
        id=event_id,
        type=sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
        name=_event_name(members, location),
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        location=location,
        country=_most_common([m.country for m in members]),
        latitude=coords[0],
        longitude=coords[1],
        mention_ids=sorted(m.id for m in members),
        actors=[actors[k] for k in sorted(actors)],
    )


# Keyed by id and member dates too: an incident is built both with its mentions' reporting
# dates dropped (coreference) and as stored (re-applying corrections).
_BUILT: dict[tuple[str, tuple[str | None, ...]], tuple[tuple[EventMention, ...], Event]] = {}


def build_event_cached(event_id: str, members: list[EventMention]) -> Event:
    """:func:`build_event`, remembered while an incident's mentions stay the same."""
    key = tuple(members)
    slot = (event_id, tuple(m.date for m in members))
    found = _BUILT.get(slot)
    if found is None or found[0] != key:
        if len(_BUILT) >= 1 << 17:
            _BUILT.clear()
        found = _BUILT[slot] = (key, build_event(event_id, members))
    e = shallow_copy(found[1])
    e.mention_ids = list(e.mention_ids)
    e.actors = [dict(a) for a in e.actors]
    return e


def event_id_for(members: list[EventMention]) -> str:
    """Stable event id from the smallest member mention id."""
    return stable_id("e", min(m.id for m in members))


def resolve_events(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> list[Event]:
    """Cluster event mentions into incidents (sorted by id)."""
    return resolve_incidents(event_mentions, documents, mentions)[0]


def resolve_incidents(
    event_mentions: list[EventMention],
    documents: list[Document] | None = None,
    mentions: list[Mention] | None = None,
) -> tuple[list[Event], dict[str, str]]:
    """Incidents (sorted by id) and, per document, a mention id of its main violent incident.

    Args:
        event_mentions: every document's event mentions.
        documents: titles, leads and publication dates (to choose each main incident).
        mentions: entity mentions; the places in a report's lead locate its vague mentions.
    """
    linked, mains = _cluster(event_mentions, documents, mentions)
    events = [build_event_cached(event_id_for(g), g) for g in _groups(linked)]
    return sorted(events, key=lambda e: e.id), mains


__all__ = [
    "Clusters",
    "build_event",
    "build_event_cached",
    "cluster_event_mentions",
    "dates_compatible",
    "distinctive_tokens",
    "dominant_event_ids",
    "event_id_for",
    "forget",
    "resolve_events",
    "resolve_incidents",
    "type_family",
]
