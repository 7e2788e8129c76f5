"""Entity resolution: which mentions, across all documents, name the same actor or place.

Mentions sharing a key (gazetteer id or normalised text) start as one cluster; clusters
of the same label family are then joined when one is the acronym of the other, when
their transliterated names are equal ("Путин" / "Putin"), or when their spellings are
close (rapidfuzz ratio at or above the threshold, long names only; see
:mod:`.entityjoins`). Pure: no store.

:class:`EntityMemo` lets a :class:`crosscheck.reconcile.Reconciler` skip work whose inputs
are unchanged: the clusters of keys whose mentions are the same, the spelling comparisons of
names already compared (a pair of names always compares the same), the joins (keys that came
or only gained names are joined to them alone), and the entities built from the same
mentions. Results never depend on it.
"""

from __future__ import annotations

import bisect
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from crosscheck.model import Entity, Mention, stable_id
from crosscheck.reconcile.entityjoins import CloseNames, JoinIndex, grows, join_new, joined
from crosscheck.reconcile.text import acronym, is_acronym, label_family, name_key


@dataclass(frozen=True)
class KeyCluster:
    """The mentions of one key and what they offer for joining with other keys."""

    key: str
    family: str
    names: frozenset[str]
    mentions: tuple[Mention, ...]
    # The (family, acronym) of each of its multi-word names, in mention order.
    acronyms: tuple[tuple[str, str], ...]
    looks_acronym: bool

    @property
    def links(self) -> tuple[str, frozenset[str], tuple[tuple[str, str], ...], bool]:
        """What decides the clusters it joins."""
        return (self.family, self.names, self.acronyms, self.looks_acronym)


def key_cluster(key: str, mentions: tuple[Mention, ...]) -> KeyCluster:
    """The cluster of one key's mentions (in id order)."""
    family = label_family(mentions[0].label)
    names: set[str] = set()
    acronyms: list[tuple[str, str]] = []
    for m in mentions:
        for form in (m.text, m.canonical, m.key):
            if form and name_key(form):
                names.add(name_key(form))
        for form in (m.text, m.canonical):
            if form and not is_acronym(form):
                ac = acronym(form)
                if ac:
                    acronyms.append((family, ac))
    looks = any(is_acronym(m.text) for m in mentions)
    return KeyCluster(key, family, frozenset(names), mentions, tuple(acronyms), looks)


@dataclass
class EntityMemo:
    """What entity resolution may reuse between calls (held by a Reconciler)."""

    clusters: dict[str, KeyCluster] = field(default_factory=dict)
    close: CloseNames = field(default_factory=dict)
    #: The joins of the clusters last joined (with their fuzzy threshold), and the keys of
    #: each entity they make.
    joins: JoinIndex | None = None
    groups: list[list[str]] = field(default_factory=list)
    #: Each entity by its smallest key, with the mentions it was built from.
    built: dict[str, tuple[tuple[Mention, ...], Entity]] = field(default_factory=dict)
    #: Each document's mentions, and them by key.
    parts: dict[str, tuple[tuple[Mention, ...], dict[str, tuple[Mention, ...]]]] = field(
        default_factory=dict
    )
    #: Each key's documents, in id order.
    key_docs: dict[str, list[str]] = field(default_factory=dict)

    def mentions_by_key(self) -> dict[str, tuple[Mention, ...]]:
        """Each mention key's mentions, in id order, as last resolved."""
        return {key: c.mentions for key, c in self.clusters.items()}


class DocMentions(Protocol):
    """What entity resolution reads of one document (a :class:`DocRecords`)."""

    @property
    def id(self) -> str: ...
    @property
    def mentions(self) -> tuple[Mention, ...]: ...


@dataclass(frozen=True)
class _Mentions:
    """One document's mentions, for :func:`resolve_entities` given them all at once."""

    id: str
    mentions: tuple[Mention, ...]


def _pick_name(mentions: Sequence[Mention]) -> str:
    canon = Counter(m.canonical for m in mentions if m.canonical)
    if canon:
        return sorted(canon.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    forms = Counter(m.text.strip() for m in mentions)
    # Most frequent; ties go to the longer (more informative) form, then alphabetical.
    return sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def build_entity(entity_id: str, mentions: Sequence[Mention]) -> Entity:
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


def _built(keys: list[str], clusters: dict[str, KeyCluster], memo: EntityMemo) -> Entity:
    """The entity of these keys, kept by its smallest key (its id is made from it) while its
    mentions are the same: neither its mentions are gathered nor its id made again."""
    first = min(keys)
    if len(keys) == 1:
        mentions = clusters[first].mentions
    else:
        mentions = tuple(m for k in keys for m in clusters[k].mentions)
    found = memo.built.get(first)
    if found is None or found[0] != mentions:
        entity_id = entity_id_for(keys)
        found = memo.built[first] = (mentions, build_entity(entity_id, mentions))
    return found[1]


def entity_id_for(keys: Iterable[str]) -> str:
    """Stable entity id from the smallest member key, so ids survive re-processing."""
    return stable_id("n", min(keys))


def _by_key(mentions: tuple[Mention, ...]) -> dict[str, tuple[Mention, ...]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        out[m.key].append(m)
    return {k: tuple(v) for k, v in out.items()}


def _changed_keys(docs: Iterable[DocMentions], memo: EntityMemo) -> set[str]:
    """The keys whose mentions may differ from the last call's: those of the documents
    that came, changed or went (``memo.parts`` and ``memo.key_docs`` brought up to them)."""
    docs = docs if isinstance(docs, Sequence) else list(docs)
    parts, key_docs = memo.parts, memo.key_docs
    dirty: set[str] = set()
    kept = 0
    for d in docs:
        ms = d.mentions
        found = parts.get(d.id)
        if found is not None and (found[0] is ms or found[0] == ms):
            kept += 1
            continue
        if found is not None:
            _file(d.id, found[1], key_docs, -1, dirty)
            del parts[d.id]
        if ms:
            parts[d.id] = found = (ms, _by_key(ms))
            _file(d.id, found[1], key_docs, 1, dirty)
            kept += 1
    if len(parts) > kept:  # documents went: only then are the ids gathered
        for doc_id in parts.keys() - {d.id for d in docs}:
            _file(doc_id, parts.pop(doc_id)[1], key_docs, -1, dirty)
    return dirty


def _file(
    doc_id: str, keyed: dict[str, Any], key_docs: dict[str, list[str]], sign: int, dirty: set[str]
) -> None:
    """Add (``sign`` 1) or take away (-1) a document from the documents of its keys."""
    for key in keyed:
        dirty.add(key)
        if sign > 0:
            bisect.insort(key_docs.setdefault(key, []), doc_id)
            continue
        key_docs[key].remove(doc_id)
        if not key_docs[key]:
            del key_docs[key]


def _clusters(dirty: set[str], memo: EntityMemo) -> tuple[dict[str, KeyCluster | None], bool]:
    """Bring the clusters of the changed keys up to date. Answers the keys that came (None)
    or only gained names or acronyms (their cluster before), and whether a key went or
    changed otherwise what it joins by (then the joins are made again)."""
    clusters = memo.clusters
    changes: dict[str, KeyCluster | None] = {}
    rejoin = False
    for key in dirty:
        old = clusters.get(key)
        docs = memo.key_docs.get(key)
        if not docs:
            if clusters.pop(key, None) is not None:
                rejoin = True
            continue
        raw = (m for doc_id in docs for m in memo.parts[doc_id][1][key])
        members = tuple(sorted({m.id: m for m in raw}.values(), key=lambda m: m.id))
        if old is not None and old.mentions == members:
            continue
        new = clusters[key] = key_cluster(key, members)
        if old is None:
            changes[key] = None
        elif old.links != new.links:
            if grows(old, new):
                changes[key] = old
            else:
                rejoin = True
    # In no particular order: they are looked up, and joined in key order (entityjoins).
    return changes, rejoin


def resolve_document_entities(
    docs: Iterable[DocMentions], threshold: int = 90, memo: EntityMemo | None = None
) -> list[Entity]:
    """Cluster every document's mentions into entities (see :func:`resolve_entities`).

    With a ``memo``, only the keys of the documents that came, changed or went are
    gathered again; keys that came or only gained names are joined to the kept joins alone,
    and all keys are joined again only when one went or changed otherwise (see
    :func:`~crosscheck.reconcile.entityjoins.join_new`; the entities are the same either way).
    """
    memo = memo if memo is not None else EntityMemo()
    changes, rejoin = _clusters(_changed_keys(docs, memo), memo)
    clusters = memo.clusters
    index = memo.joins
    if (
        index is None
        or index.threshold != threshold
        or rejoin
        or (changes and not join_new(index, changes, clusters, memo.close))
    ):
        index = memo.joins = joined(clusters, threshold, memo.close)
        memo.groups = index.groups()
    elif changes:
        memo.groups = index.groups()
    entities = []
    for keys in memo.groups:
        entities.append(_built(keys, clusters, memo))
    return sorted(entities, key=operator.attrgetter("id"))


def resolve_entities(
    mentions: Iterable[Mention], threshold: int = 90, memo: EntityMemo | None = None
) -> list[Entity]:
    """Cluster mentions into entities.

    Args:
        mentions: every mention of every document, in any order.
        threshold: rapidfuzz ratio (0-100) at or above which two long names are one entity.
        memo: what an earlier call may hand over (see :class:`EntityMemo`).

    Returns:
        Entities sorted by id, each with sorted mention ids and aliases.
    """
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    docs = [_Mentions(k, tuple(by_doc[k])) for k in sorted(by_doc)]
    return resolve_document_entities(docs, threshold, memo)


__all__ = [
    "EntityMemo",
    "KeyCluster",
    "build_entity",
    "entity_id_for",
    "key_cluster",
    "resolve_document_entities",
    "resolve_entities",
]
