"""The SQL of the ``stories`` table and of each document's story (migration m009).

Stories are written whole when the store is regrouped (``write_stories``, in the regroup's
transaction): the table is replaced and every document gets the id of its story. A document's
declared story (front matter ``story:``) is written with the document and read by story
detection, which reads the rest through ``StoryInputs`` (texts only of documents whose cached
terms are missing or stale).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..errors import UnknownStory
from ..models import Document, Story
from .connection import chunks, marks

_STORY_COLUMNS = "story_id, label, first, last, declared"
_STORY_ROW = "label, first, last, n_docs, declared"


class StoryInputs:
    """What story detection reads and keeps in the store, inside the regroup's transaction: the
    documents (their texts only on demand) and each document's cached terms (table
    ``story_terms``, migration m014), which the store keeps as opaque text under a key."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def documents(self) -> list[Document]:
        """Every document without its text (title, source, date, language, declared story), by id."""
        rows = self._conn.execute(
            "SELECT doc_id, path, '', content_hash, title, source, url, date, date_precision, lang, story_declared "
            "FROM documents ORDER BY doc_id"
        )
        return [Document(*head, lang=lang, story=story) for *head, lang, story in rows]

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The texts of ``doc_ids``."""
        found: dict[str, str] = {}
        for chunk in chunks(list(doc_ids)):
            found.update(self._conn.execute(f"SELECT doc_id, text FROM documents WHERE doc_id IN ({marks(chunk)})", chunk))
        return found

    def cached_terms(self, doc_ids: Sequence[str] | None = None) -> dict[str, tuple[str, str]]:
        """doc id -> (key, terms) as saved, of every document or of ``doc_ids``."""
        if doc_ids is None:
            return {doc: (key, terms) for doc, key, terms in self._conn.execute("SELECT doc_id, key, terms FROM story_terms")}
        found = {}
        for chunk in chunks(list(doc_ids)):
            found.update((doc, (key, terms)) for doc, key, terms in self._conn.execute(
                f"SELECT doc_id, key, terms FROM story_terms WHERE doc_id IN ({marks(chunk)})", chunk))
        return found

    def index(self):
        """The story index of the store (``story_index.StoryIndexRows``, migration m017)."""
        from .story_index import StoryIndexRows

        return StoryIndexRows(self._conn)

    def save_terms(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Save (doc id, key, terms) rows and forget the terms of documents no longer stored."""
        self._conn.executemany("INSERT OR REPLACE INTO story_terms (doc_id, key, terms) VALUES (?, ?, ?)", rows)
        self._conn.execute("DELETE FROM story_terms WHERE doc_id NOT IN (SELECT doc_id FROM documents)")


def save_story_terms(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str]]) -> None:
    """Save (doc id, key, terms) rows (the terms of documents being written)."""
    conn.executemany("INSERT OR REPLACE INTO story_terms (doc_id, key, terms) VALUES (?, ?, ?)", rows)


def write_stories(conn: sqlite3.Connection, stories: Iterable[Story]) -> None:
    """Make the stored stories ``stories`` and set each document's story, writing only the rows that
    differ (a one-file ingest changes one story or two of thousands)."""
    stories = list(stories)
    rows = {s.story_id: (s.label, s.first, s.last, len(s.doc_ids), int(s.declared)) for s in stories}
    old = {sid: tuple(rest) for sid, *rest in conn.execute(f"SELECT story_id, {_STORY_ROW} FROM stories")}
    conn.executemany("DELETE FROM stories WHERE story_id = ?", [(sid,) for sid in old if sid not in rows])
    conn.executemany(f"INSERT OR REPLACE INTO stories (story_id, {_STORY_ROW}) VALUES (?, ?, ?, ?, ?, ?)",
                     [(sid, *row) for sid, row in rows.items() if old.get(sid) != row])
    story_of = {d: s.story_id for s in stories for d in s.doc_ids}
    conn.executemany("UPDATE documents SET story = ? WHERE doc_id = ?",
                     [(story_of.get(doc), doc) for doc, story in conn.execute("SELECT doc_id, story FROM documents")
                      if story_of.get(doc) != story])


class StoryTables:
    """Stories out of the store (a part of ``Store``)."""

    def stories(self) -> list[Story]:
        """Every story with its documents, most documents first, then by first date and id."""
        with self.reading() as conn:
            heads = conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories").fetchall()
            members: dict[str, list[str]] = defaultdict(list)
            for story_id, doc_id in conn.execute("SELECT story, doc_id FROM documents WHERE story IS NOT NULL"):
                members[story_id].append(doc_id)
        stories = [Story(sid, label, first, last, tuple(sorted(members[sid])), bool(declared))
                   for sid, label, first, last, declared in heads]
        stories.sort(key=lambda s: (-len(s.doc_ids), s.first or "9999", s.story_id))
        return stories

    def story(self, ref: str) -> Story:
        """The story named by its id or a unique prefix of it."""
        ref = ref.strip()
        with self.reading() as conn:
            rows = conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE story_id = ?", (ref,)).fetchall()
            if not rows and ref:
                rows = conn.execute(
                    f"SELECT {_STORY_COLUMNS} FROM stories WHERE substr(story_id, 1, ?) = ? ORDER BY story_id LIMIT 6",
                    (len(ref), ref),
                ).fetchall()
            if len(rows) != 1:
                what = f"several stories ({', '.join(r[0] for r in rows[:5])}) match" if rows else "no story matches"
                raise UnknownStory(f"{what} '{ref}' in {self.name}; see `claims stories`")
            story_id, label, first, last, declared = rows[0]
            docs = [d for (d,) in conn.execute("SELECT doc_id FROM documents WHERE story = ? ORDER BY doc_id",
                                               (story_id,))]
        return Story(story_id, label, first, last, tuple(docs), bool(declared))
