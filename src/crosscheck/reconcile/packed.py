"""Word tables in a saved state: written packed, unpacked when first read.

A report's weighted words (its :class:`~crosscheck.model.Profile`, and the word tables of its
side of a report comparison, :class:`~crosscheck.reconcile.incidents.reports.Report`) are read
only when that report is compared or its side is built again: an update does it for the
reports it changes and the few pairs it compares. Yet those words are half the objects of a
saved state, and reading a state is creating its objects. So :mod:`crosscheck.reconcile.snapshot`
writes each table as two strings, the words and their weights, and reads it back as a
:class:`SavedProfile` or :class:`SavedReport`: the same record, whose word tables are unpacked
on first read. A record whose tables were never read is written again as it was read.

Weights are written as little-endian IEEE doubles: what is read back is the very float.
A table with a word holding the separator (never made by :mod:`crosscheck.analysis.profile`)
keeps its words as a tuple. Pure: no store.
"""

from __future__ import annotations

import dataclasses
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from crosscheck.model import Profile
from crosscheck.reconcile.incidents.reports import Report

_SEP = "\x00"
#: The word tables of each record, in the order they are packed.
_TABLES = ("terms", "title", "lead")
#: A packed table: its words (joined by ``_SEP`` when none holds it) and their weights as
#: little-endian doubles.
Packed = tuple[str | tuple[str, ...], bytes]


def _pack(words: Iterable[str], weights: Iterable[float]) -> Packed:
    listed = list(words)
    joined = _SEP.join(listed)
    values = array("d", weights)
    if sys.byteorder == "big":
        values.byteswap()
    whole = joined.count(_SEP) != max(len(listed) - 1, 0)
    return (tuple(listed) if whole else joined), values.tobytes()


def _unpack(packed: Packed) -> tuple[Iterable[str], list[float]]:
    words, raw = packed
    values = array("d")
    values.frombytes(raw)
    if sys.byteorder == "big":
        values.byteswap()
    if isinstance(words, str):
        return (words.split(_SEP) if raw else ()), values.tolist()
    return words, values.tolist()


def _pairs(packed: Packed) -> tuple[tuple[str, float], ...]:
    return tuple(zip(*_unpack(packed), strict=True))


def _table(packed: Packed) -> dict[str, float]:
    return dict(zip(*_unpack(packed), strict=True))


_PROFILE_SLOTS = MappingProxyType({name: Profile.__dict__[name] for name in ("doc_id", *_TABLES)})


class SavedProfile(Profile):
    """A :class:`~crosscheck.model.Profile` read from a saved state; equal to the profile
    it was saved from, its word tables unpacked on first read."""

    __slots__ = ("_packed",)

    def __getattr__(self, name: str) -> Any:
        # Called only for an unset slot: the tables, before their first read.
        if name not in _TABLES:
            raise AttributeError(name)
        for table, packed in zip(_TABLES, self._packed, strict=True):
            _PROFILE_SLOTS[table].__set__(self, _pairs(packed))
        return getattr(self, name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in _PROFILE_SLOTS)

    __hash__ = Profile.__hash__


def _shaped(packed: Any) -> tuple[Packed, ...]:
    """``packed`` if it holds one packed table per word table (else the read fails)."""
    if not isinstance(packed, tuple) or len(packed) != len(_TABLES):
        raise TypeError("saved word tables of the wrong shape")
    return packed


def saved_profile(doc_id: str, packed: tuple[Packed, ...]) -> SavedProfile:
    """The profile :func:`reduce_profile` wrote (named by the saved bytes)."""
    packed = _shaped(packed)
    out = object.__new__(SavedProfile)
    _PROFILE_SLOTS["doc_id"].__set__(out, doc_id)
    SavedProfile._packed.__set__(out, packed)  # type: ignore[attr-defined]
    return out


def _still_packed(record: Any) -> tuple[Packed, ...] | None:
    try:
        packed: tuple[Packed, ...] = record._packed
    except AttributeError:
        return None
    return packed


def reduce_profile(profile: Profile) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """How a profile is written: its doc id and its packed tables."""
    packed = _still_packed(profile) if isinstance(profile, SavedProfile) else None
    if packed is None:
        tables = [getattr(profile, t) for t in _TABLES]
        packed = tuple(_pack((w for w, _ in t), (v for _, v in t)) for t in tables)
    return saved_profile, (profile.doc_id, packed)


_REPORT_FIELDS = frozenset(f.name for f in dataclasses.fields(Report))


class SavedReport(Report):
    """A :class:`~crosscheck.reconcile.incidents.reports.Report` read from a saved state,
    its word tables unpacked on first read."""

    def __getattr__(self, name: str) -> Any:
        # Called only for a missing attribute: the tables, before their first read.
        held = self.__dict__
        if name not in _TABLES or "_packed" not in held:
            raise AttributeError(name)
        for table, packed in zip(_TABLES, held.pop("_packed"), strict=True):
            held[table] = _table(packed)
        return held[name]


def saved_report(state: dict[str, Any], packed: tuple[Packed, ...]) -> SavedReport:
    """The report :func:`reduce_report` wrote (named by the saved bytes)."""
    if not isinstance(state, dict) or state.keys() != _REPORT_FIELDS - set(_TABLES):
        raise TypeError("a saved report's fields are not a report's")
    packed = _shaped(packed)
    out = object.__new__(SavedReport)
    out.__dict__.update(state)
    out.__dict__["_packed"] = packed
    return out


def reduce_report(report: Report) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    """How a report's side is written: its fields but the tables, and the packed tables."""
    state = dict(report.__dict__)
    packed = state.pop("_packed", None)
    tables = [state.pop(t, None) for t in _TABLES]
    if packed is None:
        packed = tuple(_pack(t.keys(), t.values()) for t in tables if t is not None)
    return saved_report, (state, packed)


#: The writer of each record class written packed.
REDUCERS: Mapping[type, Callable[[Any], Any]] = MappingProxyType(
    {
        Profile: reduce_profile,
        SavedProfile: reduce_profile,
        Report: reduce_report,
        SavedReport: reduce_report,
    }
)
#: What the saved bytes may name to build them back.
BUILDERS: Mapping[str, Callable[..., Any]] = MappingProxyType(
    {"saved_profile": saved_profile, "saved_report": saved_report}
)

__all__ = ["BUILDERS", "REDUCERS", "SavedProfile", "SavedReport"]
