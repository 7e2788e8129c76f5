"""Write one planned report as text, recording where each planned figure landed.

The wording comes from ``data/synth/templates.yaml``; the figures from the
incident's :class:`~crosscheck.synth.plans.MeasurePlan`. Every figure phrase is
recorded with its character span so the gold file can point at it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crosscheck.synth.numbers import Quantity, render
from crosscheck.synth.plans import Incident, MeasurePlan, Report
from crosscheck.synth.vocab import templates, vocabulary


@dataclass(frozen=True)
class SynthFigure:
    """A figure the report states, as the gold file lists it."""

    measure: str
    low: int | None
    high: int | None
    text: str
    span: tuple[int, int]
    group: str
    vague: bool = False
    approximate: bool = False


@dataclass
class SynthDoc:
    """One generated report with its metadata and expected figures."""

    key: str  # gold document key, e.g. "000042"
    name: str  # file stem, e.g. "000042_kazan-bombing"
    incident: str
    text: str
    title: str
    outlet: str
    published: str
    url: str
    figures: list[SynthFigure] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        """The ``NAME.meta.json`` sidecar (DESIGN.md metadata format)."""
        return {
            "title": self.title,
            "outlet": self.outlet,
            "author": None,
            "url": self.url,
            "published": self.published,
            "language": "en",
        }


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def when_phrase(event: date, published: date, rng: random.Random) -> str:
    """How a report published on ``published`` names the day of ``event``."""
    v = vocabulary()
    gap = (published - event).days
    if 1 <= gap <= 5 and rng.random() < 0.5:
        return f"on {v['weekdays'][event.weekday()]}"
    return f"on {event.day} {v['months'][event.month - 1]}"


def _slots(inc: Incident, report: Report, rng: random.Random) -> dict[str, Any]:
    v = vocabulary()
    slots: dict[str, Any] = {
        "group": inc.group,
        "group_cap": _cap(inc.group),
        "speaker": rng.choice(v["speakers"]),
        "age": rng.randint(19, 68),
        "minutes": rng.randint(5, 40),
        "hours": rng.randint(2, 14),
        "months": rng.randint(3, 18),
        "years": rng.randint(6, 25),
        "year": inc.date.year - rng.randint(2, 12),
        "clock": rng.randint(3, 6),
        "scountry": inc.scountry or "",
        "institute": inc.institute,
        "institute_cap": _cap(inc.institute),
    }
    if inc.city is not None and inc.venue is not None:
        slots.update(
            city=inc.city.name,
            country=inc.city.country,
            venue=inc.venue,
            venue_cap=_cap(inc.venue),
            venue_title=inc.venue.removeprefix("the "),
            when=when_phrase(inc.date, report.published, rng),
        )
    if not inc.is_event:
        slots["speaker"] = rng.choice(templates()["speakers_statistic"]).format(**slots)
    return slots


def _source(inc: Incident, measure: str, slots: dict[str, Any], rng: random.Random) -> str:
    v = vocabulary()
    if not inc.is_event:
        choices = v["sources_statistic"]
    else:
        choices = v["sources_by_measure"].get(measure) or v["sources_event"]
    return str(rng.choice(choices)).format(**slots)


class _Builder:
    """Accumulates sentences into paragraphs while tracking character offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.in_paragraph = 0

    def add(self, sentence: str, *, paragraph: bool = False) -> int:
        """Append ``sentence``; return the offset where it starts."""
        if self.parts:
            sep = "\n\n" if paragraph or self.in_paragraph >= 2 else " "
            if sep == "\n\n":
                self.in_paragraph = 0
            self.parts.append(sep)
            self.length += len(sep)
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        self.in_paragraph += 1
        return start

    def text(self) -> str:
        return "".join(self.parts)


def _figure_sentence(
    inc: Incident, measure: str, phrase: str, slots: dict[str, Any], rng: random.Random
) -> tuple[str, int]:
    """A sentence carrying ``phrase``, and the phrase's offset inside it."""
    t = templates()["figure_sentences"]
    source = _source(inc, measure, slots, rng)
    if inc.is_event and phrase[:1].isalpha() and rng.random() < 0.3:
        frame = str(rng.choice(t["event_fig_first"]))
        phrase = _cap(phrase)
    else:
        frame = str(rng.choice(t["event" if inc.is_event else "statistic"]))
    head, _, tail = frame.partition("{Fig}" if "{Fig}" in frame else "{fig}")
    fill = {"source": source, "Source": _cap(source)}
    head, tail = head.format(**fill), tail.format(**fill)
    return head + phrase + tail, len(head)


def _lead(inc: Incident, slots: dict[str, Any], rng: random.Random, out: _Builder) -> str:
    """Write the lead sentence and return the title (drawn after it: the order of draws from
    ``rng`` fixes the corpus a seed gives)."""
    t = templates()
    if inc.is_event:
        kind = t["event_types"][inc.kind]
        out.add(str(rng.choice(kind["leads"])).format(**slots))
        return str(rng.choice(kind["titles"])).format(**slots)
    out.add(str(rng.choice(t["statistic_leads"])).format(**slots))
    return str(rng.choice(t["statistic_titles"])).format(**slots)


def _figure_template(inc: Incident, plan: MeasurePlan, q: Quantity, rng: random.Random) -> str:
    figures = templates()["figures"]
    if plan.measure == "percent":
        return str(figures["percent"][inc.topic % len(figures["percent"])])
    options = figures[plan.measure]
    if q.form == "range":
        # "the death toll had reached 30 to 40" reads badly: ranges lead the phrase.
        options = [o for o in options if str(o).startswith("{q}")] or options
    return str(rng.choice(options))


def _add_figures(
    inc: Incident, report: Report, slots: dict[str, Any], rng: random.Random, out: _Builder
) -> list[SynthFigure]:
    """Write one sentence per figure this report gives; return the figures as expected."""
    figures: list[SynthFigure] = []
    for plan in inc.measures:
        q = plan.values.get(report.position)
        if q is None:
            continue
        template = _figure_template(inc, plan, q, rng)
        quantity = render(q, rng, percent=plan.measure == "percent")
        phrase = template.format(q=quantity, **slots)
        sentence, offset = _figure_sentence(inc, plan.measure, phrase, slots, rng)
        start = out.add(sentence) + offset
        text = sentence[offset : offset + len(phrase)]
        figures.append(
            SynthFigure(
                plan.measure,
                q.low,
                q.high,
                text,
                (start, start + len(text)),
                f"{inc.id}-{plan.measure}",
                approximate=q.approximate,
            )
        )
    return figures


def _add_fillers(
    inc: Incident, report: Report, slots: dict[str, Any], rng: random.Random, out: _Builder
) -> list[SynthFigure]:
    """Write two or three background sentences, and the vague figure where it is planned."""
    t = templates()
    fillers = list(
        t["fillers"]["event" if inc.kind in ("shooting", "bombing", "arson") else inc.kind]
    )
    chosen = [str(s).format(**slots) for s in rng.sample(fillers, rng.randint(2, 3))]
    vague_at = rng.randrange(len(chosen) + 1) if inc.vague_position == report.position else -1
    figures: list[SynthFigure] = []
    for i, sentence in enumerate([*chosen, ""]):
        if i == vague_at:
            phrase_frame = str(rng.choice(t["vague_sentences"]))
            word = str(rng.choice(t["vague_words"]))
            line = phrase_frame.format(Vague=word, **slots)
            start = out.add(line, paragraph=i == 0)
            phrase = line[: line.index(" near ") if " near " in line else line.index(" from ")]
            figures.append(
                SynthFigure(
                    "displaced",
                    None,
                    None,
                    phrase,
                    (start, start + len(phrase)),
                    f"{inc.id}-displaced",
                    vague=True,
                )
            )
        if sentence:
            out.add(sentence, paragraph=i == 0)
    return figures


def render_report(inc: Incident, report: Report, key: str, rng: random.Random) -> SynthDoc:
    """The text, title, metadata and expected figures of one planned report."""
    slots = _slots(inc, report, rng)
    out = _Builder()
    title = _lead(inc, slots, rng, out)
    figures = _add_figures(inc, report, slots, rng, out)
    figures += _add_fillers(inc, report, slots, rng, out)
    published = report.published.isoformat()
    doc_slug = slug(inc.city.name if inc.city else inc.group.removeprefix("the "))
    outlet_slug = slug(report.outlet.removeprefix("The "))
    return SynthDoc(
        key=key,
        name=f"{key}_{doc_slug}-{inc.kind}",
        incident=inc.id,
        text=out.text() + "\n",
        title=title,
        outlet=report.outlet,
        published=published,
        url=f"https://{outlet_slug}.example/{published.replace('-', '/')}/{key}",
        figures=figures,
    )


__all__ = ["SynthDoc", "SynthFigure", "render_report", "slug", "when_phrase"]
