"""The picture state saved with the store: a new process reads it instead of rebuilding,
folds in whatever other processes changed since, and always ends where a rebuild would.

The sample reports are extracted once; every test copies them into fresh stores. "A new
process" is :func:`forget_state` (nothing held in memory) and a new connection; one test
runs a real second interpreter.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.config import load_settings
from crosscheck.model import Document, Extraction
from crosscheck.pipeline import picture as picture_module
from crosscheck.pipeline.corrections import correct_claim
from crosscheck.pipeline.ingest import ingest_paths, reconcile_pending
from crosscheck.pipeline.picture import configure, forget_state, rebuild_picture
from crosscheck.reconcile.snapshot import FORMAT
from crosscheck.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SRC = Path(__file__).resolve().parents[2] / "src"

Corpus = list[tuple[Document, Extraction]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is not present")
    db = tmp_path_factory.mktemp("extract") / "src.db"
    src = open_store(str(db))
    ingest_paths(
        src, [str(EXAMPLES)], load_settings({"db": str(db)}, environ={}), workers=1, reconcile=False
    )
    out = []
    for d in src.documents():
        full = src.get_document(d.id)
        assert full is not None
        ex = Extraction(
            d.id,
            mentions=src.mentions(doc=d.id),
            claims=src.claims(doc=d.id),
            events=src.event_mentions(doc=d.id),
            statements=src.statements(doc=d.id),
        )
        out.append((full, ex))
    src.close()
    yield sorted(out, key=lambda x: x[0].id)


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stores whose picture was rebuilt from every document (not brought up to date)."""
    seen: list[str] = []
    fresh = picture_module._fresh

    def counting(store: Store, settings: object) -> object:
        seen.append(store.url)
        return fresh(store, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(picture_module, "_fresh", counting)
    return seen


def _snapshot(store: Store) -> dict[str, object]:
    p = store.load_picture()
    return {
        "entities": sorted(repr(e) for e in p.entities),
        "events": sorted(repr(e) for e in p.events),
        "groups": sorted(repr(g) for g in p.groups),
        "claim_subjects": sorted(repr(kv) for kv in p.claim_subjects.items()),
        "mention_entities": sorted(p.mention_entities.items()),
        "event_links": sorted(p.event_links.items()),
        "claim_parts": sorted(p.claim_parts.items()),
    }


def _rebuilt(store: Store) -> dict[str, object]:
    """What a rebuild from every stored document makes of the same store (restored after)."""
    forget_state()
    got = _snapshot(store)
    rebuild_picture(store)
    want = _snapshot(store)
    forget_state()
    assert got == want
    return want


def _add(store: Store, items: Corpus) -> None:
    for d, ex in items:
        store.add_document(d, ex)
    reconcile_pending(store)


def test_new_process_reads_the_saved_state_instead_of_rebuilding(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str]
) -> None:
    store = open_store(str(tmp_path / "s.db"))
    _add(store, corpus[:-2])
    assert len(rebuilds) == 1 and store.load_saved_state() is not None
    for item in corpus[-2:]:
        forget_state()
        store.close()
        store = open_store(str(tmp_path / "s.db"))
        _add(store, [item])
    assert len(rebuilds) == 1  # each later process started from the saved state
    _rebuilt(store)
    store.close()


def test_state_written_by_one_process_is_read_by_another(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str]
) -> None:
    db = tmp_path / "s.db"
    store = open_store(str(db))
    for d, ex in corpus[:-1]:
        store.add_document(d, ex)
    store.close()
    # Another interpreter reconciles the stored reports and saves the state.
    script = (
        "import sys\n"
        "from crosscheck.store import open_store\n"
        "from crosscheck.pipeline.ingest import reconcile_pending\n"
        "store = open_store(sys.argv[1])\n"
        "reconcile_pending(store)\n"
        "print(len(store.load_saved_state().body))\n"
    )
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(db)], capture_output=True, text=True, env=env, check=True
    )
    assert int(done.stdout.strip()) > 0
    forget_state()
    store = open_store(str(db))
    _add(store, corpus[-1:])
    assert rebuilds == []  # brought up to date from the other process's state
    _rebuilt(store)
    store.close()


def test_corrections_and_new_reports_of_other_processes_are_folded_in(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str]
) -> None:
    db = str(tmp_path / "s.db")
    first = open_store(db)
    _add(first, corpus[:-2])
    saved = first.load_saved_state()
    # Another process: a report and a correction, each with its own picture update.
    forget_state()
    other = open_store(db)
    _add(other, corpus[-2:-1])
    group = sorted((g for g in other.groups() if len(g.claims) > 1), key=lambda g: g.id)[0]
    correct_claim(other, group.claims[0], "reject")
    other.close()
    # The saved state is older than the stored picture now.
    assert first.load_saved_state() == saved
    forget_state()
    _add(first, corpus[-1:])
    assert len(rebuilds) == 1
    _rebuilt(first)
    first.close()


def test_a_process_holding_a_reconciler_sees_another_process_s_changes(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str]
) -> None:
    db = str(tmp_path / "s.db")
    server = open_store(db)
    _add(server, corpus[:-2])
    other = open_store(db)  # a CLI ingest beside a running server
    _add(other, corpus[-2:-1])
    _add(server, corpus[-1:])
    assert len(rebuilds) == 1
    _rebuilt(server)
    other.close()
    server.close()


def test_documents_removed_or_reprocessed_behind_the_picture_s_back(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str]
) -> None:
    """Changes no picture update followed (a killed re-processing, rows deleted by hand)
    are found by the documents' stamps."""
    db = str(tmp_path / "s.db")
    store = open_store(db)
    _add(store, corpus)
    forget_state()
    gone, (changed, ex) = corpus[0][0].id, corpus[1]
    with store.writing():
        thinner = Extraction(changed.id, mentions=ex.mentions, claims=ex.claims[:1], events=[])
        store.replace_extraction(thinner)
        store.clear_pending([changed.id])
        for table in ("mentions", "claims", "event_mentions", "statements", "doc_profiles"):
            store._exec(f"DELETE FROM {table} WHERE doc_id = ?", (gone,))  # type: ignore[attr-defined]
        store._exec("DELETE FROM documents WHERE id = ?", (gone,))  # type: ignore[attr-defined]
    reconcile_pending(store)  # nothing pending: the picture stays as it was
    picture_module.update_picture(store, set())
    assert len(rebuilds) == 1
    assert gone not in {c.doc_id for c in store.claims()}
    _rebuilt(store)
    store.close()


def _damage(store: Store, sql: str) -> None:
    with store.writing():
        store._exec(sql)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("UPDATE picture_state SET body = substr(body, 1, 5000)", "checksum"),
        ("UPDATE picture_state SET fingerprint = 'older'", "another version"),
        ("UPDATE picture_state SET format = 0", "format 0"),
    ],
)
def test_damaged_or_stale_state_is_rebuilt_with_one_notice(
    tmp_path: Path,
    corpus: Corpus,
    rebuilds: list[str],
    caplog: pytest.LogCaptureFixture,
    sql: str,
    reason: str,
) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db)
    _add(store, corpus[:-1])
    _damage(store, sql)
    forget_state()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="crosscheck.pipeline.saved"):
        _add(store, corpus[-1:])
    notices = [r.getMessage() for r in caplog.records if r.name == "crosscheck.pipeline.saved"]
    assert len(notices) == 1 and "\n" not in notices[0]
    assert reason in notices[0] and "rebuilding the picture" in notices[0]
    assert len(rebuilds) == 2
    state = store.load_saved_state()
    assert state is not None and state.format == FORMAT  # a good state saved again
    _rebuilt(store)
    store.close()


def test_state_of_other_settings_is_not_used(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db)
    _add(store, corpus[:-1])
    forget_state()
    configure(store, load_settings({"fuzzy_threshold": 80}, environ={}))
    with caplog.at_level(logging.WARNING, logger="crosscheck.pipeline.saved"):
        _add(store, corpus[-1:])
    assert len(rebuilds) == 2
    assert any("other settings" in r.getMessage() for r in caplog.records)
    store.close()


def test_state_read_ahead_is_brought_up_to_date_like_a_held_one(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(str(tmp_path / "s.db"))
    _add(store, corpus[:-2])
    forget_state()
    monkeypatch.setattr(picture_module, "PREFETCH_BYTES", 1)
    assert picture_module.worth_prefetching(store)
    picture_module.prefetch(store)
    assert not picture_module.worth_prefetching(store)  # held now: nothing to read ahead
    # Another process adds a report after the read, before this process's update.
    other = open_store(str(tmp_path / "s.db"))
    other.add_document(*corpus[-2])
    other.close()
    _add(store, corpus[-1:])
    assert len(rebuilds) == 1
    _rebuilt(store)
    store.close()


def test_read_ahead_of_a_damaged_state_leaves_the_one_notice_to_the_update(
    tmp_path: Path, corpus: Corpus, rebuilds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(str(tmp_path / "s.db"))
    _add(store, corpus[:-1])
    _damage(store, "UPDATE picture_state SET digest = 'x'")
    forget_state()
    with caplog.at_level(logging.WARNING, logger="crosscheck.pipeline.saved"):
        picture_module.prefetch(store)
        _add(store, corpus[-1:])
    notices = [r for r in caplog.records if r.name == "crosscheck.pipeline.saved"]
    assert len(notices) == 1 and len(rebuilds) == 2
    store.close()


def test_new_ingest_process_extracts_in_a_worker_while_reading_the_state(
    tmp_path: Path, corpus: Corpus
) -> None:
    db = tmp_path / "s.db"
    store = open_store(str(db))
    _add(store, corpus[:-1])
    store.close()
    forget_state()
    last = tmp_path / "harbour-blast.txt"
    last.write_text(
        "Blast at a harbour depot\n\nA fuel tank exploded at the harbour depot in Kerman on"
        " Tuesday, killing three workers and injuring eleven, the port authority said.\n",
        "utf-8",
    )
    # A new interpreter ingests one report into a store with a saved state counted as large.
    script = (
        "import sys\n"
        "from crosscheck.analysis import extractors_loaded\n"
        "from crosscheck.config import load_settings\n"
        "from crosscheck.pipeline import picture\n"
        "from crosscheck.pipeline.ingest import ingest_paths\n"
        "from crosscheck.store import open_store\n"
        "picture.PREFETCH_BYTES = 1\n"
        "read = []\n"
        "ahead = picture.prefetch\n"
        "picture.prefetch = lambda s: (read.append(1), ahead(s))[1]\n"
        "store = open_store(sys.argv[1])\n"
        "settings = load_settings({'db': sys.argv[1]}, environ={})\n"
        "report = ingest_paths(store, [sys.argv[2]], settings, workers=1)\n"
        "print(len(report.new) + len(report.unchanged), len(read), extractors_loaded())\n"
    )
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), str(last)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    # Stored, the state read ahead once, and the model loaded only in the worker.
    assert done.stdout.split() == ["1", "1", "False"], done.stderr
    store = open_store(str(db))
    _rebuilt(store)
    store.close()
