"""Extractors per language, registered by name.

Built-in extractors register themselves through the same door as plug-ins:
``@register_extractor("en")`` on a factory taking the settings. A package can
also expose one through the ``crosscheck.extractors`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import entry_points
from typing import Protocol

from crosscheck.config import Settings
from crosscheck.model import Document, Extraction


class Extractor(Protocol):
    """Turns documents of one language into extractions."""

    language: str

    def extract(self, doc: Document) -> Extraction: ...

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]: ...


ExtractorFactory = Callable[[Settings], Extractor]

_FACTORIES: dict[str, ExtractorFactory] = {}
_INSTANCES: dict[tuple[str, str], Extractor] = {}


def register_extractor(language: str) -> Callable[[ExtractorFactory], ExtractorFactory]:
    """Register ``factory`` as the extractor for ISO 639-1 ``language``."""

    def wrap(factory: ExtractorFactory) -> ExtractorFactory:
        _FACTORIES[language] = factory
        return factory

    return wrap


def _load_builtins() -> None:
    # Importing registers them; kept lazy so `crosscheck info` does not load spaCy.
    import crosscheck.analysis.lang.en.extractor
    import crosscheck.analysis.lang.ru.extractor  # noqa: F401

    for ep in entry_points(group="crosscheck.extractors"):
        if ep.name not in _FACTORIES:
            _FACTORIES[ep.name] = ep.load()


def languages() -> list[str]:
    """Languages that have an extractor."""
    _load_builtins()
    return sorted(_FACTORIES)


def get_extractor(language: str | None, settings: Settings) -> Extractor | None:
    """The (cached) extractor for ``language``, or ``None`` when there is none."""
    _load_builtins()
    if not language or language not in _FACTORIES:
        return None
    key = (language, settings.spacy_model)
    if key not in _INSTANCES:
        _INSTANCES[key] = _FACTORIES[language](settings)
    return _INSTANCES[key]


def extractors_loaded() -> bool:
    """Whether this process has made an extractor yet (its model is in memory)."""
    return bool(_INSTANCES)


__all__ = ["Extractor", "extractors_loaded", "get_extractor", "languages", "register_extractor"]
