"""The HTTP face of crosscheck: a FastAPI app serving the JSON API and the web workbench."""

from __future__ import annotations

from crosscheck.api.app import create_app

__all__ = ["create_app"]
