"""Built-in readers, one module per format.

Importing this package registers them with :func:`crosscheck.ingest.base.register_reader`,
the same door a plug-in uses.
"""

from __future__ import annotations

from crosscheck.ingest.readers import feed, html, jsonl, markdown, pdf, text

__all__ = ["feed", "html", "jsonl", "markdown", "pdf", "text"]
