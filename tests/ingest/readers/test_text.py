"""The text reader: decoded bytes, one document."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.errors import DecodeError
from crosscheck.ingest.readers.text import read_text


def test_read_text_cp1251(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    text = "Суд приговорил троих обвиняемых к длительным срокам заключения за подготовку взрыва."
    path.write_bytes(text.encode("cp1251"))
    (doc,) = list(read_text(path))
    assert not isinstance(doc, Exception)
    assert doc.text == text
    assert doc.path == str(path)
    assert doc.format == "text"


def test_read_text_binary_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(DecodeError, match="binary"):
        list(read_text(path))
