"""Orchestration over the store: ingest, re-processing, reconciliation, corrections, views.

The CLI, the API and the web pages call these functions, so they never disagree.
"""
