"""The SQL of the ``stories`` table and of each document's story (migration m009).

Stories are written whole when the store is regrouped (``write_stories``, in the regroup's
transaction): the table is replaced and every document gets the id of its story. A document's
declared story (front matter ``story:``) is written with the document and read by story
detection.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from ..errors import UnknownStory
from ..models import Document, Story

_STORY_COLUMNS = "story_id, label, first, last, declared"


def story_documents(conn: sqlite3.Connection) -> list[Document]:
    """Every document as story detection reads it (text, title, source, date, language, declared story)."""
    rows = conn.execute(
        "SELECT doc_id, path, text, content_hash, title, source, url, date, date_precision, lang, story_declared "
        "FROM documents ORDER BY doc_id"
    )
    return [Document(*head, lang=lang, story=story) for *head, lang, story in rows]


def write_stories(conn: sqlite3.Connection, stories: Iterable[Story]) -> None:
    """Replace the stories and set each document's story."""
    stories = list(stories)
    conn.execute("DELETE FROM stories")
    conn.executemany(
        "INSERT INTO stories (story_id, label, first, last, n_docs, declared) VALUES (?, ?, ?, ?, ?, ?)",
        [(s.story_id, s.label, s.first, s.last, len(s.doc_ids), int(s.declared)) for s in stories],
    )
    conn.execute("UPDATE documents SET story = NULL")
    conn.executemany(
        "UPDATE documents SET story = ? WHERE doc_id = ?", [(s.story_id, d) for s in stories for d in s.doc_ids]
    )


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
