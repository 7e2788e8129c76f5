"""The search box of the web pages and the API: a thin face over :mod:`crosscheck.pipeline.search`.

Kept so pages and routes import search from the web layer as before; the logic lives
in the pipeline, where the CLI can share it.
"""

from __future__ import annotations

from crosscheck.pipeline.search import KINDS, search_all

__all__ = ["KINDS", "search_all"]
