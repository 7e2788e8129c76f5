"""Whether two reports are about the same incident, from everything each report says.

Event mentions alone link local news badly: hundreds of reports of different shootings say
"the shooting" in nearby towns. Two reports of one incident share more than that: rare words
(a victim's surname, a street, a venue), their titles and leads, the town, the day the
incident happened (resolved against each publication date), the toll. This module turns a
pair of reports into those comparisons and weighs them with a logistic model trained on real
local news (``data/en/linking.json``, made by ``scripts/train_linking.py``, which also says how
well it does on reports it was not trained on). Pure: no store.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from crosscheck.analysis.profile import weights
from crosscheck.model import Claim, Mention, Profile
from crosscheck.reconcile.dates import day
from crosscheck.reconcile.leads import LeadPlace
from crosscheck.reconcile.mentionfeatures import Features, km
from crosscheck.reconcile.text import tables

_NAME_WORD = re.compile(r"[a-z]+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Only the first entity mentions of a report name its places (later ones are background).
_PLACE_MENTIONS = 15
#: Two reports dating their incidents in words further apart than this: two incidents.
WRITTEN_DAYS_APART = 2
#: A report that gives its incident no day, published after the day another report dates
#: its incident: their incidents are taken to be at most this many days apart. A follow-up
#: weeks or months later ("third arrest in the Gibbs Street shooting") is dated by its
#: publication day, which says nothing of when its incident happened.
UNDATED_FOLLOW_UP_DAYS = 30


@dataclass(frozen=True)
class LinkModel:
    """The trained weights of the report-pair model and the thresholds around it."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    candidate_cosine: float
    index_terms: int
    mean_strength: float


@cache
def _models() -> dict[str, LinkModel]:
    """Every language's report-pair model, loaded once."""
    out: dict[str, LinkModel] = {}
    root = resources.files("crosscheck.data")
    for folder in root.iterdir():
        path = folder.joinpath("linking.json")
        if folder.is_dir() and path.is_file():
            data: dict[str, Any] = json.loads(path.read_text("utf-8"))
            out[folder.name] = LinkModel(
                features=tuple(data["features"]),
                weights=tuple(float(w) for w in data["weights"]),
                bias=float(data["bias"]),
                threshold=float(data["threshold"]),
                candidate_cosine=float(data["candidate_cosine"]),
                index_terms=int(data["index_terms"]),
                mean_strength=float(data.get("mean_strength", 0.0)),
            )
    return out


def link_model(lang: str = "en") -> LinkModel:
    """The report-pair model of ``lang`` (the English one when it has none)."""
    models = _models()
    return models.get(lang) or models["en"]


@dataclass(frozen=True, eq=False)
class Report:
    """What one report brings to a comparison with another."""

    doc_id: str
    published: date | None
    terms: dict[str, float]
    title: dict[str, float]
    lead: dict[str, float]
    surnames: frozenset[str]
    names: frozenset[str]
    places: frozenset[str]
    lead_places: frozenset[str]
    incident_date: date | None
    dated: bool
    killed: float | None
    language: str = "en"
    index: tuple[str, ...] = field(default=())
    town: LeadPlace | None = None  # the town its title or lead names
    written_date: date | None = None  # its incident's day, when written with a month name
    # The towns (key, point) its main incident's own mentions name ("stormed the station in
    # Gent"), not the lead's context.
    sites: tuple[tuple[str, tuple[float, float]], ...] = ()


def _person_names(mentions: Iterable[Mention]) -> tuple[frozenset[str], frozenset[str]]:
    """Surnames and "first last" names of the people a report names."""
    surnames: set[str] = set()
    full: set[str] = set()
    for m in mentions:
        if m.label != "PERSON":
            continue
        toks = [t for t in _NAME_WORD.findall(m.key) if t not in _SUFFIXES]
        if len(toks) >= 2:
            surnames.add(toks[-1])
            full.add(" ".join(toks[-2:]))
    return frozenset(w for w in surnames if len(w) > 2), frozenset(full)


def report(
    profile: Profile,
    published: str | None,
    mentions: Sequence[Mention],
    main: Sequence[Features],
    claims: Sequence[Claim],
    language: str | None = None,
    town: LeadPlace | None = None,
    written: Collection[str] = (),
    others: Sequence[Features] = (),
) -> Report:
    """A report's side of a comparison.

    Args:
        profile: its weighted words.
        published: its publication date (ISO).
        mentions: its entity mentions (people and places).
        main: the features of the event mentions of its main violent incident.
        claims: its claims (its largest death toll is compared).
        language: its language, for the word weights of its index.
        town: the town its title or lead names (see crosscheck.reconcile.leads).
        written: the ids of its main incident's mentions whose date the text writes with a
            month name (not a weekday resolved against the publication date).
        others: the mentions of its other violent incidents. When its main incident's own
            mentions give no day, the day they give nearest before publication dates it.
    """
    surnames, names = _person_names(mentions)
    places, lead_places = _places(mentions, main)
    pub = day(published)
    dated = [d for f in main if f.date and f.precision == "day" for d in [day(f.date)] if d]
    incident = min(dated, key=lambda d: (abs((d - pub).days), d)) if dated and pub else pub
    if not dated and pub:
        incident = _told_day(others, pub) or pub
    tolls = [c.low for c in claims if c.measure == "killed" and c.low is not None]
    lang = language or "en"
    return Report(
        doc_id=profile.doc_id,
        published=pub,
        terms=dict(profile.terms),
        title=dict(profile.title),
        lead=dict(profile.lead),
        surnames=surnames,
        names=names,
        places=places,
        lead_places=lead_places,
        incident_date=incident,
        dated=bool(dated),
        killed=float(max(tolls)) if tolls else None,
        language=lang,
        index=_index(profile, lang),
        town=town,
        sites=tuple(sorted({(f.place, f.coords) for f in main if f.place and f.coords})),
        written_date=next(
            (d for f in main if f.id in written and (d := day(f.date)) is not None), None
        ),
    )


def _places(
    mentions: Sequence[Mention], main: Sequence[Features]
) -> tuple[frozenset[str], frozenset[str]]:
    """The places a report is about (its main incident's, its first mentions') and the
    towns its lead names."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.id))
    places = {f.place for f in main if f.place}
    places.update(m.key for m in ordered[:_PLACE_MENTIONS] if m.label in _PLACE_LABELS)
    lead_places = {m.key for m in ordered if m.label == "GPE" and m.start < 400}
    return frozenset(places), frozenset(lead_places)


def _index(profile: Profile, lang: str) -> tuple[str, ...]:
    """Index a report under its heaviest words that are not common in news: two reports of
    one incident share at least one of them, two of different incidents rarely do."""
    common = weights(lang).common
    ranked = sorted(profile.terms, key=lambda kv: (-kv[1], kv[0]))
    return tuple(w for w, _ in ranked if w not in common)[: link_model(lang).index_terms]


def _told_day(others: Sequence[Features], published: date) -> date | None:
    """The day, on or before publication, nearest it that another violent incident of the
    report is dated: a follow-up names its incident by place ("the East Side shooting") and
    dates it in a sentence of its own ("the shooting on Jan. 19") that may not join it (a
    neighbourhood geocoded to a namesake elsewhere). Better than its publication day, which
    for a report weeks later says nothing of when the incident happened."""
    days = [
        d
        for f in others
        if f.date and f.precision == "day"
        for d in [day(f.date)]
        if d is not None and d <= published
    ]
    return max(days, default=None)


def _undated_follow_up(later: Report, first: Report) -> bool:
    """``later`` gives its incident no day and appeared on or after the day ``first``
    dates its own."""
    return (
        not later.dated
        and first.dated
        and later.published is not None
        and first.incident_date is not None
        and later.published >= first.incident_date
    )


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length word-weight vectors."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * large.get(w, 0.0) for w, v in small.items())


def _agree(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when two sets share a member, 0 when both are known and share none, else 0.5."""
    if a & b:
        return 1.0
    return 0.0 if a and b else 0.5


def pair_features(a: Report, b: Report) -> tuple[float, ...]:
    """The comparisons of two reports, in the order of ``LinkModel.features``."""
    cos = cosine(a.terms, b.terms)
    shared = a.surnames & b.surnames
    common = weights(a.language).common
    rare = weights(a.language).rare
    surname_weight = sum(common.get(w, rare) for w in shared)
    same_place = _agree(a.places, b.places)
    days = (
        abs((a.incident_date - b.incident_date).days) if a.incident_date and b.incident_date else 99
    )
    if _undated_follow_up(a, b) or _undated_follow_up(b, a):
        days = min(days, UNDATED_FOLLOW_UP_DAYS)
    days = min(days, 60)
    gap = abs((a.published - b.published).days) if a.published and b.published else 400
    gap = min(gap, 400)
    title = cosine(a.title, b.title)
    lead = cosine(a.lead, b.lead)
    names = len(a.names & b.names)
    lead_place = _agree(a.lead_places, b.lead_places)
    both_dated = float(a.dated and b.dated)
    toll = 0.5 if a.killed is None or b.killed is None else float(a.killed == b.killed)
    close = float(days <= 2)
    same_town, far_towns = _towns(a, b)
    return (
        cos,
        math.sqrt(max(cos, 0.0)),
        float(bool(shared)),
        surname_weight,
        same_place,
        float(days <= 1),
        float(days <= 3),
        float(days),
        math.log1p(gap),
        cos * close,
        cos * same_place,
        title,
        lead,
        math.sqrt(max(lead, 0.0)),
        float(names > 0),
        float(min(names, 3)),
        lead_place,
        both_dated * float(days <= 1),
        both_dated * float(days > 3),
        toll,
        same_town,
        far_towns,
        cos * same_town,
    )


FEATURES: tuple[str, ...] = (
    "cosine",
    "sqrt_cosine",
    "shares_surname",
    "surname_weight",
    "same_place",
    "within_1_day",
    "within_3_days",
    "days_apart",
    "log_publication_gap",
    "cosine_if_within_2_days",
    "cosine_if_same_place",
    "title_cosine",
    "lead_cosine",
    "sqrt_lead_cosine",
    "shares_full_name",
    "full_names_shared",
    "same_lead_place",
    "both_dated_within_1_day",
    "both_dated_over_3_days",
    "same_toll",
    "same_lead_town",
    "lead_towns_far_apart",
    "cosine_if_same_lead_town",
)


def conflicting(a: Report, b: Report) -> bool:
    """Two reports that date their incidents in words to days apart ("on 3 June", "on
    8 June"): two incidents, however alike their words. A weekday resolved against the
    publication date ("on Tuesday") is not trusted this far: a follow-up's "Tuesday" may
    be another week's."""
    if a.written_date is None or b.written_date is None:
        return False
    return abs((a.written_date - b.written_date).days) > WRITTEN_DAYS_APART


def placed_apart(a: Report, b: Report) -> bool:
    """Two reports whose incidents everything says happened in towns far apart: the towns
    their titles or leads name, and every pair of the towns their incidents' own mentions
    name, are further apart than ``nearby_km``, and no person is named in both.

    An incident has one place, as for mentions (``mentionfeatures.compatible``). The report
    model, trained on local news of one country, barely weighs far-apart towns, so reports
    of different attacks written alike ("gunmen stormed the market in ..., the minister
    condemned ...") in different countries read as one. Neither the lead's town nor a
    mention's place alone is trusted this far: a neighbourhood or a word of a headline
    ("Man shot ...") geocoded to a far namesake is common in local news.
    """
    if not (a.sites and b.sites) or a.names & b.names or a.surnames & b.surnames:
        return False
    if not _towns(a, b)[1]:
        return False
    # A town named by a word common in news ("Man", "Franklin", "Valley") names many places.
    common = weights(a.language).common
    named = [k for k, _ in a.sites + b.sites]
    if a.town is not None and b.town is not None:
        named += [a.town.key, b.town.key]
    if any(k in common for k in named):
        return False
    nearby = float(tables()["nearby_km"])
    return all(
        km(ca, cb) > nearby and not (ka in kb or kb in ka)
        for ka, ca in a.sites
        for kb, cb in b.sites
    )


def _towns(a: Report, b: Report) -> tuple[float, float]:
    """(same town named, towns far apart): whether the towns two reports' titles or leads
    name are one (1, 0 or 0.5 when either names none), and whether both are known and
    further apart than ``nearby_km`` (1 or 0)."""
    if a.town is None or b.town is None:
        return 0.5, 0.0
    ka, kb = a.town.key, b.town.key
    if ka == kb or ka in kb or kb in ka:
        return 1.0, 0.0
    if a.town.coords is None or b.town.coords is None:
        return 0.0, 0.0
    return 0.0, float(km(a.town.coords, b.town.coords) > float(tables()["nearby_km"]))


def probability(values: Sequence[float], model: LinkModel) -> float:
    """The model's probability that two reports describe one incident."""
    z = model.bias + sum(w * x for w, x in zip(model.weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


__all__ = [
    "FEATURES",
    "LinkModel",
    "Report",
    "conflicting",
    "cosine",
    "link_model",
    "pair_features",
    "placed_apart",
    "probability",
    "report",
]
