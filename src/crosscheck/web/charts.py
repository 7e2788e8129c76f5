"""A figure over publication time as inline SVG (no scripts, no external assets).

Each source is a dot at its publication date; an interval ("between 130 and 145") is a
vertical bar, an open bound ("at least 130") an arrow-less bar to the chart edge. Text
in the chart (outlets) is escaped like everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


@dataclass
class Point:
    """One source's figure: publication date, interval, and who said it."""

    day: str
    low: float | None
    high: float | None
    label: str


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def figure_chart(points: list[Point], title: str) -> Markup:
    """An SVG chart of ``points``; empty markup when fewer than two points are dated."""
    dated = [
        (d, p) for p in points if (d := _parse(p.day)) and (p.low is not None or p.high is not None)
    ]
    if len(dated) < 2:
        return Markup("")
    values = [v for _, p in dated for v in (p.low, p.high) if v is not None]
    vmin, vmax = min(values), max(values)
    if vmin == vmax:
        vmin, vmax = vmin * 0.9, vmax * 1.1 or 1.0
    pad = (vmax - vmin) * 0.1
    vmin, vmax = max(0.0, vmin - pad), vmax + pad
    days = [d.toordinal() for d, _ in dated]
    dmin, dmax = min(days), max(days)
    span_days = max(1, dmax - dmin)

    def x(d: date) -> float:
        if dmin == dmax:
            return LEFT + (WIDTH - LEFT - RIGHT) / 2
        return LEFT + (d.toordinal() - dmin) / span_days * (WIDTH - LEFT - RIGHT)

    def y(v: float) -> float:
        return TOP + (1 - (v - vmin) / (vmax - vmin)) * (HEIGHT - TOP - BOTTOM)

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#666"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="#666"/>',
    ]
    for v in (vmin, (vmin + vmax) / 2, vmax):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#333">{escape(_fmt(v))}</text>'
        )
    for d in sorted({d for d, _ in dated}):
        parts.append(
            f'<text x="{x(d):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="11" fill="#333">{escape(d.isoformat())}</text>'
        )
    for d, p in dated:
        cx = x(d)
        lo = p.low if p.low is not None else vmin
        hi = p.high if p.high is not None else vmax
        if lo != hi:
            parts.append(
                f'<line x1="{cx:.1f}" y1="{y(lo):.1f}" x2="{cx:.1f}" y2="{y(hi):.1f}" '
                f'stroke="#1f5fa8" stroke-width="4" stroke-opacity="0.45"/>'
            )
        value = p.low if p.low is not None else p.high
        assert value is not None  # dated points have a bound
        label = f"{p.label}: {_fmt(value)} ({d.isoformat()})"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{y(value):.1f}" r="5" fill="#1f5fa8">'
            f"<title>{escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["Point", "figure_chart"]
