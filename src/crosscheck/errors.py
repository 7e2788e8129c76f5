"""One exception hierarchy for crosscheck.

Every message says what happened, for which input, and what to do next. The CLI
prints ``str(error)`` on one line and exits non-zero; the API renders
``error.code`` and the message in one JSON shape.

    CrosscheckError
    ├── ConfigError          a setting has a bad value
    ├── InputError           a report cannot be read (one file; the batch goes on)
    │   ├── EmptyInputError
    │   ├── UnsupportedFormatError
    │   ├── DecodeError
    │   ├── TooLargeError
    │   └── UnsafeInputError (entity bombs, hostile markup we refuse)
    ├── ModelError           the spaCy pipeline cannot be loaded
    ├── StoreError           the database cannot be opened, migrated or written
    │   ├── NotFoundError    an id or name matches nothing in the store
    │   ├── BusyError        another writer kept the store past the wait; nothing was written
    │   └── SavedStateError  a saved picture state is stale, foreign or damaged (not used)
    ├── CorrectionError      an analyst correction cannot be applied
    ├── AssessmentError      an ACH question, grade or watch rule is not valid
    ├── ExportError          an export or import cannot be written/read
    └── GoldError            a gold file does not follow the DESIGN.md format
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class: every error crosscheck raises on purpose."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        # Messages are shown on one line; report text never spans lines here.
        return " ".join(self.message.split())


class ConfigError(CrosscheckError):
    code = "config_error"
    exit_code = 2


class InputError(CrosscheckError):
    """A single input (file, feed entry, upload) could not be turned into a document."""

    code = "input_error"

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        text = f"{source}: {reason}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class EmptyInputError(InputError):
    code = "empty_input"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"


class DecodeError(InputError):
    code = "decode_error"


class TooLargeError(InputError):
    code = "too_large"


class UnsafeInputError(InputError):
    code = "unsafe_input"


class ModelError(CrosscheckError):
    code = "model_error"


class StoreError(CrosscheckError):
    code = "store_error"


class NotFoundError(StoreError):
    code = "not_found"
    exit_code = 3


class BusyError(StoreError):
    """Another writer held the store longer than this write may wait; nothing was written."""

    code = "busy"
    exit_code = 75  # EX_TEMPFAIL: try again later


class SavedStateError(StoreError):
    """A saved picture state cannot be used; the picture is rebuilt from the store instead."""

    code = "saved_state"


class CorrectionError(CrosscheckError):
    code = "correction_error"


class AssessmentError(CrosscheckError):
    code = "assessment_error"


class ExportError(CrosscheckError):
    code = "export_error"


class GoldError(CrosscheckError):
    code = "gold_error"


__all__ = [
    "AssessmentError",
    "BusyError",
    "ConfigError",
    "CorrectionError",
    "CrosscheckError",
    "DecodeError",
    "EmptyInputError",
    "ExportError",
    "GoldError",
    "InputError",
    "ModelError",
    "NotFoundError",
    "SavedStateError",
    "StoreError",
    "TooLargeError",
    "UnsafeInputError",
    "UnsupportedFormatError",
]
