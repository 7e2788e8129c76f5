"""Name and phrase normalisation shared by the reconcile modules.

Loads ``data/reconcile.yaml`` once and turns surface forms into comparable keys:
lower case, Cyrillic transliterated, punctuation dropped, leading articles removed.
Pure functions; nothing here looks at more than one string at a time. The only memos are
the data files, loaded once (``functools.cache`` on functions without arguments).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from crosscheck.data import load as load_data

_WORD = re.compile(r"[\w']+", re.UNICODE)


@functools.cache
def tables() -> dict[str, Any]:
    """The reconcile data file, parsed once."""
    data: dict[str, Any] = load_data("reconcile")
    return data


@functools.cache
def _translit_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cyr, lat in tables()["cyrillic"].items():
        table[ord(cyr)] = lat
        table[ord(cyr.upper())] = lat.capitalize() if lat else ""
    return table


@functools.cache
def _name_prefixes() -> frozenset[str]:
    return frozenset(str(w) for w in tables()["name_prefixes"])


def transliterate(text: str) -> str:
    """Cyrillic letters to Latin ones ("Путин" -> "Putin"); other text is unchanged."""
    return text.translate(_translit_table())


def fold(text: str) -> str:
    """Lower case, transliterated, accents removed."""
    if text.isascii():
        return text.casefold()  # nothing to transliterate or strip: the common case
    text = unicodedata.normalize("NFKD", transliterate(text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return _WORD.findall(fold(text).replace("’", "'"))


def name_key(text: str) -> str:
    """A comparable form of a name: folded words without a leading article."""
    toks = words(text)
    prefixes = _name_prefixes()
    while toks and toks[0] in prefixes:
        toks = toks[1:]
    return " ".join(t.strip("'") for t in toks)


def acronym(text: str) -> str | None:
    """The initials of a multi-word name ("Collective Security Treaty Organization" -> "csto")."""
    skip = set(tables()["acronym_skip"])
    toks = [t for t in re.split(r"[\s\-]+", transliterate(text).strip()) if t]
    initials = [t[0] for t in toks if t.casefold() not in skip and t[0].isalpha()]
    if len(initials) < 2:
        return None
    return "".join(initials).casefold()


def is_acronym(text: str) -> bool:
    """True for a short all-capitals token such as "CSTO" or "ISIS-K"."""
    core = re.sub(r"[\s.\-]", "", text)
    return 2 <= len(core) <= 8 and core.isalnum() and core.upper() == core and core.isalpha()


def label_family(label: str) -> str:
    """Entity labels that may denote the same thing share a family."""
    families: dict[str, str] = tables()["label_families"]
    return families.get(label, label.casefold())


__all__ = [
    "acronym",
    "fold",
    "is_acronym",
    "label_family",
    "name_key",
    "tables",
    "transliterate",
    "words",
]
