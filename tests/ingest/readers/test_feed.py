"""The feed reader: one document per entry; malformed and hostile feeds refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crosscheck.errors import EmptyInputError, InputError, UnsafeInputError
from crosscheck.ingest.base import RawDocument
from crosscheck.ingest.readers.feed import read_feed


def test_read_rss(fixtures: Path) -> None:
    items = list(read_feed(fixtures / "news.rss"))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) == 2
    first, second = docs
    assert first.source == f"{fixtures / 'news.rss'}#1"
    assert first.url == "https://lakeside-monitor.example/2023/border-post"
    assert first.title == "Border post raided overnight"
    assert first.outlet == "Lakeside Monitor"
    assert first.published == "2023-09-05"
    assert first.language == "en"
    assert "killing two guards" in first.text
    assert "Four attackers were later detained." in first.text
    assert "<" not in first.text and "alert" not in first.text
    assert second.source.endswith("#2")
    assert "nine members" in second.text
    (error,) = errors
    assert isinstance(error, EmptyInputError)
    assert error.source.endswith("#3")


def test_read_atom(fixtures: Path) -> None:
    (doc,) = list(read_feed(fixtures / "news.atom"))
    assert isinstance(doc, RawDocument)
    assert doc.outlet == "Riverbend Security Review"
    assert doc.url == "https://riverbend.example/analysis/militia-recruiting"
    assert doc.published == "2024-02-01"
    assert doc.author == "Tomas Verhoeven"
    assert "between 2,000 and 3,000 fighters" in doc.text
    assert "<p>" not in doc.text


@pytest.mark.parametrize(
    "content",
    [
        b"this is not xml at all, just a sentence",
        b"<html><body><p>a web page, not a feed</p></body></html>",
        b"",
    ],
)
def test_read_feed_malformed(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"bad\.xml: .*(RSS or Atom|no entries)"):
        list(read_feed(path))


def test_read_feed_billion_laughs_refused_quickly(tmp_path: Path) -> None:
    decls = ['<!ENTITY a0 "ha">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 12)
    ]
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(decls) + "]>"
        "<rss version='2.0'><channel><title>&a11;</title>"
        "<item><title>t</title><description>&a11;</description></item></channel></rss>"
    )
    path = tmp_path / "bomb.rss"
    path.write_text(bomb, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(UnsafeInputError, match=r"bomb\.rss"):
        list(read_feed(path))
    assert time.perf_counter() - start < 2.0
