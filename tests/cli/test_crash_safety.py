"""SIGKILL in the middle of an ingest, a re-processing or a watch, then a re-run: the store
ends exactly as a clean run leaves it (the same JSONL export, ingest times aside)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

#: Small batches, so a kill lands between batches of one run.
ENV = {**os.environ, "CROSSCHECK_BATCH_SIZE": "8"}


def _cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crosscheck", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def _finish(db: Path, *args: str) -> None:
    proc = _cli(db, *args)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err


def _count(db: Path, query: str) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute(query).fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_when(proc: subprocess.Popen[str], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.1)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def _export(db: Path, out: Path) -> list[dict[str, Any]]:
    _finish(db, "export", "--format", "jsonl", "--output", str(out))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line.get("document", {}).pop("ingested_at", None)  # when, not what, was stored
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "synth", "--out", str(folder), "--docs", "120"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """A store from one uninterrupted ingest, and its export."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    _finish(db, "ingest", str(corpus))
    return db, _export(db, db.with_suffix(".jsonl"))


def test_crash_killed_ingest_then_rerun(
    corpus: Path, clean: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    db = tmp_path / "k.db"
    proc = _cli(db, "ingest", str(corpus))
    _kill_when(proc, lambda: _count(db, "SELECT COUNT(*) FROM documents") >= 24)
    assert _count(db, "SELECT COUNT(*) FROM documents") < 120 or proc.returncode == 0
    _finish(db, "ingest", str(corpus))
    assert _export(db, tmp_path / "k.jsonl") == clean[1]


def test_crash_killed_reprocess_then_rerun(clean: tuple[Path, list[Any]], tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    shutil.copy(clean[0], db)
    proc = _cli(db, "reprocess")
    # Re-processed batches wait in pending_reconcile until the run reconciles at its end.
    _kill_when(proc, lambda: _count(db, "SELECT COUNT(*) FROM pending_reconcile") >= 16)
    _finish(db, "reprocess")
    assert _count(db, "SELECT COUNT(*) FROM pending_reconcile") == 0
    assert _export(db, tmp_path / "r.jsonl") == clean[1]


def test_crash_killed_watch_then_rerun(
    corpus: Path, clean: tuple[Path, list[Any]], tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    proc = _cli(db, "watch", str(corpus))
    _kill_when(proc, lambda: _count(db, "SELECT COUNT(*) FROM documents") >= 24)
    _finish(db, "ingest", str(corpus))
    assert _export(db, tmp_path / "w.jsonl") == clean[1]
