"""Finding a picture record again after re-processing, a rebuild or an analyst's merge.

Claim, statement and document ids hash a document and a span, so they never change while
that text is extracted the same way. Event and group ids do: an event's id follows the
first mention of its incident, a group's id follows its subject's, so when incidents
re-link the same incident may get another id. An :class:`~crosscheck.assess.records.Anchor`
therefore keeps the members that identify the record whatever its id (an event's mention
ids, a group's claim ids); :func:`relocate` finds the record that holds them now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from crosscheck.assess.records import Anchor


def relocate(
    anchor: Anchor, exists: Callable[[str], bool], owners: Mapping[str, str]
) -> str | None:
    """The current id of the record ``anchor`` names, or None when it is gone.

    Args:
        anchor: what was stored.
        exists: whether an id names a record now.
        owners: member -> the id of the record holding it now (only the anchor's members
            need to be there).

    The stored id wins while it exists and still holds one of its members (or the anchor
    has none); otherwise the record holding most of the members (ties: the smallest id).
    """
    held = Counter(owners[m] for m in anchor.members if m in owners)
    if exists(anchor.id) and (not anchor.members or anchor.id in held):
        return anchor.id
    if not held:
        return None
    most = max(held.values())
    return min(k for k, n in held.items() if n == most)


__all__ = ["relocate"]
