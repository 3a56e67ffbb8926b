"""The SQL of the ``claims`` table and its full-text index ``claims_fts``.

A claim's columns are the fields of ``models.Claim``, in that order
(``CLAIM_FIELDS``), so a row is a Claim and a Claim is a row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter

from .. import stems
from ..errors import UnknownClaim
from ..models import Claim, ClaimFilter, Document, claim_id_for
from .filter_sql import filter_sql

CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
# Columns the store derives from a claim at insert (migration m011): the stems of its sentence
# and subject for the full-text index, its value as a number (NULL for a date) for SQL readers.
DERIVED_COLUMNS = ("stems", "number")
CLAIM_SELECT = ", ".join(f'c."{name}"' for name in CLAIM_FIELDS)  # for a query naming the table `c`
CLAIM_INSERT = (
    f"INSERT OR IGNORE INTO claims ({', '.join(chr(34) + n + chr(34) for n in CLAIM_FIELDS + DERIVED_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in CLAIM_FIELDS + DERIVED_COLUMNS)})"
)
CLAIM_ORDER_SQL = "c.doc, c.start, c.claim_id"  # document order

_CLAIM_VALUES = attrgetter(*CLAIM_FIELDS)  # one C call for the whole row
_ID_INDEX = CLAIM_FIELDS.index("claim_id")
_DOC_INDEX = CLAIM_FIELDS.index("doc")
_AS_OF_INDEX = CLAIM_FIELDS.index("as_of")


def claim_row(claim: Claim, doc: Document) -> tuple:
    """The claim as a row of its document: doc, claim id (from the span) and, if unset, as_of are the
    document's; then the DERIVED_COLUMNS."""
    row = list(_CLAIM_VALUES(claim))
    row[_ID_INDEX] = claim_id_for(doc.doc_id, claim.start, claim.end)
    row[_DOC_INDEX] = doc.doc_id
    if row[_AS_OF_INDEX] is None:
        row[_AS_OF_INDEX] = doc.date
    row.extend(derived_values(claim.sentence, claim.subject, claim.value, claim.lang))
    return tuple(row)


def claim_rows(doc: Document, claims: list[Claim]) -> list[tuple]:
    """The rows of ``doc``'s claims as the store inserts them (``claim_row``): a pure function, so an
    ingest's workers compute them and the writer only inserts."""
    return [claim_row(claim, doc) for claim in claims]


def derived_values(sentence: str, subject: str | None, value, lang: str) -> tuple[str, float | None]:
    """The DERIVED_COLUMNS of a claim: the stems of its subject and sentence, its value if a number."""
    number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    stemmed = stems.stem_text(sentence, lang)  # cached: the claims of a sentence share it
    if subject:
        stemmed = " ".join(dict.fromkeys(f"{stems.stem_text(subject, lang)} {stemmed}".split()))
    return stemmed, number


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
        "INSERT INTO claims_fts (rowid, sentence, subject, text, stems) "
        "SELECT rowid, sentence, subject, text, stems FROM claims WHERE rowid > ?",
        (rowid,),
    )


def fts_query(text: str) -> str:
    """An FTS5 query that matches all words of ``text``, as written or by stem (no FTS syntax from users)."""
    return stems.match_expression(text)


class ClaimTables:
    """Reading claims: in document order, by id, by full-text search (a part of ``Store``)."""

    def claims(
        self, doc: str | None = None, category: str | None = None, story: str | None = None,
        claim_filter: ClaimFilter | None = None,
    ) -> Iterator[Claim]:
        """Claims in document order, optionally of one document (id, prefix or path), category and
        story (id or unique prefix), and only those that pass ``claim_filter``."""
        where, params = [], []
        if story is not None:
            where.append("c.doc IN (SELECT doc_id FROM documents WHERE story = ?)")
            params.append(self.story(story).story_id)
        if claim_filter:
            condition, filter_params = filter_sql(claim_filter)
            where.append(condition)
            params.extend(filter_params)
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

    def categories(self) -> list[str]:
        """The categories the stored claims have, sorted."""
        with self.reading() as conn:
            return [row[0] for row in conn.execute("SELECT DISTINCT category FROM claims ORDER BY category")]

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

    def search_claims_fts(
        self, query: str, limit: int | None = None, claim_filter: ClaimFilter | None = None
    ) -> Iterator[Claim]:
        """Claims whose sentence, subject or text hold all words of ``query`` (or words of the same
        stem), best match first."""
        match = fts_query(query)
        if not match:
            return iter(())
        condition, filter_params = filter_sql(claim_filter)
        sql = (
            f"SELECT {CLAIM_SELECT} FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
            f"WHERE claims_fts MATCH ? AND {condition} ORDER BY claims_fts.rank"
        )
        params: list = [match, *filter_params]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._iter_claims(sql, params)
