"""The SQL of the ``claims`` table and its full-text index ``claims_fts``.

A claim's columns are the fields of ``models.Claim``, in that order
(``CLAIM_FIELDS``), so a row is a Claim and a Claim is a row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter

from ..errors import UnknownClaim
from ..models import Claim, Document, claim_id_for

CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
CLAIM_SELECT = ", ".join(f'c."{name}"' for name in CLAIM_FIELDS)  # for a query naming the table `c`
CLAIM_INSERT = (
    f"INSERT OR IGNORE INTO claims ({', '.join(chr(34) + n + chr(34) for n in CLAIM_FIELDS)}) "
    f"VALUES ({', '.join('?' for _ in CLAIM_FIELDS)})"
)
CLAIM_ORDER_SQL = "c.doc, c.start, c.claim_id"  # document order

_CLAIM_VALUES = attrgetter(*CLAIM_FIELDS)  # one C call for the whole row
_ID_INDEX = CLAIM_FIELDS.index("claim_id")
_DOC_INDEX = CLAIM_FIELDS.index("doc")
_AS_OF_INDEX = CLAIM_FIELDS.index("as_of")


def claim_row(claim: Claim, doc: Document) -> tuple:
    """The claim as a row of its document: doc, claim id (from the span) and, if unset, as_of are the document's."""
    row = list(_CLAIM_VALUES(claim))
    row[_ID_INDEX] = claim_id_for(doc.doc_id, claim.start, claim.end)
    row[_DOC_INDEX] = doc.doc_id
    if row[_AS_OF_INDEX] is None:
        row[_AS_OF_INDEX] = doc.date
    return tuple(row)


def insert_claims(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    """Insert claim rows (the first of two on one span is kept); return how many were written."""
    return conn.executemany(CLAIM_INSERT, rows).rowcount


def last_claim_rowid(conn: sqlite3.Connection) -> int:
    """The largest rowid of the claims table: every claim inserted later gets a larger one."""
    return conn.execute("SELECT coalesce(max(rowid), 0) FROM claims").fetchone()[0]


def index_claims_after(conn: sqlite3.Connection, rowid: int) -> None:
    """Add the claims with a rowid above ``rowid`` to the full-text index, in one statement.

    Indexing a batch at once costs a third of what a trigger per row costs (migration m005).
    """
    conn.execute(
        "INSERT INTO claims_fts (rowid, sentence, subject, text) "
        "SELECT rowid, sentence, subject, text FROM claims WHERE rowid > ?",
        (rowid,),
    )


def fts_query(text: str) -> str:
    """An FTS5 query that matches all words of ``text`` literally (no FTS syntax from users)."""
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))


class ClaimTables:
    """Reading claims: in document order, by id, by full-text search (a part of ``Store``)."""

    def claims(self, doc: str | None = None, category: str | None = None, story: str | None = None) -> Iterator[Claim]:
        """Claims in document order, optionally of one document (id, prefix or path), category and
        story (id or unique prefix)."""
        where, params = [], []
        if story is not None:
            where.append("c.doc IN (SELECT doc_id FROM documents WHERE story = ?)")
            params.append(self.story(story).story_id)
        if doc is not None:
            where.append("c.doc = ?")
            params.append(self.document(doc).doc_id)
        if category is not None:
            where.append("c.category = ?")
            params.append(category)
        sql = f"SELECT {CLAIM_SELECT} FROM claims c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {CLAIM_ORDER_SQL}"
        return self._iter_claims(sql, params)

    def _iter_claims(self, sql: str, params) -> Iterator[Claim]:
        with self.reading() as conn:
            for row in conn.execute(sql, params):
                yield Claim(*row)

    def count_claims(self) -> int:
        with self.reading() as conn:
            return conn.execute("SELECT count(*) FROM claims").fetchone()[0]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (or a unique prefix of it)."""
        ref = claim_id.strip()
        with self.reading() as conn:
            rows = conn.execute(
                f"SELECT {CLAIM_SELECT} FROM claims c WHERE c.claim_id = ?", (ref,)
            ).fetchall() or conn.execute(
                f"SELECT {CLAIM_SELECT} FROM claims c WHERE substr(c.claim_id, 1, ?) = ? LIMIT 2",
                (len(ref), ref),
            ).fetchall()
        if len(rows) != 1 or not ref:
            what = "several claims" if len(rows) > 1 else "no claim"
            raise UnknownClaim(f"{what} with id '{claim_id}' in {self.name}; see `claims list`")
        return Claim(*rows[0])

    def search_claims_fts(self, query: str, limit: int | None = None) -> Iterator[Claim]:
        """Claims whose sentence, subject or text hold all words of ``query``, best match first."""
        match = fts_query(query)
        if not match:
            return iter(())
        sql = (
            f"SELECT {CLAIM_SELECT} FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
            "WHERE claims_fts MATCH ? ORDER BY claims_fts.rank"
        )
        params: list = [match]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._iter_claims(sql, params)
