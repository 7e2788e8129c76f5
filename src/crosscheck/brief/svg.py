"""A small, deterministic inline SVG chart of a figure over publication time.

Each source's figure is a dot (exact value) or a vertical bar (an interval; open ends are
drawn to the chart edge with an arrow-less cap). No fonts, scripts or links: text is
escaped, coordinates are rounded, so the same series always gives the same bytes.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

WIDTH, HEIGHT = 420, 180
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 14, 40


def _day(text: str) -> int | None:
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        try:
            return date(int(text[:4]), 1, 1).toordinal()
        except ValueError:
            return None


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def series_svg(points: list[dict[str, Any]], title: str) -> str:
    """An SVG element plotting ``points`` ({published|as_of, low, high, outlet})."""
    usable = []
    for p in points:
        when = _day(p.get("as_of") or p.get("published") or "")
        if when is None or (p.get("low") is None and p.get("high") is None):
            continue
        usable.append((when, p.get("low"), p.get("high"), str(p.get("outlet") or "")))
    if not usable:
        return ""
    values = [float(v) for _, lo, hi, _ in usable for v in (lo, hi) if v is not None]
    vmin, vmax = min(values), max(values)
    if vmin == vmax:
        vmin, vmax = vmin * 0.9 if vmin else -1.0, vmax * 1.1 if vmax else 1.0
    pad = (vmax - vmin) * 0.1
    vmin, vmax = vmin - pad, vmax + pad
    dmin, dmax = min(u[0] for u in usable), max(u[0] for u in usable)
    span = max(dmax - dmin, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + (plot_w / 2 if dmax == dmin else (day - dmin) / span * plot_w)

    def y(v: float) -> float:
        return TOP + plot_h - (v - vmin) / (vmax - vmin) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fafafa"'
        ' stroke="#bbb"/>',
    ]
    for v in (vmin + pad, vmax - pad):
        parts.append(
            f'<text x="{LEFT - 4}" y="{_fmt(y(v) + 4)}" font-size="10" text-anchor="end">'
            f"{escape(f'{v:,.0f}' if abs(v) >= 10 else f'{v:g}')}</text>"
        )
    line = []
    for when, lo, hi, outlet in sorted(usable, key=lambda u: (u[0], u[3])):
        cx = x(when)
        low = float(lo) if lo is not None else vmin
        high = float(hi) if hi is not None else vmax
        label = escape(f"{outlet}: {date.fromordinal(when).isoformat()}")
        if low == high:
            parts.append(
                f'<circle cx="{_fmt(cx)}" cy="{_fmt(y(low))}" r="4" fill="#24527a">'
                f"<title>{label}</title></circle>"
            )
        else:
            parts.append(
                f'<line x1="{_fmt(cx)}" y1="{_fmt(y(low))}" x2="{_fmt(cx)}" y2="{_fmt(y(high))}"'
                f' stroke="#24527a" stroke-width="4"><title>{label}</title></line>'
            )
        line.append(f"{_fmt(cx)},{_fmt(y((low + high) / 2))}")
    if len(line) > 1:
        parts.insert(3, f'<polyline points="{" ".join(line)}" fill="none" stroke="#9ab"/>')
    for when in sorted({u[0] for u in usable}):
        parts.append(
            f'<text x="{_fmt(x(when))}" y="{HEIGHT - BOTTOM + 14}" font-size="9"'
            f' text-anchor="middle">{date.fromordinal(when).isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["series_svg"]
