"""Scored links between local incidents of different reports. Pure.

* Two reports' main violent incidents are compared as whole reports: candidates are the
  pairs sharing a word of their index (their heaviest words that are not common in news; a
  word more than ``max_postings`` reports share names no incident and is left out) or the
  town their titles or leads name, kept when their cosine reaches ``candidate_cosine`` and
  the report model's probability its threshold (``TOWN_ONLY_THRESHOLD`` for a pair that
  shares only its town).
* Every other pair of local incidents sharing a block (a day, a place, a country-month, a
  name, an actor; blocks over ``MAX_BLOCK`` say nothing) is linked by mention evidence: all
  their mentions compatible, some pair agreeing on when or where, and the best score at the
  threshold (higher for two reports already compared as wholes).

:class:`LinkMemo` keeps what a pair gave while both sides are unchanged.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations

from crosscheck.reconcile.incidents.clusters import Link
from crosscheck.reconcile.incidents.local import LocalIncident
from crosscheck.reconcile.incidents.pairindex import PairIndex
from crosscheck.reconcile.incidents.reports import (
    LinkModel,
    Report,
    conflicting,
    cosine,
    pair_features,
    placed_apart,
    probability,
)
from crosscheck.reconcile.mentionfeatures import (
    Features,
    compatible,
    eve,
    names_region,
    same_place,
    score,
)
from crosscheck.reconcile.text import tables

#: Blocks of more local incidents than this say nothing (a common word, a big city's month).
MAX_BLOCK = 60
#: The extra mention evidence two reports compared as wholes need to be linked anyway.
COMPARED_EXTRA = 3
#: The evidence a title naming the incident adds to a report that only names it vaguely.
TITLE_NAMED = 3
#: An index word shared by more reports than this names no one incident.
MAX_POSTINGS = 200
#: The probability two reports that share no index word, only the town their titles or
#: leads name, need to be linked. Reports of one incident do not always share a rare word
#: (a follow-up names the suspects, the first report the victims), but a town names many
#: incidents: only a pair the report model is nearly sure of is taken.
TOWN_ONLY_THRESHOLD = 0.9
#: What sets a town apart from the words of an index (which are letters only).
_TOWN = "@town "


def index_keys(r: Report) -> tuple[str, ...]:
    """What a report is indexed under: its index words and the town its lead names."""
    return r.index if r.town is None else (*r.index, _TOWN + r.town.key)


def _needed(a: Report, b: Report, model: LinkModel) -> float:
    """The probability two candidate reports need to be linked."""
    return model.threshold if set(a.index) & set(b.index) else TOWN_ONLY_THRESHOLD


@dataclass
class LinkMemo:
    """What pairs gave, kept while both sides stay the same objects' equals."""

    reports: dict[tuple[str, str], tuple[Report, Report, float]] = field(default_factory=dict)
    cosines: dict[tuple[str, str], tuple[Report, Report, float]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], tuple[LocalIncident, LocalIncident, tuple[int, bool]]] = field(
        default_factory=dict
    )


def strength(a: Report, b: Report, model: LinkModel, memo: LinkMemo | None = None) -> float:
    """How strongly two reports read as one incident (below zero: ruled out)."""
    # A pair is worked out and kept in doc-id order, whichever order it is asked in (the
    # clustering asks across groups), so its strength never depends on who asked first.
    first, second = (a, b) if a.doc_id < b.doc_id else (b, a)
    key = (first.doc_id, second.doc_id)
    if memo is not None:
        found = memo.reports.get(key)
        if found is not None and found[0] is first and found[1] is second:
            return found[2]
    if conflicting(first, second):
        value = -1.0
    elif placed_apart(first, second):
        # Not linked, yet not ruled out (below zero): a far namesake of a town must not stop
        # other reports from tying the two together.
        value = 0.0
    else:
        value = probability(pair_features(first, second), model)
    if memo is not None:
        memo.reports[key] = (first, second, value)
    return value


def _cosine(a: Report, b: Report, memo: LinkMemo | None) -> float:
    """The cosine of two reports' word vectors (``a`` sorts first), kept while both stay."""
    key = (a.doc_id, b.doc_id)
    if memo is not None:
        found = memo.cosines.get(key)
        if found is not None and found[0] is a and found[1] is b:
            return found[2]
    value = cosine(a.terms, b.terms)
    if memo is not None:
        memo.cosines[key] = (a, b, value)
    return value


def report_links(
    reports: Mapping[str, Report],
    main_of: Mapping[str, str],
    model: LinkModel,
    memo: LinkMemo | None = None,
) -> list[Link]:
    """Links between the main violent incidents of reports that read as one incident."""
    index: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(reports):
        for word in index_keys(reports[doc_id]):
            index[word].append(doc_id)
    pairs: set[tuple[str, str]] = set()
    for docs in index.values():
        if len(docs) <= MAX_POSTINGS:
            pairs.update(combinations(docs, 2))
    links: list[Link] = []
    for a, b in sorted(pairs):
        ra, rb = reports[a], reports[b]
        if _cosine(ra, rb, memo) < model.candidate_cosine:
            continue
        p = strength(ra, rb, model, memo)
        if p >= _needed(ra, rb, model):
            x, y = sorted((main_of[a], main_of[b]))
            links.append(Link(p, x, y, checked=False))
    return links


def _report_pair(
    reports: Mapping[str, Report],
    main_of: Mapping[str, str],
    model: LinkModel,
    memo: LinkMemo | None,
) -> Callable[[str, str], Link | None]:
    """The link two reports (ids in order) make when :func:`report_links` keeps it."""

    def evaluate(a: str, b: str) -> Link | None:
        ra, rb = reports[a], reports[b]
        if cosine(ra.terms, rb.terms) < model.candidate_cosine:
            return None
        p = strength(ra, rb, model, memo)
        if p < _needed(ra, rb, model):
            return None
        x, y = sorted((main_of[a], main_of[b]))
        return Link(p, x, y, checked=False)

    return evaluate


def report_links_kept(
    reports: Mapping[str, Report],
    main_of: Mapping[str, str],
    model: LinkModel,
    index: PairIndex,
    memo: LinkMemo | None = None,
) -> list[Link]:
    """:func:`report_links`, comparing again only the pairs an update can change.

    A pair's link is kept whole: its incidents are its reports' main ones, which come with
    the reports' shares, so they change only with the report objects the index compares.
    """
    index.update(reports, index_keys, _report_pair(reports, main_of, model, memo))
    return index.in_order()


def block_keys(f: Features) -> list[tuple[str, str]]:
    """The blocks a mention belongs to: its day, places, country-month, words, actors."""
    keys: list[tuple[str, str]] = []
    if f.date and f.precision == "day":
        keys.append(("day", f.date[:10]))
        before = eve(f)
        if before:
            keys.append(("day", before))  # a night meets the evening before it
    if f.place or f.context_place:
        keys.append(("place", f.place or f.context_place or ""))
    if f.region:
        keys.append(("region", f.region))
    if f.country and f.date and f.precision != "year":
        keys.append(("country-month", f"{f.country} {f.date[:7]}"))
    keys.extend(("tok", t) for t in f.tokens)
    keys.extend(("actor", a) for a in f.actors)
    return keys


def _same_time_or_place(x: Features, y: Features) -> bool:
    """The same month, the same town, a region one names and the other is placed in, or
    (both dated) the same country or region."""
    if x.date and y.date and x.date[:7] == y.date[:7]:
        return True
    if bool(x.date and y.date) and x.region is not None and x.region == y.region:
        return True
    return same_place(x, y) is True or names_region(x, y)


def agreement(a: Sequence[Features], b: Sequence[Features], anchored: bool = False) -> int:
    """The best evidence between two incidents' mentions, or -1 when any two disagree or
    none agree on when or where it happened (a shared word alone, such as the name of the
    hospital the victims were taken to, links nothing). ``anchored``: something else (a
    title naming the incident) already ties them."""
    best = -1
    for x in a:
        for y in b:
            if not compatible(x, y):
                return -1
            best = max(best, score(x, y))
            anchored = anchored or _same_time_or_place(x, y)
    return best if anchored else -1


def _title_names(a: LocalIncident, b: LocalIncident) -> bool:
    """``a`` is a report's main incident and its title names ``b`` ("... in Crocus City Hall
    case"): the title says which incident the report is about."""
    return a.main and any(f.names & a.title_names for f in b.members)


def _said_dates_dropped(a: LocalIncident, b: LocalIncident) -> tuple[Features, ...]:
    """``a``'s members, a date between ``b``'s incident and ``a``'s publication dropped:
    a report whose title names an incident dates what was *said* about it ("said on
    Wednesday that the attack at the Harbour Mall …")."""
    first = min((f.date for f in b.members if f.date and f.precision == "day"), default=None)
    if first is None or a.published is None:
        return a.members
    return tuple(
        dataclasses.replace(f, date=None, precision=None)
        if f.date and f.precision == "day" and first < f.date[:10] <= a.published[:10]
        else f
        for f in a.members
    )


def _evidence(a: LocalIncident, b: LocalIncident, memo: LinkMemo | None) -> tuple[int, bool]:
    """(the evidence that two incidents are one, whether their dates were compared)."""
    key = (a.id, b.id)
    if memo is not None:
        found = memo.mentions.get(key)
        if found is not None and found[0] == a and found[1] == b:
            return found[2]
    named_a, named_b = _title_names(a, b), _title_names(b, a)
    left = _said_dates_dropped(a, b) if named_a else a.members
    right = _said_dates_dropped(b, a) if named_b else b.members
    vague = (named_a and a.vague) or (named_b and b.vague)
    best = agreement(left, right, anchored=vague)
    if best >= 0 and vague:
        best += TITLE_NAMED
    dated = left is a.members and right is b.members
    if memo is not None:
        memo.mentions[key] = (a, b, (best, dated))
    return best, dated


def mention_links(
    incidents: Iterable[LocalIncident],
    compared: AbstractSet[str],
    memo: LinkMemo | None = None,
    languages: Mapping[str, str] | None = None,
) -> list[Link]:
    """Links between local incidents of different reports whose mentions agree.

    ``languages``: the language of each compared incident's report. Reports in two
    languages share no words, so comparing them as wholes tells nothing: their mentions
    link them at the plain threshold.
    """
    ordered = sorted(incidents, key=lambda x: x.id)
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for k, inc in enumerate(ordered):
        for key in incident_blocks(inc):
            blocks[key].append(k)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    link = _mention_pair(compared, memo, languages or {})
    found = (link(ordered[i], ordered[j]) for i, j in sorted(pairs))
    return [x for x in found if x is not None]


def incident_blocks(inc: LocalIncident) -> set[tuple[str, str, str]]:
    """The blocks of one local incident: those of its mentions, in its family."""
    keys = {key for f in inc.members for key in block_keys(f)}
    if inc.main and inc.vague:
        # A report that names its incident only in its title meets it by that name.
        keys.update(("tok", name) for name in inc.title_names)
    return {(inc.family, key[0], key[1]) for key in keys}


def _mention_pair(
    compared: AbstractSet[str], memo: LinkMemo | None, languages: Mapping[str, str]
) -> Callable[[LocalIncident, LocalIncident], Link | None]:
    """The link two local incidents (in id order) make by their mentions, if any."""
    threshold = int(tables()["event_scores"]["link_threshold"])

    def link(a: LocalIncident, b: LocalIncident) -> Link | None:
        if a.doc_id == b.doc_id:
            return None
        # Two reports already compared as wholes are linked by their mentions only on
        # stronger evidence than other pairs need.
        both = a.id in compared and b.id in compared
        apart = languages.get(a.id, "en") != languages.get(b.id, "en")
        need = threshold + (COMPARED_EXTRA if both and not apart else 0)
        best, dated = _evidence(a, b, memo)
        if best < need:
            return None
        # Mention evidence is weaker than a report comparison: it ranks after one.
        return Link(best / 100.0, a.id, b.id, dates=dated)

    return link


def mention_links_kept(
    incidents: Mapping[str, LocalIncident],
    compared: AbstractSet[str],
    index: PairIndex,
    languages: Mapping[str, str],
) -> list[Link]:
    """:func:`mention_links` (incidents by id), comparing again only the pairs an update
    can change. Whether an incident's report was compared as a whole, and its language,
    come with its report's share, so they change only with the incident object."""
    link = _mention_pair(compared, None, languages)
    index.update(incidents, incident_blocks, lambda a, b: link(incidents[a], incidents[b]))
    return index.in_order()


__all__ = [
    "COMPARED_EXTRA",
    "MAX_BLOCK",
    "MAX_POSTINGS",
    "TITLE_NAMED",
    "TOWN_ONLY_THRESHOLD",
    "LinkMemo",
    "agreement",
    "block_keys",
    "incident_blocks",
    "index_keys",
    "mention_links",
    "mention_links_kept",
    "report_links",
    "report_links_kept",
    "strength",
]
