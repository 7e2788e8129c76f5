"""Incident linking that remembers its last answer and redoes only what a change can reach.

Linking (see :mod:`crosscheck.reconcile.events`) runs in three passes: specific mentions are
linked by scored pairs (*pass one*); each report chooses its main incident per type family and
its generic and lonely mentions attach to it (*pass two*); generic mentions left over are
linked by scored pairs among all mentions (*pass three*). Each pass reads only a few kinds of
relation between mentions:

* a scored pair (pass one among specific mentions, pass three among all);
* a mention and the incident its report chose (the *attach* relation), and a report's
  lonely generic mentions of one family with no main incident (merged among themselves);
* a report's choice reads its own mentions' pass-one incidents and those indexed under the
  words of its lead (:func:`crosscheck.reconcile.mainincident.anchor_words`).

Pass one is decided per connected component of its pairs. Passes two and three are decided
per *region*: a connected component of pass-one incidents, attach relations, leftover
generics and pass-three pairs. Merges and refusals never cross a region, and each region is
decided in the same order a whole run would use, so a region whose mentions and relations
are unchanged keeps its incidents. An update therefore redoes pass one on the components its
changed mentions and pairs touch, re-chooses the reports whose mentions, incidents or lead
words were touched, and redoes passes two and three on the regions reachable from anything
that changed. Every relation that changed has both ends in what is redone, so the answer is
the one linking everything from scratch gives (which is what the first call does).

Pure: no store. Not thread-safe on its own: callers hold a lock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from crosscheck.model import Document, EventMention
from crosscheck.reconcile.clusters import Clusters
from crosscheck.reconcile.leadmains import lead_place_main
from crosscheck.reconcile.leads import LeadPlace, with_context
from crosscheck.reconcile.mainincident import (
    anchor_words,
    attach_to_main_incidents,
    choice_context,
    lead_words,
    main_choices,
)
from crosscheck.reconcile.mentionfeatures import Features
from crosscheck.reconcile.pairs import PairIndex
from crosscheck.reconcile.prepared import PreparedEventMention, features_of

_DocKey = tuple[Document | None, LeadPlace | None, tuple[EventMention, ...]]
_Picks = tuple[tuple[str, str | None], ...]


def _same_key(a: _DocKey, b: _DocKey) -> bool:
    return (a[0] is b[0] or a[0] == b[0]) and (a[1] is b[1] or a[1] == b[1]) and a[2] == b[2]


def in_context(em: EventMention, doc: Document | None, place: LeadPlace | None) -> Features:
    """A mention's features in its report's context (remembered on prepared mentions)."""
    published, title = (doc.published, doc.title or "") if doc is not None else (None, "")
    if not isinstance(em, PreparedEventMention):
        return with_context(features_of(em), place, published, title)
    known = em.known_context
    if known is not None and known[0] is place and known[1] == published and known[2] == title:
        return known[3]
    found = with_context(features_of(em), place, published, title)
    em.known_context = (place, published, title, found)
    return found


class _Members(Mapping[str, Sequence[Features]]):
    """Pass-one incidents by root, as their mentions' features (listed when asked for)."""

    def __init__(self, linker: Linker) -> None:
        self._linker = linker
        self._seen: dict[str, list[Features]] = {}

    def __getitem__(self, root: str) -> Sequence[Features]:
        found = self._seen.get(root)
        if found is None:
            pre = self._linker.pre
            found = self._seen[root] = [pre[m] for m in self._linker.p1_members[root]]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._linker.p1_members)

    def __len__(self) -> int:
        return len(self._linker.p1_members)


@dataclass
class Linker:
    """Incidents of the mentions given to the last :meth:`link`, kept to update the next."""

    specific: PairIndex = field(default_factory=PairIndex)
    every: PairIndex = field(default_factory=PairIndex)
    # Per document: what its mentions' features were read from, and its mention ids.
    doc_keys: dict[str, _DocKey] = field(default_factory=dict)
    doc_mentions: dict[str, list[str]] = field(default_factory=dict)
    ems: dict[str, EventMention] = field(default_factory=dict)
    pre: dict[str, Features] = field(default_factory=dict)  # features before pass two
    # Pass one: root of each specific mention, members of each incident, its anchor words.
    p1_root: dict[str, str] = field(default_factory=dict)
    p1_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    p1_words: dict[str, frozenset[str]] = field(default_factory=dict)
    anchor: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lead_docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    doc_words: dict[str, frozenset[str]] = field(default_factory=dict)
    picks: dict[str, _Picks] = field(default_factory=dict)
    # Pass two: the incident each lonely mention tries to join, and who tries to join each.
    target: dict[str, str] = field(default_factory=dict)
    attachers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    p2_root: dict[str, str] = field(default_factory=dict)
    # The answer: each mention's incident root, each incident's members, features after
    # pass two (a date read as the day something was said is dropped).
    root: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    post: dict[str, Features] = field(default_factory=dict)
    # Reports with no main incident of their own: the one their lead places (see leadmains).
    place_roots: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    root_places: dict[str, set[str]] = field(default_factory=dict)
    lead_key_docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    doc_lead_key: dict[str, str] = field(default_factory=dict)
    by_lead: dict[str, str | None] = field(default_factory=dict)
    dirty_places: set[str] = field(default_factory=set)
    # What the last call changed: incident roots before and after.
    changed: set[str] = field(default_factory=set)

    # -- documents -------------------------------------------------------------------------

    def _changed_docs(
        self,
        by_doc: dict[str, list[EventMention]],
        docs: Mapping[str, Document],
        leads: Mapping[str, LeadPlace],
    ) -> tuple[list[str], dict[str, _DocKey]]:
        changed: list[str] = []
        keys: dict[str, _DocKey] = {}
        for doc_id in docs.keys() | by_doc.keys():
            key = (docs.get(doc_id), leads.get(doc_id), tuple(by_doc.get(doc_id, ())))
            old = self.doc_keys.get(doc_id)
            if old is None or not _same_key(old, key):
                changed.append(doc_id)
                keys[doc_id] = key
        changed.extend(d for d in self.doc_keys if d not in docs and d not in by_doc)
        return sorted(changed), keys

    def _lead_index(self, doc_id: str, doc: Document | None, has_mentions: bool) -> None:
        for w in self.doc_words.pop(doc_id, ()):
            self.lead_docs[w].discard(doc_id)
        if doc is not None and has_mentions:
            found = self.doc_words[doc_id] = lead_words(doc)
            for w in found:
                self.lead_docs[w].add(doc_id)

    # -- pass one --------------------------------------------------------------------------

    def _component(self, seeds: Iterable[str]) -> set[str]:
        """Seeds (still specific) and every specific mention their pairs reach, closed under
        the last pass-one incidents (their members must be redone together)."""
        edges, p1_root, p1_members = self.specific.edges, self.p1_root, self.p1_members
        known = self.specific.feats
        stack = [s for s in seeds if s in known]
        seen = set(stack)
        while stack:
            x = stack.pop()
            nxt = list(edges.get(x, ()))
            root = p1_root.get(x)
            if root is not None:
                nxt.extend(m for m in p1_members[root] if m in known)
            for y in nxt:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        return seen

    def _pass_one(self, touched: set[str], changed_ids: set[str]) -> tuple[set[str], set[str]]:
        """Redo pass one where pairs or mentions changed.

        Returns:
            The mentions of incidents whose members or features changed (before and after),
            and the anchor words of those incidents (before and after).
        """
        seeds = set(touched)
        for x in touched:
            root = self.p1_root.get(x)
            if root is not None:
                seeds.update(self.p1_members[root])
        redo = self._component(seeds)
        old_roots = {self.p1_root[x] for x in seeds | redo if x in self.p1_root}
        old = {r: self.p1_members.pop(r) for r in old_roots}
        old_words = {r: self.p1_words.pop(r) for r in old_roots}
        for r, ms in old.items():
            for m in ms:
                self.p1_root.pop(m, None)
            for w in old_words[r]:
                self.anchor[w].discard(r)
        ids = sorted(redo)
        feats = [self.pre[i] for i in ids]
        clusters = Clusters(feats)
        _link_pairs(clusters, ids, self.specific, None)
        new: dict[str, tuple[str, ...]] = {}
        for root, idxs in clusters.members.items():
            new[root] = tuple(sorted(ids[k] for k in idxs))
        for r, ms in new.items():
            self.p1_members[r] = ms
            for m in ms:
                self.p1_root[m] = r
            found = self.p1_words[r] = anchor_words(self.pre[m] for m in ms)
            for w in found:
                self.anchor[w].add(r)
        mentions: set[str] = set()
        words: set[str] = set()
        for r, ms in old.items():
            if new.get(r) != ms or not changed_ids.isdisjoint(ms):
                mentions.update(ms)
                words |= old_words[r]
        for r, ms in new.items():
            if old.get(r) != ms or not changed_ids.isdisjoint(ms):
                mentions.update(ms)
                words |= self.p1_words[r]
        return mentions, words

    # -- choices ---------------------------------------------------------------------------

    def _choose(
        self,
        dirty_docs: set[str],
        docs: Mapping[str, Document],
        leads: Mapping[str, LeadPlace],
    ) -> set[str]:
        """Choose anew for ``dirty_docs``; returns those whose choices changed."""
        ctx = choice_context(_Members(self), self.anchor, leads)
        out = set()
        for doc_id in sorted(dirty_docs):
            ids = self.doc_mentions.get(doc_id)
            if not ids:
                if self.picks.pop(doc_id, None) is not None:
                    out.add(doc_id)
                continue
            own = [(self.pre[m], self.p1_root.get(m, m)) for m in ids]
            picks = main_choices(docs.get(doc_id), own, ctx)
            if self.picks.get(doc_id) != picks:
                out.add(doc_id)
                self.picks[doc_id] = picks
        return out

    def _attach_edges(self, doc_ids: Iterable[str], old_ids: Mapping[str, list[str]]) -> set[str]:
        """Recompute who tries to join what for these reports; returns the ends of every
        relation that changed."""
        ends: set[str] = set()
        for doc_id in doc_ids:
            for m in old_ids.get(doc_id, self.doc_mentions.get(doc_id, [])):
                t = self.target.pop(m, None)
                if t is not None:
                    self.attachers[t].discard(m)
                    ends.update((m, t))
            picks = dict(self.picks.get(doc_id, ()))
            for m in self.doc_mentions.get(doc_id, []):
                f = self.pre[m]
                pick = picks.get(f.family)
                root = self.p1_root.get(m, m)
                if pick is not None and len(self.p1_members.get(root, (m,))) == 1:
                    self.target[m] = pick
                    self.attachers[pick].add(m)
                    ends.update((m, pick))
                ends.add(m)
        return ends

    # -- passes two and three --------------------------------------------------------------

    def _neighbours(self, x: str) -> Iterator[str]:
        root = self.p1_root.get(x)
        if root is not None:
            yield from self.p1_members[root]
            yield from self.attachers.get(root, ())
        yield from self.attachers.get(x, ())
        t = self.target.get(x)
        if t is not None:
            yield t
        f = self.pre[x]
        if f.generic and dict(self.picks.get(f.doc_id, ())).get(f.family) is None:
            # Lonely generic mentions of a report with no main incident of their family.
            for y in self.doc_mentions[f.doc_id]:
                g = self.pre[y]
                if g.generic and g.family == f.family:
                    yield y
        yield from self.every.neighbours(x)
        old = self.root.get(x)
        if old is not None:
            # The incident it was in last time is redone whole (a safety net: every relation
            # that changed has both its ends seeded already).
            yield from self.members.get(old, ())

    def _region(self, seeds: Iterable[str]) -> set[str]:
        pre = self.pre
        stack = [s for s in seeds if s in pre]
        seen = set(stack)
        while stack:
            for y in self._neighbours(stack.pop()):
                if y not in seen and y in pre:
                    seen.add(y)
                    stack.append(y)
        return seen

    def _passes_two_three(self, region: set[str], docs: Mapping[str, Document]) -> set[str]:
        """Link ``region`` (grown until no pass-three pair leaves it); returns it."""
        while True:
            ids = sorted(region)
            feats = [self.pre[i] for i in ids]
            clusters = Clusters(feats)
            _link_pairs(clusters, ids, self.specific, None)
            mains = {
                (doc_id, family): pick
                for doc_id in {f.doc_id for f in feats}
                for family, pick in self.picks.get(doc_id, ())
                if pick is not None
            }
            attach_to_main_incidents(feats, clusters, docs, mains)
            touched = self.every.apply((), feats)
            outside = touched - region
            if outside:
                region = self._region(region | outside)
                continue
            for k, m in enumerate(ids):
                self.p2_root[m] = clusters.root(k)
                self.post[m] = feats[k]
            generic_only = {
                i
                for members in clusters.members.values()
                if all(feats[k].generic for k in members)
                for i in members
            }
            _link_pairs(clusters, ids, self.every, generic_only)
            self._store(ids, clusters)
            return region

    def _store(self, ids: list[str], clusters: Clusters) -> None:
        old_roots = {self.root[m] for m in ids if m in self.root}
        for r in old_roots:
            self.members.pop(r, None)
            self._unplace(r)
        for m in ids:
            self.root.pop(m, None)
        for root, idxs in clusters.members.items():
            ms = [ids[k] for k in idxs]
            self.members[root] = ms
            for m in ms:
                self.root[m] = root
            self._place(root, ms)
        self.changed |= old_roots | set(clusters.members)

    def _places_of(self, ms: Iterable[str]) -> set[str]:
        out = set()
        for m in ms:
            f = self.post.get(m)
            if f is not None and f.family == "violent":
                where = f.place or f.context_place
                if where:
                    out.add(where)
        return out

    def _unplace(self, root: str) -> None:
        for where in self.root_places.pop(root, ()):
            self.place_roots[where].discard(root)
            self.dirty_places.add(where)

    def _place(self, root: str, ms: list[str]) -> None:
        found = self.root_places[root] = self._places_of(ms)
        for where in found:
            self.place_roots[where].add(root)
            self.dirty_places.add(where)

    # -- removing --------------------------------------------------------------------------

    def _drop_mentions(self, gone: set[str]) -> set[str]:
        """Forget mentions no longer given; returns the mentions related to them."""
        ends: set[str] = set()
        for m in gone:
            self.ems.pop(m, None)
            self.pre.pop(m, None)
            self.post.pop(m, None)
            self.p2_root.pop(m, None)
            root = self.root.pop(m, None)
            if root is not None and root in self.members:
                ms = self.members.pop(root)
                self._unplace(root)
                rest = [x for x in ms if x != m]
                ends.update(rest)
                self.changed.add(root)
                for x in rest:
                    self.root.pop(x, None)
        return ends

    # -- the call --------------------------------------------------------------------------

    def link(
        self,
        ems: list[EventMention],
        docs: Mapping[str, Document],
        leads: Mapping[str, LeadPlace],
    ) -> dict[str, str]:
        """Bring the incidents up to date with ``ems`` (sorted by id, one per id).

        Returns:
            Per document, the root of its main violent incident: the one it chose, else the
            one its lead places (see :func:`crosscheck.reconcile.leadmains.lead_place_main`).
        """
        self.changed = set()
        self.dirty_places = set()
        by_doc: dict[str, list[EventMention]] = {}
        for em in ems:
            by_doc.setdefault(em.doc_id, []).append(em)
        changed_docs, keys = self._changed_docs(by_doc, docs, leads)
        old_ids = {d: self.doc_mentions.get(d, []) for d in changed_docs}
        new_feats: list[Features] = []
        for doc_id in changed_docs:
            key = keys.get(doc_id)
            if key is None:
                self.doc_keys.pop(doc_id, None)
                self.doc_mentions.pop(doc_id, None)
                self._lead_index(doc_id, None, False)
                continue
            self.doc_keys[doc_id] = key
            doc, lead, mine = key
            self.doc_mentions[doc_id] = [em.id for em in mine]
            self.ems.update((em.id, em) for em in mine)
            new_feats.extend(in_context(em, doc, lead) for em in mine)
            self._lead_index(doc_id, doc, bool(mine))
        new_ids = {f.id for f in new_feats}
        gone = {m for ids in old_ids.values() for m in ids} - new_ids
        related = self._drop_mentions(gone)
        for m in new_ids:
            old_root = self.root.get(m)
            if old_root is not None:
                related.update(self.members.get(old_root, ()))
        self.pre.update((f.id, f) for f in new_feats)
        # Pass one.
        touched = self.specific.apply(
            gone | {f.id for f in new_feats if f.generic},
            [f for f in new_feats if not f.generic],
        )
        touched |= new_ids
        related |= self.every.apply(gone, ())
        p1_changed, dirty_words = self._pass_one(touched, new_ids)
        # Choices: reports whose mentions, incidents or lead words were touched.
        for doc_id in changed_docs:
            if doc_id not in self.doc_mentions:
                self.picks.pop(doc_id, None)
        p1_docs = _docs_of(self.pre, p1_changed)
        dirty_docs = {d for d in changed_docs if d in self.doc_mentions} | p1_docs
        for w in dirty_words:
            dirty_docs |= self.lead_docs.get(w, set())
        rechosen = self._choose(dirty_docs, docs, leads)
        # Passes two and three, on the regions anything that changed reaches.
        seeds = self._attach_edges(set(changed_docs) | rechosen | p1_docs, old_ids)
        seeds |= related | p1_changed | new_ids
        if seeds:
            self._passes_two_three(self._region(seeds), docs)
        return self._mains(docs, leads, set(changed_docs))

    def _mains(
        self, docs: Mapping[str, Document], leads: Mapping[str, LeadPlace], changed: set[str]
    ) -> dict[str, str]:
        out: dict[str, str] = {}
        for doc_id, picks in self.picks.items():
            for family, pick in picks:
                if family == "violent" and pick is not None:
                    out[doc_id] = self.p2_root[pick]
        for doc_id in changed:
            old_key = self.doc_lead_key.pop(doc_id, None)
            if old_key is not None:
                self.lead_key_docs[old_key].discard(doc_id)
            self.by_lead.pop(doc_id, None)
            lead = leads.get(doc_id)
            if lead is not None and doc_id in docs:
                self.lead_key_docs[lead.key].add(doc_id)
                self.doc_lead_key[doc_id] = lead.key
        asking = set(changed)
        for where in self.dirty_places:
            asking |= self.lead_key_docs.get(where, set())
        for doc_id in asking:
            lead, doc = leads.get(doc_id), docs.get(doc_id)
            if lead is None or doc is None or not doc.published:
                self.by_lead.pop(doc_id, None)
                continue
            incidents = [
                (r, [self.post[m] for m in self.members[r]])
                for r in sorted(self.place_roots.get(lead.key, ()))
            ]
            self.by_lead[doc_id] = lead_place_main(doc.published, incidents)
        for doc_id, root in self.by_lead.items():
            if root is not None and doc_id not in out:
                out[doc_id] = root
        return dict(sorted(out.items()))


def _docs_of(pre: Mapping[str, Features], ids: Iterable[str]) -> set[str]:
    return {pre[m].doc_id for m in ids if m in pre}


def _link_pairs(
    clusters: Clusters, ids: list[str], index: PairIndex, needed: set[int] | None
) -> None:
    """Merge the index's pairs among ``ids`` (one side in ``needed``), strongest first."""
    pos = {m: k for k, m in enumerate(ids)}
    scored = []
    for a in ids:
        i = pos[a]
        for b, value in index.neighbours(a).items():
            j = pos.get(b)
            if j is None or b <= a:
                continue
            if needed is not None and i not in needed and j not in needed:
                continue
            scored.append((-value, a, b, i, j))
    for _, _, _, i, j in sorted(scored):
        clusters.try_merge(i, j)


__all__ = ["Linker", "in_context"]
