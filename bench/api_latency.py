"""API latency benchmark (issue: the HTTP API and web workbench).

On a store of N synthetic documents (``crosscheck.synth``, default 10,000), a real
uvicorn server on 127.0.0.1 answers a bounded number of requests from an httpx client:

* the event page's API call, ``GET /api/events/{id}`` — goal p95 < 50 ms;
* search, ``GET /api/search?q=…`` — goal p95 < 100 ms.

Writes ``bench/results/api.json``. ``--db`` reuses an existing store instead of building one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GOALS_MS = {"event": 50.0, "search": 100.0}
TOKEN = "bench-token"


def build_store(n_docs: int, db: Path, workers: int) -> dict[str, Any]:
    """Write N synthetic reports and ingest them (extraction and reconciliation)."""
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths
    from crosscheck.store import open_store
    from crosscheck.synth import generate, write_corpus

    corpus_dir = db.parent / "corpus"
    write_corpus(generate(n_docs, seed=23), corpus_dir)
    settings = load_settings({"db": str(db)}, environ={})
    store = open_store(str(db))
    started = time.perf_counter()
    try:
        report = ingest_paths(store, [str(corpus_dir)], settings, workers=workers)
    finally:
        store.close()
    shutil.rmtree(corpus_dir, ignore_errors=True)
    return {"documents": len(report.new), "build_s": round(time.perf_counter() - started, 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "CROSSCHECK_DB": str(db), "CROSSCHECK_TOKEN": TOKEN}
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
            "--no-access-log",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if proc.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start within 30 s")


def measure(client: httpx.Client, urls: list[str], warmup: int = 5) -> dict[str, Any]:
    """Latency of GETs over ``urls`` (a bounded list), after a few warm-up requests."""
    for url in urls[:warmup]:
        client.get(url)
    times = []
    errors = 0
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        errors += response.status_code != 200
    times.sort()
    return {
        "requests": len(times),
        "errors": errors,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


def run(n_docs: int, requests: int, workers: int, db: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="crosscheck-api-bench-"))
    result: dict[str, Any] = {"documents_requested": n_docs, "goals_ms": GOALS_MS}
    try:
        if db is None:
            db = work / "bench.db"
            result["build"] = build_store(n_docs, db, workers)
        proc, base = start_server(db)
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                stats = client.get("/api/stats").json()
                result["store"] = {
                    k: stats[k] for k in ("documents", "claims", "events", "entities", "groups")
                }
                events = client.get("/api/events", params={"limit": 1000}).json()["items"]
                rng = random.Random(5)
                busiest = sorted(events, key=lambda e: -e["documents"])[:20] or events
                event_urls = [f"/api/events/{rng.choice(busiest)['id']}" for _ in range(requests)]
                docs = client.get("/api/documents", params={"limit": 200}).json()["items"]
                words = sorted(
                    {
                        w.strip(".,:;'\"()").lower()
                        for d in docs
                        for w in (d.get("title") or "").split()
                        if len(w) > 4
                    }
                )
                words = words or ["attack"]
                search_urls = [f"/api/search?q={rng.choice(words)}" for _ in range(requests)]
                result["event"] = measure(client, event_urls)
                result["search"] = measure(client, search_urls)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["ok"] = all(
        result[k]["p95_ms"] < GOALS_MS[k] and not result[k]["errors"] for k in GOALS_MS
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents")
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument(
        "--workers",
        type=int,
        default=max(1, (os.cpu_count() or 1)),
        help="extraction processes while building the store",
    )
    parser.add_argument("--db", type=Path, help="reuse this store instead of building one")
    parser.add_argument("--out", type=Path, default=RESULTS / "api.json")
    args = parser.parse_args(argv)
    result = run(args.docs, min(args.requests, 5000), args.workers, args.db)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
