"""Migration m017: the tables of the story index (``story_index.py``, ``claims/stories/index.py``) and
an index of the documents' paths."""

from __future__ import annotations

import sqlite3


def m017_story_index(conn: sqlite3.Connection) -> None:
    # What story detection computed of each document, kept so that a regroup recomputes only the
    # documents a change reaches (claims/stories/index.py): each term's document count and holders,
    # each document's terms, vector and blocking terms, the documents each term blocks, the links
    # (pairs of documents of one story by their cosine and dates) and the stories found. store_state 'story_index' holds
    # the digest of the code and settings they were computed with; an empty index is built whole.
    # And an index of the documents' paths: writing a document deletes any other of its path, which
    # scanned the whole table for every document written (quadratic in a large ingest).
    conn.executescript(
        """
        CREATE TABLE story_index_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, docs BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE story_index_docs (
            doc_id TEXT PRIMARY KEY, entry BLOB NOT NULL, terms BLOB NOT NULL, vector BLOB NOT NULL, blocks BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE story_index_blocks (term TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (term, doc_id)) WITHOUT ROWID;
        CREATE TABLE story_links (a TEXT NOT NULL, b TEXT NOT NULL, sim REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
        CREATE INDEX story_links_b ON story_links(b);
        CREATE INDEX documents_path ON documents(path);
        CREATE TABLE story_index_stories (
            story_id TEXT PRIMARY KEY, label TEXT NOT NULL, first TEXT, last TEXT, declared INTEGER NOT NULL,
            docs BLOB NOT NULL
        ) WITHOUT ROWID;
        """
    )
