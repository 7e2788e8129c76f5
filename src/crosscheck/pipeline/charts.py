"""Vega-Lite specifications for the workbench's charts: a figure over time, the timeline.

One spec serves both faces: the web pages draw it in the browser with the vendored
vega-embed (interactive, tooltips), the brief renders it to static SVG with
vl-convert. Specs hold data values only, never markup: report text (outlets, titles)
is data that Vega draws as text, and its tooltips escape it.

Readability rules (issue 16): counts start at zero, so a gap of two people does not
look like a chasm; dates are whole days, labels that would overlap are dropped and
the outer ones kept inside the chart; ranges are solid bars, open bounds ("at least",
"up to") dashed bars that run to the edge, and every mark says on hover who gave the
figure, when, and as of when.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH, HEIGHT = 520, 200

#: How a figure's interval is drawn, in legend order.
KINDS = ("exact", "range", "at least", "up to")
_SHAPES = ("circle", "square", "triangle-up", "triangle-down")

_AXIS = {
    "labelOverlap": "greedy",
    "labelSeparation": 6,
    "labelFlush": True,
    "labelBound": True,
    "labelFontSize": 11,
    "titleFontSize": 11,
}
_CONFIG = {
    "font": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    "view": {"stroke": "#d8dde3"},
    "axis": {"gridColor": "#eef1f4", "domainColor": "#8a96a3", "tickColor": "#8a96a3"},
    "legend": {"labelFontSize": 11, "symbolSize": 60},
}


def _day(text: str | None, months: bool = False) -> str | None:
    """An ISO day from a date that names one (with ``months``, a month's first day), else None."""
    if months and text and len(text) == 7:
        text += "-01"
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def _kind(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return "exact" if low == high else "range"
    return "at least" if low is not None else "up to"


def _x_domain(days: list[str]) -> list[str]:
    """A day either side of the dates, so no mark sits on the chart's edge."""
    first = date.fromisoformat(min(days)) - timedelta(days=1)
    last = date.fromisoformat(max(days)) + timedelta(days=1)
    return [first.isoformat(), last.isoformat()]


def figure_rows(group: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per dated, non-rejected figure of a group view: where it is drawn and
    what its tooltip says."""
    rows = []
    for c in group.get("claim_details", []):
        if c.get("review") == "rejected" or (c.get("low") is None and c.get("high") is None):
            continue
        day = _day(c.get("as_of")) or _day(c.get("published"))
        if day is None:
            continue
        low, high = c.get("low"), c.get("high")
        rows.append(
            {
                "date": day,
                "low": low,
                "high": high,
                "kind": _kind(low, high),
                "figure": c.get("value") or "",
                "source": c.get("outlet") or (c.get("document") or {}).get("title") or "source",
                "published": c.get("published") or "undated",
                "as_of": c.get("as_of") or "not stated",
                "according_to": c.get("attributed_to") or "the outlet",
            }
        )
    return sorted(rows, key=lambda r: (r["date"], r["source"]))


def figure_spec(group: dict[str, Any], width: int = WIDTH) -> dict[str, Any] | None:
    """The chart of a group's figures over time, or None with fewer than two dated ones."""
    rows = figure_rows(group)
    if len(rows) < 2:
        return None
    top = _place_marks(rows)
    percent = group.get("measure") == "percent"
    title = str(group.get("label") or group.get("measure") or "figure")
    x = {
        "field": "date",
        "type": "temporal",
        "timeUnit": "yearmonthdate",
        "title": "date of the figure (as of, else published)",
        "scale": {"domain": _x_domain([r["date"] for r in rows])},
        "axis": {**_AXIS, "format": "%-d %b %Y", "labelAngle": 0, "tickCount": 5},
    }
    return {
        "$schema": SCHEMA,
        "description": f"{title} over time, one mark per source",
        "width": width,
        "height": HEIGHT,
        "data": {"values": rows},
        "config": _CONFIG,
        "encoding": {"x": x},
        "layer": _figure_layers(rows, top, title, percent),
    }


def _place_marks(rows: list[dict[str, Any]]) -> float:
    """Where each row's mark is drawn (``from``, ``to``, ``at``); returns the y axis' top.

    An open bound runs to the chart's edge, with more headroom when some figure is only
    "at least" so its line visibly goes on.
    """
    values = [v for r in rows for v in (r["low"], r["high"]) if v is not None]
    top = max(values) * (1.15 if any(r["kind"] == "at least" for r in rows) else 1.05)
    for r in rows:
        r["from"] = r["low"] if r["low"] is not None else 0
        r["to"] = r["high"] if r["high"] is not None else top
        r["at"] = r["low"] if r["low"] is not None else r["high"]
    return top


def _kind_shape(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The point shape per kind of figure, with a legend of the kinds present."""
    shown = [k for k in KINDS if any(r["kind"] == k for r in rows)]
    return {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": shown, "range": [_SHAPES[KINDS.index(k)] for k in shown]},
        "legend": {"orient": "bottom", "direction": "horizontal"},
    }


def _figure_layers(
    rows: list[dict[str, Any]], top: float, title: str, percent: bool
) -> list[dict[str, Any]]:
    """Solid rules for ranges, dashed rules for open bounds, then a point per figure."""
    y_scale = {"domain": [0, top], "zero": True, "nice": True}
    y_axis = {**_AXIS, "format": ".0f" if percent else ",d", "tickMinStep": 1}
    tooltip = [
        {"field": "source", "title": "Source"},
        {"field": "figure", "title": "Figure"},
        {"field": "published", "title": "Published"},
        {"field": "as_of", "title": "As of"},
        {"field": "according_to", "title": "According to"},
    ]
    dashed = {
        "type": "rule",
        "strokeWidth": 2,
        "strokeDash": [5, 3],
        "color": "#1f5fa8",
        "opacity": 0.7,
    }
    return [
        {
            "transform": [{"filter": {"field": "kind", "oneOf": ["range"]}}],
            "mark": {"type": "rule", "strokeWidth": 4, "color": "#1f5fa8", "opacity": 0.5},
            "encoding": {
                "y": {"field": "from", "type": "quantitative", "scale": y_scale},
                "y2": {"field": "to"},
                "tooltip": tooltip,
            },
        },
        {
            "transform": [{"filter": {"field": "kind", "oneOf": ["at least", "up to"]}}],
            "mark": dashed,
            "encoding": {
                "y": {"field": "from", "type": "quantitative"},
                "y2": {"field": "to"},
                "tooltip": tooltip,
            },
        },
        {
            "mark": {"type": "point", "filled": True, "size": 90, "color": "#1f5fa8"},
            "encoding": {
                "y": {
                    "field": "at",
                    "type": "quantitative",
                    "title": f"{title} (%)" if percent else title,
                    "axis": y_axis,
                },
                "shape": _kind_shape(rows),
                "tooltip": tooltip,
            },
        },
    ]


#: Timeline lanes, top to bottom, with their mark shapes.
LANES = ("incident", "warning", "report", "figure")
_LANE_SHAPES = ("diamond", "triangle-down", "circle", "square")
_LANE_COLOURS = ("#b3261e", "#8a5a00", "#1f5fa8", "#1e6b3a")


def timeline_spec(entries: list[dict[str, Any]], width: int = 760) -> dict[str, Any] | None:
    """A chart of timeline entries (``date``, ``lane``, ``label``, ``detail``, ``href``):
    one row per lane, one mark per entry; entries on the same day are stacked."""
    data = _timeline_rows(entries)
    if not data:
        return None
    return {
        "$schema": SCHEMA,
        "description": "timeline of incidents, warnings, reports and figure changes",
        "width": width,
        "height": {"step": 34},
        "data": {"values": data},
        "config": _CONFIG,
        "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.85},
        "encoding": _timeline_encoding(data),
    }


def _timeline_rows(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dated entries as chart rows; ``slot`` numbers the entries of one day and lane."""
    slots: dict[tuple[str, str], int] = {}
    data = []
    for e in entries:
        if not _day(e.get("date"), months=True):
            continue
        key = (str(_day(e["date"], months=True)), e["lane"])
        slots[key] = slots.get(key, 0) + 1
        data.append(
            {
                "date": key[0],
                "lane": e["lane"],
                "slot": slots[key] - 1,
                "when": e["date"],
                "label": e.get("label") or "",
                "detail": e.get("detail") or "",
                "href": e.get("href") or "",
            }
        )
    return data


def _timeline_encoding(data: list[dict[str, Any]]) -> dict[str, Any]:
    lanes = [lane for lane in LANES if any(r["lane"] == lane for r in data)]
    return {
        "x": {
            "field": "date",
            "type": "temporal",
            "timeUnit": "yearmonthdate",
            "title": None,
            "scale": {"domain": _x_domain([r["date"] for r in data])},
            "axis": {**_AXIS, "format": "%-d %b %Y", "labelAngle": 0, "tickCount": 6},
        },
        "y": {
            "field": "lane",
            "type": "nominal",
            "title": None,
            "sort": lanes,
            "axis": {**_AXIS, "labelFlush": False},
        },
        "yOffset": {"field": "slot", "type": "nominal", "legend": None},
        "shape": {
            "field": "lane",
            "scale": {"domain": list(LANES), "range": list(_LANE_SHAPES)},
            "legend": None,
        },
        "color": {
            "field": "lane",
            "scale": {"domain": list(LANES), "range": list(_LANE_COLOURS)},
            "legend": None,
        },
        "href": {"field": "href"},
        "tooltip": [
            {"field": "label", "title": "What"},
            {"field": "when", "title": "When"},
            {"field": "detail", "title": "Detail"},
        ],
    }


def timeline_counts_spec(counts: list[dict[str, Any]], width: int = 760) -> dict[str, Any] | None:
    """A timeline of many entries: per month and lane, one mark sized by how many."""
    if not counts:
        return None
    data = [{**c, "date": c["month"] + "-01"} for c in counts]
    lanes = [lane for lane in LANES if any(r["lane"] == lane for r in data)]
    return {
        "$schema": SCHEMA,
        "description": "timeline: incidents, warnings, reports and figure changes per month",
        "width": width,
        "height": {"step": 40},
        "data": {"values": data},
        "config": _CONFIG,
        "mark": {"type": "circle", "opacity": 0.8},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "timeUnit": "yearmonth",
                "title": None,
                "axis": {**_AXIS, "format": "%b %Y", "labelAngle": 0, "tickCount": 8},
            },
            "y": {"field": "lane", "type": "nominal", "title": None, "sort": lanes, "axis": _AXIS},
            "size": {"field": "count", "type": "quantitative", "title": "entries"},
            "color": {
                "field": "lane",
                "scale": {"domain": list(LANES), "range": list(_LANE_COLOURS)},
                "legend": None,
            },
            "tooltip": [
                {"field": "lane", "title": "What"},
                {"field": "month", "title": "Month"},
                {"field": "count", "title": "How many"},
            ],
        },
    }


__all__ = [
    "KINDS",
    "LANES",
    "figure_rows",
    "figure_spec",
    "timeline_counts_spec",
    "timeline_spec",
]
