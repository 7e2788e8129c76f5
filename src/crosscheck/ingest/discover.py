"""Expand what the user names (files, directories, globs) into the files to read.

Only names and suffixes are looked at here, never contents, so a directory of
ten thousand reports expands in well under a second. Paths are yielded as the
user spelled them (``corpus/a.txt``, not an absolute path): that is the path
documents are stored under.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import InputError

# The built-in readers register their suffixes on import; discovery filters by them.
from crosscheck.ingest import readers as _readers  # noqa: F401
from crosscheck.ingest.base import reader_for, supported_suffixes
from crosscheck.ingest.sidecar import is_sidecar

_GLOB_CHARS = frozenset("*?[")


def _wanted(name: str) -> bool:
    """Whether a file met while walking a directory or a glob should be read."""
    if name.startswith("."):
        return False
    path = Path(name)
    return not is_sidecar(path) and reader_for(path) is not None


def _walk(directory: str, seen_dirs: set[tuple[int, int]]) -> Iterator[str]:
    """Files under ``directory`` in name order, depth first, skipping hidden entries."""
    try:
        stat = os.stat(directory)
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:  # a symlink loop, or the same tree named twice
            return
        seen_dirs.add(key)
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(entry.path, seen_dirs)
        elif _wanted(entry.name):
            yield entry.path


def _is_glob(arg: str) -> bool:
    return any(char in _GLOB_CHARS for char in arg)


def expand_inputs(args: list[str]) -> Iterator[Path | InputError]:
    """Yield each file to read, or an :class:`InputError` for an argument that names none.

    - A file is yielded as given, whatever its suffix (the caller reports an
      unsupported one).
    - A directory is walked recursively in name order; hidden files and
      directories, ``*.meta.json`` sidecars and files no reader handles are skipped.
    - A glob (``corpus/*.txt``, ``corpus/**/*.html``) is expanded with the same
      filters; one that matches nothing is an error.
    - A file reached twice (e.g. named and inside a named directory) is yielded once.
    """
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def fresh(path: str) -> bool:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen_files:
            return False
        seen_files.add(key)
        return True

    for arg in args:
        if os.path.isdir(arg):
            found = False
            for path in _walk(arg, seen_dirs):
                found = True
                if fresh(path):
                    yield Path(path)
            if not found:
                yield InputError(
                    arg,
                    "directory holds no readable reports",
                    f"readable suffixes are {', '.join(supported_suffixes())}; hidden files are"
                    " skipped",
                )
        elif os.path.exists(arg):
            if fresh(arg):
                yield Path(arg)
        elif _is_glob(arg):
            found = False
            for match in sorted(glob.iglob(arg, recursive=True)):
                if os.path.isdir(match):
                    paths: Iterator[str] = _walk(match, seen_dirs)
                elif _wanted(os.path.basename(match)):
                    paths = iter([match])
                else:
                    continue
                for path in paths:
                    found = True
                    if fresh(path):
                        yield Path(path)
            if not found:
                yield InputError(arg, "no readable files match this pattern", "check the pattern")
        else:
            yield InputError(arg, "no such file or directory", "check the path")


def _glob_base(pattern: str) -> str:
    """The folder part of a glob before its first wildcard (``corpus/*/a.txt`` → ``corpus``)."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts:
        if _is_glob(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def display_name(path: str, roots: list[str]) -> str:
    """How a document read from ``path`` is shown: never where the analyst's files live.

    A relative path that stays inside the working folder is shown as given
    (``corpus/a.txt``). Otherwise it is relative to the root it was found under, starting
    with that root's name: ``/home/ana/reports/x/a.txt`` found under ``/home/ana/reports``
    is ``reports/x/a.txt``; a file named directly is its file name.
    """
    if not os.path.isabs(path) and ".." not in Path(path).parts:
        return path
    full = os.path.abspath(path)
    for root in roots:
        base = os.path.abspath(_glob_base(root) if _is_glob(root) else root)
        if not os.path.isdir(base) or not full.startswith(base.rstrip(os.sep) + os.sep):
            continue
        rel = os.path.relpath(full, base)
        top = os.path.basename(base.rstrip(os.sep))
        return os.path.join(top, rel) if top else rel
    return os.path.basename(path)


__all__ = ["display_name", "expand_inputs"]
