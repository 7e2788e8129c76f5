"""Plain typed records that flow through crosscheck.

``ingest`` produces :class:`Document`; ``analysis`` produces the per-document
extractions (:class:`Mention`, :class:`Claim`, :class:`EventMention`,
:class:`Statement`); ``reconcile`` turns all of them into the cross-document
picture (:class:`Entity`, :class:`Event`, :class:`ClaimGroup`). Records carry
no behaviour beyond (de)serialisation so every layer can use them; this module
imports nothing from the rest of the package.

Records are frozen and slotted: a record handed to a later stage (or remembered by
:class:`crosscheck.reconcile.Reconciler`) never changes under it, and a changed record is a
new object (``dataclasses.replace``). Ids derived from content are computed once, when the
record is made. :class:`Extraction` and :class:`Picture` are containers that stages fill.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Event measures (counts about one incident) and statistic measures, per DESIGN.md.
EVENT_MEASURES: tuple[str, ...] = (
    "killed",
    "injured",
    "arrested",
    "perpetrators",
    "displaced",
    "deported",
    "sentenced",
    "missing",
    "casualties",
)
STATISTIC_MEASURES: tuple[str, ...] = ("count", "percent", "rank", "amount")
MEASURES: tuple[str, ...] = EVENT_MEASURES + STATISTIC_MEASURES

STATUSES: tuple[str, ...] = ("single", "corroborated", "consistent", "conflict", "evolving")

#: "night": the night into the day given (Russian "в ночь на 9 мая"), from the evening of
#: the day before: an incident dated either day may be the one.
Precision = Literal["day", "night", "month", "year"]


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A deterministic id such as ``c-1a2b…`` built from ``parts``: the same in any ingest
    order and process, so re-processing and recomputation from scratch give the same ids."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Document:
    """One report as stored: normalised text plus metadata."""

    id: str
    content_hash: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None
    format: str = "text"
    supersedes: str | None = None  # id of the previous version of the same path/url
    status: str = "ok"  # "ok", or e.g. "no extractor for ru"
    ingested_at: str | None = None
    # The path as shown: as given to ingest when that was relative, else relative to the
    # folder given ("reports/a.txt" for /home/ana/reports). Read from a store, ``path`` is
    # this name; the stored path (the source identity for versions) never leaves the store.
    name: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    def summary(self) -> dict[str, Any]:
        """The listing shape used by ``docs``/``search`` and the claim contract."""
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
        }


def _set_id(record: Any, value: str) -> None:
    """Give a frozen record its content-derived id, once, when it is made."""
    object.__setattr__(record, "id", value)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names an entity."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, ARMED_GROUP, AGENCY, GPE, LOC, FAC, NORP
    key: str  # canonical key before cross-document resolution (gazetteer id or normalised text)
    canonical: str | None = None  # gazetteer canonical name when known
    id: str = field(init=False, compare=False, repr=False, default="")

    def __post_init__(self) -> None:
        _set_id(self, stable_id("m", self.doc_id, self.start, self.end))


@dataclass(frozen=True, slots=True)
class Subject:
    """What a figure is about: an event or an entity (or, before resolution, a phrase)."""

    kind: Literal["event", "entity", "none"]
    id: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class Claim:
    """A sourced figure, per the claim contract in DESIGN.md."""

    doc_id: str
    measure: str
    low: float | int | None
    high: float | int | None
    span: tuple[int, int]
    sentence: str
    label: str
    approximate: bool = False
    vague: bool = False
    as_of: str | None = None
    attributed_to: str | None = None
    # Pre-resolution subject: an event-mention id or an entity key, plus words.
    subject_kind: Literal["event", "entity", "none"] = "none"
    subject_ref: str | None = None
    subject_name: str | None = None
    # What is counted, normalised ("fighters", "population muslim"): part of the group key.
    counted: str = ""
    # Filled by reconcile: the resolved subject.
    subject: Subject | None = None
    corrected: bool = False
    status: str = "machine"  # machine | confirmed | rejected | edited
    # The report credits the figure to a source it calls unconfirmed (rumour, social media).
    unconfirmed: bool = False
    # The id of the report's total this figure is a part of, as extraction read it
    # ("eight killed, including two embassy staff").
    part_of: str | None = None
    # Filled from the picture: the report's total this figure is a part of, however found
    # (see crosscheck.reconcile.parts); the claim contract's ``part_of``.
    total_id: str | None = None
    # An analyst's edit keeps the id of the figure it corrects (see reconcile.corrections).
    corrects: str | None = field(default=None, repr=False)
    id: str = field(init=False, compare=False, repr=False, default="")

    def __post_init__(self) -> None:
        if not isinstance(self.span, tuple):
            object.__setattr__(self, "span", tuple(self.span))
        own = stable_id("c", self.doc_id, self.span[0], self.span[1], self.measure)
        _set_id(self, self.corrects or own)


@dataclass(frozen=True, slots=True)
class Actor(Mapping[str, str]):
    """Someone an event mention names, with the role the sentence gives them.

    Read like the dictionary it is stored as (``actor["name"]``, ``actor.get("role")``).
    """

    role: str
    name: str
    key: str = ""

    def __getitem__(self, item: str) -> str:
        if item in ("role", "name", "key"):
            return str(getattr(self, item))
        raise KeyError(item)

    def __iter__(self) -> Iterator[str]:
        return iter(("role", "name", "key"))

    def __len__(self) -> int:
        return 3


def actors_of(items: Iterable[Mapping[str, str]]) -> tuple[Actor, ...]:
    """Actors from their stored form (dicts with role, name and key)."""
    return tuple(
        a
        if isinstance(a, Actor)
        else Actor(str(a.get("role", "")), str(a.get("name", "")), str(a.get("key") or ""))
        for a in items
    )


@dataclass(frozen=True, slots=True)
class EventMention:
    """One document's description of an incident."""

    doc_id: str
    # attack, shooting, bombing, suicide_bombing, arson, arrest, plot, claim, warning,
    # sentencing, deportation
    type: str
    trigger: str
    span: tuple[int, int]
    sentence: str
    date: str | None = None  # ISO date at the given precision's start
    date_precision: Precision | None = None
    location: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    actors: tuple[Actor, ...] = ()  # each reads as {"role", "name", "key"}
    description: str = ""
    id: str = field(init=False, compare=False, repr=False, default="")

    def __post_init__(self) -> None:
        if not isinstance(self.span, tuple):
            object.__setattr__(self, "span", tuple(self.span))
        if not isinstance(self.actors, tuple) or not all(isinstance(a, Actor) for a in self.actors):
            object.__setattr__(self, "actors", actors_of(self.actors))
        _set_id(self, stable_id("em", self.doc_id, self.span[0], self.span[1], self.type))


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what: speaker, stance verb and content."""

    doc_id: str
    speaker: str
    verb: str
    stance: str  # claims, denies, blames, warns, confirms, dismisses, says
    content: str
    span: tuple[int, int]
    sentence: str
    speaker_key: str | None = None
    id: str = field(init=False, compare=False, repr=False, default="")

    def __post_init__(self) -> None:
        if not isinstance(self.span, tuple):
            object.__setattr__(self, "span", tuple(self.span))
        _set_id(self, stable_id("s", self.doc_id, self.span[0], self.span[1]))


@dataclass(frozen=True, slots=True)
class Profile:
    """A report's weighted words (see :mod:`crosscheck.analysis.profile`): sorted
    (word, weight) pairs of unit length, for its whole text, its title and its lead."""

    doc_id: str
    terms: tuple[tuple[str, float], ...] = ()
    title: tuple[tuple[str, float], ...] = ()
    lead: tuple[tuple[str, float], ...] = ()


@dataclass
class Extraction:
    """Everything analysis found in one document."""

    doc_id: str
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    profile: Profile | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved actor, place or organisation across documents."""

    id: str
    name: str
    label: str
    aliases: dict[str, list[str]] = field(default_factory=dict)  # alias -> doc ids that taught it
    mention_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Event:
    """A resolved incident across documents."""

    id: str
    type: str
    name: str
    date: str | None = None
    date_precision: Precision | None = None
    location: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    mention_ids: list[str] = field(default_factory=list)
    actors: tuple[Actor, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.actors, tuple) or not all(isinstance(a, Actor) for a in self.actors):
            object.__setattr__(self, "actors", actors_of(self.actors))


@dataclass(frozen=True, slots=True)
class Estimate:
    low: float | int | None
    best: float | int | None
    high: float | int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """All claims about the same subject and measure, with a verdict."""

    id: str
    subject: Subject
    measure: str
    label: str
    status: str
    claims: list[str]
    sources: int
    estimate: Estimate
    conservative: float | int | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject.to_dict(),
            "measure": self.measure,
            "label": self.label,
            "status": self.status,
            "claims": list(self.claims),
            "sources": self.sources,
            "estimate": self.estimate.to_dict(),
            "conservative": self.conservative,
            "reason": self.reason,
        }


@dataclass
class Picture:
    """The reconciled, cross-document layer that ``reconcile`` computes and the store keeps."""

    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    groups: list[ClaimGroup] = field(default_factory=list)
    # claim id -> resolved subject; mention id -> entity id; event-mention id -> event id
    claim_subjects: dict[str, Subject] = field(default_factory=dict)
    mention_entities: dict[str, str] = field(default_factory=dict)
    event_links: dict[str, str] = field(default_factory=dict)
    # claim id -> id of its report's total, for figures that are parts of one
    claim_parts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Correction:
    """An analyst's decision, stored as its own record and re-applied after re-processing."""

    target_kind: Literal["claim", "entity", "event"]
    target: str  # stable id of the target (claim id, entity key/id, event id)
    action: str  # confirm, reject, edit, merge, split
    payload: dict[str, Any] = field(default_factory=dict)
    author: str = "analyst"
    reason: str = ""
    created_at: str | None = None
    id: int | None = None


__all__ = [
    "EVENT_MEASURES",
    "MEASURES",
    "STATISTIC_MEASURES",
    "STATUSES",
    "Actor",
    "Claim",
    "ClaimGroup",
    "Correction",
    "Document",
    "Entity",
    "Estimate",
    "Event",
    "EventMention",
    "Extraction",
    "Mention",
    "Picture",
    "Profile",
    "Statement",
    "Subject",
    "actors_of",
    "stable_id",
]
