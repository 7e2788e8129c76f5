"""Entity resolution: which mentions, across all documents, name the same actor or place.

Mentions sharing a key (gazetteer id or normalised text) start as one cluster; clusters
of the same label family are then joined when one is the acronym of the other, when
their transliterated names are equal ("Путин" / "Putin"), or when their spellings are
close (rapidfuzz ratio at or above the threshold, long names only). Pure: no store.
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from rapidfuzz import fuzz

from crosscheck.model import Entity, Mention, stable_id
from crosscheck.reconcile.prepared import shallow_copy
from crosscheck.reconcile.text import acronym, is_acronym, label_family, name_key, tables


class UnionFind:
    """Disjoint sets over strings; the representative is the smallest member (deterministic)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self.parent):
            out[self.find(item)].append(item)
        return dict(out)


@dataclass
class _KeyCluster:
    key: str
    family: str
    names: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # The (family, acronym) of each of its multi-word names, in mention order.
    acronyms: list[tuple[str, str]] = field(default_factory=list)
    looks_acronym: bool = False


def _cluster_of(key: str, mentions: list[Mention]) -> _KeyCluster:
    c = _KeyCluster(key, label_family(mentions[0].label), mentions=mentions)
    for m in mentions:
        for form in (m.text, m.canonical, m.key):
            if form and name_key(form):
                c.names.add(name_key(form))
        for form in (m.text, m.canonical):
            if form and not is_acronym(form):
                ac = acronym(form)
                if ac:
                    c.acronyms.append((c.family, ac))
    c.looks_acronym = any(is_acronym(m.text) for m in mentions)
    return c


def _links_alike(a: _KeyCluster, b: _KeyCluster) -> bool:
    """True when two versions of a key cluster join the same other clusters."""
    return (
        a.family == b.family
        and a.names == b.names
        and a.acronyms == b.acronyms
        and a.looks_acronym == b.looks_acronym
    )


# The key clusters of the last call: a cluster whose mentions are the same as then is reused
# (adding a report changes a few keys; deriving every name again is most of the work).
_KEY_CLUSTERS: dict[str, _KeyCluster] = {}
# The keys of each entity, from the last call that had to link names: valid as long as no
# key came or went and no cluster's names changed (new mentions of known names are common).
_KEY_GROUPS: tuple[int, list[list[str]]] | None = None
_KEY_LOCK = threading.Lock()


# The last call's mentions by object identity and by key (lists never changed in place: the
# clusters hold them).
_MEMBERS: tuple[dict[int, Mention], dict[str, list[Mention]]] | None = None
_mention_id = attrgetter("id")


def _members(mentions: list[Mention]) -> tuple[dict[str, list[Mention]], set[str] | None]:
    """The mentions of each key, and the keys whose mentions changed (None: any may have)."""
    global _MEMBERS
    # Object identities compared in C: the mentions added or gone are found without visiting
    # the others in Python.
    objects = dict(zip(map(id, mentions), mentions, strict=True))
    last, _MEMBERS = _MEMBERS, None
    if last is not None and len(objects) == len(mentions):
        gone = [last[0][i] for i in last[0].keys() - objects.keys()]
        added = [objects[i] for i in objects.keys() - last[0].keys()]
        if len(gone) + len(added) <= len(mentions) // 8:
            by_key = dict(last[1])
            touched: set[str] = set()
            for m in gone + added:
                if m.key not in touched:
                    touched.add(m.key)
                    by_key[m.key] = list(by_key.get(m.key, ()))
            for m in gone:
                ms = by_key[m.key]
                del ms[next(i for i, x in enumerate(ms) if x is m)]
            for m in added:
                bisect.insort(by_key[m.key], m, key=_mention_id)
            for key in touched:
                if not by_key[key]:
                    del by_key[key]
            _MEMBERS = (objects, by_key)
            return by_key, touched
    grouped: dict[str, list[Mention]] = {}
    for m in mentions:
        found = grouped.get(m.key)
        if found is None:
            grouped[m.key] = [m]
        else:
            found.append(m)
    _MEMBERS = (objects, grouped)
    return grouped, None


def _clusters(mentions: list[Mention]) -> tuple[dict[str, _KeyCluster], bool]:
    """The key clusters of ``mentions``, and whether their name links may have changed."""
    global _KEY_CLUSTERS
    by_key, touched = _members(mentions)
    known = _KEY_CLUSTERS
    if touched is None:
        relink = known.keys() != by_key.keys()
        out: dict[str, _KeyCluster] = {}
        keys: Iterable[str] = by_key
    else:
        # Only the keys whose mentions changed can differ from the last call's clusters.
        relink = False
        out = dict(known)
        keys = touched
    for key in keys:
        ms = by_key.get(key)
        c = known.get(key)
        if ms is None:
            del out[key]
            relink = True
        # List equality checks identity first: unchanged mentions compare at C speed.
        elif c is not None and c.mentions == ms:
            out[key] = c
        else:
            out[key] = _cluster_of(key, ms)
            relink = relink or c is None or not _links_alike(c, out[key])
    _KEY_CLUSTERS = out
    return out, relink


def _link_names(clusters: dict[str, _KeyCluster], uf: UnionFind, threshold: int) -> None:
    """Join key clusters whose names match exactly, as acronyms, or fuzzily."""
    min_len = int(tables()["fuzzy_min_length"])
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_acronym: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(clusters):
        c = clusters[key]
        for name in sorted(c.names):
            by_name[(c.family, name)].append(key)
        for pair in c.acronyms:
            by_acronym[pair].append(key)
    for keys in by_name.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    for (family, name), keys in sorted(by_name.items()):
        if name.replace(" ", "").isalpha() and " " not in name:
            for target in by_acronym.get((family, name), []):
                if clusters[keys[0]].looks_acronym:
                    uf.union(keys[0], target)
    # Fuzzy spelling variants, blocked by family and first letter so cost stays near-linear.
    blocks: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (family, name), keys in sorted(by_name.items()):
        if len(name) >= min_len:
            blocks[(family, name[0])].append((name, keys[0]))
    for block, entries in blocks.items():
        key_of = dict(entries)
        close = _close_names((threshold, *block), list(key_of))
        for name_a, key_a in entries:
            for name_b in close.get(name_a, ()):
                if name_b in key_of:
                    uf.union(key_a, key_of[name_b])


# Per (threshold, family, first letter): every name compared so far and the close ones of
# each. The matches of a pair of names never change, so a new report's names are compared
# with the names already known instead of every pair being compared again.
_FUZZY: dict[tuple[int, str, str], tuple[list[str], dict[str, set[str]]]] = {}
_FUZZY_LOCK = threading.Lock()


def _close_names(block: tuple[int, str, str], names: list[str]) -> dict[str, set[str]]:
    """Name -> the other known names of its block within the fuzzy threshold."""
    with _FUZZY_LOCK:
        return _compare_new(block, names)


def _compare_new(block: tuple[int, str, str], names: list[str]) -> dict[str, set[str]]:
    known, close = _FUZZY.setdefault(block, ([], {}))
    threshold = block[0]
    for name in names:
        if name in close:
            continue
        close[name] = set()
        for other in known:
            if _similar(name, other, threshold):
                close[name].add(other)
                close[other].add(name)
        known.append(name)
    return close


def _similar(a: str, b: str, threshold: int) -> bool:
    if abs(len(a) - len(b)) > max(len(a), len(b)) * 0.2:
        return False
    if _digits(a) != _digits(b):
        return False
    return fuzz.ratio(a, b) >= threshold


@functools.lru_cache(maxsize=1 << 17)
def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _pick_name(mentions: list[Mention]) -> str:
    canon = Counter(m.canonical for m in mentions if m.canonical)
    if canon:
        return sorted(canon.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    forms = Counter(m.text.strip() for m in mentions)
    # Most frequent; ties go to the longer (more informative) form, then alphabetical.
    return sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def build_entity(entity_id: str, mentions: list[Mention]) -> Entity:
    """An :class:`Entity` from its mentions; each alias remembers the documents that taught it."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        aliases[m.text.strip()].add(m.doc_id)
        if m.canonical:
            aliases[m.canonical].add(m.doc_id)
    labels = Counter(m.label for m in mentions)
    label = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return Entity(
        id=entity_id,
        name=_pick_name(mentions),
        label=label,
        aliases={a: sorted(d) for a, d in sorted(aliases.items())},
        mention_ids=sorted(m.id for m in mentions),
    )


# Per entity id: the mentions it was last built from, the entity, and the copy handed out.
_BUILT: dict[str, tuple[tuple[Mention, ...], Entity, Entity]] = {}


def _by_id(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted(mentions, key=lambda m: m.id))


def build_entity_cached(entity_id: str, mentions: list[Mention]) -> Entity:
    """:func:`build_entity`, remembered while an entity's mentions stay the same."""
    members = tuple(mentions)
    found = _BUILT.get(entity_id)
    # Callers list an entity's mentions in different orders and the entity does not depend
    # on it: the same order is the cheap common case, the same set the fallback.
    if found is None or (found[0] != members and _by_id(found[0]) != _by_id(members)):
        if len(_BUILT) >= 1 << 17:
            _BUILT.clear()
        entity = build_entity(entity_id, mentions)
        found = _BUILT[entity_id] = (members, entity, _copy(entity))
    elif found[2].__dict__ != found[1].__dict__:
        # The copy handed out last time was changed by its holder: hand out a fresh one.
        found = _BUILT[entity_id] = (found[0], found[1], _copy(found[1]))
    # The same copy again while it still equals the entity: later stages and the picture's
    # comparison with the last one then find it unchanged by identity.
    return found[2]


def _copy(e: Entity) -> Entity:
    """A copy whose lists and dicts callers may change (cheaper than dataclasses.replace)."""
    out = shallow_copy(e)
    out.aliases = {a: list(d) for a, d in e.aliases.items()}
    out.mention_ids = list(e.mention_ids)
    return out


def entity_id_for(keys: list[str]) -> str:
    """Stable entity id from the smallest member key, so ids survive re-processing."""
    return _key_id(min(keys))


@functools.lru_cache(maxsize=1 << 17)
def _key_id(key: str) -> str:
    return stable_id("n", key)


def resolve_entities(mentions: list[Mention], threshold: int = 90) -> list[Entity]:
    """Cluster mentions into entities.

    Args:
        mentions: every mention of every document, in any order.
        threshold: rapidfuzz ratio (0-100) at or above which two long names are one entity.

    Returns:
        Entities sorted by id, each with sorted mention ids and aliases.
    """
    global _KEY_GROUPS
    with _KEY_LOCK:
        clusters, relink = _clusters(mentions)
        if relink or _KEY_GROUPS is None or _KEY_GROUPS[0] != threshold:
            uf = UnionFind()
            for key in clusters:
                uf.add(key)
            _link_names(clusters, uf, threshold)
            _KEY_GROUPS = (threshold, list(uf.groups().values()))
        key_groups = _KEY_GROUPS[1]
    entities = []
    for keys in key_groups:
        members = [m for k in keys for m in clusters[k].mentions]
        entities.append(build_entity_cached(entity_id_for(keys), members))
    return sorted(entities, key=lambda e: e.id)


def forget() -> None:
    """Drop what this module remembers between calls (the next call computes from scratch)."""
    global _KEY_GROUPS, _MEMBERS
    _KEY_GROUPS = None
    _MEMBERS = None
    _KEY_CLUSTERS.clear()
    _FUZZY.clear()
    _BUILT.clear()


__all__ = [
    "UnionFind",
    "build_entity",
    "build_entity_cached",
    "entity_id_for",
    "forget",
    "resolve_entities",
]
