"""Server plumbing shared by the JSON API and the pages: settings, a pool of stores, the token.

The pool exists because a store connection (and its transaction depth) belongs to one
request at a time: each request borrows a store and gives it back, so concurrent requests
never share a connection. The write token is the one secret of the server; it comes from
the ``token`` setting or is generated once and kept beside the database, readable only by
its owner.
"""

from __future__ import annotations

import hashlib
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import anyio
import anyio.to_thread

from crosscheck.config import Settings
from crosscheck.errors import BusyError, ConfigError
from crosscheck.pipeline.picture import configure
from crosscheck.store import Store, open_store
from crosscheck.web.auth import new_session, session_nonce, session_valid

#: Stores kept open for reuse; more are opened under load and closed when the pool is full.
POOL_SIZE = 8
#: Threads for writes (uploads, corrections); they queue for the store's writer turn.
WRITE_THREADS = 4

_T = TypeVar("_T")


class StorePool:
    """Open stores handed to one request at a time."""

    def __init__(self, url: str, size: int = POOL_SIZE, settings: Settings | None = None) -> None:
        self.url = url
        self.settings = settings
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=size)
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def store(self) -> Iterator[Store]:
        """Borrow a store for the duration of the ``with`` block."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(
                self.url, write_wait=None if self.settings is None else self.settings.write_wait
            )
            if self.settings is not None:
                configure(store, self.settings)
        try:
            yield store
        finally:
            self._give_back(store)

    def _give_back(self, store: Store) -> None:
        with self._lock:
            if not self._closed:
                try:
                    self._idle.put_nowait(store)
                    return
                except queue.Full:
                    pass
        store.close()

    def close(self) -> None:
        """Close every idle store; stores still borrowed are closed when given back."""
        with self._lock:
            self._closed = True
            while True:
                try:
                    self._idle.get_nowait().close()
                except queue.Empty:
                    break


def token_path(db: str) -> Path:
    """Where a generated token is kept: beside a SQLite file, else in the user's config folder."""
    if db.startswith(("postgresql://", "postgres://")):
        digest = hashlib.sha256(db.encode("utf-8")).hexdigest()[:12]
        return Path.home() / ".config" / "crosscheck" / f"token-{digest}"
    path = db.removeprefix("sqlite:///").removeprefix("sqlite://")
    if path == ":memory:":
        return Path.home() / ".config" / "crosscheck" / "token-memory"
    return Path(path).expanduser().with_name(Path(path).name + ".token")


def ensure_token(settings: Settings) -> tuple[str, Path | None, bool]:
    """The write token in force: ``(token, file or None, newly generated?)``.

    ``settings.token`` (``CROSSCHECK_TOKEN``) wins. Otherwise the token file beside the
    database is read, or created with owner-only permissions (0600) on first start.
    """
    if settings.token:
        return settings.token, None, False
    path = token_path(settings.db)
    try:
        existing = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read the API token ({exc.strerror or exc}); fix its permissions"
            " or set CROSSCHECK_TOKEN"
        ) from exc
    if existing:
        return existing, path, False
    token = secrets.token_urlsafe(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token + "\n")
        os.chmod(path, 0o600)  # an older file may have been created with looser rights
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot write the API token ({exc.strerror or exc}); set CROSSCHECK_TOKEN"
        ) from exc
    return token, path, True


class Server:
    """What every request needs: the settings, the store pool, the write token, the sessions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.token, self.token_file, self.token_created = ensure_token(settings)
        self.pool = StorePool(settings.db, settings=settings)
        self.sessions = Sessions(settings.session_hours * 3600)
        # Writes run in threads of their own, so writers queuing for the store never take
        # the threads that serve pages and reads.
        self.write_threads = anyio.CapacityLimiter(WRITE_THREADS)

    def live_session(self, value: str | None) -> str | None:
        """``value`` when it is a session cookie this server issued and nobody ended."""
        if value is None or not session_valid(self.token, value):
            return None
        return value if self.sessions.active(session_nonce(value)) else None

    def start_session(self) -> str:
        """A new session cookie value, live until logout or ``settings.session_hours``."""
        value = new_session(self.token)
        self.sessions.start(session_nonce(value))
        return value

    def end_session(self, value: str | None) -> None:
        """End the session of this cookie value (logout), wherever a copy of it is."""
        if value:
            self.sessions.end(session_nonce(value))

    async def run_write(self, work: Callable[[Store], _T]) -> _T:
        """Run ``work(store)`` in a write thread and answer within ``settings.write_wait``.

        The wait counts from now: time spent queuing for a write thread is part of it.
        ``work`` wraps its changes in ``store.writing()`` (the library functions do), so
        it is stored whole and acknowledged, or refused with
        :class:`~crosscheck.errors.BusyError` and nothing stored.
        """
        wait = self.settings.write_wait
        deadline = time.monotonic() + wait

        def run() -> _T:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BusyError(
                    f"the server was busy with other writes for {wait:.0f} s;"
                    " nothing was stored, try again in a moment"
                )
            with self.pool.store() as store:
                store.write_wait = left
                try:
                    return work(store)
                finally:
                    store.write_wait = wait

        return await anyio.to_thread.run_sync(run, limiter=self.write_threads)

    def close(self) -> None:
        self.pool.close()


class Sessions:
    """Web logins the server knows about: a session ends at logout or after ``lifetime`` s.

    The cookie alone (a nonce and its HMAC under the token) is not enough: the nonce must
    be in this table, so logging out ends the session for anyone holding a copy of the
    cookie. The table lives in the server's memory: restarting the server logs everyone out.
    """

    def __init__(self, lifetime: float) -> None:
        self.lifetime = lifetime
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def start(self, nonce: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._until = {n: t for n, t in self._until.items() if t > now}
            self._until[nonce] = now + self.lifetime

    def active(self, nonce: str) -> bool:
        with self._lock:
            return self._until.get(nonce, 0.0) > time.monotonic()

    def end(self, nonce: str) -> None:
        with self._lock:
            self._until.pop(nonce, None)


__all__ = [
    "POOL_SIZE",
    "WRITE_THREADS",
    "Server",
    "Sessions",
    "StorePool",
    "ensure_token",
    "token_path",
]
