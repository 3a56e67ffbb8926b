"""The SQL of the story index (migration m017): what story detection computed of each document,
kept so that a regroup recomputes only what a change reaches (``claims/stories/index.py``).

The index is read and written inside the regroup's transaction, so it always matches the stories
written with it. Terms, vectors and lists are stored as ``marshal`` bytes (version 2: the same
bytes for the same value, every float as its 8 bytes), several times faster to read than JSON.
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Sequence

from ..models import Story
from .connection import chunks, marks

_TABLES = ("story_index_terms", "story_index_docs", "story_index_blocks", "story_links", "story_index_stories")


def _dump(value) -> bytes:
    return marshal.dumps(value, 2)


_load = marshal.loads


class StoryIndexRows:
    """The story index of one store, on the connection of a regroup's transaction."""

    format = "m017 marshal 2"  # part of the index's digest: an index of another format is built anew

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def digest(self) -> str | None:
        """The digest of the code and settings the index was computed with (None: no index)."""
        row = self._conn.execute("SELECT value FROM store_state WHERE key = 'story_index'").fetchone()
        return row[0] if row else None

    def reset(self, digest: str) -> None:
        """Empty the index, to be built anew under ``digest``."""
        for table in _TABLES:
            self._conn.execute(f"DELETE FROM {table}")
        self._conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('story_index', ?)", (digest,))

    def entries(self) -> dict[str, bytes]:
        """doc id -> what the index knew of each indexed document (opaque bytes, ``save_documents``)."""
        return dict(self._conn.execute("SELECT doc_id, entry FROM story_index_docs"))

    def documents(self, doc_ids: Iterable[str]) -> dict[str, tuple[list[str], dict[str, float], list[str]]]:
        """doc id -> (its terms, its vector, its blocking terms) of the indexed ``doc_ids``."""
        found = {}
        for chunk in chunks(sorted(doc_ids)):
            for doc, terms, vector, blocks in self._conn.execute(
                    f"SELECT doc_id, terms, vector, blocks FROM story_index_docs WHERE doc_id IN ({marks(chunk)})", chunk):
                found[doc] = (_load(terms), _load(vector), _load(blocks))
        return found

    def vectors(self, doc_ids: Iterable[str]) -> dict[str, dict[str, float]]:
        """doc id -> vector of the indexed ``doc_ids``."""
        found = {}
        for chunk in chunks(sorted(doc_ids)):
            found.update((doc, _load(vector)) for doc, vector in self._conn.execute(
                f"SELECT doc_id, vector FROM story_index_docs WHERE doc_id IN ({marks(chunk)})", chunk))
        return found

    def terms(self, terms: Iterable[str]) -> dict[str, tuple[int, list[str]]]:
        """term -> (document frequency, the documents holding it) of those of ``terms`` indexed."""
        found = {}
        for chunk in chunks(sorted(terms)):
            found.update((term, (df, _load(docs))) for term, df, docs in self._conn.execute(
                f"SELECT term, df, docs FROM story_index_terms WHERE term IN ({marks(chunk)})", chunk))
        return found

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """term -> document frequency of those of ``terms`` indexed."""
        found = {}
        for chunk in chunks(sorted(terms)):
            found.update(self._conn.execute(f"SELECT term, df FROM story_index_terms WHERE term IN ({marks(chunk)})", chunk))
        return found

    def save_terms(self, rows: dict[str, tuple[int, Sequence[str]]]) -> None:
        """Write each term's (df, holders); a term no document holds any more is removed."""
        gone = [(term,) for term, (df, _docs) in rows.items() if df == 0]
        self._conn.executemany("DELETE FROM story_index_terms WHERE term = ?", gone)
        self._conn.executemany("INSERT OR REPLACE INTO story_index_terms (term, df, docs) VALUES (?, ?, ?)",
                               ((term, df, _dump(sorted(docs))) for term, (df, docs) in sorted(rows.items()) if df))

    def save_documents(self, rows: Iterable[tuple], removed: Iterable[str]) -> None:
        """Write (doc id, entry, terms, vector, blocks) rows; forget ``removed``."""
        self._conn.executemany("DELETE FROM story_index_docs WHERE doc_id = ?", [(d,) for d in removed])
        self._conn.executemany(
            "INSERT OR REPLACE INTO story_index_docs (doc_id, entry, terms, vector, blocks) VALUES (?, ?, ?, ?, ?)",
            ((doc, entry, _dump(terms), _dump(vector), _dump(blocks)) for doc, entry, terms, vector, blocks in rows))

    def blockers(self, terms: Iterable[str]) -> dict[str, list[str]]:
        """term -> the documents it is a blocking term of."""
        found: dict[str, list[str]] = {}
        for chunk in chunks(sorted(terms)):
            for term, doc in self._conn.execute(
                    f"SELECT term, doc_id FROM story_index_blocks WHERE term IN ({marks(chunk)})", chunk):
                found.setdefault(term, []).append(doc)
        return found

    def save_blocks(self, removed: Iterable[tuple[str, str]], added: Iterable[tuple[str, str]]) -> None:
        """Remove and add (term, doc id) pairs of blocking terms."""
        self._conn.executemany("DELETE FROM story_index_blocks WHERE term = ? AND doc_id = ?", removed)
        self._conn.executemany("INSERT OR IGNORE INTO story_index_blocks (term, doc_id) VALUES (?, ?)", sorted(added))

    def links(self, doc_ids: Iterable[str]) -> set[tuple[str, str, float]]:
        """The links (a, b, cosine), a < b, with either end among ``doc_ids``."""
        found: set[tuple[str, str, float]] = set()
        for chunk in chunks(sorted(doc_ids), 400):
            found.update(self._conn.execute(
                f"SELECT a, b, sim FROM story_links WHERE a IN ({marks(chunk)}) "
                f"UNION SELECT a, b, sim FROM story_links WHERE b IN ({marks(chunk)})", [*chunk, *chunk]))
        return found

    def save_links(self, removed: Iterable[tuple[str, str]], added: Iterable[tuple[str, str, float]]) -> None:
        self._conn.executemany("DELETE FROM story_links WHERE a = ? AND b = ?", removed)
        self._conn.executemany("INSERT OR REPLACE INTO story_links (a, b, sim) VALUES (?, ?, ?)", added)

    def stories(self) -> list[Story]:
        """The stories found with the index, by id."""
        return [Story(sid, label, first, last, tuple(_load(docs)), bool(declared))
                for sid, label, first, last, declared, docs in self._conn.execute(
                    "SELECT story_id, label, first, last, declared, docs FROM story_index_stories ORDER BY story_id")]

    def save_stories(self, removed: Iterable[str], added: Iterable[Story]) -> None:
        self._conn.executemany("DELETE FROM story_index_stories WHERE story_id = ?", [(s,) for s in removed])
        self._conn.executemany(
            "INSERT OR REPLACE INTO story_index_stories (story_id, label, first, last, declared, docs) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(s.story_id, s.label, s.first, s.last, int(s.declared), _dump(list(s.doc_ids))) for s in added])
