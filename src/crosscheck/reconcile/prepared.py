"""Extraction records that remember their stable ids and event features.

``Mention.id``, ``EventMention.id`` and ``Claim.id`` hash their fields on every access, and
reconciliation reads them hundreds of thousands of times; the features of an event mention
are as costly to derive. The prepared subclasses compute both once; reconciliation only
reads their fields and ids, so its results are the same as with the plain records.
Pure: no store.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TypeVar

from crosscheck.model import Claim, EventMention, Mention
from crosscheck.reconcile.mentionfeatures import Features, features

# The base classes compute ``id`` in a property, hashing their fields on every read. The
# prepared classes shadow it with a plain class attribute, so the value each instance stores
# under "id" at creation is found first: reading an id becomes a dictionary lookup.
_ID_SLOT = ""


@dataclass
class PreparedMention(Mention):
    """A :class:`Mention` whose id is computed once."""

    known_id: str = field(default="", repr=False, compare=False)

    id = _ID_SLOT  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.__dict__["id"] = self.known_id


@dataclass
class PreparedEventMention(EventMention):
    """An :class:`EventMention` whose id and :class:`Features` are computed once."""

    known_id: str = field(default="", repr=False, compare=False)
    known_features: Features | None = field(default=None, init=False, repr=False, compare=False)
    # The features in their report's context and what they were derived from (see
    # crosscheck.reconcile.leads.with_context): lead place, publication date, title.
    known_context: tuple[object, str | None, str, Features] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    id = _ID_SLOT  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.__dict__["id"] = self.known_id


@dataclass
class PreparedClaim(Claim):
    """A :class:`Claim` whose id is computed once."""

    known_id: str = field(default="", repr=False, compare=False)

    id = _ID_SLOT  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.__dict__["id"] = self.known_id


_R = TypeVar("_R", EventMention, Claim)


def _prepared(record: _R, base: type[_R], prepared: type[_R]) -> _R:
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(base)}
    return prepared(**values, known_id=record.id)  # type: ignore[call-arg]


def prepare_mentions(mentions: list[Mention]) -> list[Mention]:
    """The mentions as :class:`PreparedMention` (already prepared ones are kept)."""
    return [m if isinstance(m, PreparedMention) else _prepare_mention(m) for m in mentions]


def _prepare_mention(m: Mention) -> Mention:
    return PreparedMention(m.doc_id, m.start, m.end, m.text, m.label, m.key, m.canonical, m.id)


def prepare_event_mentions(event_mentions: list[EventMention]) -> list[EventMention]:
    """The event mentions as :class:`PreparedEventMention` (already prepared ones are kept)."""
    kinds = (EventMention, PreparedEventMention)
    return [
        em if isinstance(em, PreparedEventMention) else _prepared(em, *kinds)
        for em in event_mentions
    ]


def prepare_claims(claims: list[Claim]) -> list[Claim]:
    """The claims as :class:`PreparedClaim`; analyst-edited or prepared claims are kept."""
    return [c if type(c) is not Claim else _prepared(c, Claim, PreparedClaim) for c in claims]


def features_of(em: EventMention) -> Features:
    """The :class:`Features` of an event mention, remembered on prepared ones."""
    if isinstance(em, PreparedEventMention):
        if em.known_features is None:
            em.known_features = features(em)
        return em.known_features
    return features(em)


_T = TypeVar("_T")


def shallow_copy(record: _T) -> _T:
    """A shallow copy of a plain dataclass record, five times cheaper than ``copy.copy``.

    Reconciliation hands out copies of remembered entities, events and groups, thousands
    per update, so that callers may change them without changing what is remembered.
    """
    out: _T = object.__new__(type(record))
    out.__dict__.update(record.__dict__)
    return out


__all__ = [
    "PreparedClaim",
    "PreparedEventMention",
    "PreparedMention",
    "features_of",
    "prepare_claims",
    "prepare_event_mentions",
    "prepare_mentions",
    "shallow_copy",
]
