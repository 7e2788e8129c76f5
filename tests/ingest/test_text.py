"""normalise_text and content_hash: one canonical form for the same report."""

from __future__ import annotations

import unicodedata

import pytest

from crosscheck.ingest.text import content_hash, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("trailing   \nspaces\t\t\nhere\u00a0", "trailing\nspaces\nhere"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("a\n  \n \t \n\nb", "a\n\nb"),
        ("a\n\nb", "a\n\nb"),
        ("bell\x07 and escape\x1b and nul\x00 gone", "bell and escape and nul gone"),
        ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
        ("\n\n  padded  \n\n", "padded"),
        ("stray\ufeffmark", "straymark"),
        ("C1\x85control", "C1control"),
    ],
)
def test_normalise_text_examples(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_text_composes_unicode() -> None:
    decomposed = unicodedata.normalize("NFD", "café in Zürich, Ёлки")
    result = normalise_text(decomposed)
    assert result == unicodedata.normalize("NFC", decomposed)
    assert len(result) < len(decomposed)


@pytest.mark.parametrize(
    "raw", ["x\r\n\r\n\r\n\r\ny  ", "e\u0301\x00\n\n\n", "  a\tb \n\u2028c\u2029d"]
)
def test_normalise_text_is_idempotent(raw: str) -> None:
    once = normalise_text(raw)
    assert normalise_text(once) == once


def test_content_hash_ignores_presentation_differences() -> None:
    a = "Five people were hurt.\r\n\r\n\r\nTwo were detained.   "
    b = "Five people were hurt.\n\nTwo were detained."
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64
    assert content_hash(a) != content_hash(b + " Later, one was freed.")
