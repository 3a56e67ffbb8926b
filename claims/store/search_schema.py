"""What migration m011 builds for readers of the store: stems in the full-text index, a numeric
value column and the view ``claims_view``.

``claims_fts`` indexes each claim's sentence, subject and text as written (Datasette's
``?_search=Verletzte``) and a column ``stems`` the store fills at insert with the Snowball stems
of the subject and sentence in the claim's language (``claims.stems``), so a query stemmed the
same way finds every inflection. ``number`` holds a claim's value when it is a number and NULL for
a date, so ``number > 100`` never matches an ISO date the way ``value > 100`` does.

The view's SQL lives here, in ``CLAIMS_VIEW_SQL`` only. A view holds no data, so the store
recreates it when it opens a store whose view is not this one (``refresh_claims_view``): a column
added to the view needs no migration of its own, only the column's.
"""

from __future__ import annotations

import sqlite3

from .claim_table import derived_values

FTS_COLUMNS = ("sentence", "subject", "text", "stems")

CLAIMS_VIEW_SQL = """
CREATE VIEW claims_view AS
SELECT c.rowid AS rowid, c.claim_id, c.doc, d.title AS doc_title, d.source, d.date AS doc_date, d.story,
       c.category, c.value, c.number, c.value_low, c.value_high, c.unit, c.qualifier, c.text,
       c.subject, c.concept, c.detail, c.aspect, c.occasion, c.scope, c.place, c.attribution, c.actor,
       c.kind, c.lang, c.sentence, c.start, c."end",
       m.group_id, g.label AS group_label, g.status, g.n_docs AS group_sources
FROM claims c
JOIN documents d ON d.doc_id = c.doc
LEFT JOIN group_members m ON m.claim_id = c.claim_id
LEFT JOIN groups g ON g.group_id = m.group_id
"""


def _fts_triggers() -> str:
    columns = ", ".join(FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    delete = f"INSERT INTO claims_fts(claims_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO claims_fts(rowid, {columns}) VALUES (new.rowid, {new});"
    return (
        f"CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN {delete} END;\n"
        f"CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN {delete} {insert} END;"
    )


def add_stems_and_number(conn) -> None:
    """Add and fill the columns ``stems`` and ``number``, then index the claims anew with the stems.

    ``conn`` is a migration's connection (``executescript`` runs inside its transaction).
    """
    conn.executescript(
        """
        DROP TRIGGER IF EXISTS claims_fts_delete;
        DROP TRIGGER IF EXISTS claims_fts_update;
        DROP TABLE claims_fts;
        ALTER TABLE claims ADD COLUMN stems TEXT;
        ALTER TABLE claims ADD COLUMN number REAL;
        """
    )
    rows = conn.execute("SELECT rowid, sentence, subject, value, lang FROM claims").fetchall()
    conn.executemany(
        "UPDATE claims SET stems = ?, number = ? WHERE rowid = ?",
        [(*derived_values(sentence, subject, value, lang), rowid) for rowid, sentence, subject, value, lang in rows],
    )
    conn.executescript(
        f"""
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            {", ".join(FTS_COLUMNS)}, content="claims", content_rowid="rowid"
        );
        INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
        {_fts_triggers()}
        """
    )


def create_claims_view(conn: sqlite3.Connection) -> None:
    """(Re)create ``claims_view`` from CLAIMS_VIEW_SQL."""
    conn.execute("DROP VIEW IF EXISTS claims_view")
    conn.execute(CLAIMS_VIEW_SQL)


def _view_is_current(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'claims_view'").fetchone()
    return row is None or row[0].strip() == CLAIMS_VIEW_SQL.strip()


def refresh_claims_view(conn: sqlite3.Connection) -> None:
    """Recreate ``claims_view`` in its own transaction when the store holds another definition of it
    (one written before a column was added); a store without it (before m011) is left alone."""
    if _view_is_current(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _view_is_current(conn):  # another process may have just recreated it
            create_claims_view(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
