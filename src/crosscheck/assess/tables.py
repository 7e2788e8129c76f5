"""The tables of structured analysis (``data/assess.yaml``), parsed once per process.

Weights, thresholds, suggestion rules and word lists are data an analyst may tune; this
module only finds and parses them and must hold no behaviour of its own.
"""

from __future__ import annotations

import functools
from typing import Any

from crosscheck.data import load as load_data


@functools.cache
def tables() -> dict[str, Any]:
    """The whole data file as a mapping."""
    data: dict[str, Any] = load_data("assess")
    return data


def section(name: str) -> dict[str, Any]:
    """One top-level section (``ach``, ``suggestions``, ``grading``, ``warnings``, ``rules``)."""
    value: dict[str, Any] = tables()[name]
    return value


__all__ = ["section", "tables"]
