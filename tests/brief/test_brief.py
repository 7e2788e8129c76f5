"""The brief: content, determinism, and hostile report text rendered inert."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reconcile"))
from markupsafe import escape
from recon_records import claim, doc, event

from crosscheck.brief import md_escape, render_brief
from crosscheck.brief.svg import series_svg
from crosscheck.errors import CrosscheckError, NotFoundError
from crosscheck.model import Extraction
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
    assert "## the Lakeside stadium attack" in text
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
    assert "<svg" in page and "<circle" in page
    assert not re.search(r"<script|<link|@import|https?://(?!www\.w3\.org/2000/svg)", page)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_brief_is_deterministic(store: Store, fmt: str) -> None:
    _fill(store)
    first = render_brief(store, fmt)  # type: ignore[arg-type]
    rebuild_picture(store)
    assert render_brief(store, fmt) == first  # type: ignore[arg-type]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_html_brief_renders_hostile_text_inert(store: Store, hostile: str) -> None:
    _fill(store, hostile)
    page = render_brief(store, "html")
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\bonerror\s*=", page, re.I)
    assert not re.search(r"<a\b", page, re.I)
    assert not re.search(r"""href\s*=\s*["']?javascript:""", page, re.I)
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
    points = [
        {"published": "2031-03-02", "as_of": None, "low": 20, "high": 20, "outlet": "<b>X</b>"},
        {"published": "2031-03-05", "as_of": None, "low": 25, "high": None, "outlet": "Y"},
    ]
    svg = series_svg(points, "killed <script>")
    assert svg == series_svg(list(points), "killed <script>")
    assert "<b>" not in svg and "<script>" not in svg
    assert series_svg([], "nothing") == ""
