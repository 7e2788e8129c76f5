"""The data loader: every data file parses, and libyaml's parser reads them as PyYAML's does."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from crosscheck import data
from crosscheck.errors import ConfigError

_ROOT = Path(str(resources.files("crosscheck.data")))
_YAML = sorted(p for p in _ROOT.rglob("*") if p.suffix in {".yaml", ".yml"})


def test_data_has_yaml_files() -> None:
    assert _YAML


@pytest.mark.parametrize("path", _YAML, ids=lambda p: str(p.relative_to(_ROOT)))
def test_data_load_equals_pure_python_yaml(path: Path) -> None:
    # The loader may use the C parser; what it gives must not depend on that.
    lang = path.parent.name if path.parent != _ROOT else None
    if lang is not None and path.parent.parent != _ROOT:
        pytest.skip("nested data folders are read by their own modules")
    expected = yaml.load(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    got = data.load(path.stem, lang)
    assert got == expected
    assert repr(got) == repr(expected)  # same types and key order, not only equal values


def test_data_load_unknown_file_says_so() -> None:
    with pytest.raises(ConfigError, match="is not installed"):
        data.load("no-such-table")
