"""html_to_text: readable text from HTML fragments, never scripts or navigation."""

from __future__ import annotations

import pytest

from crosscheck.ingest.markup import html_to_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            "<p>First paragraph.</p><p>Second <b>bold</b> one.</p>",
            "First paragraph.\nSecond bold one.",
        ),
        ("Plain &amp; simple", "Plain & simple"),
        ("<div>kept<script>var hidden = 1;</script> text</div>", "kept text"),
        ("<nav>menu</nav><p>body</p><style>p{}</style>", "body"),
        ('<img src=x onerror="alert(1)"><p>safe</p>', "safe"),
        ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
        ("<!-- a comment --><p>after</p>", "after"),
        ("", ""),
        ("<script>only()</script>", ""),
    ],
)
def test_html_to_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected
