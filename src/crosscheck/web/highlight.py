"""Document text with entities and claims marked, built from character spans.

Every piece of report text goes through :func:`markupsafe.escape`; only the tags this
module writes are markup. Overlapping spans are resolved by priority (claims before
entities, then the earlier and longer span), so the output is always well nested.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass
class Mark:
    """A span to highlight: ``kind`` is a CSS class, ``href`` an in-app link (never report text)."""

    start: int
    end: int
    kind: str
    href: str | None = None
    title: str = ""
    anchor: str | None = None
    priority: int = 0
    classes: list[str] = field(default_factory=list)


def _select(marks: list[Mark], length: int) -> list[Mark]:
    """Non-overlapping marks, preferring high priority, then earlier, then longer spans."""
    chosen: list[Mark] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(marks, key=lambda m: (-m.priority, m.start, -(m.end - m.start)))
    for mark in ordered:
        start, end = max(0, mark.start), min(length, mark.end)
        if start >= end:
            continue
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append(
            Mark(
                start,
                end,
                mark.kind,
                mark.href,
                mark.title,
                mark.anchor,
                mark.priority,
                mark.classes,
            )
        )
    return sorted(chosen, key=lambda m: m.start)


def _open_tag(mark: Mark) -> str:
    classes = " ".join([mark.kind, *mark.classes])
    attrs = [f'class="{escape(classes)}"']
    if mark.anchor:
        attrs.append(f'id="{escape(mark.anchor)}"')
    if mark.title:
        attrs.append(f'title="{escape(mark.title)}"')
    if mark.href:
        attrs.append(f'href="{escape(mark.href)}"')
        return "<a " + " ".join(attrs) + ">"
    return "<mark " + " ".join(attrs) + ">"


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` as HTML with ``marks`` wrapped in links or ``<mark>`` elements."""
    out: list[str] = []
    pos = 0
    for mark in _select(marks, len(text)):
        out.append(str(escape(text[pos : mark.start])))
        out.append(_open_tag(mark))
        out.append(str(escape(text[mark.start : mark.end])))
        out.append("</a>" if mark.href else "</mark>")
        pos = mark.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


__all__ = ["Mark", "highlight"]
