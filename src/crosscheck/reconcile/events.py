"""Event coreference: which event mentions, across documents, describe the same incident.

Two mentions are linked when nothing rules it out (incompatible type, date, country or
far-apart coordinates) and enough evidence agrees: the same day or month, the same or a
nearby place, distinctive words of the description ("Crocus"), shared actors, the same
document. Links are applied strongest first, and a link that would put two incompatible
mentions into one incident is refused, so two bombings in two cities stay apart.
A mention with no date and no place of its own joins its document's dominant incident.
Pure: no store.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from crosscheck.model import Event, EventMention, stable_id
from crosscheck.reconcile.entities import UnionFind
from crosscheck.reconcile.text import name_key, tables, words


@dataclass(frozen=True)
class _Features:
    id: str
    doc_id: str
    start: int
    family: str
    date: str | None
    precision: str | None
    place: str | None
    country: str | None
    coords: tuple[float, float] | None
    tokens: frozenset[str]
    actors: frozenset[str]

    @property
    def underspecified(self) -> bool:
        return self.date is None and self.place is None and not self.tokens and not self.actors


def type_family(event_type: str) -> str:
    """The family of an event type ("bombing" -> "violent"); unknown types are their own family."""
    for family, members in tables()["event_type_families"].items():
        if event_type in members:
            return str(family)
    return event_type


def distinctive_tokens(text: str) -> frozenset[str]:
    """Words of a description that can tell one incident from another."""
    generic = {str(w) for w in tables()["event_generic_words"]}
    return frozenset(
        w
        for w in (t.strip("'").removesuffix("'s") for t in words(text))
        if len(w) > 2 and w not in generic and not w.isdigit()
    )


def _features(em: EventMention) -> _Features:
    coords = None
    if em.latitude is not None and em.longitude is not None:
        coords = (float(em.latitude), float(em.longitude))
    return _Features(
        id=em.id,
        doc_id=em.doc_id,
        start=em.span[0],
        family=type_family(em.type),
        date=em.date,
        precision=em.date_precision or ("day" if em.date else None),
        place=name_key(em.location) if em.location else None,
        country=name_key(em.country) if em.country else None,
        coords=coords,
        tokens=distinctive_tokens(em.description or em.trigger),
        actors=frozenset(a.get("key") or name_key(a.get("name", "")) for a in em.actors),
    )


_CUT = {"year": 4, "month": 7, "day": 10}


def dates_compatible(a: str | None, pa: str | None, b: str | None, pb: str | None) -> bool:
    """Equal at the coarser of the two precisions (or either unknown)."""
    if not a or not b:
        return True
    cut = min(_CUT.get(pa or "day", 10), _CUT.get(pb or "day", 10))
    return a[:cut] == b[:cut]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _compatible(a: _Features, b: _Features) -> bool:
    if a.family != b.family:
        return False
    if not dates_compatible(a.date, a.precision, b.date, b.precision):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.coords and b.coords and _km(a.coords, b.coords) > float(tables()["nearby_km"]))


def _score(a: _Features, b: _Features) -> int:
    s = tables()["event_scores"]
    score = 0
    if a.date and b.date:
        if a.precision == b.precision == "day" and a.date[:10] == b.date[:10]:
            score += s["same_day"]
        elif a.date[:7] == b.date[:7] and "year" not in (a.precision, b.precision):
            score += s["same_month"]
    if a.place and b.place:
        if a.place == b.place or a.place in b.place or b.place in a.place:
            score += s["same_location"]
        elif a.coords and b.coords:
            score += s["nearby_location"]  # _compatible already refused far-apart places
        else:
            score += s["place_mismatch"]
    if a.country and b.country:
        score += s["same_country"]
    shared = a.tokens & b.tokens
    if shared:
        score += s["shared_token"] + s["extra_shared_token"] * (len(shared) > 1)
    if a.actors & b.actors:
        score += s["shared_actor"]
    if a.doc_id == b.doc_id:
        score += s["same_document"]
    return int(score)


def _candidate_pairs(feats: list[_Features]) -> set[tuple[int, int]]:
    """Pairs worth scoring: same document, or sharing a day, place, word or actor."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        blocks[("doc", f.doc_id)].append(i)
        if f.date and f.precision == "day":
            blocks[("day", f.date[:10])].append(i)
        if f.place:
            blocks[("place", f.place)].append(i)
        for t in f.tokens:
            blocks[("tok", t)].append(i)
        for actor in f.actors:
            blocks[("actor", actor)].append(i)
    limit = int(tables()["max_block"])
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > limit:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


class _Clusters:
    """Union-find over mention indexes that refuses merges joining incompatible mentions."""

    def __init__(self, feats: list[_Features]) -> None:
        self.feats = feats
        self.uf = UnionFind()
        self.members: dict[str, list[int]] = {}
        for i, f in enumerate(feats):
            self.uf.add(f.id)
            self.members[f.id] = [i]

    def root(self, i: int) -> str:
        return self.uf.find(self.feats[i].id)

    def try_merge(self, i: int, j: int) -> bool:
        ra, rb = self.root(i), self.root(j)
        if ra == rb:
            return True
        for x in self.members[ra]:
            for y in self.members[rb]:
                if not _compatible(self.feats[x], self.feats[y]):
                    return False
        self.uf.union(ra, rb)
        keep, drop = sorted((ra, rb))
        self.members[keep] = self.members[keep] + self.members.pop(drop)
        return True


def cluster_event_mentions(event_mentions: list[EventMention]) -> list[list[EventMention]]:
    """Group event mentions into incidents; each group sorted by mention id, groups by first id."""
    ems = sorted({em.id: em for em in event_mentions}.values(), key=lambda e: e.id)
    feats = [_features(em) for em in ems]
    clusters = _Clusters(feats)
    threshold = int(tables()["event_scores"]["link_threshold"])
    scored = []
    for i, j in _candidate_pairs(feats):
        a, b = feats[i], feats[j]
        if a.underspecified or b.underspecified or not _compatible(a, b):
            continue
        score = _score(a, b)
        if score >= threshold:
            scored.append((-score, a.id, b.id, i, j))
    for _, _, _, i, j in sorted(scored):
        clusters.try_merge(i, j)
    _attach_to_dominant(feats, clusters)
    groups = [
        [ems[i] for i in sorted(m, key=lambda k: feats[k].id)] for m in clusters.members.values()
    ]
    return sorted(groups, key=lambda g: g[0].id)


def _attach_to_dominant(feats: list[_Features], clusters: _Clusters) -> None:
    """Date-less mentions left alone ("the attack") join their document's main incident.

    The main incident is the cluster holding most of the document's mentions of the same
    type family. A mention naming a place that the incident's mentions contradict stays out.
    """
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        by_doc[f.doc_id].append(i)
    for idxs in by_doc.values():
        lonely = [
            i
            for i in idxs
            if feats[i].date is None and len(clusters.members[clusters.root(i)]) == 1
        ]
        for i in lonely:
            ranked = _rank_incidents(
                [
                    (clusters.root(k), feats[k].start)
                    for k in idxs
                    if k != i and k not in lonely and feats[k].family == feats[i].family
                ]
            )
            if not ranked:
                continue
            members = clusters.members[ranked[0]]
            if feats[i].place and not _place_fits(feats[i], [feats[k] for k in members]):
                continue
            clusters.try_merge(i, members[0])


def _rank_incidents(items: list[tuple[str, int]]) -> list[str]:
    """Incident ids by how often a document mentions them, then by first position.

    Reports lead with their main incident, so on a tie the one mentioned first wins.
    """
    count: Counter[str] = Counter(cid for cid, _ in items)
    first: dict[str, int] = {}
    for cid, start in items:
        first[cid] = min(start, first.get(cid, start))
    return sorted(count, key=lambda cid: (-count[cid], first[cid], cid))


def _place_fits(f: _Features, others: list[_Features]) -> bool:
    """The mention's place agrees with at least one placed member, or nobody has a place."""
    placed = [o for o in others if o.place]
    if not placed:
        return True
    for o in placed:
        if f.place and o.place and (f.place in o.place or o.place in f.place):
            return True
        if f.coords and o.coords:
            return True  # distance was checked by _compatible
    return False


def dominant_event_ids(
    event_mentions: list[EventMention], event_links: dict[str, str]
) -> dict[str, str]:
    """Per document, its main incident: the one mentioned most often, then first."""
    per_doc: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for em in event_mentions:
        event_id = event_links.get(em.id)
        if event_id and type_family(em.type) == "violent":
            per_doc[em.doc_id].append((event_id, em.span[0]))
    return {doc_id: _rank_incidents(items)[0] for doc_id, items in per_doc.items()}


def _event_name(members: list[EventMention]) -> str:
    def informativeness(em: EventMention) -> tuple[int, int, str]:
        text = em.description or em.trigger
        return (-len(distinctive_tokens(text)), -len(text), text)

    best = sorted(members, key=informativeness)[0]
    return (best.description or best.trigger).strip()


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
        name=_event_name(members),
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        location=location,
        country=_most_common([m.country for m in members]),
        latitude=coords[0],
        longitude=coords[1],
        mention_ids=sorted(m.id for m in members),
        actors=[actors[k] for k in sorted(actors)],
    )


def event_id_for(members: list[EventMention]) -> str:
    """Stable event id from the smallest member mention id."""
    return stable_id("e", min(m.id for m in members))


def resolve_events(event_mentions: list[EventMention]) -> list[Event]:
    """Cluster event mentions into incidents (sorted by id)."""
    events = [build_event(event_id_for(g), g) for g in cluster_event_mentions(event_mentions)]
    return sorted(events, key=lambda e: e.id)


__all__ = [
    "build_event",
    "cluster_event_mentions",
    "dates_compatible",
    "distinctive_tokens",
    "dominant_event_ids",
    "event_id_for",
    "resolve_events",
    "type_family",
]
