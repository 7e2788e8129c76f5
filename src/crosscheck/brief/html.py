"""The brief as one self-contained HTML page: inline CSS and SVG, no network, no scripts.

Links go only to the brief's own source list and to the reports' original http(s) URLs.

Rendered with jinja2 autoescaping, so report text (titles, sentences, outlet names) can
never become markup; a Content-Security-Policy forbids scripts even if something slipped.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from jinja2 import Environment, StrictUndefined, select_autoescape
from markupsafe import Markup

from crosscheck.brief.links import safe_url
from crosscheck.brief.svg import group_svg


@functools.cache
def _template() -> Any:
    env = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    source = resources.files("crosscheck.data").joinpath("brief/brief.html.j2").read_text("utf-8")
    return env.from_string(source)


def render_html(content: dict[str, Any]) -> str:
    """The HTML page of a brief built by :func:`crosscheck.brief.content.brief_content`."""
    groups = [
        g for s in content["sections"] for key in ("agree", "single", "differ") for g in s[key]
    ]
    for g in groups + content["other"]:
        # Vega escapes every piece of text it writes; Markup keeps jinja from re-escaping.
        g["chart"] = Markup(group_svg(g))
    return str(_template().render(c=content))


__all__ = ["render_html"]
