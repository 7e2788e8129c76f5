"""Metadata sidecars: report.meta.json beside report.txt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck.errors import InputError
from crosscheck.ingest.sidecar import is_sidecar, read_sidecar, sidecar_path


def test_sidecar_path_and_detection() -> None:
    assert sidecar_path(Path("dir/report.txt")) == Path("dir/report.meta.json")
    assert is_sidecar(Path("dir/report.meta.json"))
    assert not is_sidecar(Path("dir/report.json"))


def test_read_sidecar_missing_is_empty(tmp_path: Path) -> None:
    assert read_sidecar(tmp_path / "nothing.txt") == {}


def test_read_sidecar_cleans_values(tmp_path: Path) -> None:
    (tmp_path / "r.meta.json").write_text(
        json.dumps(
            {
                "title": "  Two   spaces  ",
                "outlet": "Example Wire",
                "published": "March 25, 2024",
                "language": "en-GB",
                "author": None,
                "url": "",
                "notes": {"anything": "ignored"},
            }
        ),
        encoding="utf-8",
    )
    assert read_sidecar(tmp_path / "r.txt") == {
        "title": "Two spaces",
        "outlet": "Example Wire",
        "published": "2024-03-25",
        "language": "en",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"title": 5}', "'title' must be a string"),
        ('{"published": "sometime in spring"}', "not a full date"),
        ('{"language": "English language"}', "not a language code"),
    ],
)
def test_read_sidecar_malformed_names_the_sidecar(
    tmp_path: Path, content: str, message: str
) -> None:
    side = tmp_path / "r.meta.json"
    side.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_sidecar(tmp_path / "r.txt")
    assert caught.value.source == str(side)
