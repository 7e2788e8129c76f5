"""Scale benchmark: how cost grows with corpus size, on SQLite and PostgreSQL.

For each size (default 1,000 and 10,000 synthetic reports; ``--full`` adds 100,000) and
each store backend and worker count, in a fresh process so peak memory is its own:

* ingest (read, extract, store): seconds, docs/s, words/s, with 1 and 2 local workers;
* reconcile of everything ingested: seconds;
* store size on disk;
* peak memory of the ingesting process and of its largest extraction worker;
* API p95 latency (in-process ASGI client) for a few read routes, once per size/backend.

The corpus comes from ``crosscheck.synth`` (JSONL shards, so writing it is not what is
measured). PostgreSQL runs on a throwaway server (``tests/pgserver.py``); without the
server binaries those rows are marked skipped. Writes ``bench/results/scale.json`` and
``bench/results/scale.png`` (cost against size, matplotlib Agg).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZE = 100_000
API_REQUESTS = 60


def _pgserver() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "crosscheck_pgserver", ROOT / "tests" / "pgserver.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# -- phases, each run in a fresh spawned process --------------------------------------------
def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _store_bytes(store: Any, db: str) -> int:
    if hasattr(store, "disk_bytes"):
        return int(store.disk_bytes())
    return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))


def phase_ingest(corpus: str, db: str, workers: int, api: bool) -> dict[str, Any]:
    """Ingest ``corpus`` into ``db``, then reconcile, measure the store and (optionally) the API."""
    from crosscheck.config import load_settings
    from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
    from crosscheck.store import open_store

    settings = load_settings({"db": db, "workers": workers}, environ={})
    store = open_store(db)
    try:
        started = time.perf_counter()
        report = ingest_paths(store, [corpus], settings, workers=workers, reconcile=False)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        reconcile_pending(store)
        reconcile_s = time.perf_counter() - started
        stats = store.stats()
        size = _store_bytes(store, db)
    finally:
        store.close()
    result: dict[str, Any] = {
        "workers": workers,
        "docs": len(report.new),
        "failed": len(report.failed),
        "words": report.words,
        "ingest_s": round(ingest_s, 2),
        "docs_per_s": round(len(report.new) / ingest_s, 1) if ingest_s else None,
        "words_per_s": round(report.words / ingest_s) if ingest_s else None,
        "reconcile_s": round(reconcile_s, 2),
        "claims": stats["claims"],
        "groups": stats["groups"],
        "store_mb": round(size / 1e6, 1),
    }
    if api:
        result["api_p95_ms"] = api_latency(settings)
    result["peak_mb"] = _peak_mb(resource.RUSAGE_SELF)
    result["worker_peak_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    return result


def api_latency(settings: Any) -> dict[str, float] | str:
    """p95 in ms of a few read routes, through the ASGI app in this process."""
    try:
        from fastapi.testclient import TestClient

        from crosscheck.api.app import create_app
    except ImportError as exc:
        return f"skipped: {exc}"
    app = create_app(settings.model_copy(update={"token": "bench"}))
    out: dict[str, float] = {}
    with TestClient(app) as client:
        events = client.get("/api/events", params={"limit": 50}).json().get("items", [])
        ids = [e["id"] for e in events] or ["none"]
        routes = {
            "event": lambda i: f"/api/events/{ids[i % len(ids)]}",
            "search": lambda i: f"/api/search?q={['attack', 'police', 'court', 'market'][i % 4]}",
            "groups": lambda i: f"/api/groups?limit=50&offset={(i * 50) % 500}",
            "claims": lambda i: f"/api/claims?limit=50&offset={(i * 50) % 500}",
        }
        for name, url in routes.items():
            times = []
            for i in range(API_REQUESTS):
                started = time.perf_counter()
                client.get(url(i))
                times.append((time.perf_counter() - started) * 1000)
            out[name] = round(statistics.quantiles(times, n=20)[-1], 1)
    return out


def _child(fn: Any, args: tuple[Any, ...], queue: Any) -> None:
    try:
        queue.put(fn(*args))
    except BaseException as exc:  # reported in the results instead of hanging the parent
        queue.put({"error": f"{type(exc).__name__}: {exc}"})


def in_process(fn: Any, *args: Any) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    try:
        result = queue.get()
    finally:
        if proc.is_alive() and proc.exitcode is None:
            proc.join(timeout=60)
        if proc.is_alive():  # interrupted: do not leave a worker behind
            proc.terminate()
            proc.join()
    return dict(result)


# -- driver -----------------------------------------------------------------------------------
def make_corpus(folder: Path, n_docs: int) -> dict[str, Any]:
    from crosscheck.synth import generate, write_corpus

    started = time.perf_counter()
    write_corpus(generate(n_docs, seed=17), folder, layout="jsonl")
    seconds = time.perf_counter() - started
    words = 0
    for shard in folder.glob("*.jsonl"):
        with shard.open(encoding="utf-8") as fh:
            words += sum(len(json.loads(line)["text"].split()) for line in fh)
    (folder / "expected.json").rename(folder.parent / f"expected-{n_docs}.json")
    return {"docs": n_docs, "words": words, "generate_s": round(seconds, 2)}


def run(sizes: list[int], workers: list[int], backends: list[str], work: Path) -> dict[str, Any]:
    server = None
    pg_note = ""
    if "postgresql" in backends:
        try:
            pg = _pgserver()
            server = pg.PgServer().start()
        except Exception as exc:  # missing binaries or a failed start: keep the SQLite rows
            pg_note = f"skipped: {exc}"
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "sizes": [],
    }
    try:
        for n in sizes:
            folder = work / f"corpus-{n}"
            entry: dict[str, Any] = {"corpus": make_corpus(folder, n), "runs": []}
            print(f"corpus {n}: {entry['corpus']}", flush=True)
            for backend in backends:
                for w in workers:
                    row: dict[str, Any] = {"backend": backend, "workers": w}
                    if backend == "postgresql" and server is None:
                        row["skipped"] = pg_note
                    else:
                        db = str(work / f"store-{n}-{w}.db")
                        if backend == "postgresql":
                            db = server.create_database(f"scale{n}w{w}")
                        row.update(in_process(phase_ingest, str(folder), db, w, w == workers[0]))
                        if backend == "postgresql":
                            server.drop_database(db)
                        else:
                            for path in work.glob(f"store-{n}-{w}.db*"):
                                path.unlink()
                    print(f"  {backend} x{w}: {row}", flush=True)
                    entry["runs"].append(row)
            results["sizes"].append(entry)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        if server is not None:
            server.stop()
    return results


def plot(results: dict[str, Any], path: Path) -> None:
    """Ingest and reconcile seconds, throughput and store size against corpus size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    series: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for entry in results["sizes"]:
        for row in entry["runs"]:
            if "ingest_s" in row:
                key = f"{row['backend']} x{row['workers']}"
                series.setdefault(key, []).append((entry["corpus"]["docs"], row))
    for key, points in sorted(series.items()):
        xs = [n for n, _ in points]
        axes[0].plot(xs, [r["ingest_s"] for _, r in points], marker="o", label=f"ingest {key}")
        if key.endswith("x1"):
            axes[0].plot(
                xs,
                [r["reconcile_s"] for _, r in points],
                marker="s",
                linestyle="--",
                label=f"reconcile {key.split()[0]}",
            )
            axes[2].plot(xs, [r["store_mb"] for _, r in points], marker="o", label=key.split()[0])
        axes[1].plot(xs, [r["docs_per_s"] for _, r in points], marker="o", label=key)
    titles = ("seconds", "ingest docs/s", "store size (MB)")
    for ax, title in zip(axes, titles, strict=True):
        ax.set_xscale("log")
        ax.set_xlabel("documents")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=8)
    axes[0].set_yscale("log")
    axes[2].set_yscale("log")
    fig.suptitle("crosscheck: cost against corpus size (synthetic reports)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="corpus sizes (default 1000 10000)",
    )
    parser.add_argument("--full", action="store_true", help=f"add a {FULL_SIZE:,}-document run")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts")
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "scale.json")
    args = parser.parse_args(argv)
    # SIGTERM (a killed `make bench`) unwinds like Ctrl-C, so the PostgreSQL server stops.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = sorted(set(args.sizes + ([FULL_SIZE] if args.full else [])))
    work = Path(tempfile.mkdtemp(prefix="crosscheck-scale-"))
    try:
        results = run(sizes, args.workers, args.backends, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(results, args.out.with_suffix(".png"))
    print(f"wrote {args.out} and {args.out.with_suffix('.png')}")
    errors = [r for e in results["sizes"] for r in e["runs"] if "error" in r]
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
