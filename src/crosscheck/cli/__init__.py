"""The command-line interface: thin Typer faces over :mod:`crosscheck.pipeline`."""

from crosscheck.cli.app import app, main

__all__ = ["app", "main"]
