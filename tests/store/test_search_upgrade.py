"""A store made before the search index held lemmas and CJK characters gets them on open."""

from __future__ import annotations

import re

import pytest
from store_records import make_doc

from crosscheck.analysis.lang.ru.parse import lemma
from crosscheck.analysis.lang.ru.stems import SHADOW_MARK
from crosscheck.model import Document
from crosscheck.store import document_sql, open_store, searchtext, sql
from crosscheck.store.migrations import LATEST_VERSION, REINDEX_VERSIONS, migrations_for

#: The last schema before the search index was rebuilt from Python.
OLD_VERSION = min(REINDEX_VERSIONS) - 1
#: The last schema whose lemma shadow read a participle by pymorphy3's first reading.
FIRST_READING_VERSION = 11

DOCS = {
    "orel": make_doc("Под Орлом задержали двух человек после поджога склада.", language="ru"),
    "zh": make_doc("调查人员在机场逮捕了三名嫌疑人。", language="zh", title="机场"),
    "en": make_doc("Police in Harlow arrested two men after a warehouse fire.", language="en"),
}


def _old_store(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store at ``OLD_VERSION`` holding ``DOCS``, indexed as that version indexed them:
    the words as written, no lemma shadow, no spaced CJK."""

    store = _open_old(url, monkeypatch)
    try:
        assert store.schema_version() == OLD_VERSION
        with store.transaction():
            for doc in DOCS.values():
                _insert_old(store, doc)
    finally:
        store.close()


def _open_old(
    url: str, monkeypatch: pytest.MonkeyPatch, version: int = OLD_VERSION
) -> sql.SqlStore:
    """The store at ``url`` opened by a version whose schema ends at ``version``."""

    def old_migrations(dialect: str) -> dict[int, list[str]]:
        return {v: s for v, s in migrations_for(dialect).items() if v <= version}

    with monkeypatch.context() as patch:
        patch.setattr(sql, "migrations_for", old_migrations)
        store = open_store(url)
    assert isinstance(store, sql.SqlStore)
    return store


def _insert_old(store: sql.SqlStore, doc: Document) -> None:
    store._exec(
        f"INSERT INTO documents ({document_sql.DOC_COLUMNS}, word_count, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            doc.content_hash,
            None,
            None,
            doc.title,
            None,
            None,
            None,
            doc.language,
            "text",
            None,
            "ok",
            "2031-01-01T00:00:00+00:00",
            None,
            doc.word_count,
            doc.text,
        ),
    )
    if store.dialect == "sqlite":  # PostgreSQL's old column indexed itself
        store._exec(
            "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
            (doc.id, doc.title or "", doc.text),
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Орёл", ["orel"]),  # "Орлом": only the lemma shadow finds it
        ("задержанных", ["orel"]),
        ("机场", ["zh"]),  # one clause without spaces: only spaced CJK finds a word of it
        ("逮捕", ["zh"]),
        ("warehouse", ["en"]),
        ("склад Harlow", []),
    ],
)
def test_opening_an_old_store_indexes_its_reports_anew(
    store_url: str, monkeypatch: pytest.MonkeyPatch, query: str, expected: list[str]
) -> None:
    _old_store(store_url, monkeypatch)
    store = open_store(store_url)
    try:
        assert store.schema_version() == LATEST_VERSION
        keys = {doc.id: key for key, doc in DOCS.items()}
        assert sorted(keys[d.id] for d in store.search(query)) == expected
        # Nothing stored is lost: every report is there, with its text.
        stored = {d.id: d for d in store.documents(with_text=True)}
        assert {d.id: (d.text, d.title) for d in DOCS.values()} == {
            i: (d.text, d.title) for i, d in stored.items()
        }
    finally:
        store.close()


def test_old_store_search_misses_what_the_upgrade_finds(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The upgrade test above means something only if the old index could not find it.
    _old_store(store_url, monkeypatch)
    store = _open_old(store_url, monkeypatch)
    try:
        assert store.schema_version() == OLD_VERSION
        assert store.search("Орёл") == [] and store.search("机场") == []
    finally:
        store.close()


def _first_reading_shadow(text: str) -> str:
    """The lemma shadow as version 11 wrote it: each word's likeliest lemma."""
    words = re.findall(r"[а-яё]+(?:-[а-яё]+)*", text, re.IGNORECASE)
    return " ".join(dict.fromkeys(SHADOW_MARK + lemma(w).replace(" ", SHADOW_MARK) for w in words))


@pytest.mark.parametrize("reopen_latest", [False, True])
def test_opening_a_store_of_first_reading_lemmas_reads_participles_anew(
    store_url: str, monkeypatch: pytest.MonkeyPatch, reopen_latest: bool
) -> None:
    # Version 11 indexed "раненых" as the noun "раненый", which the verb "ранить" never
    # finds (nor does its prefix "ранит"); the upgrade indexes it as the verb.
    doc = make_doc("Раненых доставили в больницу Клина.", language="ru")
    with monkeypatch.context() as patch:
        patch.setattr(searchtext, "lemma_shadow", _first_reading_shadow)
        store = _open_old(store_url, monkeypatch, FIRST_READING_VERSION)
        store.add_document(doc)
        store.close()
    store = (
        open_store(store_url)
        if reopen_latest
        else _open_old(store_url, monkeypatch, FIRST_READING_VERSION)
    )
    try:
        found = [d.id for d in store.search("ранить")]
        assert found == ([doc.id] if reopen_latest else [])
    finally:
        store.close()
