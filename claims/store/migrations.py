"""Schema of the claim store as an append-only list of migrations.

Each ``mNNN_...`` function takes a sqlite3 connection inside a transaction and
changes the schema one step. Never edit or reorder a released migration; add a
new one at the end. The names of applied migrations are kept in the table
``_migrations`` and their count in ``PRAGMA user_version``; a store that has
applied a migration this version does not know was written by a newer claims.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import SchemaTooNew
from .sql_script import run_in_transaction
from .story_index_schema import m017_story_index

Migration = Callable[[sqlite3.Connection], None]


def m001_documents_and_claims(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE documents (
            doc_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            title TEXT,
            source TEXT,
            url TEXT,
            date TEXT,
            date_precision TEXT,
            lang TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            n_claims INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX documents_content_hash ON documents(content_hash);
        -- value, value_low, value_high have no type affinity: REAL for numbers,
        -- TEXT (ISO) for dates, NULL for an open bound.
        CREATE TABLE claims (
            claim_id TEXT PRIMARY KEY,
            doc TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            value,
            value_low,
            value_high,
            unit TEXT,
            qualifier TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL DEFAULT 0,
            subject TEXT,
            scope TEXT,
            attribution TEXT,
            actor TEXT,
            kind TEXT NOT NULL DEFAULT 'number',
            lang TEXT NOT NULL DEFAULT 'de',
            as_of TEXT,
            concept TEXT
        );
        CREATE INDEX claims_doc ON claims(doc, start);
        CREATE INDEX claims_category_scope ON claims(category, scope);
        """
    )


def m002_claims_fts(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            sentence, subject, text, content='claims', content_rowid='rowid'
        );
        CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, sentence, subject, text)
            VALUES (new.rowid, new.sentence, new.subject, new.text);
        END;
        CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, sentence, subject, text)
            VALUES ('delete', old.rowid, old.sentence, old.subject, old.text);
        END;
        CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, sentence, subject, text)
            VALUES ('delete', old.rowid, old.sentence, old.subject, old.text);
            INSERT INTO claims_fts(rowid, sentence, subject, text)
            VALUES (new.rowid, new.sentence, new.subject, new.text);
        END;
        INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
        """
    )


def m003_groups(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE groups (
            group_id TEXT PRIMARY KEY,
            category TEXT NOT NULL,
            label TEXT NOT NULL,
            scope TEXT,
            status TEXT NOT NULL,
            explanation TEXT NOT NULL DEFAULT '',
            n_docs INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX groups_status ON groups(status);
        CREATE INDEX groups_category ON groups(category);
        CREATE TABLE group_members (
            claim_id TEXT PRIMARY KEY REFERENCES claims(claim_id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE
        );
        CREATE INDEX group_members_group ON group_members(group_id);
        """
    )


def m004_documents_lead(conn: sqlite3.Connection) -> None:
    # The first words of the article, shown where a document has no title.
    conn.execute("ALTER TABLE documents ADD COLUMN lead TEXT")


def m005_fts_insert_by_store(conn: sqlite3.Connection) -> None:
    # A trigger per inserted row costs three times what one INSERT ... SELECT per
    # document costs, so Store._write_document indexes new claims itself; the
    # delete and update triggers stay (rarer, and they keep any other write in sync).
    conn.execute("DROP TRIGGER claims_fts_insert")


def m006_groups_stale_flag(conn: sqlite3.Connection) -> None:
    # Set in the same transaction that changes documents, cleared in the one that
    # writes groups: a run killed in between leaves it set, and the next ingest
    # regroups even when every file is unchanged. Older stores regroup once.
    conn.execute("CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT INTO store_state (key, value) VALUES ('groups_stale', '1')")


def m007_fts_declared_for_datasette(conn: sqlite3.Connection) -> None:
    # Datasette finds a table's full-text index by the SQL that declares it: it looks for
    # content="claims" or content=[claims], and m002 wrote content='claims'. The index is declared
    # again with the same columns and rowids and rebuilt from the claims. The delete and update
    # triggers of m002 name the table only, so they keep working.
    conn.executescript(
        """
        DROP TABLE claims_fts;
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            sentence, subject, text, content="claims", content_rowid="rowid"
        );
        INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
        """
    )


def m008_concept_detail_aspect_occasion(conn: sqlite3.Connection) -> None:
    # Until now `concept` held in one string what a claim counts or dates and how:
    # "killed:polizist", "injured:serious", "inflatio:change", "strike:end@2008-03-14". The
    # pieces get columns of their own, split exactly as the extractor joined them (concept_split.py).
    from .concept_split import split_concept_column

    split_concept_column(conn)

def m009_stories(conn: sqlite3.Connection) -> None:
    # Stories (issue 16): which event a document tells of, written with every regroup (claims/stories/);
    # front matter `story:` is documents.story_declared. Older stores regroup once (groups_stale).
    conn.executescript(
        """
        CREATE TABLE stories (
            story_id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            first TEXT,
            last TEXT,
            n_docs INTEGER NOT NULL DEFAULT 0,
            declared INTEGER NOT NULL DEFAULT 0
        );
        ALTER TABLE documents ADD COLUMN story TEXT;
        ALTER TABLE documents ADD COLUMN story_declared TEXT;
        ALTER TABLE groups ADD COLUMN story TEXT;
        CREATE INDEX documents_story ON documents(story);
        CREATE INDEX groups_story ON groups(story);
        UPDATE store_state SET value = '1' WHERE key = 'groups_stale';
        """
    )


def m010_claim_place(conn: sqlite3.Connection) -> None:
    # Where a figure is about, read from its clause ("in Almaty 103", "im Gebiet Mangystau"):
    # a regional figure is compared as a part of the total, not as a rival toll. Claims stored
    # before have none until their documents are extracted again (the extractor version changed).
    conn.execute("ALTER TABLE claims ADD COLUMN place TEXT")


def m011_stems_number_and_claims_view(conn: sqlite3.Connection) -> None:
    # The full-text index gains a column of Snowball stems (filled here for the claims there are,
    # by the store at insert for new ones), claims a numeric value column, and readers such as
    # Datasette a view of each claim with its group's status and its document's title and source.
    from .search_schema import add_stems_and_number, create_claims_view

    add_stems_and_number(conn)
    create_claims_view(conn)


def m014_story_terms(conn: sqlite3.Connection) -> None:
    # Each document's story terms (claims/stories/cache.py), so that a regroup reads only the texts
    # of new or changed documents; `key` says what they were computed from (text, metadata, code).
    conn.execute("CREATE TABLE story_terms (doc_id TEXT PRIMARY KEY, key TEXT NOT NULL, terms TEXT NOT NULL)")


def m015_dirty_blocks(conn: sqlite3.Connection) -> None:
    # The blocks of grouping (a category and a unit, '' for none) whose claims changed since the
    # groups were written: set in the transaction that changes claims, emptied in the one that
    # writes groups, so a regroup after a one-file ingest recomputes only the blocks it touched
    # (block_table.py). A store left stale by an older version has none recorded and is
    # regrouped whole once.
    conn.execute(
        "CREATE TABLE dirty_blocks (category TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (category, unit)) "
        "WITHOUT ROWID"
    )


def m016_dirty_documents(conn: sqlite3.Connection) -> None:
    # The documents whose claims changed since the groups were written, with the story each was in
    # then (NULL when new): a regroup whose stories did not move regroups, in the dirty blocks, only
    # the claims of those stories (block_table.py). A store with blocks already dirty records the
    # row '' ("every story"), so that its first regroup is not narrowed.
    conn.execute("CREATE TABLE dirty_documents (doc_id TEXT PRIMARY KEY, story TEXT) WITHOUT ROWID")
    if conn.execute("SELECT 1 FROM dirty_blocks LIMIT 1").fetchone():
        conn.execute("INSERT INTO dirty_documents (doc_id, story) VALUES ('', NULL)")


MIGRATIONS: list[Migration] = [
    m001_documents_and_claims,
    m002_claims_fts,
    m003_groups,
    m004_documents_lead,
    m005_fts_insert_by_store,
    m006_groups_stale_flag,
    m007_fts_declared_for_datasette,
    m008_concept_detail_aspect_occasion,
    m009_stories,
    m010_claim_place,
    m011_stems_number_and_claims_view,
    m014_story_terms,
    m015_dirty_blocks,
    m016_dirty_documents,
    m017_story_index,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, name: str = "store", migrations: list[Migration] | None = None) -> list[str]:
    """Apply the migrations ``conn`` lacks, each in its own transaction; return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    Raises SchemaTooNew when the store was written by a newer claims.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    known = [m.__name__ for m in migrations]
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    unknown = applied - set(known)
    if unknown or version > len(migrations):
        raise SchemaTooNew(
            f"{name} was written by a newer version of claims (schema {max(version, len(applied))}, "
            f"this version knows {len(migrations)}); upgrade claims or use another --db"
        )
    done = []
    for number, migration in enumerate(migrations, start=1):
        if migration.__name__ in applied:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the write lock: another process may have just migrated.
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (migration.__name__,)).fetchone():
                conn.execute("COMMIT")
                continue
            run_in_transaction(conn, migration)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", (migration.__name__,)
            )
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # Ctrl-C may land just after COMMIT: nothing is left to roll back
                conn.execute("ROLLBACK")
            raise
        done.append(migration.__name__)
    return done
