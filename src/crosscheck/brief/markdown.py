"""The brief as Markdown. Report text is hostile: every piece is escaped so it cannot form
links, emphasis, headings or raw HTML."""

from __future__ import annotations

import re
from typing import Any

from crosscheck.brief.links import safe_url
from crosscheck.pipeline.reasons import reason_in_words

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")
# A URL that stays one Markdown autolink: no spaces, brackets, pipes or angle brackets.
_AUTOLINK = re.compile(r"^https?://[^\s<>()\[\]|`\\]+$")


def md_escape(value: object) -> str:
    """One line of literal text, markup characters backslash-escaped."""
    text = " ".join(str(value if value is not None else "").split())
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


def _cell(value: object) -> str:
    return md_escape(value) or " "


def _group_lines(g: dict[str, Any], show_claims: bool) -> list[str]:
    e = g["estimate"]
    head = (
        f"- **{md_escape(g['label'])}** ({md_escape(g['measure'])}): "
        f"*{md_escape(g['status'])}*, {g['sources']} source(s); estimate low "
        f"{md_escape(e['low'])}, best {md_escape(e['best'])}, high {md_escape(e['high'])}"
    )
    lines = [head, f"  - Why: {md_escape(reason_in_words(g))}"]
    if g.get("counting_note"):
        lines.append(f"  - Note: {md_escape(g['counting_note'])}")
    if show_claims:
        for c in g["claim_details"]:
            review = (
                "" if c.get("review", "machine") == "machine" else f" [{md_escape(c['review'])}]"
            )
            if c.get("grade"):
                review += f" ({md_escape(c['grade']['code'])})"
            lines.append(
                f"  - {md_escape(c['value'])}: {md_escape(c['outlet'] or c['document']['id'])}, "
                f"{md_escape(c['published'] or 'undated')}{review}: "
                f"“{md_escape(c['sentence'])}”{_cite(c.get('source_number'))}"
            )
    return lines


def _cite(number: int | None) -> str:
    return f" \\[S{number}\\]" if number else ""


def _bottom_line(content: dict[str, Any]) -> list[str]:
    bl = content["bottom_line"]
    if not (bl["incidents"] or bl["conflicts"] or bl["evolving"]):
        return []
    out = ["## Bottom line", ""]
    for h in bl["incidents"]:
        ev = h["event"]
        place = ", ".join(dict.fromkeys(x for x in (ev["location"], ev["country"]) if x))
        where = f"{ev['date'] or 'date unknown'}" + (f", {place}" if place else "")
        figures = "; ".join(
            f"{f['label']} {f['best']}"
            + (f" (sources give {f['low']}–{f['high']})" if f["low"] != f["high"] else "")
            + f", {f['status']}"
            for f in h["figures"]
        )
        line = f"**{md_escape(ev['name'])}** ({md_escape(where)}; {h['reports']} report(s))"
        out.append(f"- {line}" + (f": {md_escape(figures)}." if figures else "."))
    if bl["more_incidents"]:
        out.append(f"- {bl['more_incidents']} more incident(s) below.")
    out.append(
        f"- {bl['conflicts']} figure(s) in conflict and {bl['evolving']} that evolved over time:"
        " see “Where they differ”."
    )
    return [*out, ""]


def _scope_line(content: dict[str, Any]) -> str:
    sc = content["scope"]
    scope = f"the incident {sc['event']}" if sc["event"] else "every incident with figures"
    dates = ""
    if sc["first"]:
        dates = f", published {sc['first']}" + (
            f" to {sc['last']}" if sc["last"] != sc["first"] else ""
        )
    return md_escape(
        f"Generated {sc['generated']} · scope: {scope} · {sc['documents']} report(s){dates}."
        " Every quote carries the number of its source (S1, S2, …) in the list at the end."
    )


def _series_table(g: dict[str, Any]) -> list[str]:
    lines = ["", "  | published | as of | figure | source |", "  |---|---|---|---|"]
    for p in g["series"]:
        lines.append(
            f"  | {_cell(p['published'])} | {_cell(p['as_of'])} | {_cell(p['value'])} |"
            f" {_cell(p['outlet'])} |"
        )
    return [*lines, ""]


def _ach_lines(m: dict[str, Any]) -> list[str]:
    """One ACH question: the ranking, what it rests on, the matrix (suggestions marked ?)."""
    out = [f"## Competing hypotheses: {md_escape(m['question']['title'])}", ""]
    out += [
        f"{r['rank']}\\. {md_escape(r['label'])} — score {r['score']:.2f}" for r in m["ranking"]
    ]
    out += [""] + [f"- Sensitive: {md_escape(s['text'])}" for s in m["sensitive"]]
    keys = [h["key"] for h in m["hypotheses"]]
    out += ["", "| evidence | grade | diagnosticity | " + " | ".join(map(_cell, keys)) + " |"]
    out.append("|---|---|---|" + "---|" * len(keys))
    for e in m["evidence"]:
        row = m["cells"].get(e["key"], {})
        cells = [
            (row[k]["rating"] + ("?" if row[k]["suggested"] else "")) if k in row else " "
            for k in keys
        ]
        out.append(
            f"| {_cell(e['summary'])} | {_cell(e['code'])} | {_cell(e['diagnostic'])} | "
            + " | ".join(cells)
            + " |"
        )
    return [*out, ""]


def _event_lines(s: dict[str, Any]) -> list[str]:
    """One incident's section: its facts, actors, figures by verdict and statements."""
    ev = s["event"]
    out = [f"## {md_escape(ev['name'])}", ""]
    place = ", ".join(x for x in (ev["location"], ev["country"]) if x) or "unknown"
    facts = [
        f"type {md_escape(ev['type'])}",
        f"date {md_escape(ev['date'] or 'unknown')}",
        f"place {md_escape(place)}",
        f"{len(s['documents'])} report(s)",
    ]
    out += ["; ".join(facts), ""]
    if s["actors"]:
        actors = ", ".join(
            f"{md_escape(a.get('name', ''))} ({md_escape(a.get('role', ''))})" for a in s["actors"]
        )
        out += [f"**Actors:** {actors}", ""]
    # Agreed figures need no claims listed: the sources say the same.
    out += _figure_section("What the sources agree on", s["agree"], show_claims=False)
    out += _figure_section("Where they differ", s["differ"], show_claims=True)
    out += _figure_section("Figures from a single source", s["single"], show_claims=True)
    if s["statements"]:
        out += ["### Who said what", ""]
        for st in s["statements"]:
            out.append(
                f"- {md_escape(st['speaker'])} ({md_escape(st['stance'])}): "
                f"“{md_escape(st['content'])}”"
            )
        out.append("")
    return out


def _figure_section(title: str, groups: list[dict[str, Any]], show_claims: bool) -> list[str]:
    """One heading of an incident's figures; an evolving figure shows its series."""
    if not groups:
        return []
    out = [f"### {title}", ""]
    for g in groups:
        out += _group_lines(g, show_claims=show_claims)
        if g["status"] == "evolving":
            out += _series_table(g)
    return [*out, ""]


def _other_lines(other: list[dict[str, Any]]) -> list[str]:
    """Figures outside the incidents' sections, each under what it is about."""
    if not other:
        return []
    out = ["## Other cross-checked figures", ""]
    for g in other:
        out.append(f"- About {md_escape(g['subject']['name'] or 'unspecified')}:")
        out += [
            "  " + line
            for line in _group_lines(g, show_claims=g["status"] in ("conflict", "evolving"))
        ]
    return [*out, ""]


def _source_lines(sources: list[dict[str, Any]]) -> list[str]:
    """The numbered source list the quoted sentences refer to."""
    out = [
        "## Sources",
        "",
        "| # | published | outlet | title | document |",
        "|---|---|---|---|---|",
    ]
    for d in sources:
        url = safe_url(d.get("url"))
        where = _cell(d.get("path") or d["id"]) + (
            f" <{url}>" if url and _AUTOLINK.match(url) else ""
        )
        out.append(
            f"| S{d['number']} | {_cell(d.get('published'))} | {_cell(d.get('outlet'))} |"
            f" {_cell(d.get('title'))} | {where} |"
        )
    return out


def render_markdown(content: dict[str, Any]) -> str:
    """The Markdown text of a brief built by :func:`crosscheck.brief.content.brief_content`."""
    out = [f"# {md_escape(content['title'])}", "", _scope_line(content), ""]
    out += _bottom_line(content)
    if not content["sections"] and not content["other"]:
        out += ["No cross-checked figures yet: ingest some reports first.", ""]
    for s in content["sections"]:
        out += _event_lines(s)
    out += _other_lines(content["other"])
    for m in content.get("ach", []):
        out += _ach_lines(m)
    out += _source_lines(content["sources"])
    return "\n".join(out).rstrip() + "\n"


__all__ = ["md_escape", "render_markdown"]
