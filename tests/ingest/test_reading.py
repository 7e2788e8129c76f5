"""read_inputs: the whole ingest path, metadata priority, errors that never stop the batch."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.errors import (
    ConfigError,
    DecodeError,
    EmptyInputError,
    InputError,
    TooLargeError,
    UnsafeInputError,
    UnsupportedFormatError,
)
from crosscheck.ingest import RawDocument, read_inputs, supported_suffixes

SHARED_DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


def _split(items: list[RawDocument | InputError]) -> tuple[list[RawDocument], list[InputError]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_supported_suffixes_registered_on_import() -> None:
    suffixes = supported_suffixes()
    for suffix in (
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".pdf",
        ".rss",
        ".atom",
        ".xml",
        ".feed",
        ".jsonl",
    ):
        assert suffix in suffixes


def test_read_inputs_fixture_folder(fixtures: Path) -> None:
    docs, errors = _split(list(read_inputs([str(fixtures)])))
    formats = {d.format for d in docs}
    assert formats == {"html", "feed", "jsonl", "markdown", "text"}
    assert all(d.text == d.text.strip() and "\r" not in d.text for d in docs)
    assert all(d.language == "en" for d in docs)
    # hostile.html, the headline-only RSS entry and the three bad JSONL lines
    assert len(errors) == 5
    assert not any("report.meta.json" in e.source for e in errors)


def test_read_inputs_metadata_priority(tmp_path: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / "report.md", tmp_path / "r.md")
    (tmp_path / "r.meta.json").write_text(
        json.dumps({"outlet": "Sidecar Outlet", "title": "Sidecar Title", "author": "Side Author"}),
        encoding="utf-8",
    )
    (doc,) = list(
        read_inputs([str(tmp_path / "r.md")], overrides={"title": "Flag Title", "url": None})
    )
    assert isinstance(doc, RawDocument)
    assert doc.title == "Flag Title"  # flag > sidecar > front matter
    assert doc.outlet == "Sidecar Outlet"  # sidecar > front matter
    assert doc.author == "Side Author"
    assert doc.published == "2024-04-10"  # only the file says it


def test_read_inputs_sidecar_beside_text(fixtures: Path) -> None:
    (doc,) = list(read_inputs([str(fixtures / "report.txt")]))
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.outlet, doc.published) == (
        "Power station attack",
        "Mountain Herald",
        "2024-03-25",
    )
    assert doc.url == "https://mountain-herald.example/power"


def test_read_inputs_sidecar_only_fills_gaps_for_feeds(tmp_path: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / "news.rss", tmp_path / "n.rss")
    (tmp_path / "n.meta.json").write_text('{"outlet": "X", "author": "Desk"}', encoding="utf-8")
    docs, _ = _split(list(read_inputs([str(tmp_path / "n.rss")])))
    assert {d.outlet for d in docs} == {"Lakeside Monitor"}
    assert {d.author for d in docs} == {"Desk"}


def test_read_inputs_published_override_normalised(fixtures: Path) -> None:
    (doc,) = list(read_inputs([str(fixtures / "report.txt")], {"published": "April 2, 2024"}))
    assert isinstance(doc, RawDocument) and doc.published == "2024-04-02"


@pytest.mark.parametrize(
    "overrides", [{"colour": "blue"}, {"published": "someday"}, {"language": "not a code"}]
)
def test_read_inputs_bad_override_is_config_error(
    fixtures: Path, overrides: dict[str, str | None]
) -> None:
    with pytest.raises(ConfigError):
        list(read_inputs([str(fixtures / "report.txt")], overrides))


def test_read_inputs_never_stops_on_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text("A short note about a raid.", encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"\x7fELF" + bytes(64))
    (tmp_path / "c_empty.txt").write_bytes(b"\n\n  \n")
    (tmp_path / "d_bad.meta.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "d_bad.txt").write_text("Text whose sidecar is broken.", encoding="utf-8")
    (tmp_path / "e_bomb.rss").write_text(
        '<!DOCTYPE r [<!ENTITY a "b">]><rss><channel><title>&a;</title></channel></rss>',
        encoding="utf-8",
    )
    (tmp_path / "f_corrupt.pdf").write_bytes(b"%PDF-1.7 garbage")
    (tmp_path / "z_good.md").write_text("# Title\n\nAnother short note.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    docs, errors = _split(items)
    assert [Path(d.source).name for d in docs] == ["a_good.txt", "z_good.md"]
    kinds = [type(e) for e in errors]
    assert kinds == [
        DecodeError,
        EmptyInputError,
        InputError,
        UnsafeInputError,
        DecodeError,
        InputError,
    ]
    assert errors[2].source.endswith("d_bad.meta.json")
    assert "no such file" in str(errors[-1])


def test_read_inputs_unsupported_explicit_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, UnsupportedFormatError)
    assert ".docx" in str(error) and ".txt" in str(error) and ".pdf" in str(error)


def test_read_inputs_sidecar_given_explicitly(fixtures: Path) -> None:
    (error,) = list(read_inputs([str(fixtures / "report.meta.json")]))
    assert isinstance(error, UnsupportedFormatError)
    assert "sidecar" in str(error)


def test_read_inputs_too_large_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    (error,) = list(read_inputs([str(path)], max_bytes=1000))
    assert isinstance(error, TooLargeError)
    assert "limit" in str(error)
    (doc,) = list(read_inputs([str(path)], max_bytes=10_000))
    assert isinstance(doc, RawDocument)


def test_read_inputs_cp1251_russian(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    text = "Полиция сообщила о задержании пяти человек после взрыва у здания администрации."
    path.write_bytes(text.encode("cp1251"))
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.text == text
    assert doc.language == "ru"


def test_read_inputs_utf16_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Officials confirmed the count.\r\n".encode("utf-16"))
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument) and doc.text == "Officials confirmed the count."


def test_read_inputs_pdf(tmp_path: Path, make_pdf: Callable[..., bytes]) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([["The convoy reached the camp on the second day."]]))
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.text == "The convoy reached the camp on the second day."


@pytest.mark.slow
def test_read_inputs_fifty_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    paragraph = (
        b"Analysts compared the casualty figures reported by several outlets over the week.\r\n\r\n"
    )
    with path.open("wb") as out:
        for _ in range(50_000_000 // len(paragraph) + 1):
            out.write(paragraph)
    assert path.stat().st_size >= 50_000_000
    start = time.perf_counter()
    (doc,) = list(read_inputs([str(path)], max_bytes=100_000_000))
    elapsed = time.perf_counter() - start
    assert isinstance(doc, RawDocument)
    assert "\r" not in doc.text
    assert doc.text.startswith("Analysts compared")
    assert doc.language == "en"
    assert elapsed < 30


def test_read_inputs_dev_corpus() -> None:
    if not SHARED_DEV.is_dir():
        pytest.skip("/work/shared corpus not available")
    docs, errors = _split(list(read_inputs([str(SHARED_DEV)])))
    assert not errors
    assert len(docs) == len(list(SHARED_DEV.glob("*.txt")))
    for doc in docs:
        source = Path(doc.source)
        meta = json.loads((source.parent / f"{source.stem}.meta.json").read_text("utf-8"))
        assert doc.title == meta["title"]
        assert doc.outlet == meta["outlet"]
        assert doc.published == meta["published"]
        assert doc.language == "en"


def test_read_inputs_never_touches_the_network(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    docs, _ = _split(list(read_inputs([str(fixtures)])))
    assert len(docs) >= 6
