"""crosscheck: a sourced, cross-checked picture of security events from open-source reports."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for: importlib.metadata
    # costs a tenth of a second at start-up, and most commands never print the version.
    if name != "__version__":
        raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("crosscheck")
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0"
    globals()["__version__"] = found
    return found
