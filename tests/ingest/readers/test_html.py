"""The HTML reader: article text via trafilatura, the page's metadata, no scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.errors import EmptyInputError
from crosscheck.ingest.base import RawDocument
from crosscheck.ingest.readers.html import decode_html, read_html


def test_read_html_article(fixtures: Path) -> None:
    (doc,) = list(read_html(fixtures / "article.html"))
    assert isinstance(doc, RawDocument)
    assert "injuring twelve passengers" in doc.text
    assert "reopened in the evening" in doc.text
    assert "SHOULD-NOT-APPEAR" not in doc.text
    assert "<" not in doc.text
    assert doc.title == "Ferry terminal blast injures twelve"
    assert doc.outlet == "Northgate Courier"
    assert doc.author == "Mira Okonkwo"
    assert doc.published == "2023-06-14"
    assert doc.format == "html"


def test_read_html_script_only_page_is_refused(fixtures: Path) -> None:
    with pytest.raises(EmptyInputError, match="no article text"):
        list(read_html(fixtures / "hostile.html"))


def test_read_html_short_page_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text(
        "<html><head><title>T</title><script>x()</script></head>"
        "<body><nav>menu</nav><p>Two guards were hurt.</p></body></html>",
        encoding="utf-8",
    )
    (doc,) = list(read_html(path))
    assert isinstance(doc, RawDocument)
    assert doc.text == "Two guards were hurt."


@pytest.mark.parametrize(
    ("declared", "codec"), [("windows-1251", "cp1251"), ("utf-8", "utf-8"), ("bogus-xyz", "utf-8")]
)
def test_decode_html_honours_meta_charset(declared: str, codec: str) -> None:
    body = "<p>Взрыв повредил мост.</p>"
    data = f'<html><head><meta charset="{declared}"></head><body>{body}</body></html>'
    assert body in decode_html(data.encode(codec), "page.html")


def test_read_html_does_not_fetch(fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (doc,) = list(read_html(fixtures / "article.html"))
    assert isinstance(doc, RawDocument)


def test_read_html_entity_declarations_refused(tmp_path: Path) -> None:
    from crosscheck.errors import UnsafeInputError

    decls = ['<!ENTITY a0 "ha">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 12)
    ]
    path = tmp_path / "bomb.html"
    path.write_text(
        "<!DOCTYPE html [" + "".join(decls) + "]><html><body><p>&a11;</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(UnsafeInputError, match="entit"):
        list(read_html(path))
