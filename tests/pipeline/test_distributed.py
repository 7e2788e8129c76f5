"""Extraction on Dask: a scheduler and two workers on loopback give what a local run gives."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.config import Settings, load_settings
from crosscheck.errors import ConfigError
from crosscheck.ingest import content_hash
from crosscheck.model import Document, Extraction
from crosscheck.pipeline.distributed import DaskExtractionPool, extract_distributed
from crosscheck.pipeline.extract import extract_batch
from crosscheck.store import open_store
from crosscheck.synth import generate

pytestmark = pytest.mark.slow
DASK = Path(sys.executable).with_name("dask")


def _docs(n: int) -> list[Document]:
    docs = []
    for synth in generate(n, seed=21):
        digest = content_hash(synth.text)
        docs.append(
            Document(
                id=f"d-{digest[:16]}",
                content_hash=digest,
                text=synth.text,
                title=synth.title,
                outlet=synth.outlet,
                published=synth.published,
                language="en",
                path=synth.name,
            )
        )
    return docs


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("dask") / "unused.db"
    return load_settings({"db": str(db), "batch_size": 4}, environ={})


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return _docs(10)


@pytest.fixture(scope="module")
def local_results(docs: list[Document], settings: Settings) -> list[Extraction | str]:
    return extract_batch(docs, settings)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask scheduler`` and ``dask worker`` (two single-threaded processes) on 127.0.0.1."""
    if not DASK.exists():
        pytest.skip(f"{DASK} not found; install dask[distributed]")
    folder = tmp_path_factory.mktemp("dask-cluster")
    info = folder / "scheduler.json"
    common = {"cwd": folder, "start_new_session": True, "stdout": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ],
            stderr=(folder / "scheduler.log").open("wb"),
            **common,  # type: ignore[arg-type]
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        if not info.exists():
            pytest.fail("dask scheduler did not start: " + (folder / "scheduler.log").read_text())
        time.sleep(0.3)  # the file is written at once, but give it a moment to be complete
        address = json.loads(info.read_text())["address"]
        procs.append(
            subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    address,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                ],
                stderr=(folder / "worker.log").open("wb"),
                **common,  # type: ignore[arg-type]
            )
        )
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)


def _key(results: list[Extraction | str]) -> list[object]:
    out: list[object] = []
    for r in results:
        if isinstance(r, str):
            out.append(r)
        else:
            out.append([(c.id, c.measure, c.low, c.high, c.span, c.sentence) for c in r.claims])
            out.append([(m.id, m.label, m.key) for m in r.mentions])
            out.append([e.id for e in r.events])
    return out


def test_distributed_cluster_matches_local_run(
    scheduler: str, docs: list[Document], settings: Settings, local_results: list[Extraction | str]
) -> None:
    with DaskExtractionPool(settings, scheduler=scheduler) as pool:
        assert pool.workers == 2
        batches = [docs[i : i + 4] for i in range(0, len(docs), 4)]
        pairs = list(pool.map(batches))
    assert [b for b, _ in pairs] == batches  # in input order
    remote = [r for _, results in pairs for r in results]
    assert _key(remote) == _key(local_results)
    assert any(isinstance(r, Extraction) and r.claims for r in remote)


def test_distributed_store_identical_to_local(
    scheduler: str,
    docs: list[Document],
    settings: Settings,
    local_results: list[Extraction | str],
    tmp_path: Path,
) -> None:
    stores = {
        "local": open_store(str(tmp_path / "local.db")),
        "dask": open_store(str(tmp_path / "dask.db")),
    }
    try:
        with stores["local"].transaction():
            for doc, result in zip(docs, local_results, strict=True):
                stores["local"].add_document(
                    doc, result if isinstance(result, Extraction) else None
                )
        with stores["dask"].transaction():
            for doc, result in extract_distributed(docs, settings, scheduler=scheduler):
                stores["dask"].add_document(doc, result if isinstance(result, Extraction) else None)
        local, dask = stores["local"], stores["dask"]
        assert dask.count_documents() == local.count_documents() == len(docs)
        assert dask.claims() == local.claims()
        assert dask.mentions() == local.mentions()
        assert dask.event_mentions() == local.event_mentions()
        assert dask.statements() == local.statements()
    finally:
        for st in stores.values():
            st.close()


def test_distributed_local_cluster_from_worker_count(
    docs: list[Document], settings: Settings, local_results: list[Extraction | str]
) -> None:
    remote = [r for _, r in extract_distributed(docs[:4], settings, workers=1)]
    assert _key(remote) == _key(local_results[:4])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_distributed_unreachable_scheduler_says_what_to_do(settings: Settings) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(ConfigError, match=r"cannot connect to the Dask scheduler .*dask scheduler"):
        DaskExtractionPool(settings, scheduler=address, timeout=2)
