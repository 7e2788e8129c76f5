"""The PDF reader: text of all pages, clear errors for corrupt and encrypted files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.errors import DecodeError, EmptyInputError
from crosscheck.ingest.base import RawDocument
from crosscheck.ingest.readers.pdf import read_pdf


def test_read_pdf_all_pages_and_metadata(tmp_path: Path, make_pdf: Callable[..., bytes]) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(
        make_pdf(
            [["Patrol boats intercepted a smuggling vessel."], ["Nine crew members were held."]],
            {"Title": "Harbour interdiction note", "Author": "Coastal Desk"},
        )
    )
    (doc,) = list(read_pdf(path))
    assert isinstance(doc, RawDocument)
    assert "Patrol boats intercepted a smuggling vessel." in doc.text
    assert "Nine crew members were held." in doc.text
    assert doc.text.index("Patrol") < doc.text.index("Nine")
    assert doc.title == "Harbour interdiction note"
    assert doc.author == "Coastal Desk"
    assert doc.extra["pages"] == "2"
    assert doc.format == "pdf"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b"this is not a pdf at all", b"%PDF-"],
)
def test_read_pdf_corrupt(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(DecodeError, match=r"broken\.pdf: .*(not a readable PDF|no extractable)"):
        list(read_pdf(path))


def test_read_pdf_truncated_real_file(tmp_path: Path, make_pdf: Callable[..., bytes]) -> None:
    data = make_pdf([["A sentence that will be cut off."]])
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises((DecodeError, EmptyInputError), match=r"cut\.pdf"):
        list(read_pdf(path))


def test_read_pdf_encrypted_with_password(tmp_path: Path, make_pdf: Callable[..., bytes]) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret text."]]))))
    writer.encrypt(user_password="hunter2", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(DecodeError, match="encrypted PDF"):
        list(read_pdf(path))


def test_read_pdf_encrypted_without_user_password(
    tmp_path: Path, make_pdf: Callable[..., bytes]
) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Openable text."]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "owner-only.pdf"
    with path.open("wb") as out:
        writer.write(out)
    (doc,) = list(read_pdf(path))
    assert isinstance(doc, RawDocument)
    assert "Openable text." in doc.text


def test_read_pdf_without_text(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(EmptyInputError, match="OCR"):
        list(read_pdf(path))
