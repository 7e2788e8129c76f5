"""Schema migrations, numbered from 1, applied in order and recorded in ``schema_migrations``.

Each migration is a list of statements. The core tables use SQL both SQLite and
PostgreSQL accept; full-text search differs per backend and lives in
``FTS_MIGRATIONS``. Never edit a released migration: add a new one.
"""

from __future__ import annotations

CORE_MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            path TEXT, url TEXT, title TEXT, outlet TEXT, author TEXT,
            published TEXT, language TEXT, format TEXT NOT NULL,
            supersedes TEXT, status TEXT NOT NULL DEFAULT 'ok',
            ingested_at TEXT NOT NULL, word_count INTEGER NOT NULL,
            text TEXT NOT NULL)""",
        "CREATE INDEX documents_path ON documents(path)",
        "CREATE INDEX documents_url ON documents(url)",
        """CREATE TABLE mentions (
            id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL,
            key TEXT NOT NULL, canonical TEXT)""",
        "CREATE INDEX mentions_doc ON mentions(doc_id)",
        "CREATE INDEX mentions_key ON mentions(key)",
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, measure TEXT NOT NULL,
            low DOUBLE PRECISION, high DOUBLE PRECISION,
            approximate INTEGER NOT NULL, vague INTEGER NOT NULL,
            label TEXT NOT NULL, as_of TEXT, attributed_to TEXT, sentence TEXT NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
            subject_kind TEXT NOT NULL, subject_ref TEXT, subject_name TEXT,
            counted TEXT NOT NULL)""",
        "CREATE INDEX claims_doc ON claims(doc_id)",
        "CREATE INDEX claims_measure ON claims(measure)",
        """CREATE TABLE event_mentions (
            id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, type TEXT NOT NULL,
            trigger_text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
            sentence TEXT NOT NULL, date TEXT, date_precision TEXT, location TEXT, country TEXT,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
            actors TEXT NOT NULL, description TEXT NOT NULL)""",
        "CREATE INDEX event_mentions_doc ON event_mentions(doc_id)",
        """CREATE TABLE statements (
            id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, speaker TEXT NOT NULL,
            speaker_key TEXT, verb TEXT NOT NULL, stance TEXT NOT NULL, content TEXT NOT NULL,
            span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, sentence TEXT NOT NULL)""",
        "CREATE INDEX statements_doc ON statements(doc_id)",
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL,
            aliases TEXT NOT NULL)""",
        """CREATE TABLE mention_entities (
            mention_id TEXT PRIMARY KEY, entity_id TEXT NOT NULL)""",
        "CREATE INDEX mention_entities_entity ON mention_entities(entity_id)",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, date TEXT,
            date_precision TEXT, location TEXT, country TEXT,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, actors TEXT NOT NULL)""",
        """CREATE TABLE event_links (
            event_mention_id TEXT PRIMARY KEY, event_id TEXT NOT NULL)""",
        "CREATE INDEX event_links_event ON event_links(event_id)",
        """CREATE TABLE claim_subjects (
            claim_id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_id TEXT,
            subject_name TEXT)""",
        """CREATE TABLE claim_groups (
            id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_id TEXT, subject_name TEXT,
            measure TEXT NOT NULL, label TEXT NOT NULL, status TEXT NOT NULL,
            sources INTEGER NOT NULL, est_low DOUBLE PRECISION, est_best DOUBLE PRECISION,
            est_high DOUBLE PRECISION, conservative DOUBLE PRECISION, reason TEXT NOT NULL,
            claims TEXT NOT NULL)""",
        "CREATE INDEX claim_groups_status ON claim_groups(status)",
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY, target_kind TEXT NOT NULL, target TEXT NOT NULL,
            action TEXT NOT NULL, payload TEXT NOT NULL, author TEXT NOT NULL,
            reason TEXT NOT NULL, created_at TEXT NOT NULL)""",
        "CREATE INDEX corrections_target ON corrections(target_kind, target)",
    ],
    2: [
        # Documents stored but not yet folded into the picture: a run killed between
        # storing and reconciling leaves them here, and the next run picks them up.
        "CREATE TABLE pending_reconcile (doc_id TEXT PRIMARY KEY)",
    ],
    3: [
        # The event and entity pages read one subject's groups and claims; without these
        # each page view scans every group and every resolved claim.
        "CREATE INDEX claim_groups_subject ON claim_groups(subject_id)",
        "CREATE INDEX claim_subjects_subject ON claim_subjects(subject_id)",
    ],
    4: [
        # A document's path relative to the folder given to ingest: what a server shows
        # (the path itself, the source identity, may name the analyst's home folder).
        "ALTER TABLE documents ADD COLUMN name TEXT",
        # Ids of entities, events and groups a picture update retired, with the id that
        # took over their members: old links (bookmarks, a page open during a correction)
        # redirect instead of ending in a 404.
        """CREATE TABLE successors (
            kind TEXT NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL,
            PRIMARY KEY (kind, old_id))""",
    ],
    6: [
        # Structured analysis (crosscheck.assess): the analysts' log of ACH questions,
        # grades and watch rules, the alerts rules raised, what each figure rule saw last
        # and each outlet's track record. None of it belongs to the picture.
        """CREATE TABLE assessment_log (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL,
            action TEXT NOT NULL, payload TEXT NOT NULL, author TEXT NOT NULL,
            reason TEXT NOT NULL, created_at TEXT NOT NULL)""",
        "CREATE INDEX assessment_log_target ON assessment_log(kind, target)",
        """CREATE TABLE alerts (
            id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, kind TEXT NOT NULL,
            alert_key TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
            evidence TEXT NOT NULL, doc_id TEXT, created_at TEXT NOT NULL, delivery TEXT,
            attempts INTEGER NOT NULL)""",
        "CREATE INDEX alerts_rule ON alerts(rule_id, created_at)",
        "CREATE INDEX alerts_created ON alerts(created_at)",
        """CREATE TABLE rule_state (
            rule_id TEXT NOT NULL, figure TEXT NOT NULL, state TEXT NOT NULL,
            PRIMARY KEY (rule_id, figure))""",
        """CREATE TABLE outlet_records (
            outlet TEXT PRIMARY KEY, right_count INTEGER NOT NULL, superseded INTEGER NOT NULL,
            contradicted INTEGER NOT NULL)""",
        # Warnings are read by stance across the store.
        "CREATE INDEX statements_stance ON statements(stance)",
    ],
    8: [
        # Each report's weighted words (crosscheck.analysis.profile): reports of one incident
        # are linked by them.
        """CREATE TABLE doc_profiles (
            doc_id TEXT PRIMARY KEY, terms TEXT NOT NULL, title TEXT NOT NULL,
            lead TEXT NOT NULL)""",
        # A figure that is a part of its report's total ("including two children"), as
        # extraction read it ...
        "ALTER TABLE claims ADD COLUMN part_of TEXT",
        # A figure its report credits to a source it calls unconfirmed (rumour, social media).
        "ALTER TABLE claims ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0",
        # ... and as the picture reads it (a report's smaller restatements of its toll).
        """CREATE TABLE claim_parts (
            claim_id TEXT PRIMARY KEY, total_id TEXT NOT NULL)""",
    ],
    9: [
        # A new token each time a document's extraction is written: a saved picture state
        # (crosscheck.pipeline.saved) finds the reports that changed since it was saved by
        # comparing these, without reading any extraction.
        "ALTER TABLE documents ADD COLUMN stamp TEXT",
        # Read by every picture update: an index holding the columns spares reading each
        # document's text to reach the stamp stored after it.
        "CREATE INDEX documents_stamps ON documents(id, stamp, supersedes, status)",
        # The Reconciler's state, saved so a new process need not rebuild the picture:
        # the checks that decide whether it may be read (format, fingerprint of code and
        # settings, checksum) sit beside the bytes. One row per slot.
        """CREATE TABLE picture_state (
            slot TEXT PRIMARY KEY, format INTEGER NOT NULL, fingerprint TEXT NOT NULL,
            picture TEXT NOT NULL, digest TEXT NOT NULL, body BLOB NOT NULL,
            saved_at TEXT NOT NULL)""",
        # A token naming the stored picture, new on every picture write: a saved state
        # describes the stored picture only while it names the same token.
        "CREATE TABLE picture_version (name TEXT PRIMARY KEY, token TEXT NOT NULL)",
    ],
    # Search in Russian: PostgreSQL indexed Russian documents with its 'russian' text search
    # configuration (POSTGRES_FTS; replaced by version 11); SQLite's FTS5 needed no change.
    10: [],
    # Search that finds the same reports in both backends (crosscheck.store.searchtext): the
    # index holds each report's lemma shadow and spaced CJK text, computed in Python, so
    # the store rebuilds it from the stored texts (REINDEX_VERSIONS); no document changes.
    11: [],
    # The lemma shadow reads a participle as its verb ("погибшие" as "погибнуть", as
    # "погиб" is read), so the index is rebuilt with the new shadow; no document changes.
    12: [],
}

#: Versions after whose statements the store indexes every stored document for search anew
#: (:meth:`crosscheck.store.sql.SqlStore._fts_rebuild`): the index text needs Python (the
#: lemmas of pymorphy3), which no SQL statement can compute.
REINDEX_VERSIONS: frozenset[int] = frozenset({11, 12})

SQLITE_FTS: dict[int, list[str]] = {
    1: [
        # Contentless-delete FTS would need SQLite 3.43; an ordinary FTS5 table keyed by
        # doc id works everywhere and is rebuilt by the store on every insert/delete.
        "CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text,"
        " tokenize='unicode61 remove_diacritics 2')",
    ],
}

POSTGRES_FTS: dict[int, list[str]] = {
    1: [
        "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
        " (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED",
        "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    ],
    10: [
        # A Russian report's words are indexed by their stems ("Самаре" and "Самара" are
        # one lexeme); every other report keeps the 'simple' configuration.
        "DROP INDEX IF EXISTS documents_tsv",
        "ALTER TABLE documents DROP COLUMN tsv",
        "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector("
        "CASE WHEN language = 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END,"
        " coalesce(title, '') || ' ' || text)) STORED",
        "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    ],
    11: [
        # The text search vector of the tokens SQLite's FTS5 index sees (the lemma shadow, CJK
        # characters one by one), which only the store can compute: a plain column it fills
        # on insert and, for the stored reports, after this migration.
        "DROP INDEX IF EXISTS documents_tsv",
        "ALTER TABLE documents DROP COLUMN tsv",
        "ALTER TABLE documents ADD COLUMN tsv tsvector",
        "CREATE INDEX documents_tsv ON documents USING GIN (tsv)",
    ],
}


def migrations_for(dialect: str) -> dict[int, list[str]]:
    """All statements per version for one dialect ("sqlite" or "postgresql")."""
    fts = SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS
    versions = sorted(set(CORE_MIGRATIONS) | set(fts))
    result: dict[int, list[str]] = {}
    for v in versions:
        statements = list(CORE_MIGRATIONS.get(v, [])) + list(fts.get(v, []))
        if dialect == "postgresql":
            statements = [
                s.replace("id INTEGER PRIMARY KEY", "id SERIAL PRIMARY KEY").replace(
                    " BLOB ", " BYTEA "
                )
                for s in statements
            ]
        result[v] = statements
    return result


LATEST_VERSION = max(CORE_MIGRATIONS)

__all__ = ["LATEST_VERSION", "REINDEX_VERSIONS", "migrations_for"]
