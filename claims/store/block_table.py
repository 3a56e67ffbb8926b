"""The SQL of ``dirty_blocks``: which blocks of grouping changed since the groups were written.

Grouping never compares claims of two blocks (a block is a category and a unit:
``compare/group.py``), so the groups of a block depend on its claims alone. Every write that
changes claims records the blocks of the claims it deletes and inserts, in its own
transaction (``mark_blocks_of``, ``mark_blocks``); ``regroup_changed`` regroups only those
blocks and empties the table in the transaction that writes their groups. A one-file ingest
into a large store so regroups a few blocks, and rewrites only the groups that changed.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from ..models import Claim, Group, Story
from .claim_table import CLAIM_ORDER_SQL, CLAIM_SELECT
from .connection import PARAMETERS_PER_QUERY, chunks, marks
from .group_tables import mark_groups_stale
from .story_table import StoryInputs, write_stories

_IN_DIRTY_BLOCK = "JOIN dirty_blocks b ON b.category = c.category AND b.unit = coalesce(c.unit, '')"
_GROUP_COLUMNS = "group_id, category, label, scope, status, explanation, n_docs, story"


def mark_blocks_of(conn: sqlite3.Connection, doc_ids: list[str]) -> None:
    """Record the blocks of the claims these documents hold now (before they are deleted), and the
    documents with the story each is in now (none when new)."""
    conn.executemany(
        "INSERT OR IGNORE INTO dirty_documents (doc_id, story) "
        "VALUES (?1, (SELECT story FROM documents WHERE doc_id = ?1))",
        [(doc_id,) for doc_id in doc_ids],
    )
    for chunk in chunks(doc_ids):
        conn.execute(
            "INSERT OR IGNORE INTO dirty_blocks (category, unit) "
            f"SELECT DISTINCT category, coalesce(unit, '') FROM claims WHERE doc IN ({marks(chunk)})",
            chunk,
        )


def mark_blocks(conn: sqlite3.Connection, blocks: Iterable[tuple[str, str | None]]) -> None:
    """Record these (category, unit) blocks (of claims being inserted)."""
    conn.executemany(
        "INSERT OR IGNORE INTO dirty_blocks (category, unit) VALUES (?, ?)",
        sorted({(category, unit or "") for category, unit in blocks}),
    )


def clear_blocks(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM dirty_blocks")
    conn.execute("DELETE FROM dirty_documents")


class BlockTables:
    """Regrouping only what changed (a part of ``Store``)."""

    def regroup_changed(
        self,
        group: Callable[..., Iterable[Group]],
        stories: Callable[[StoryInputs], list[Story]] | None = None,
    ) -> int | None:
        """Regroup the blocks whose claims changed since the last regroup, in one transaction, and
        return how many there were; None when the groups are stale but no block was recorded
        (a store written before migration m015): then the caller regroups everything.

        With ``stories``, the stories are found anew and written first, and claims are grouped
        with ``group(claims, stories)``; when a document stored before changed its story, or a
        story its span, or the store went from one story to several, every block is regrouped
        (the story is part of every block and its span decides scopes)."""
        with self.transaction() as conn, _collector_paused():
            blocks = conn.execute("SELECT count(*) FROM dirty_blocks").fetchone()[0]
            stale = conn.execute("SELECT value FROM store_state WHERE key = 'groups_stale'").fetchone()
            if not blocks:
                if stale is not None and stale[0] == "1":
                    return None
                return 0
            found = None
            only: set[str] | None = None  # the stories to regroup within the dirty blocks (None: all)
            if stories is not None:
                before = _stories_of_documents(conn)
                found = stories(StoryInputs(conn))
                write_stories(conn, found)
                new_docs = {doc for (doc,) in conn.execute("SELECT doc_id FROM dirty_documents WHERE story IS NULL")}
                if _stories_moved(before, found, new_docs):
                    conn.execute("INSERT OR IGNORE INTO dirty_blocks (category, unit) "
                                 "SELECT DISTINCT category, coalesce(unit, '') FROM claims")
                    blocks = conn.execute("SELECT count(*) FROM dirty_blocks").fetchone()[0]
                else:
                    only = _dirty_stories(conn, found)
            few = sorted(only) if only is not None and len(only) <= PARAMETERS_PER_QUERY else []
            of_stories = f"WHERE d.story IN ({marks(few)})" if few else ""
            rows = conn.execute(f"SELECT d.story, {CLAIM_SELECT} FROM claims c {_IN_DIRTY_BLOCK} "
                                f"JOIN documents d ON d.doc_id = c.doc {of_stories} ORDER BY {CLAIM_ORDER_SQL}", few)
            claims = [Claim(*row) for story, *row in rows if only is None or story in only]
            groups = list(group(claims) if found is None else group(claims, found))
            _replace_block_groups(conn, groups, {c.claim_id: c.doc for c in claims}, only)
            clear_blocks(conn)
            mark_groups_stale(conn, False)
        return blocks


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off for a regroup: story detection and grouping make hundreds
    of thousands of objects (terms, vectors, claims) that live until its end, and the collector
    would walk them again and again (about 8 % of a corpus's regroup)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stories_of_documents(conn: sqlite3.Connection) -> tuple[int, dict[str, tuple]]:
    """How many stories are stored, and each stored document's (story, first, last)."""
    count = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    rows = conn.execute(
        "SELECT d.doc_id, d.story, s.first, s.last FROM documents d LEFT JOIN stories s ON s.story_id = d.story"
    )
    return count, {doc: (story, first, last) for doc, story, first, last in rows}


def _dirty_stories(conn: sqlite3.Connection, found: list[Story]) -> set[str] | None:
    """The stories of the documents whose claims changed, then and now; None for every story.
    Groups never join two stories, and when no document stored before moved and no span changed
    (``_stories_moved``), the groups of every other story are what they were."""
    story_of = {doc: story.story_id for story in found for doc in story.doc_ids}
    dirty: set[str] = set()
    for doc_id, story in conn.execute("SELECT doc_id, story FROM dirty_documents"):
        if doc_id == "":  # recorded by m016 for blocks dirty before it
            return None
        dirty.update(s for s in (story, story_of.get(doc_id)) if s is not None)
    return dirty


def _stories_moved(before: tuple[int, dict[str, tuple]], found: list[Story], new_docs: set[str]) -> bool:
    """True when a document stored before is now in another story, or its story spans another time,
    or the store went from one story to several or back (group ids hash the story only then).
    ``new_docs`` (stored since the last regroup, in no story yet) are not "stored before"."""
    count, old = before
    if (count > 1) != (len(found) > 1):
        return True
    new = {doc: (story.story_id, story.first, story.last) for story in found for doc in story.doc_ids}
    return any(doc in new and new[doc] != value for doc, value in old.items() if doc not in new_docs)


def _replace_block_groups(
    conn: sqlite3.Connection, groups: list[Group], doc_of: dict[str, str], only: set[str] | None = None
) -> None:
    """Make the stored groups of the dirty blocks ``groups`` (of the stories ``only``, or of every
    story), writing only those that differ.

    Members not in ``doc_of`` are dropped and a claim listed in two groups stays in the first,
    as when all groups are written (group_tables).
    """
    new: dict[str, tuple[tuple, list[str]]] = {}
    placed: set[str] = set()
    for g in groups:
        members = [cid for cid in dict.fromkeys(g.claim_ids) if cid in doc_of and cid not in placed]
        placed.update(members)
        n_docs = len({doc_of[cid] for cid in members})
        row = (g.group_id, g.category, g.label, g.scope, g.status, g.explanation, n_docs, g.story)
        new[g.group_id] = (row, members)
    # Groups whose claims are all gone (their documents were replaced or removed).
    conn.execute("DELETE FROM groups WHERE NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = groups.group_id)")
    if only is None or len(only) > PARAMETERS_PER_QUERY:
        old_ids = [gid for gid, story in conn.execute(
            "SELECT DISTINCT m.group_id, g.story FROM group_members m JOIN claims c ON c.claim_id = m.claim_id "
            f"{_IN_DIRTY_BLOCK} JOIN groups g ON g.group_id = m.group_id") if only is None or story in only]
    else:  # the groups of those stories first: a dirty block (counts, dates) may hold most claims
        old_ids = [gid for (gid,) in conn.execute(
            "SELECT DISTINCT g.group_id FROM groups g JOIN group_members m ON m.group_id = g.group_id "
            f"JOIN claims c ON c.claim_id = m.claim_id {_IN_DIRTY_BLOCK} WHERE g.story IN ({marks(sorted(only))})",
            sorted(only))]
    old: dict[str, tuple[tuple, set[str]]] = {}
    for chunk in chunks(old_ids):
        for row in conn.execute(f"SELECT {_GROUP_COLUMNS} FROM groups WHERE group_id IN ({marks(chunk)})", chunk):
            old[row[0]] = (tuple(row), set())
        for gid, cid in conn.execute(
            f"SELECT group_id, claim_id FROM group_members WHERE group_id IN ({marks(chunk)})", chunk
        ):
            old[gid][1].add(cid)
    kept = {gid for gid, (row, members) in new.items() if gid in old and old[gid] == (row, set(members))}
    gone = [(gid,) for gid in old if gid not in kept]
    conn.executemany("DELETE FROM group_members WHERE group_id = ?", gone)
    conn.executemany("DELETE FROM groups WHERE group_id = ?", gone)
    written = [(row, members) for gid, (row, members) in new.items() if gid not in kept]
    conn.executemany(f"INSERT INTO groups ({_GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [row for row, _ in written])
    conn.executemany("INSERT INTO group_members (claim_id, group_id) VALUES (?, ?)",
                     [(cid, row[0]) for row, members in written for cid in members])
