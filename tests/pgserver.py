"""A throwaway PostgreSQL server for tests and benchmarks.

``initdb`` into a fresh temporary directory, ``pg_ctl start`` on a free loopback
port with the unix socket inside that directory, trust authentication, durability
switched off (the data is thrown away). When the tests run as root the server runs
as the ``postgres`` user, because PostgreSQL refuses to run as root.

Used by ``tests/store/conftest.py`` and ``bench/scale.py``; imported by file path,
so it depends on nothing but the standard library and psycopg.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SETUP_HINT = "install PostgreSQL with `make setup` (Debian: apt-get install -y postgresql)"


class PgUnavailable(RuntimeError):
    """The PostgreSQL server binaries (or a user to run them) are missing."""


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, newest version first."""
    explicit = os.environ.get("CROSSCHECK_PG_BINDIR")
    if explicit:  # an explicit choice is never silently replaced by another install
        ok = (Path(explicit) / "initdb").is_file() and (Path(explicit) / "pg_ctl").is_file()
        return Path(explicit) if ok else None
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.name.split(".")],
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for cand in candidates:
        if (Path(cand) / "initdb").is_file() and (Path(cand) / "pg_ctl").is_file():
            return Path(cand)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One temporary PostgreSQL cluster; use as a context manager or call start/stop."""

    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise PgUnavailable(
                f"PostgreSQL server binaries (initdb, pg_ctl) not found; {SETUP_HINT}"
            )
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        if self.as_root and shutil.which("runuser") is None:
            raise PgUnavailable("running as root but `runuser` is missing to drop to user postgres")
        if self.as_root:
            try:
                import pwd

                pw = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PgUnavailable(
                    f"running as root but there is no `postgres` user; {SETUP_HINT}"
                ) from exc
            self._uid, self._gid = pw.pw_uid, pw.pw_gid
        self.root: Path | None = None
        self.port = 0
        self._dbs = 0

    # -- lifecycle -------------------------------------------------------------------------
    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> PgServer:
        # /tmp itself is world-traversable; pytest's own tmp dirs (0700, root) are not.
        self.root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
        if self.as_root:
            os.chown(self.root, self._uid, self._gid)
        data, sock = self.root / "data", self.root / "sock"
        for path in (sock,):
            path.mkdir()
            if self.as_root:
                os.chown(path, self._uid, self._gid)
        done = self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if done.returncode != 0:
            self.stop()
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        last_error = ""
        for _attempt in range(3):  # the free port may be taken between probe and start
            self.port = _free_port()
            opts = (
                f"-p {self.port} -h 127.0.0.1 -k {sock} -c fsync=off -c synchronous_commit=off"
                " -c full_page_writes=off -c max_connections=60 -c shared_buffers=64MB"
            )
            done = self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            )
            if done.returncode == 0:
                return self
            last_error = self.log_tail()
        self.stop()
        raise RuntimeError(f"pg_ctl start failed: {last_error}")

    def stop(self) -> None:
        """Stop the server (fast) and delete its directory; safe to call twice."""
        if self.root is None:
            return
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def log_tail(self, lines: int = 20) -> str:
        if self.root is None or not (self.root / "server.log").exists():
            return ""
        return "\n".join(
            (self.root / "server.log").read_text(errors="replace").splitlines()[-lines:]
        )

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------------------
    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, prefix: str = "t") -> str:
        """Create an empty database and return its URL."""
        import psycopg

        self._dbs += 1
        name = f"{prefix}_{os.getpid()}_{self._dbs}_{int(time.time() * 1000) % 100000}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
