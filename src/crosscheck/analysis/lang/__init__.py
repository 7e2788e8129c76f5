"""Language packages: each ``lang/<code>/`` holds one language's grammar and rules.

A language brings a grammar object (its parser pass, rule components and finish step) to the
shared :class:`crosscheck.analysis.extractor.Extractor`, and registers that extractor with
:func:`crosscheck.analysis.register_extractor`; its word lists live in ``data/<code>/`` and
are read with :func:`crosscheck.data.load`.
"""
