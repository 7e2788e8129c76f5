"""Soak benchmark: ten minutes of mixed writes and reads against one server on loopback.

A uvicorn server over a store of synthetic reports (``crosscheck.synth``, default 2,000)
takes, at the same time and for ``--seconds`` (default 600):

* readers paging through groups, claims and events and opening event, group, entity and
  document pages and search;
* writers uploading new reports, confirming, rejecting and editing claims, and merging
  entities now and then;
* a ``crosscheck ingest`` process every minute, a small folder each time, into the same
  store (a second writer outside the server).

Every request is timed. Afterwards the store is checked as the concurrency tests do:
every acknowledged correction present exactly once, every refused one absent, no report
stored twice, nothing left pending, and the stored picture equal to one rebuilt from
scratch in a new process. Goals: no 5xx other than 503 "busy" (a refusal that stored
nothing), no request over 30 s.

Writes ``bench/results/soak.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import TOKEN, build_store, start_server
from common import RESULTS, write_result

LIMIT_S = 30.0
READERS = 6
WRITERS = 3
TOWNS = ["Arvik", "Belmor", "Cosdal", "Dunmere", "Elvask", "Farholt", "Gresny", "Holmvik"]

# A rebuild from scratch in a new process, compared with the stored picture.
_CHECK = """
import json, sys
from crosscheck.pipeline.picture import compute_picture
from crosscheck.store import open_store
from crosscheck.store.picture_sql import picture_rows
def rows(p):
    r = picture_rows(p)
    r["events"] = {k: (*v[:-1], json.dumps(json.loads(v[-1]), sort_keys=True))
                   for k, v in r["events"].items()}
    return r
with open_store(sys.argv[1]) as store:
    fresh, _ = compute_picture(store)
    stored = store.load_picture()
    same = rows(fresh) == rows(stored)
    hashes = [d.content_hash for d in store.documents()]
    reasons = [c.reason for c in store.corrections()]
    print(json.dumps({"same": same, "documents": len(hashes), "unique": len(set(hashes)),
                      "pending": len(store.pending_documents()), "reasons": reasons}))
"""


def _report(n: int, rng: random.Random) -> str:
    town = rng.choice(TOWNS)
    return (
        f"Officials in the town of {town} said on Monday that {rng.randint(2, 90)} people were "
        f"detained after clashes near the market, and {rng.randint(1, 30)} officers were "
        f"hurt. Soak report {n}."
    )


class Recorder:
    """Every request's kind, status and seconds; the writes to check afterwards."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int, float]] = []
        self.writes: dict[str, int] = {}  # correction reason -> status

    def add(self, kind: str, status: int, seconds: float, reason: str | None = None) -> None:
        with self.lock:
            self.rows.append((kind, status, seconds))
            if reason is not None:
                self.writes[reason] = status


def _timed(
    rec: Recorder, kind: str, call: Any, *args: Any, reason: str | None = None, **kwargs: Any
) -> Any:
    """``call(*args, **kwargs)`` (an httpx request), recorded with its status and time."""
    started = time.perf_counter()
    try:
        response = call(*args, **kwargs)
        status = response.status_code
    except httpx.HTTPError:
        response, status = None, 0  # no answer at all (a timeout past the client's limit)
    rec.add(kind, status, time.perf_counter() - started, reason)
    return response


def reader(base: str, rec: Recorder, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=LIMIT_S + 30) as http:
        while time.monotonic() < stop:
            kind = rng.choice(["groups", "claims", "events", "event", "group", "search", "page"])
            if kind == "groups":
                _timed(rec, kind, http.get, "/api/groups", params={"limit": 50})
            elif kind == "claims":
                _timed(rec, kind, http.get, "/api/claims", params={"offset": rng.randint(0, 2000)})
            elif kind == "events":
                _timed(rec, kind, http.get, "/api/events", params={"limit": 100})
            elif kind == "search":
                q = rng.choice([*TOWNS, "detained", "attack", "court"])
                _timed(rec, kind, http.get, "/api/search", params={"q": q})
            elif kind in ("event", "group"):
                listing = http.get(f"/api/{kind}s", params={"limit": 100}).json()["items"]
                if listing:
                    _timed(rec, kind, http.get, f"/api/{kind}s/{rng.choice(listing)['id']}")
            else:
                path = rng.choice(["/", "/conflicts", "/events", "/documents", "/claims"])
                _timed(rec, "page", http.get, path)


def writer(base: str, rec: Recorder, stop: float, seed: int) -> None:
    rng = random.Random(seed)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    n = 0
    with httpx.Client(base_url=base, timeout=LIMIT_S + 30, headers=auth) as http:
        while time.monotonic() < stop:
            n += 1
            kind = rng.choices(["upload", "correction", "merge"], weights=[4, 5, 1])[0]
            reason = f"soak {seed}-{n}"
            if kind == "upload":
                upload = (f"soak-{seed}-{n}.txt", _report(n, rng).encode(), "text/plain")
                _timed(rec, kind, http.post, "/api/documents", files=[("files", upload)])
                continue
            if kind == "correction":
                offset = rng.randint(0, 1000)
                items = http.get("/api/claims", params={"offset": offset, "limit": 1}).json()
                if not items["items"]:
                    continue
                action = rng.choice(["confirm", "reject", "edit"])
                body: dict[str, Any] = {"action": action, "reason": reason}
                if action == "edit":
                    body["low"] = body["high"] = rng.randint(1, 500)
                path = f"/api/claims/{items['items'][0]['id']}/review"
                _timed(rec, kind, http.post, path, json=body, reason=reason)
                continue
            offset = rng.randint(0, 500)
            places = http.get("/api/entities", params={"offset": offset, "limit": 2}).json()
            if len(places["items"]) == 2:
                body = {
                    "kind": "entity",
                    "refs": [e["id"] for e in places["items"]],
                    "reason": reason,
                }
                _timed(rec, kind, http.post, "/api/merges", json=body, reason=reason)


def cli_ingests(db: Path, work: Path, rec: Recorder, stop: float) -> None:
    """A `crosscheck ingest` of a small new folder every minute."""
    rng = random.Random(99)
    round_ = 0
    while time.monotonic() < stop:
        round_ += 1
        folder = work / f"cli-{round_}"
        folder.mkdir()
        for i in range(10):
            (folder / f"r{i}.txt").write_text(_report(10_000 * round_ + i, rng), encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "crosscheck", "--db", str(db), "ingest", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        rec.add("cli-ingest", done.returncode, time.perf_counter() - started)
        time.sleep(max(0.0, 60 - (time.perf_counter() - started)))


def summarise(rec: Recorder, seconds: float) -> dict[str, Any]:
    by_kind: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for kind, status, took in rec.rows:
        by_kind[kind].append((status, took))
    kinds = {}
    for kind, rows in sorted(by_kind.items()):
        times = sorted(t for _, t in rows)
        # HTTP statuses; for the CLI ingests, their exit codes.
        outcome = "exit_codes" if kind == "cli-ingest" else "statuses"
        kinds[kind] = {
            "requests": len(rows),
            outcome: dict(sorted(Counter(str(s) for s, _ in rows).items())),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)] * 1000, 1),
            "p99_ms": round(times[max(0, int(len(times) * 0.99) - 1)] * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1),
        }
    http_rows = [(k, s, t) for k, s, t in rec.rows if k != "cli-ingest"]
    return {
        "seconds": round(seconds, 1),
        "requests": len(http_rows),
        "requests_per_second": round(len(http_rows) / seconds, 1),
        "server_errors": sum(1 for _, s, _ in http_rows if s >= 500 and s != 503),
        "busy_refusals": sum(1 for _, s, _ in http_rows if s == 503),
        "no_answer": sum(1 for _, s, _ in http_rows if s == 0),
        "over_30_s": sum(1 for _, _, t in http_rows if t > LIMIT_S),
        "cli_ingests_failed": sum(1 for k, s, _ in rec.rows if k == "cli-ingest" and s),
        "by_kind": kinds,
    }


def check(db: Path, rec: Recorder) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(db)], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    counts = Counter(found.pop("reasons"))
    wrong = [
        reason
        for reason, status in rec.writes.items()
        if counts[reason] != (1 if status == 201 else 0)
    ]
    return {
        "picture_equals_rebuild": found["same"],
        "documents": found["documents"],
        "documents_stored_twice": found["documents"] - found["unique"],
        "pending_after": found["pending"],
        "corrections_checked": len(rec.writes),
        "corrections_wrong": len(wrong),
    }


def run(n_docs: int, seconds: float, workers: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="crosscheck-soak-"))
    try:
        db = work / "soak.db"
        build = build_store(n_docs, db, workers)
        proc, base = start_server(db)
        rec = Recorder()
        try:
            began = time.monotonic()
            stop = began + seconds
            threads = [
                threading.Thread(target=reader, args=(base, rec, stop, i)) for i in range(READERS)
            ]
            threads += [
                threading.Thread(target=writer, args=(base, rec, stop, 100 + i))
                for i in range(WRITERS)
            ]
            threads.append(threading.Thread(target=cli_ingests, args=(db, work, rec, stop)))
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            took = time.monotonic() - began
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        summary = summarise(rec, took)
        consistency = check(db, rec)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ok = (
        summary["server_errors"] == 0
        and summary["no_answer"] == 0
        and summary["over_30_s"] == 0
        and summary["cli_ingests_failed"] == 0
        and consistency["picture_equals_rebuild"]
        and consistency["documents_stored_twice"] == 0
        and consistency["pending_after"] == 0
        and consistency["corrections_wrong"] == 0
    )
    return {
        "store": build,
        "readers": READERS,
        "writers": WRITERS,
        **summary,
        "consistency": consistency,
        "goals": "no 5xx but 503 busy, no request over 30 s, every acknowledged write stored"
        " once and every refused one absent, the picture equal to a rebuild",
        "ok": ok,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2_000, help="synthetic documents")
    parser.add_argument("--seconds", type=float, default=600.0, help="how long the load runs")
    parser.add_argument("--workers", type=int, default=max(1, os.cpu_count() or 1))
    parser.add_argument("--out", type=Path, default=RESULTS / "soak.json")
    args = parser.parse_args(argv)
    result = run(args.docs, args.seconds, args.workers)
    write_result(result, args.out)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
