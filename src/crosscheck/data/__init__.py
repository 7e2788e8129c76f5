"""The package's data files (lexicons, aliases, tables) and their one loader.

Files are data, not code: ``load("numbers", "ru")`` reads ``data/ru/numbers.yaml`` (or
``.json``); ``load("gazetteer")`` reads ``data/gazetteer.yaml``, the tables every language
shares. Parsed files are cached for the process: callers must not modify them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

from crosscheck.errors import ConfigError

_SUFFIXES = (".yaml", ".yml", ".json")
#: libyaml's parser when PyYAML was built with it: the same safe constructor over a C parser,
#: eight times faster on our files (a short command reads about twenty of them).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str, lang: str | None = None) -> Any:
    """The parsed data file ``name`` of language ``lang`` (shared tables when ``None``).

    Raises:
        ConfigError: no such file is installed, or it cannot be parsed.
    """
    folder = resources.files("crosscheck.data")
    if lang:
        folder = folder.joinpath(lang)
    for suffix in _SUFFIXES:
        path = folder.joinpath(name + suffix)
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        try:
            return json.loads(text) if suffix == ".json" else yaml.load(text, Loader=_LOADER)
        except (ValueError, yaml.YAMLError) as exc:
            raise ConfigError(
                f"data file {lang or '.'}/{name}{suffix} cannot be read ({exc});"
                " reinstall crosscheck"
            ) from exc
    raise ConfigError(
        f"data file {name!r} for language {lang or 'shared'!r} is not installed;"
        " reinstall crosscheck"
    )


def has(name: str, lang: str | None = None) -> bool:
    """Whether a data file ``name`` exists for ``lang``."""
    folder = resources.files("crosscheck.data")
    if lang:
        folder = folder.joinpath(lang)
    return any(folder.joinpath(name + s).is_file() for s in _SUFFIXES)


__all__ = ["has", "load"]
