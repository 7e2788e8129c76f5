"""The web workbench: server-rendered pages over the same library views as the CLI and API.

``router`` holds every page and form; :func:`crosscheck.api.create_app` mounts it with the
static assets from :data:`STATIC_DIR`.
"""

from __future__ import annotations

from fastapi import APIRouter

from crosscheck.web import assess_pages, forms, pages, workbench
from crosscheck.web.templating import STATIC_DIR, templates

router = APIRouter(include_in_schema=False)
router.include_router(pages.router)
router.include_router(forms.router)
router.include_router(assess_pages.router)
router.include_router(workbench.router)

__all__ = ["STATIC_DIR", "router", "templates"]
