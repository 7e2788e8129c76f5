"""Load the ingest data files under ``crosscheck/data/ingest/`` once per process.

Lexicons and tables are data, not code: this module only finds and parses
them. It must not hold any behaviour of its own.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> dict[str, Any]:
    """Parse ``data/ingest/<name>`` (YAML) and return its top-level mapping.

    Args:
        name: file name inside ``crosscheck/data/ingest``, e.g. ``"markup.yaml"``.
    """
    text = resources.files("crosscheck").joinpath("data", "ingest", name).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise TypeError(f"data/ingest/{name} must hold a mapping at the top level")
    return data


__all__ = ["load_data"]
