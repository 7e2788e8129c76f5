"""The cross-checked brief a person hands to a colleague, as Markdown or HTML.

It opens with the bottom line and its scope (generation date, reports used). Per
incident: what the sources agree on, where they differ (each source's figure, date and
quoted sentence, and the reason for the verdict in words), how a figure evolved over
time (an SVG chart in HTML, a table in Markdown), the actors and the numbered sources
every quoted sentence links to. Deterministic for a given generation date.
"""

from __future__ import annotations

from typing import Literal

from crosscheck.brief.content import brief_content
from crosscheck.brief.html import render_html
from crosscheck.brief.markdown import md_escape, render_markdown
from crosscheck.errors import CrosscheckError
from crosscheck.store import Store


def render_brief(
    store: Store,
    fmt: Literal["md", "html"] = "md",
    event: str | None = None,
    generated: str | None = None,
) -> str:
    """The brief for every incident with figures, or for one ``event`` (id, prefix or name).

    ``generated`` is the generation date it prints (default: today); fix it for a
    reproducible file.

    Raises:
        NotFoundError: ``event`` matches no incident.
        CrosscheckError: ``fmt`` is neither "md" nor "html".
    """
    if fmt not in ("md", "html"):
        raise CrosscheckError(f"unknown brief format {fmt!r}; use 'md' or 'html'")
    content = brief_content(store, event, generated)
    return render_markdown(content) if fmt == "md" else render_html(content)


__all__ = ["brief_content", "md_escape", "render_brief"]
