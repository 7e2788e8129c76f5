"""The Markdown reader keeps prose and drops markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.ingest.base import RawDocument
from crosscheck.ingest.readers.markdown import markdown_to_text, read_markdown, split_front_matter


def test_read_markdown_fixture(fixtures: Path) -> None:
    (doc,) = list(read_markdown(fixtures / "report.md"))
    assert isinstance(doc, RawDocument)
    assert doc.title == "Quarterly review of incidents in the delta"
    assert doc.outlet == "Delta Watch"
    assert doc.author == "Field Research Unit"
    assert doc.published == "2024-04-10"
    assert "first quarter saw fewer attacks" in doc.text
    assert "Twenty-three people killed in total" in doc.text
    assert "Raw HTML paragraph kept." in doc.text
    for markup in ("#", "**", "](", "https://", "map.png", "```", "alert", "---", "title:"):
        assert markup not in doc.text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## Heading two\n\nBody.", "Heading two\n\nBody."),
        ("Some *em* and __strong__ and `code`.", "Some em and strong and code."),
        ("See [the map](http://x.example/m) now.", "See the map now."),
        ("Line one\nstill one", "Line one still one"),
        ("> quoted words", "quoted words"),
        ("1. first\n2. second", "first\n\nsecond"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a\tb\n\n1\t2"),
    ],
)
def test_markdown_to_text(source: str, expected: str) -> None:
    assert markdown_to_text(source)[0] == expected


def test_markdown_first_h1_is_title() -> None:
    assert markdown_to_text("Intro\n\n# The real title\n\n# Another")[1] == "The real title"


@pytest.mark.parametrize("source", ["---\n: [broken\n---\nbody", "--- not front matter\nbody"])
def test_split_front_matter_leaves_bad_blocks(source: str) -> None:
    assert split_front_matter(source) == ({}, source)
