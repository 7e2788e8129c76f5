"""Static SVG charts for the brief, rendered from the workbench's Vega-Lite specs.

The brief is one self-contained file that runs no script, so its charts are drawn here,
offline, by vl-convert (Vega's own renderer bundled in a Python wheel) from the same
spec the web pages draw in the browser (:mod:`crosscheck.pipeline.charts`). Vega escapes
every text it writes; the result is markup to embed as it is.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import vl_convert

from crosscheck.pipeline.charts import figure_spec

#: The width of a chart in the brief's column, in pixels.
BRIEF_WIDTH = 460


@functools.lru_cache(maxsize=256)
def _render(spec_json: str) -> str:
    return str(vl_convert.vegalite_to_svg(json.loads(spec_json)))


def spec_svg(spec: dict[str, Any] | None) -> str:
    """A Vega-Lite spec as an SVG element ("" for no spec); equal specs give equal bytes."""
    if spec is None:
        return ""
    svg = _render(json.dumps(spec, sort_keys=True))
    # Drop the XML prolog some renderers add: the SVG is embedded in HTML.
    return svg[svg.index("<svg") :] if "<svg" in svg else ""


def group_svg(group: dict[str, Any]) -> str:
    """The chart of a group's figures over time ("" with fewer than two dated figures)."""
    return spec_svg(figure_spec(group, width=BRIEF_WIDTH))


__all__ = ["BRIEF_WIDTH", "group_svg", "spec_svg"]
