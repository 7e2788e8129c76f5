"""Finding an event or entity from what an analyst typed, and where a retired id went.

Lookups by id, id prefix or name are case-insensitive; a miss raises NotFoundError naming
the closest matches. Shared by every view in :mod:`crosscheck.pipeline.views`.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from crosscheck.errors import NotFoundError
from crosscheck.model import Event
from crosscheck.reconcile.text import fold, words
from crosscheck.store import Store


def _find(items: list[Any], ref: str, names: Any, what: str) -> Any:
    want = fold(ref.strip())
    for item in items:
        if item.id.casefold() == want:
            return item
    prefixed = [i for i in items if i.id.casefold().startswith(want)] if len(want) >= 3 else []
    if len(prefixed) == 1:
        return prefixed[0]
    named = [i for i in items if any(fold(n) == want for n in names(i))]
    if not named:
        named = (
            [i for i in items if any(want in fold(n) for n in names(i))] if len(want) >= 3 else []
        )
    if not named and len(want) >= 3:
        # "Lakeside depot bombing" names "bombing at the Lakeside depot, 2 Mar 2031": every
        # word of the reference in the name, in any order.
        said = set(words(want))
        named = [i for i in items if any(said <= set(words(n)) for n in names(i))]
    if len(named) >= 1 and len({i.id for i in named}) == 1:
        return named[0]
    candidates = {n: i.id for i in items for n in names(i)}
    close = process.extract(ref, list(candidates), scorer=fuzz.WRatio, limit=5)
    hint = ", ".join(f"{name} ({candidates[name]})" for name, _, _ in close)
    many = len({i.id for i in named}) > 1 or len(prefixed) > 1
    why = "matches several" if many else "matches no"
    raise NotFoundError(
        f"{ref!r} {why} {what}s; "
        + (f"close: {hint}" if hint else f"the store has no {what}s yet")
        + "; use an id"
    )


def event_dict(event: Event) -> dict[str, Any]:
    """An event as every face shows it."""
    return {
        "id": event.id,
        "type": event.type,
        "name": event.name,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location,
        "country": event.country,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "actors": event.actors,
        "mention_ids": list(event.mention_ids),
    }


def _quick(store: Store, ref: str, kind: str) -> str | None:
    """The id ``ref`` names when it is an exact id or a unique id prefix, else None.

    Pages link by id, so this answers almost every lookup with two indexed queries; names
    and anything ambiguous go through :func:`_find`, which explains a miss.
    """
    want = fold(ref.strip())
    exact = store.get_event(want) if kind == "event" else store.get_entity(want)
    if exact is not None:
        return exact.id
    if len(want) >= 3:
        ids = store.ids_with_prefix(kind, want, limit=2)
        if len(ids) == 1 and ids[0].casefold().startswith(want):
            return ids[0]
    return None


def find_event_record(store: Store, ref: str) -> Event:
    """The stored event ``ref`` names (see :func:`find_event`)."""
    quick = _quick(store, ref, "event")
    event = store.get_event(quick) if quick else None
    if event is None:
        event = _find(store.events(), ref, lambda e: [e.name, e.location or ""], "event")
    return event


def find_event(store: Store, ref: str) -> dict[str, Any]:
    """One event by id, id prefix or name (case-insensitive)."""
    return event_dict(find_event_record(store, ref))


def find_entity(store: Store, ref: str) -> dict[str, Any]:
    """One entity by id, id prefix, name or alias (case-insensitive)."""
    quick = _quick(store, ref, "entity")
    entity = store.get_entity(quick) if quick else None
    if entity is None:
        entity = _find(store.entities(), ref, lambda e: [e.name, *e.aliases], "entity")
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": dict(entity.aliases),
        "mention_ids": list(entity.mention_ids),
        "keys": store.entity_mention_keys(entity.id),
    }


def moved_to(store: Store, kind: str, ref: str) -> str | None:
    """The id that took over a retired entity, event or group id (``kind``), or None.

    A merge, a split or a corrected figure can give a record another id; links to the old
    one lead here (see :mod:`crosscheck.store.successors`).
    """
    new = store.successor(kind, ref.strip())
    if new is None:
        return None
    lookup = {"entity": store.get_entity, "event": store.get_event, "group": store.get_group}
    return new if lookup[kind](new) is not None else None


__all__ = ["event_dict", "find_entity", "find_event", "find_event_record", "moved_to"]
