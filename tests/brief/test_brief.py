"""The brief: content, determinism, and hostile report text rendered inert."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
from markupsafe import escape
from recon_records import claim, doc, event

from crosscheck.brief import md_escape, render_brief
from crosscheck.brief.svg import group_svg
from crosscheck.errors import CrosscheckError, NotFoundError
from crosscheck.model import Extraction
from crosscheck.pipeline import ach
from crosscheck.pipeline.picture import rebuild_picture
from crosscheck.store import Store

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "<a href='javascript:alert(1)'>link</a>",
]


def _fill(store: Store, hostile: str = "") -> None:
    rows = [
        ("Daily Ledger", "2031-03-02", 20),
        ("Evening Post", "2031-03-04", 25),
        ("Morning Star", "2031-03-06", 31),
        ("Night Wire", "2031-03-06", 31),
    ]
    for i, (outlet, published, toll) in enumerate(rows):
        d = doc(
            f"b{i}", outlet + (hostile if i == 0 else ""), published, title=f"Report {i} {hostile}"
        )
        em = event(
            d.id,
            f"the Lakeside stadium attack {hostile}",
            date="2031-03-01",
            location="Lakeside",
            country="Freedonia",
            start=0,
            actors=[{"role": "perpetrator", "name": f"NLF {hostile}", "key": "nlf"}],
        )
        cs = [
            claim(
                d.id,
                "killed",
                toll,
                toll,
                start=100,
                subject_kind="event",
                subject_ref=em.id,
                sentence=f"Officials said {toll} died. {hostile}",
            ),
            claim(
                d.id,
                "injured",
                50,
                50,
                start=200,
                subject_kind="event",
                subject_ref=em.id,
                sentence=f"Fifty were hurt {hostile}",
                label=f"people injured {hostile}",
            ),
        ]
        store.add_document(d, Extraction(d.id, events=[em], claims=cs))
    rebuild_picture(store)


def test_markdown_brief_has_verdicts_quotes_and_sources(store: Store) -> None:
    _fill(store)
    text = render_brief(store, "md")
    assert "## attack at the Lakeside stadium, 1 Mar 2031" in text
    assert "What the sources agree on" in text and "Where they differ" in text
    assert "evolving" in text and "corroborated" in text
    assert "Officials said 31 died" in text
    assert "| published | as of | figure | source |" in text
    assert text.count("Daily Ledger") >= 2
    assert "## Sources" in text


def test_html_brief_is_self_contained_with_chart(store: Store) -> None:
    _fill(store)
    page = render_brief(store, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and 'class="mark-symbol role-mark' in page  # the figure chart
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page)
    # Nothing is loaded from elsewhere: no src attributes, links only point in-page or out.
    assert not re.search(r"\ssrc\s*=", page)


def test_brief_opens_with_bottom_line_scope_and_numbered_sources(store: Store) -> None:
    _fill(store)
    page = render_brief(store, "html", generated="2031-04-01")
    assert (
        "Generated 2031-04-01" in page and "4 report(s), published 2031-03-02 to 2031-03-06" in page
    )
    bluf = page[page.index("Bottom line") : page.index("<h2>attack at the Lakeside")]
    assert "attack at the Lakeside stadium" in bluf and "people killed 31" in bluf
    assert "evolving" in bluf
    # Every quoted sentence links to its numbered source, and the source row carries the id.
    cited = set(re.findall(r'<a class="src" href="#src-(\d+)">\[S\1\]</a>', page))
    rows = set(re.findall(r'<tr id="src-(\d+)"><td>S\1</td>', page))
    assert cited and cited <= rows and len(rows) == 4
    text = render_brief(store, "md", generated="2031-04-01")
    assert text.index("## Bottom line") < text.index("## attack at the Lakeside")
    assert "Officials said 31 died. ” \\[S" in text or re.search(r"31 died\.\s*” \\\[S\d\\\]", text)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_brief_is_deterministic(store: Store, fmt: str) -> None:
    _fill(store)
    first = render_brief(store, fmt, generated="2031-04-01")  # type: ignore[arg-type]
    rebuild_picture(store)
    assert render_brief(store, fmt, generated="2031-04-01") == first  # type: ignore[arg-type]


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element the browser would build from ``page``, with its attributes."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collect().feed(page)
    return found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_html_brief_renders_hostile_text_inert(store: Store, hostile: str) -> None:
    _fill(store, hostile)
    page = render_brief(store, "html")
    assert "<script" not in page.lower()
    tags = _tags(page)
    assert not [t for t in tags if t[0] in ("script", "img", "iframe", "object")]
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]
    # The only links are the brief's own: to a numbered source, or a report's http(s) URL.
    links = [v or "" for _, attrs in tags for a, v in attrs if a in ("href", "xlink:href", "src")]
    for href in links:
        assert re.fullmatch(r"#src-\d+|https?://[^\s<>\"']+", href), href
    assert str(escape(hostile)) in page  # the text is shown, escaped


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_brief_renders_hostile_text_inert(store: Store, hostile: str) -> None:
    _fill(store, hostile)
    text = render_brief(store, "md")
    assert not re.search(r"(?<!\\)<(script|img|a)\b", text, re.I)
    assert not re.search(r"(?<!\\)\]\(javascript", text, re.I)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a*b*", r"a\*b\*"),
        ("[x](y)", r"\[x\]\(y\)"),
        ("<b>", r"\<b\>"),
        ("1. two", r"1\. two"),
        ("# hi\nthere", r"\# hi there"),
        ("plain text", "plain text"),
    ],
)
def test_md_escape(raw: str, expected: str) -> None:
    assert md_escape(raw) == expected


def test_brief_for_one_event_and_unknown_event(store: Store) -> None:
    _fill(store)
    text = render_brief(store, "md", event="lakeside stadium")
    assert text.startswith("# Cross\\-checked brief") or text.startswith("# Cross-checked brief")
    with pytest.raises(NotFoundError):
        render_brief(store, "md", event="Atlantis flood")
    with pytest.raises(CrosscheckError, match="unknown brief format"):
        render_brief(store, "pdf")  # type: ignore[arg-type]


def test_svg_chart_escapes_and_is_stable() -> None:
    group = {
        "label": "killed <script>",
        "measure": "killed",
        "claim_details": [
            {"published": "2031-03-02", "low": 20, "high": 20, "outlet": "<b>X</b>"},
            {"published": "2031-03-05", "low": 25, "high": None, "outlet": "Y"},
        ],
    }
    svg = group_svg(group)
    assert svg.startswith("<svg") and svg == group_svg(dict(group))
    assert "<b>" not in svg and "<script>" not in svg
    assert group_svg({**group, "claim_details": group["claim_details"][:1]}) == ""


def test_brief_carries_the_ach_ranking_and_grades(store: Store) -> None:
    _fill(store)
    ach.create_question(store, "who", f"Who attacked Lakeside? {HOSTILE[0]}", event="Lakeside")
    ach.add_hypothesis(store, "who", "The NLF did it", key="nlf", names=["NLF"])
    ach.add_hypothesis(store, "who", "A rival militia did it", key="rival", names=["Red Hand"])
    seen = ach.add_evidence(
        store,
        "who",
        note="A witness saw NLF banners at the gate.",
        credibility="2",
        reliability="B",
    )
    alibi = ach.add_evidence(
        store, "who", note="The rival militia was disbanded a year before.", credibility="3"
    )
    ach.rate(store, "who", seen, "nlf", "CC")
    ach.rate(store, "who", seen, "rival", "II")
    ach.rate(store, "who", alibi, "rival", "I")
    text = render_brief(store, "md", generated="2031-04-01")
    section = text[text.index("## Competing hypotheses") :]
    # The least inconsistent hypothesis first, both ranked, and the items with their grades.
    assert section.index("The NLF did it") < section.index("A rival militia did it")
    assert "B2" in section and "witness saw NLF banners" in section
    page = render_brief(store, "html", generated="2031-04-01")
    assert "Competing hypotheses" in page and "The NLF did it" in page
    assert HOSTILE[0] not in page and str(escape(HOSTILE[0])) in page
