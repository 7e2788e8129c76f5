"""`crosscheck ingest` as a user runs it: bad inputs, summaries, versions, kills, concurrency."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_run import run

from crosscheck.store import open_store

GOOD = (
    "Police in the port city of Varna said on Tuesday that at least 12 people were killed and "
    "30 others injured when a car bomb exploded outside the central market."
)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crosscheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def write_good(folder: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"good{i}.txt"
        p.write_text(f"Report {i}. {GOOD}", encoding="utf-8")
        paths.append(p)
    return paths


def doc_count(db: Path) -> int:
    with open_store(str(db)) as s:
        return s.count_documents()


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "corrupt.pdf": (b"%PDF-1.4\n1 0 obj <</Type /Catalog>> garbage without xref", "pdf"),
    "broken.rss": (b"<rss><channel><title>x</title><item><title>unterminated", "feed"),
    "bomb.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>\n<rss><channel><title>&lol9;</title></channel></rss>",
        "entit",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_ingest_bad_input_is_reported_and_good_files_are_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    db = tmp_path / "x.db"
    good = write_good(tmp_path / "in")
    content, _ = BAD_INPUTS[name]
    bad = tmp_path / "in" / name
    bad.write_bytes(content)
    started = time.monotonic()
    code, _, err = run(capsys, "--db", str(db), "ingest", str(tmp_path / "in"))
    assert time.monotonic() - started < 60
    assert code != 0
    failed_lines = [line for line in err.splitlines() if line.startswith("failed:")]
    assert len(failed_lines) == 1 and name in failed_lines[0]
    assert "Traceback" not in err
    assert doc_count(db) == len(good)


def test_ingest_missing_path_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.db"
    good = write_good(tmp_path / "in", 1)
    code, _, err = run(capsys, "--db", str(db), "ingest", str(good[0]), str(tmp_path / "nope.txt"))
    assert code != 0
    assert "nope.txt" in err and "no such file" in err.lower()
    assert doc_count(db) == 1


def test_ingest_hostile_html_keeps_scripts_out_of_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Blast in Varna</title><script>alert('x')</script>"
        "<style>body{color:red}</style></head><body><nav><a href='/'>Home</a> | <a>World</a></nav>"
        f'<article><p onclick="steal()">{GOOD}</p><img src=x onerror="alert(1)">'
        "<p>Investigators said the device was hidden in a delivery van parked since dawn.</p>"
        "<script>document.write('<b>injected</b>')</script></article></body></html>",
        encoding="utf-8",
    )
    code, _, _ = run(capsys, "--db", str(db), "ingest", str(page))
    assert code == 0
    with open_store(str(db)) as s:
        (doc,) = s.documents(with_text=True)
    assert "at least 12 people were killed" in doc.text
    for bad in ("alert", "steal()", "injected", "color:red", "onerror"):
        assert bad not in doc.text


def test_ingest_refuses_oversized_file_and_keeps_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    write_good(tmp_path / "in", 1)
    big = tmp_path / "in" / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        line = "The committee met again and adjourned without a decision on the budget.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    code, _, err = run(capsys, "--db", str(db), "ingest", str(tmp_path / "in"))
    assert code != 0
    assert "huge.txt" in err and "MB" in err
    assert doc_count(db) == 1


def test_ingest_again_is_unchanged_and_edited_file_is_a_new_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    (path,) = write_good(tmp_path / "in", 1)
    assert run(capsys, "--db", str(db), "ingest", str(path))[0] == 0
    code, _, err = run(capsys, "--db", str(db), "ingest", str(path))
    assert code == 0 and "new: 0, unchanged: 1, failed: 0" in err
    path.write_text(GOOD.replace("at least 12", "at least 15"), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "ingest", str(path))
    assert code == 0 and "new: 1" in err
    code, out, _ = run(capsys, "--db", str(db), "docs", "--format", "json")
    docs = json.loads(out)
    assert len(docs) == 2
    newer = [d for d in docs if d["supersedes"]]
    assert len(newer) == 1 and newer[0]["supersedes"] in {d["id"] for d in docs}


def test_ingest_flags_set_metadata_for_a_single_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    (path,) = write_good(tmp_path / "in", 1)
    code, _, _ = run(
        capsys,
        "--db",
        str(db),
        "ingest",
        str(path),
        "--outlet",
        "Harbour Ledger",
        "--published",
        "2024-05-02",
        "--title",
        "Market blast",
        "--url",
        "https://example.org/a",
    )
    assert code == 0
    _, out, _ = run(capsys, "--db", str(db), "docs", "--format", "json")
    (doc,) = json.loads(out)
    assert doc["outlet"] == "Harbour Ledger" and doc["published"] == "2024-05-02"
    assert doc["title"] == "Market blast" and doc["url"] == "https://example.org/a"
    # Given as an absolute path, a file is shown by its name, never by its folders.
    assert doc["path"] == path.name and doc["language"] == "en"


@pytest.mark.slow
def test_ingest_directory_of_ten_thousand_small_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "many"
    for i in range(100):
        sub = folder / f"d{i:03d}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"n{j:03d}.txt").write_text(f"Note {i}-{j}: the convoy left the depot.\n")
    code, _, err = run(capsys, "--db", str(tmp_path / "x.db"), "ingest", str(folder))
    assert code == 0, err
    assert doc_count(tmp_path / "x.db") == 10_000


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_leaves_each_document_once(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(600):
        (folder / f"r{i:04d}.txt").write_text(
            f"Dispatch {i}. Officials said {i % 40 + 2} people were detained after the raid "
            f"in district {i}, and at least {i % 9 + 1} officers were hurt.\n" * 3,
            encoding="utf-8",
        )
    db = tmp_path / "k.db"
    proc = cli("--db", str(db), "ingest", str(folder))
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 64:
            break
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 600 or proc.returncode == 0
    rerun = cli("--db", str(db), "ingest", str(folder))
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 600
        assert (
            conn.execute("SELECT COUNT(DISTINCT content_hash) FROM documents").fetchone()[0] == 600
        )
        assert conn.execute("SELECT COUNT(*) FROM pending_reconcile").fetchone()[0] == 0


@pytest.mark.slow
def test_two_concurrent_ingests_into_one_store_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    dirs = []
    for k in range(2):
        folder = tmp_path / f"set{k}"
        folder.mkdir()
        for i in range(80):
            (folder / f"r{i}.txt").write_text(
                f"Set {k} item {i}: authorities arrested {i + 3} suspects in town {k}-{i}.",
                encoding="utf-8",
            )
        dirs.append(folder)
    procs = [cli("--db", str(db), "ingest", str(d)) for d in dirs]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 160


def test_a_finished_process_flushes_its_summary_and_leaves_the_store_whole(tmp_path: Path) -> None:
    # The console entry ends without tearing its objects down: what it printed and stored
    # must all be there.
    db = tmp_path / "one.db"
    (path,) = write_good(tmp_path / "in", n=1)
    proc = cli("--db", str(db), "ingest", str(path))
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "new: 1" in out + err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM pending_reconcile").fetchone()[0] == 0
