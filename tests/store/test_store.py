"""The Store contract, run on every backend (SQLite file and a real PostgreSQL database)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from store_records import (
    TEXT_A,
    TEXT_B,
    make_doc,
    make_extraction,
    make_extraction_for,
    picture_for,
)

from crosscheck.errors import StoreError
from crosscheck.model import Claim, Correction, Document, Extraction, Picture, Subject
from crosscheck.store import open_store
from crosscheck.store.base import Store
from crosscheck.store.migrations import LATEST_VERSION


def test_store_migrates_to_latest_version(store: Store) -> None:
    assert store.schema_version() == LATEST_VERSION


def test_store_migrations_are_idempotent(store: Store, reopen: Callable[[], Store]) -> None:
    store.add_document(make_doc(TEXT_A))
    for _ in range(2):
        again = reopen()
        try:
            assert again.schema_version() == LATEST_VERSION
            assert again.count_documents() == 1
        finally:
            again.close()


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        (TEXT_A, {"title": "Blast in Harlow", "outlet": "Daily Lamp", "published": "2031-05-02"}),
        (TEXT_B, {"path": "in/b.txt", "url": "https://example.org/b", "language": "en"}),
        ("Ünïcode — 50 % of «quoted» text? yes", {"author": "R. O'Neill", "format": "html"}),
    ],
)
def test_store_document_round_trip(store: Store, text: str, meta: dict[str, str]) -> None:
    doc = make_doc(text, **meta)
    store.add_document(doc)
    got = store.get_document(doc.id)
    assert got is not None
    assert got.text == text
    for key, value in meta.items():
        assert getattr(got, key) == value
    assert store.document_by_hash(doc.content_hash) == got
    assert store.count_documents() == 1
    assert store.document_ids() == [doc.id]
    assert store.resolve_document(doc.id[:6]) == got


def test_store_documents_filters_and_pages(store: Store) -> None:
    docs = [
        make_doc(
            f"Report number {i} about town {i}.",
            outlet="A" if i % 2 else "B",
            published=f"2031-01-{i + 1:02d}",
        )
        for i in range(6)
    ]
    with store.transaction():
        for doc in docs:
            store.add_document(doc)
    assert [d.outlet for d in store.documents(outlet="A")] == ["A"] * 3
    page = store.documents(limit=2, offset=2)
    assert [d.published for d in page] == ["2031-01-03", "2031-01-04"]
    assert all(d.text == "" for d in page)
    assert [d.id for d in store.iter_documents(batch=4)] == [d.id for d in docs]
    assert all(d.text for d in store.iter_documents(batch=4))


def test_store_latest_version_follows_path_and_url(store: Store) -> None:
    old = make_doc(
        "First draft of the story.",
        path="news/x.txt",
        url="https://e.org/x",
        ingested_at="2031-01-01T00:00:00+00:00",
    )
    new = make_doc(
        "Second draft of the story.",
        path="news/x.txt",
        url="https://e.org/x",
        supersedes=old.id,
        ingested_at="2031-01-02T00:00:00+00:00",
    )
    store.add_document(old)
    store.add_document(new)
    by_path = store.latest_version(path="news/x.txt")
    by_url = store.latest_version(url="https://e.org/x")
    assert by_path is not None and by_path.id == new.id
    assert by_url is not None and by_url.supersedes == old.id
    assert store.latest_version(path="news/none.txt") is None
    assert store.latest_version() is None
    resolved = store.resolve_document("news/x.txt")
    assert resolved is not None and resolved.id == new.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harlow", [TEXT_A]),
        ("sentenced arson", [TEXT_B]),
        ('"market hall"', [TEXT_A]),
        ("nothing-like-this", []),
        ("(((", []),
    ],
)
def test_store_search_finds_words(store: Store, query: str, expected: list[str]) -> None:
    for text in (TEXT_A, TEXT_B):
        store.add_document(make_doc(text, title="report"))
    assert [d.id for d in store.search(query)] == [make_doc(t).id for t in expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harlow -market", ["b"]),
        ('harlow -"market hall"', ["b"]),
        ("harlow or dunmore", ["a", "b", "c"]),
        ("police or court harlow", ["b"]),
        ("-harlow", []),
        ("Харлоу -рынок", ["ru"]),
        ("Харлоу -рынке", ["ru"]),
        ("Харлоу -полиция", []),
        ('"market hall"', ["a"]),
        ("'; DROP TABLE documents; --", []),
    ],
)
def test_store_search_reads_or_and_exclusions(
    store: Store, query: str, expected: list[str]
) -> None:
    # As a web search box: "or" between two words, "-" before one that must not appear.
    docs = {
        "a": make_doc("Harlow: a blast hit the market hall."),
        "b": make_doc("Harlow police detained two men."),
        "c": make_doc("Dunmore court hears the arson case."),
        "ru": make_doc("В Харлоу полиция задержала двух мужчин."),
    }
    assert _found(store, docs, query) == sorted(expected)
    assert store.count_documents() == 4


def test_store_search_ranks_better_match_first(store: Store) -> None:
    weak = make_doc("A quiet week; one mention of Lorwick near the end.")
    strong = make_doc(
        "Lorwick, Lorwick and again Lorwick: the town was in every headline.", title="Lorwick"
    )
    store.add_document(weak)
    store.add_document(strong)
    assert [d.id for d in store.search("lorwick")] == [strong.id, weak.id]
    assert [d.id for d in store.search("lorwick", limit=1, offset=1)] == [weak.id]


def test_store_claims_round_trip(store: Store) -> None:
    doc = make_doc(TEXT_A)
    ex = make_extraction(doc)
    store.add_document(doc, ex)
    got = store.claims(doc=doc.id)
    assert [(c.measure, c.low, c.high) for c in got] == [
        (c.measure, c.low, c.high) for c in ex.claims
    ]
    by_measure = {c.measure: c for c in got}
    assert by_measure["killed"].id == ex.claims[0].id
    assert isinstance(by_measure["killed"].low, int)
    assert by_measure["injured"].high is None
    assert by_measure["injured"].approximate and by_measure["injured"].vague
    assert by_measure["injured"].as_of == "2031-05-02"
    assert by_measure["injured"].attributed_to == "the police"
    assert by_measure["percent"].low == 2.5 and by_measure["percent"].counted == "population"
    assert not by_measure["killed"].approximate
    assert by_measure["killed"].subject_name == "Harlow blast"
    assert store.claims(measure="percent", doc_ids=[doc.id])[0].high == 97.5
    assert store.claims(doc_ids=[]) == []
    assert store.mentions(doc=doc.id) == ex.mentions
    assert store.event_mentions(doc=doc.id) == ex.events
    assert store.statements(doc=doc.id) == ex.statements


def test_store_replace_extraction_swaps_records(store: Store) -> None:
    doc = make_doc(TEXT_A)
    store.add_document(doc, make_extraction(doc))
    fresh = Extraction(
        doc_id=doc.id,
        claims=[Claim(doc.id, "killed", 13, 13, (1, 3), "s", "people killed")],
    )
    store.replace_extraction(fresh)
    assert [c.low for c in store.claims(doc=doc.id)] == [13]
    assert store.mentions(doc=doc.id) == []
    assert store.statements() == []


def test_store_picture_round_trip(store: Store) -> None:
    doc = make_doc(TEXT_A)
    ex = make_extraction(doc)
    store.add_document(doc, ex)
    picture = picture_for(doc, ex)
    store.save_picture(picture)
    store.save_picture(picture)  # saving again replaces, never duplicates
    loaded = store.load_picture()
    assert loaded == picture
    claim = store.claims(measure="killed")[0]
    assert claim.subject == Subject("event", "e-1", "Harlow bombing")
    store.save_picture(Picture())
    assert store.load_picture() == Picture()


def test_store_corrections_numbered_and_filtered(store: Store) -> None:
    first = store.add_correction(Correction("claim", "c-1", "reject", reason="a year"))
    second = store.add_correction(
        Correction("entity", "n-1", "merge", {"into": "n-2", "note": "50 %"}, author="ana")
    )
    assert first.id is not None and second.id is not None and second.id > first.id
    assert first.created_at
    assert [c.target for c in store.corrections()] == ["c-1", "n-1"]
    only = store.corrections(target_kind="entity")
    assert len(only) == 1 and only[0].payload == {"into": "n-2", "note": "50 %"}
    assert only[0].author == "ana"


def test_store_stats_counts(store: Store) -> None:
    doc = make_doc(TEXT_A, language="en")
    ex = make_extraction(doc)
    store.add_document(doc, ex)
    store.add_document(make_doc(TEXT_B))
    store.save_picture(picture_for(doc, ex))
    stats = store.stats()
    assert stats["documents"] == 2
    assert stats["words"] == len(TEXT_A.split()) + len(TEXT_B.split())
    assert stats["languages"] == {"en": 1, "unknown": 1}
    assert stats["claims"] == len(ex.claims)
    assert stats["group_status"] == {"single": 1}
    assert stats["schema_version"] == LATEST_VERSION


def test_store_transaction_rollback_leaves_nothing(store: Store) -> None:
    doc = make_doc(TEXT_A)
    with pytest.raises(RuntimeError, match="stop"), store.transaction():
        store.add_document(doc, make_extraction(doc))
        store.add_correction(Correction("claim", "c-1", "confirm"))
        raise RuntimeError("stop")
    assert store.count_documents() == 0
    assert store.claims() == []
    assert store.corrections() == []
    store.add_document(doc)  # the connection is usable after the rollback
    assert store.count_documents() == 1


def test_store_failed_statement_raises_store_error_and_recovers(store: Store) -> None:
    first, second = make_doc(TEXT_A), make_doc(TEXT_B)
    store.add_document(first, make_extraction(first))
    store.add_document(second)
    # A claim whose id already belongs to the first document collides on the primary key.
    stolen = Extraction(doc_id=second.id, claims=[make_extraction(first).claims[0]])
    with pytest.raises(StoreError, match="database error"):
        store.replace_extraction(stolen)
    assert len(store.claims(doc=first.id)) == 3
    store.replace_extraction(make_extraction_for(second))
    assert len(store.claims(doc=second.id)) == 1


@pytest.mark.parametrize("writers", [2, 3])
def test_store_concurrent_writers_all_succeed(store_url: str, writers: int) -> None:
    open_store(store_url).close()  # migrate once, as `crosscheck init` would
    per_writer = 15
    errors: list[BaseException] = []

    def ingest(n: int) -> None:
        st = open_store(store_url)
        try:
            for batch in range(0, per_writer, 5):
                with st.transaction():
                    for i in range(batch, batch + 5):
                        doc = make_doc(f"Writer {n} filed report {i} on the blast.")
                        st.add_document(doc, make_extraction_for(doc))
                st.add_correction(Correction("claim", f"c-{n}-{batch}", "confirm"))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            st.close()

    threads = [threading.Thread(target=ingest, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    check = open_store(store_url)
    try:
        assert check.count_documents() == writers * per_writer
        assert len(check.claims()) == writers * per_writer
        ids = [c.id for c in check.corrections()]
        assert len(ids) == len(set(ids)) == writers * 3
    finally:
        check.close()


def test_store_pending_documents_until_cleared(store: Store) -> None:
    first, second = make_doc(TEXT_A), make_doc(TEXT_B)
    store.add_document(first)
    store.add_document(second)
    assert store.pending_documents() == sorted([first.id, second.id])
    store.clear_pending([first.id])
    assert store.pending_documents() == [second.id]
    store.replace_extraction(make_extraction(first))
    assert store.pending_documents() == sorted([first.id, second.id])


def test_store_picture_delta_reaches_the_new_picture(store: Store) -> None:
    doc = make_doc(TEXT_A)
    ex = make_extraction(doc)
    store.add_document(doc, ex)
    first, second = picture_for(doc, ex), picture_for(doc, ex, name="Harlow market bombing")
    store.save_picture(first)
    store.save_picture_delta(first, second)
    assert store.load_picture() == second
    store.save_picture_delta(second, Picture())
    assert store.load_picture() == Picture()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Самара", ["samara"]),
        ("взрыв самаре", ["samara"]),
        ("погибших", ["samara", "perm"]),
        ("погибшие", ["samara", "perm"]),  # "the dead" finds "погибших" and "погиб"
        ("колледжа Пермь", ["perm"]),
        ('"в Перми"', ["perm"]),
        ("Harlow", ["harlow"]),
    ],
)
def test_store_search_finds_russian_words_in_any_form(
    store: Store, query: str, expected: list[str]
) -> None:
    texts = {
        "samara": "Взрыв на рынке в Самаре: число погибших выросло до одиннадцати.",
        "perm": "Стрельба в колледже в Перми: погиб один человек, в колледже траур.",
        "harlow": "Harlow: a blast hit the market hall.",
    }
    ids = {}
    for key, text in texts.items():
        doc = make_doc(text)
        store.add_document(doc)
        ids[doc.id] = key
    assert sorted(ids[d.id] for d in store.search(query)) == sorted(expected)


def test_store_search_reads_russian_reports_by_their_stems(store: Store) -> None:
    russian = make_doc("Взрыв прогремел у вокзала Самары, погибших нет.", language="ru")
    english = make_doc("A blast hit the station in Samara; nobody died.", language="en")
    store.add_document(russian)
    store.add_document(english)
    assert [d.id for d in store.search("самара")] == [russian.id]
    assert [d.id for d in store.search("вокзал Самаре")] == [russian.id]
    assert [d.id for d in store.search("Samara station")] == [english.id]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("音乐厅", ["zh"]),
        ("袭击 逮捕", ["zh"]),
        ('"一家音乐厅"', ["zh"]),
        ("乐厅遭", ["zh"]),
        ("体育场", []),
        ("Konzerthaus", ["de"]),
    ],
)
def test_store_search_finds_words_in_text_without_spaces(
    store: Store, query: str, expected: list[str]
) -> None:
    # Chinese runs a clause together; a report in it (stored, marked "no extractor") must
    # still be found by a word, in either backend.
    docs = {
        "zh": make_doc(
            "周五晚上，莫斯科附近一家音乐厅遭到袭击。调查人员随后逮捕了十一名嫌疑人。",
            language="zh",
        ),
        "de": make_doc(
            "Bei einem Anschlag auf ein Konzerthaus bei Moskau starben viele Menschen.",
            language="de",
        ),
    }
    assert _found(store, docs, query) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Орёл", ["orel"]),
        ("Орла", ["orel"]),
        ("люди", ["orel"]),
        ("дня", ["day"]),
        ("теракт", ["day"]),
        ("льда", []),
    ],
)
def test_store_search_matches_russian_forms_whose_stem_changes(
    store: Store, query: str, expected: list[str]
) -> None:
    # A prefix of the query word cannot find "в Орле" from "Орёл" or "человек" from
    # "люди": the lemma shadow both backends index can.
    docs = {
        "orel": make_doc("В Орле при взрыве пострадали три человека.", language="ru"),
        "day": make_doc("В тот день после теракта в городе объявили траур.", language="ru"),
    }
    assert _found(store, docs, query) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A participle or a verbal adjective and its verb are one word to search.
        ("погибшие", ["died", "dead"]),
        ("погиб", ["died", "dead"]),
        ("погибшему", ["died", "dead"]),
        ("пострадавшие", ["hurt", "victims"]),
        ("пострадали", ["hurt", "victims"]),
        ("раненых", ["hurt", "wounded", "stabbed"]),
        ("ранены", ["hurt", "wounded", "stabbed"]),
        ("раненые", ["hurt", "wounded", "stabbed"]),
        ("ранил", ["hurt", "wounded", "stabbed"]),
        ("убитых", ["shot", "slain"]),
        ("убили", ["shot", "slain"]),
        ("задержанных", ["held", "arrest"]),
        ("задержали", ["held", "arrest"]),
        # Words that grew out of a participle keep their own meaning.
        ("бывший", ["former"]),
        ("был", ["dead"]),
        ("данные", ["data"]),
        ("дали", []),
    ],
)
def test_store_search_joins_participles_and_their_verbs(
    store: Store, query: str, expected: list[str]
) -> None:
    docs = {
        "died": make_doc("Под Тверью при обрушении крыши склада погиб рабочий.", language="ru"),
        "dead": make_doc(
            "Родственникам погибших в ДТП под Псковом была оказана помощь.", language="ru"
        ),
        "hurt": make_doc(
            "В Туле при пожаре в общежитии пострадали и ранены пять человек.", language="ru"
        ),
        "victims": make_doc("Всех пострадавших от паводка расселили в школах.", language="ru"),
        "wounded": make_doc("Двоих раненых доставили вертолётом в Иркутск.", language="ru"),
        "stabbed": make_doc("Нападавший ранил ножом двух прохожих.", language="ru"),
        "shot": make_doc("В Курске неизвестные убили охранника банка.", language="ru"),
        "slain": make_doc("Среди убитых оказался местный фермер.", language="ru"),
        "held": make_doc("Полиция задержала троих мужчин после драки.", language="ru"),
        "arrest": make_doc("Имена задержанных следствие не раскрывает.", language="ru"),
        "former": make_doc("Бывшего главу района отправили под домашний арест.", language="ru"),
        "data": make_doc("Эти данные ведомство уточняет.", language="ru"),
    }
    assert _found(store, docs, query) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The forms of a known word meet through its lemma, never through a bare prefix:
        # "ранены" begins like "ранее" (earlier) and "рано" (early), other words.
        ("ранены", ["wounded", "stabbed"]),
        ("раненых", ["wounded", "stabbed"]),
        ("ранее", ["earlier"]),
        ("рано", ["early"]),
        # A surname pymorphy3 does not know is still found in another case by its stem.
        ("Бусаргин", ["governor"]),
        ("Бусаргина", ["governor"]),
    ],
)
def test_store_search_keeps_russian_words_apart_that_share_a_prefix(
    store: Store, query: str, expected: list[str]
) -> None:
    docs = {
        "wounded": make_doc("В Калуге на стройке ранены двое рабочих.", language="ru"),
        "stabbed": make_doc("Хулиган ранил ножом охранника магазина.", language="ru"),
        "earlier": make_doc("Ранее в городе уже закрывали мосты.", language="ru"),
        "early": make_doc("Утром рано на вокзал прибыл поезд.", language="ru"),
        "governor": make_doc("Слова губернатора Бусаргина передали журналисты.", language="ru"),
    }
    assert _found(store, docs, query) == sorted(expected)


def _found(store: Store, docs: dict[str, Document], query: str) -> list[str]:
    """Store ``docs`` and return the keys of those ``query`` finds, sorted."""
    keys = {}
    for key, doc in docs.items():
        store.add_document(doc)
        keys[doc.id] = key
    return sorted(keys[d.id] for d in store.search(query))
