"""What the browser tests share: Debian's Chromium, where screenshots go, a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, write_token: str) -> Iterator[str]:
    """A uvicorn subprocess serving ``db``; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "CROSSCHECK_DB": str(db), "CROSSCHECK_TOKEN": write_token}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "crosscheck.api:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to ~20 s for imports and start-up
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not start within 20 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
