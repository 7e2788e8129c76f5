"""PostgreSQL-only behaviour: placeholders, connection errors, concurrent duplicate writers."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_records import make_doc, make_extraction, picture_for

from crosscheck.errors import StoreError
from crosscheck.store import open_store
from crosscheck.store.postgres import PostgresStore, pg_placeholders, redact_url

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT 1 FROM t WHERE a = ?", "SELECT 1 FROM t WHERE a = %s"),
        ("a LIKE ? AND b = ?", "a LIKE %s AND b = %s"),
        ("SELECT '?' , x FROM t WHERE y = ?", "SELECT '?' , x FROM t WHERE y = %s"),
        ("SELECT 'it''s ?' WHERE z = ?", "SELECT 'it''s ?' WHERE z = %s"),
        ("SELECT 5 % 2, '10%' WHERE k = ?", "SELECT 5 %% 2, '10%%' WHERE k = %s"),
        ('SELECT "odd?col" FROM t', 'SELECT "odd?col" FROM t'),
    ],
)
def test_postgres_placeholders_rewritten(query: str, expected: str) -> None:
    assert pg_placeholders(query) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://ana:s3cret@db.example:5433/cc", "postgresql://ana:***@db.example:5433/cc"),
        ("postgresql://ana@db.example/cc", "postgresql://ana@db.example/cc"),
        ("postgresql:///cc?host=/run/pg", "postgresql:///cc?host=/run/pg"),
    ],
)
def test_postgres_redact_url_hides_password(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_postgres_unreachable_server_says_what_to_do() -> None:
    url = f"postgresql://ana:hunter2@127.0.0.1:{_closed_port()}/nowhere?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect to postgresql://ana:\\*\\*\\*@") as info:
        open_store(url)
    assert "check that the server runs and the URL" in str(info.value)
    assert "hunter2" not in str(info.value)


@pytest.fixture
def pg_url(pg_server: object) -> Iterator[str]:
    url = pg_server.create_database("pg")  # type: ignore[attr-defined]
    try:
        yield url
    finally:
        pg_server.drop_database(url)  # type: ignore[attr-defined]


def _in_threads(n: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            work(i)
        except BaseException as exc:  # collected for the caller's assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_postgres_concurrent_inserts_of_same_documents_keep_one_copy(pg_url: str) -> None:
    open_store(pg_url).close()
    docs = [
        make_doc(f"Shared report {i}: 12 people died in the {i}th street blast.") for i in range(24)
    ]

    def ingest(n: int) -> None:
        # Opposite orders: the case where waiting on each other's rows would deadlock.
        order = docs if n % 2 == 0 else list(reversed(docs))
        with PostgresStore(pg_url) as st:
            for start in range(0, len(order), 6):
                with st.transaction():
                    for doc in order[start : start + 6]:
                        st.add_document(doc, make_extraction(doc))

    assert _in_threads(4, ingest) == []
    with PostgresStore(pg_url) as st:
        assert st.count_documents() == len(docs)
        assert len(st.claims(measure="killed")) == len(docs)


def test_postgres_concurrent_picture_saves_do_not_mix(pg_url: str) -> None:
    with PostgresStore(pg_url) as st:
        doc = make_doc("Harlow saw a blast; 12 people died there.")
        ex = make_extraction(doc)
        st.add_document(doc, ex)
    pictures = [picture_for(doc, ex, name=f"Harlow bombing {i}") for i in range(3)]

    def save(n: int) -> None:
        with PostgresStore(pg_url) as st:
            for _ in range(5):
                st.save_picture(pictures[n])

    assert _in_threads(3, save) == []
    with PostgresStore(pg_url) as st:
        loaded = st.load_picture()
    assert loaded in pictures


def test_postgres_reports_disk_size_and_redacted_url(pg_url: str) -> None:
    with PostgresStore(pg_url) as st:
        assert st.disk_bytes() > 0
        assert st.stats()["store"] == st.url


def test_postgres_replace_extraction_under_concurrency(pg_url: str) -> None:
    with PostgresStore(pg_url) as st:
        doc = make_doc("Harlow saw a blast; 12 people died there.")
        st.add_document(doc, make_extraction(doc))

    def redo(_: int) -> None:
        with PostgresStore(pg_url) as st:
            for _round in range(5):
                st.replace_extraction(make_extraction(doc))

    assert _in_threads(3, redo) == []
    with PostgresStore(pg_url) as st:
        assert len(st.claims()) == len(make_extraction(doc).claims)
        assert len(st.mentions()) == len(make_extraction(doc).mentions)


@pytest.mark.parametrize(
    ("env", "outcome"),
    [({"CI": "1"}, "error"), ({"CROSSCHECK_REQUIRE_PG": "1"}, "error"), ({}, "skipped")],
)
def test_postgres_fixture_without_binaries_skips_or_fails(
    env: dict[str, str], outcome: str
) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "CROSSCHECK_REQUIRE_PG")}
    environ.update(env, CROSSCHECK_PG_BINDIR="/nonexistent/pg/bin")
    target = f"{Path(__file__)}::test_postgres_reports_disk_size_and_redacted_url"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )
    assert f"1 {outcome}" in done.stdout, done.stdout
    if outcome == "error":
        assert "make setup" in done.stdout
        assert done.returncode != 0
    else:
        assert done.returncode == 0


def test_postgres_concurrent_picture_deltas_from_a_stale_copy(pg_url: str) -> None:
    with PostgresStore(pg_url) as st:
        doc = make_doc("Harlow saw a blast; 12 people died there.")
        ex = make_extraction(doc)
        st.add_document(doc, ex)
        base = picture_for(doc, ex)
        st.save_picture(base)
    pictures = []
    for i in range(3):
        picture = picture_for(doc, ex, name=f"Harlow bombing {i}")
        # Different keys per writer: a delta against the stale `base` would keep them all.
        picture.groups = [dataclasses.replace(g, id=f"g-{i}") for g in picture.groups]
        pictures.append(picture)

    def save(n: int) -> None:
        with PostgresStore(pg_url) as st:
            for _ in range(4):
                st.save_picture_delta(base, pictures[n])  # every writer read `base` long ago

    assert _in_threads(3, save) == []
    with PostgresStore(pg_url) as st:
        assert st.load_picture() in pictures


def test_postgres_lock_picture_needs_a_transaction(pg_url: str) -> None:
    with PostgresStore(pg_url) as st:
        with pytest.raises(StoreError, match="needs an open transaction"):
            st.lock_picture()
        with st.transaction():
            st.lock_picture()


@pytest.mark.slow
def test_postgres_two_cli_ingests_of_one_corpus_at_once(pg_url: str, tmp_path: Path) -> None:
    from crosscheck.synth import generate, write_corpus

    write_corpus(generate(12, seed=9), tmp_path / "corpus")
    cli = [sys.executable, "-m", "crosscheck", "--db", pg_url]
    subprocess.run([*cli, "info"], capture_output=True, check=True, timeout=120)  # migrate once
    runs = [
        subprocess.Popen(
            [*cli, "ingest", str(tmp_path / "corpus")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    with PostgresStore(pg_url) as st:
        assert st.count_documents() == 12
        assert st.pending_documents() == []
        claim_ids = [c.id for c in st.claims()]
        assert len(claim_ids) == len(set(claim_ids))
        grouped = [cid for g in st.groups() for cid in g.claims]
        assert sorted(grouped) == sorted(set(grouped))
