"""The tables of structured analysis (``data/assess.yaml``), parsed once per process.

Weights, thresholds, suggestion rules and word lists are data an analyst may tune; this
module only finds and parses them and must hold no behaviour of its own.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def tables() -> dict[str, Any]:
    """The whole data file as a mapping."""
    text = resources.files("crosscheck.data").joinpath("assess.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def section(name: str) -> dict[str, Any]:
    """One top-level section (``ach``, ``suggestions``, ``grading``, ``warnings``, ``rules``)."""
    value: dict[str, Any] = tables()[name]
    return value


__all__ = ["section", "tables"]
