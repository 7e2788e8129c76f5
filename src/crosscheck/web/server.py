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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crosscheck.config import Settings
from crosscheck.errors import ConfigError
from crosscheck.pipeline.picture import configure
from crosscheck.store import Store, open_store

#: Stores kept open for reuse; more are opened under load and closed when the pool is full.
POOL_SIZE = 8


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
            store = open_store(self.url)
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
    """What every request needs: the settings, the store pool and the write token."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.token, self.token_file, self.token_created = ensure_token(settings)
        self.pool = StorePool(settings.db, settings=settings)

    def close(self) -> None:
        self.pool.close()


__all__ = ["POOL_SIZE", "Server", "StorePool", "ensure_token", "token_path"]
