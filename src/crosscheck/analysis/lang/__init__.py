"""Language packages: each ``lang/<code>/`` holds one language's grammar and rules.

A language registers its extractor with :func:`crosscheck.analysis.register_extractor`;
its word lists live in ``data/<code>/`` and are read with :func:`crosscheck.data.load`.
"""
