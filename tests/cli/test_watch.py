"""`crosscheck watch`: a drop folder kept in the picture, in a thread and as a user runs it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crosscheck.config import Settings
from crosscheck.pipeline.watch import BatchResult, WatchSummary, watch_folder
from crosscheck.store import Store, open_store

#: Generous bounds for a loaded 2-core machine; the tests end as soon as the condition holds.
WAIT = 60.0

FIRST = (
    "Harbour police in Lindqvist said on Wednesday that at least 7 people were killed when "
    "a fuel truck exploded beside the ferry terminal. Another 19 were taken to hospital."
)
SECOND = (
    "Rescue teams in Orvieto Vale reported on Friday that 4 miners died after a gallery "
    "collapsed at the northern pit, and 11 workers were injured."
)
THIRD = (
    "The mayor of Quillon said on Sunday that 6 people were injured when an explosive device "
    "went off outside the covered market. Police arrested 2 men near the scene."
)
JUNK = b"\x00\x9f\x92\x96" * 64 + bytes(range(256))


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def in_picture(db: str, path: Path) -> bool:
    """The report at ``path`` is stored, has claims, and every claim is in a group."""
    with open_store(db) as s:
        doc = s.latest_version(path=str(path))
        if doc is None:
            return False
        claims = {c.id for c in s.claims(doc=doc.id)}
        grouped = {c for g in s.groups() for c in g.claims}
        return bool(claims) and claims <= grouped


class Watch:
    """``watch_folder`` running in a thread over its own store connection."""

    def __init__(self, settings: Settings, root: Path) -> None:
        self.stop = threading.Event()
        self.started = threading.Event()
        self.batches: list[BatchResult] = []
        self.summary: WatchSummary | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(settings, root), daemon=True)

    def _run(self, settings: Settings, root: Path) -> None:
        store: Store = open_store(settings.db)
        try:
            self.summary = watch_folder(
                store,
                str(root),
                settings,
                stop_event=self.stop,
                on_start=lambda batch: (self.batches.append(batch), self.started.set()),
                on_batch=self.batches.append,
            )
        except BaseException as exc:
            self.error = exc
            self.started.set()
        finally:
            store.close()

    def failed_sources(self) -> list[str]:
        return [e.source for b in self.batches for e in b.report.failed]


@pytest.fixture
def running(settings: Settings, tmp_path: Path) -> Iterator[tuple[Watch, Path]]:
    root = tmp_path / "drop"
    root.mkdir()
    (root / "first.txt").write_text(FIRST, encoding="utf-8")
    watch = Watch(settings, root)
    watch.thread.start()
    try:
        yield watch, root
    finally:
        watch.stop.set()
        watch.thread.join(WAIT)


def test_watch_ingests_drops_survives_bad_files_and_stops_cleanly(
    running: tuple[Watch, Path], settings: Settings
) -> None:
    watch, root = running
    assert watch.started.wait(WAIT), "the initial ingest did not finish"
    assert watch.error is None
    assert watch.batches[0].report.new, "what the folder held is ingested first"
    assert in_picture(settings.db, root / "first.txt")

    # Scratch files first: they must never be read, however long they stay.
    (root / "second.txt.part").write_text(SECOND, encoding="utf-8")
    (root / ".second.txt.swp").write_bytes(JUNK)
    (root / "second.txt").write_text(SECOND, encoding="utf-8")
    wait_for(lambda: in_picture(settings.db, root / "second.txt"), "second.txt in the picture")
    batch = next(b for b in watch.batches if str(root / "second.txt") in b.paths)
    assert batch.claims > 0 and batch.groups_changed > 0 and batch.picture_seconds is not None

    (root / "junk.txt").write_bytes(JUNK)
    wait_for(lambda: str(root / "junk.txt") in watch.failed_sources(), "junk.txt reported")
    assert watch.thread.is_alive(), "a bad file must not stop the watch"

    (root / "third.txt").write_text(THIRD, encoding="utf-8")
    wait_for(lambda: in_picture(settings.db, root / "third.txt"), "third.txt after a bad file")

    watch.stop.set()
    watch.thread.join(WAIT)
    assert not watch.thread.is_alive() and watch.error is None
    assert watch.summary is not None and watch.summary.new == 3 and watch.summary.failed == 1
    with open_store(settings.db) as s:
        paths = {d.path for d in s.documents()}
    # Shown relative to the watched folder (named as its last part), never by its folders.
    assert paths == {f"{root.name}/{n}" for n in ("first.txt", "second.txt", "third.txt")}


def test_watch_reingests_a_changed_report_as_a_new_version(
    running: tuple[Watch, Path], settings: Settings
) -> None:
    watch, root = running
    assert watch.started.wait(WAIT) and watch.error is None
    with open_store(settings.db) as s:
        first = s.latest_version(path=str(root / "first.txt"))
    assert first is not None
    (root / "first.txt").write_text(FIRST + " The toll later rose to 9.", encoding="utf-8")

    def newer() -> bool:
        with open_store(settings.db) as s:
            latest = s.latest_version(path=str(root / "first.txt"))
        return latest is not None and latest.supersedes == first.id

    wait_for(newer, "a new version of first.txt")
    # A deleted file is ignored: the store keeps what was ingested from it.
    (root / "first.txt").unlink()
    (root / "second.txt").write_text(SECOND, encoding="utf-8")
    wait_for(lambda: in_picture(settings.db, root / "second.txt"), "second.txt after a delete")
    with open_store(settings.db) as s:
        assert s.latest_version(path=str(root / "first.txt")) is not None


def test_watch_sees_a_report_written_as_it_starts(settings: Settings, tmp_path: Path) -> None:
    # A report written before the watch is ready (here: the moment on_start runs) must not
    # fall between the initial ingest and the watcher: the watcher is armed first.
    root = tmp_path / "drop"
    root.mkdir()
    (root / "first.txt").write_text(FIRST, encoding="utf-8")
    stop = threading.Event()
    seen: list[BatchResult] = []

    def write_second(batch: BatchResult) -> None:
        (root / "second.txt").write_text(SECOND, encoding="utf-8")

    def stop_after_second(batch: BatchResult) -> None:
        seen.append(batch)
        if str(root / "second.txt") in batch.paths:
            stop.set()

    store = open_store(settings.db)
    thread = threading.Thread(
        target=watch_folder,
        args=(store, str(root), settings),
        kwargs={"stop_event": stop, "on_start": write_second, "on_batch": stop_after_second},
        daemon=True,
    )
    try:
        thread.start()
        thread.join(WAIT)
        stop.set()
        thread.join(WAIT)
    finally:
        store.close()
    assert any(str(root / "second.txt") in b.paths for b in seen), "second.txt was never seen"
    assert in_picture(settings.db, root / "second.txt")


def _reader(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_watch_command_prints_batches_and_stops_on_a_signal(
    tmp_path: Path, sig: signal.Signals
) -> None:
    root = tmp_path / "drop"
    root.mkdir()
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crosscheck", "--db", str(db), "watch", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    out: queue.Queue[str] = queue.Queue()
    err: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, out), daemon=True).start()
    threading.Thread(target=_reader, args=(proc.stderr, err), daemon=True).start()
    seen: list[str] = []

    def printed(word: str) -> bool:
        while not out.empty():
            seen.append(out.get())
        return any(word in line for line in seen)

    try:
        wait_for(lambda: printed("watching"), "the watching line")
        if sig == signal.SIGTERM:  # one drop is enough to see a batch line
            (root / "drop1.txt").write_text(THIRD, encoding="utf-8")
            wait_for(lambda: printed("drop1.txt"), "the batch line for drop1.txt")
        proc.send_signal(sig)
        code = proc.wait(WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    printed("")
    errors = "".join(err.queue)
    assert code == 0, errors
    assert "Traceback" not in errors
    assert any(line.startswith("stopped after") for line in seen), seen
    if sig == signal.SIGTERM:
        batch = next(line for line in seen if "drop1.txt" in line)
        assert "new 1" in batch and "picture updated in" in batch


def test_watch_runs_the_rules_on_each_batch(settings: Settings, tmp_path: Path) -> None:
    from assess_corpus import write_reports

    from crosscheck.assess.records import Target
    from crosscheck.pipeline.rules import add_rule, alerts_listing

    with open_store(settings.db) as s:
        add_rule(s, "report", [Target("entity", "Red Dawn Front")])
    root = tmp_path / "drop"
    root.mkdir()
    watch = Watch(settings, root)
    watch.thread.start()
    try:
        assert watch.started.wait(WAIT) and watch.error is None

        def alerts() -> list[dict[str, Any]]:
            with open_store(settings.db) as s:
                return alerts_listing(s).items

        assert alerts() == []
        write_reports(root, ["2-attack"])  # dropped while the watch runs
        (alert,) = wait_for(alerts, "an alert for the dropped report")
        assert alert["kind"] == "report" and "Red Dawn Front" in alert["summary"]
    finally:
        watch.stop.set()
        watch.thread.join(WAIT)
