"""Many writers at once, on SQLite and PostgreSQL, through a real server on loopback.

Parallel uploads, claim corrections and entity merges over HTTP, while two `crosscheck
ingest` processes store overlapping folders into the same database. What must hold:
no answer but 201 (stored) or 503 "busy" (refused), none later than 30 s, every
acknowledged write present exactly once, every refused write absent, both ingests exit 0
with each report stored once, and the stored picture equal to one rebuilt from scratch.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from crosscheck.config import load_settings
from crosscheck.export.jsonl import export_jsonl, restore_jsonl
from crosscheck.export.selection import select
from crosscheck.ingest import content_hash
from crosscheck.ingest.text import normalise_text
from crosscheck.model import Picture
from crosscheck.pipeline.picture import compute_picture, forget_state
from crosscheck.store import open_store
from crosscheck.store.picture_sql import picture_rows

pytestmark = pytest.mark.slow

TOKEN = "concurrency-token-0123456789"
#: What "no hang" means for one request.
REQUEST_LIMIT_S = 30.0
#: As many as the report that found the deadlock sent at once.
UPLOADS = CORRECTIONS = 20
TOWNS = ["Arvik", "Belmor", "Cosdal", "Dunmere", "Elvask", "Farholt", "Gresny", "Holmvik"]


def _report(i: int, town: str) -> str:
    return (
        f"Officials in the town of {town} said on Monday that {i + 3} people were detained "
        f"after a clash near the market, and {i + 1} officers were hurt. Case file {i}."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _filled(url: str, example_db: Path, tmp_path: Path) -> None:
    """Put the sample corpus into the (empty) store at ``url`` without re-extracting it."""
    dump = tmp_path / "sample.jsonl"
    with open_store(str(example_db)) as src:
        export_jsonl(select(src), dump)
    with open_store(url) as dst:
        restore_jsonl(dst, dump)


@pytest.fixture
def server(store_url: str, example_db: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, store URL) of a uvicorn server over a store holding the sample corpus."""
    _filled(store_url, example_db, tmp_path)
    port = _free_port()
    env = {
        **os.environ,
        "CROSSCHECK_DB": store_url,
        "CROSSCHECK_TOKEN": TOKEN,
        "CROSSCHECK_WRITE_WAIT": "25",
        "CROSSCHECK_UPLOAD_MAX_FILES": "5",
    }
    command = [sys.executable, "-m", "uvicorn", "crosscheck.api:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not start within 30 s")
        yield base, store_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Outcome:
    kind: str
    key: str
    status: int
    seconds: float
    body: Any


def _call(base: str, kind: str, key: str, method: str, path: str, **kwargs: Any) -> Outcome:
    began = time.monotonic()
    with httpx.Client(base_url=base, timeout=REQUEST_LIMIT_S + 30) as http:
        response = http.request(
            method, path, headers={"Authorization": f"Bearer {TOKEN}"}, **kwargs
        )
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return Outcome(kind, key, response.status_code, time.monotonic() - began, body)


def _plan(base: str) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """The writes to send at once: uploads, corrections on distinct claims, merges."""
    with httpx.Client(base_url=base, timeout=30) as http:
        claims = http.get("/api/claims", params={"limit": 1000}).json()["items"]
        entities = http.get("/api/entities", params={"limit": 1000}).json()["items"]
    writes: list[tuple[str, str, str, str, dict[str, Any]]] = []
    for i in range(UPLOADS):
        text = _report(i, TOWNS[i % len(TOWNS)]).encode()
        files = [("files", (f"report-{i}.txt", text, "text/plain"))]
        writes.append(("upload", f"u{i}", "POST", "/api/documents", {"files": files}))
    for i, claim in enumerate(claims[:CORRECTIONS]):
        action = ("confirm", "reject", "edit")[i % 3]
        body: dict[str, Any] = {"action": action, "reason": f"concurrency check {i}"}
        if action == "edit":
            body["low"] = body["high"] = 1000 + i
        path = f"/api/claims/{claim['id']}/review"
        writes.append(("correction", f"c{i}", "POST", path, {"json": body}))
    places = [e for e in entities if e["label"] in ("GPE", "LOC")]
    for i in range(0, min(len(places) - 1, 8), 2):
        refs = [places[i]["id"], places[i + 1]["id"]]
        body = {"kind": "entity", "refs": refs, "reason": f"concurrency merge {i}"}
        writes.append(("merge", f"m{i}", "POST", "/api/merges", {"json": body}))
    return writes


def _folders(tmp_path: Path) -> list[Path]:
    """Two folders that share half their reports (the same files, byte for byte)."""
    shared = [_report(100 + i, TOWNS[i % len(TOWNS)]) for i in range(6)]
    folders = []
    for k in range(2):
        folder = tmp_path / f"inbox{k}"
        folder.mkdir()
        own = [_report(200 + 10 * k + i, TOWNS[(i + k) % len(TOWNS)]) for i in range(4)]
        for i, text in enumerate(shared + own):
            (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def test_concurrent_writers_store_each_acknowledged_write_once(
    server: tuple[str, str], tmp_path: Path
) -> None:
    base, store_url = server
    writes = _plan(base)
    assert len(writes) >= UPLOADS + CORRECTIONS + 2
    folders = _folders(tmp_path)
    env = {**os.environ, "CROSSCHECK_DB": store_url}
    ingests = [
        subprocess.Popen(
            [sys.executable, "-m", "crosscheck", "ingest", str(f)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    with ThreadPoolExecutor(max_workers=len(writes)) as pool:
        outcomes = list(pool.map(lambda w: _call(base, w[0], w[1], w[2], w[3], **w[4]), writes))
    for proc in ingests:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err

    for o in outcomes:
        assert o.status in (201, 503), (o.kind, o.key, o.status, o.body)
        assert o.seconds < REQUEST_LIMIT_S, (o.kind, o.key, o.seconds)
        if o.status == 503:
            assert o.body["error"]["code"] == "busy", o.body
    acknowledged = [o for o in outcomes if o.status == 201]
    assert len(acknowledged) >= len(outcomes) // 2, "most writes should get their turn"

    with httpx.Client(base_url=base, timeout=30) as http:
        audit = http.get("/api/corrections", params={"limit": 1000}).json()["items"]
    reasons = [c["reason"] for c in audit]
    for o in outcomes:
        if o.kind in ("correction", "merge"):
            expected = 1 if o.status == 201 else 0
            assert reasons.count(next(iter(_reason_of(o, writes)))) == expected, o.key

    with open_store(store_url) as store:
        docs = store.documents()
        hashes = [d.content_hash for d in docs]
        assert len(hashes) == len(set(hashes))
        texts = {d.id for d in docs}
        for o in outcomes:
            if o.kind == "upload" and o.status == 201:
                assert all(i in texts for i in o.body["new_ids"]), o.key
        stored_texts = {d.content_hash for d in docs}
        for folder in folders:
            for path in folder.iterdir():
                digest = content_hash(normalise_text(path.read_text(encoding="utf-8")))
                assert digest in stored_texts, path.name
        assert store.pending_documents() == []
        stored = _rows(store.load_picture())
        forget_state()
        fresh, _ = compute_picture(store, load_settings({"db": store_url}, environ={}))
        assert _rows(fresh) == stored


def _rows(picture: Picture) -> dict[str, dict[str, tuple[Any, ...]]]:
    """The picture's table rows, actor lists compared as data (their JSON key order may
    differ between records read back from the store and records made in this process)."""
    rows = picture_rows(picture)
    rows["events"] = {
        k: (*row[:-1], json.dumps(json.loads(row[-1]), sort_keys=True))
        for k, row in rows["events"].items()
    }
    return rows


def _reason_of(o: Outcome, writes: list[tuple[str, str, str, str, dict[str, Any]]]) -> set[str]:
    for kind, key, _, _, kwargs in writes:
        if (kind, key) == (o.kind, o.key):
            return {kwargs["json"]["reason"]}
    raise AssertionError(o.key)
