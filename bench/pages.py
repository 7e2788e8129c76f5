"""Workbench page benchmark (issue 16: map, timeline, graph, filters, charts).

On a store of N synthetic documents (default 10,000; ``--db`` reuses one), a real
uvicorn server on 127.0.0.1 renders each workbench page; two numbers per page:

* server time: an httpx GET over loopback, from request to last byte — goal < 1 s;
* load time in Debian's Chromium (Playwright): from navigation start until the page's
  charts, map or graph are drawn — goal < 2 s.

Writes ``bench/results/pages.json``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from api_latency import build_store, start_server
from common import RESULTS, write_result

SERVER_GOAL_MS = 1000.0
BROWSER_GOAL_MS = 2000.0
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
#: What tells that a page is drawn, beyond the load event.
READY = {
    "map": "#map.ready.outlined",
    "graph": "#graph.ready",
}


def pages(client: httpx.Client) -> dict[str, str]:
    """The pages to time, with ids and words taken from the store itself."""
    events = client.get("/api/events", params={"limit": 1000}).json()["items"]
    busiest = max(events, key=lambda e: (e["documents"], e["id"]))
    groups = client.get("/api/conflicts", params={"limit": 1}).json()["items"]
    docs = client.get("/api/documents", params={"limit": 50}).json()["items"]
    outlet = next(d["outlet"] for d in docs if d.get("outlet"))
    year = (busiest.get("date") or "2024")[:4]
    found = {
        "dashboard": "/",
        "dashboard filtered": f"/?outlet={outlet}&since={year}-01-01",
        "conflicts": "/conflicts",
        "conflicts filtered": f"/conflicts?show=all&type={busiest['type']}&since={year}",
        "events filtered": f"/events?type={busiest['type']}&until={year}-12-31",
        "event": f"/events/{busiest['id']}",
        "map": "/map",
        "map filtered": f"/map?type={busiest['type']}",
        "timeline": "/timeline",
        "timeline of an event": f"/timeline?event={busiest['id']}",
        "graph": f"/graph?node=event:{busiest['id']}",
        "search": "/search?q=attack",
    }
    if groups:
        found["group"] = f"/groups/{groups[0]['id']}"
    return found


def _summary(times: list[float], goal: float) -> dict[str, Any]:
    times = sorted(times)
    return {
        "runs": len(times),
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(times[-1], 1),
        "ok": times[-1] < goal,
    }


def server_times(client: httpx.Client, urls: dict[str, str], runs: int) -> dict[str, Any]:
    out = {}
    for name, url in urls.items():
        client.get(url)  # warm the pool and caches once
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        out[name] = _summary(times, SERVER_GOAL_MS) | {"bytes": len(response.content)}
    return out


def browser_times(base: str, urls: dict[str, str], runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        for name, url in urls.items():
            times = []
            for _ in range(runs):
                page.goto(base + url, wait_until="load")
                ready = READY.get(name.split()[0])
                if ready:
                    page.wait_for_selector(ready)
                if page.locator("[data-chart]").count():
                    page.wait_for_function(
                        "() => [...document.querySelectorAll('[data-chart]')]"
                        ".every(c => c.classList.contains('drawn'))"
                    )
                times.append(float(page.evaluate("performance.now()")))
            out[name] = _summary(times, BROWSER_GOAL_MS)
        browser.close()
    return out


def run(n_docs: int, runs: int, workers: int, db: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="crosscheck-pages-bench-"))
    result: dict[str, Any] = {
        "documents_requested": n_docs,
        "goals_ms": {"server": SERVER_GOAL_MS, "browser": BROWSER_GOAL_MS},
    }
    try:
        if db is None:
            db = work / "bench.db"
            result["build"] = build_store(n_docs, db, workers)
        proc, base = start_server(db)
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                stats = client.get("/api/stats").json()
                result["store"] = {
                    k: stats[k] for k in ("documents", "claims", "events", "entities", "groups")
                }
                urls = pages(client)
                result["pages"] = urls
                result["server"] = server_times(client, urls, runs)
            result["browser"] = browser_times(base, urls, max(1, runs // 2))
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["ok"] = all(v["ok"] for part in ("server", "browser") for v in result[part].values())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents")
    parser.add_argument("--runs", type=int, default=6, help="requests per page (browser: half)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes for the build")
    parser.add_argument("--db", type=Path, help="reuse this store instead of building one")
    parser.add_argument("--out", type=Path, default=RESULTS / "pages.json")
    args = parser.parse_args(argv)
    result = run(args.docs, min(args.runs, 50), args.workers, args.db)
    write_result(result, args.out)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
