"""The claim store: documents, claims and groups in one SQLite file.

``Store(path)`` opens (or creates) the file, switches it to WAL mode with a
busy timeout so that a reader and a writer or two writers can share it, and
applies any missing migrations. Every write is one ``BEGIN IMMEDIATE``
transaction, so a crash or Ctrl-C leaves each document fully present or absent.
All SQL of the project lives here and in migrations.py; values always travel as
parameters. SQLite errors leave this module as StoreError / StoreLocked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

from . import documents, version
from .errors import AmbiguousDocument, StoreError, StoreLocked, UnknownClaim, UnknownDocument
from .migrations import migrate
from .models import Claim, Document, Group, claim_id_for

DEFAULT_TIMEOUT_SECONDS = 30.0
CLAIM_COLUMNS = tuple(f.name for f in fields(Claim))
_CLAIM_SELECT = ", ".join(f'c."{name}"' for name in CLAIM_COLUMNS)
_CLAIM_INSERT = (
    f"INSERT OR IGNORE INTO claims ({', '.join(chr(34) + n + chr(34) for n in CLAIM_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in CLAIM_COLUMNS)})"
)
_DOCUMENT_COLUMNS = (
    "doc_id, path, title, source, url, date, date_precision, lang, content_hash, n_claims, ingested_at, lead, warnings"
)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as listed from the store (without its text)."""

    doc_id: str
    path: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    date_precision: str | None
    lang: str
    content_hash: str
    n_claims: int
    ingested_at: str
    lead: str | None = None  # the first words of the text, for documents without a title
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentState:
    """What ingest needs to know to skip an unchanged file."""

    content_hash: str
    extractor_version: str
    path: str


class Store:
    """A claims store in the SQLite file at ``path``; migrates itself on open.

    ``create=False`` refuses to create a missing file (for commands that only read).
    ``timeout`` is how long to wait for another writer (default: $CLAIMS_BUSY_TIMEOUT or 30 s).
    """

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float | None = None):
        self.path = Path(path)
        self.name = str(path)
        if timeout is None:
            timeout = float(os.environ.get("CLAIMS_BUSY_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        if self.path.is_dir():
            raise StoreError(f"{self.name} is a folder, not a claims store; give a file path with --db")
        if not create and not self.path.exists():
            raise StoreError(f"{self.name} does not exist; run `claims --db {self.name} ingest PATH` first")
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._refuse_foreign_database()
            self._switch_to_wal(timeout)
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, self.name)
        except sqlite3.Error as exc:
            self.conn.close()
            raise self._error(exc) from None
        except BaseException:
            self.conn.close()
            raise

    @property
    def db(self):
        """The store as a sqlite_utils.Database, for ad-hoc use (imported on first use: it is slow to load)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _switch_to_wal(self, timeout: float) -> None:
        # Changing the journal mode takes an exclusive lock without calling the busy handler, so
        # two processes creating the same new store at once would fail: wait and retry instead.
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- errors and transactions -------------------------------------------------

    def _error(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        if "not a database" in message or "file is encrypted" in message:
            return StoreError(f"{self.name} is not a claims store (not a SQLite file); give another --db path")
        if "locked" in message or "busy" in message:
            return StoreLocked(
                f"{self.name} is locked by another process; wait for it to finish and try again"
            )
        if "malformed" in message or "corrupt" in message:
            return StoreError(
                f"{self.name}: the store is damaged ({message}); ingest again into a new --db or restore a copy"
            )
        if "unable to open" in message:
            return StoreError(f"{self.name}: cannot open the store (does its folder exist? may you write there?)")
        if "readonly" in message:
            return StoreError(f"{self.name}: the store is read-only; check its permissions")
        return StoreError(f"{self.name}: {message}")

    def _refuse_foreign_database(self) -> None:
        tables = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "_migrations" not in tables:
            raise StoreError(
                f"{self.name} is a SQLite database but not a claims store; give another --db path"
            )

    @contextmanager
    def _reading(self):
        try:
            yield self.conn
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    @contextmanager
    def transaction(self):
        """One write transaction; rolled back on any exception, Ctrl-C included."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    # -- documents ----------------------------------------------------------------

    def has_document_hash(self, content_hash: str, doc_id: str | None = None) -> bool:
        """True when a document with these exact bytes (and this id, if given) is stored."""
        sql = "SELECT 1 FROM documents WHERE content_hash = ?"
        params: tuple = (content_hash,)
        if doc_id is not None:
            sql += " AND doc_id = ?"
            params += (doc_id,)
        with self._reading() as conn:
            return conn.execute(sql, params).fetchone() is not None

    def document_state(self, doc_id: str) -> DocumentState | None:
        return self.document_states([doc_id]).get(doc_id)

    def document_states(self, doc_ids: list[str]) -> dict[str, DocumentState]:
        """What is stored of each of these documents (hash, extractor, path); absent ids are left out."""
        states: dict[str, DocumentState] = {}
        with self._reading() as conn:
            for i in range(0, len(doc_ids), 500):  # SQLite limits the parameters of one statement
                chunk = doc_ids[i : i + 500]
                rows = conn.execute(
                    "SELECT doc_id, content_hash, extractor_version, path FROM documents "
                    f"WHERE doc_id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )
                states.update((doc_id, DocumentState(*rest)) for doc_id, *rest in rows)
        return states

    def replace_document(self, doc: Document, claims: Iterable[Claim]) -> int:
        """Store ``doc`` and exactly these claims in one transaction; return the number of claims written."""
        return self.replace_documents([(doc, claims)])[0]

    def replace_documents(self, items: Iterable[tuple[Document, Iterable[Claim]]]) -> list[int]:
        """Store several documents, each with exactly its claims, in ONE transaction.

        A commit and a full-text index segment cost more than the rows of a
        news article, so ingest hands over documents in batches. The write
        lock is held only while writing, not while extracting.
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        prepared = [(doc, [_claim_row(claim, doc) for claim in claims]) for doc, claims in items]
        with self.transaction() as conn:
            _mark_groups_stale(conn, True)
            conn.executemany("DELETE FROM claims WHERE doc = ?", [(doc.doc_id,) for doc, _ in prepared])
            # Every claim inserted from here on gets a rowid above the largest one left.
            (last_kept,) = conn.execute("SELECT coalesce(max(rowid), 0) FROM claims").fetchone()
            written = [self._write_document(conn, doc, rows, now) for doc, rows in prepared]
            # One full-text insert for the batch: per document it cost as much as the claims.
            conn.execute(
                "INSERT INTO claims_fts (rowid, sentence, subject, text) "
                "SELECT rowid, sentence, subject, text FROM claims WHERE rowid > ?",
                (last_kept,),
            )
            return written

    @staticmethod
    def _write_document(conn: sqlite3.Connection, doc: Document, rows: list[tuple], now: str) -> int:
        """Insert or update ``doc`` and insert its claims (the old ones are already deleted)."""
        conn.execute(
            """
            INSERT INTO documents (doc_id, path, content_hash, extractor_version, title, source, url,
                                   date, date_precision, lang, warnings, n_claims, ingested_at, text, lead)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(doc_id) DO UPDATE SET
                path = excluded.path, content_hash = excluded.content_hash,
                extractor_version = excluded.extractor_version, title = excluded.title,
                source = excluded.source, url = excluded.url, date = excluded.date,
                date_precision = excluded.date_precision, lang = excluded.lang,
                warnings = excluded.warnings, ingested_at = excluded.ingested_at, text = excluded.text,
                lead = excluded.lead, n_claims = excluded.n_claims
            """,
            (
                doc.doc_id, doc.path, doc.content_hash, version.extractor_version(), doc.title, doc.source, doc.url,
                doc.date, doc.date_precision, doc.lang, json.dumps(list(doc.warnings), ensure_ascii=False),
                len(rows), now, doc.text, documents.lead(doc),
            ),
        )
        written = conn.executemany(_CLAIM_INSERT, rows).rowcount
        if written != len(rows):  # two claims on one span: the first was kept
            conn.execute("UPDATE documents SET n_claims = ? WHERE doc_id = ?", (written, doc.doc_id))
        return written

    def delete_document(self, doc_id: str) -> None:
        """Remove a document with its claims and their group memberships."""
        with self.transaction() as conn:
            _mark_groups_stale(conn, True)
            conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def documents(self) -> list[StoredDocument]:
        """All documents, ordered by id."""
        with self._reading() as conn:
            rows = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
        return [_stored_document(row) for row in rows]

    def document(self, ref: str) -> StoredDocument:
        """The document named by its id, a unique id prefix, or its file path."""
        select = f"SELECT {_DOCUMENT_COLUMNS} FROM documents"
        with self._reading() as conn:
            row = conn.execute(f"{select} WHERE doc_id = ?", (ref,)).fetchone()
            if row is None:
                row = self._document_by_path(conn, select, ref)
            if row is None:
                rows = conn.execute(
                    f"{select} WHERE substr(doc_id, 1, ?) = ? ORDER BY doc_id LIMIT 6", (len(ref), ref)
                ).fetchall()
                if len(rows) > 1:
                    names = ", ".join(r[0] for r in rows[:5])
                    raise AmbiguousDocument(f"'{ref}' matches several documents ({names}...); give more of the id")
                row = rows[0] if rows else None
        if row is None:
            raise UnknownDocument(f"no document '{ref}' in {self.name}; see `claims docs`")
        return _stored_document(row)

    @staticmethod
    def _document_by_path(conn: sqlite3.Connection, select: str, ref: str):
        as_path = Path(ref)
        paths = [str(as_path)]
        try:
            paths.append(str(as_path.resolve()))
        except (OSError, RuntimeError):
            pass
        for path in paths:
            row = conn.execute(f"{select} WHERE path = ?", (path,)).fetchone()
            if row is not None:
                return row
        if as_path.suffix.lower() in (".txt", ".md"):
            return conn.execute(f"{select} WHERE doc_id = ?", (as_path.stem,)).fetchone()
        return None

    def document_text(self, doc_id: str) -> str:
        with self._reading() as conn:
            row = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise UnknownDocument(f"no document '{doc_id}' in {self.name}; see `claims docs`")
        return row[0]

    # -- claims -------------------------------------------------------------------

    def claims(self, doc: str | None = None, category: str | None = None) -> Iterator[Claim]:
        """Claims in document order, optionally of one document (id, prefix or path) and category."""
        where, params = [], []
        if doc is not None:
            where.append("c.doc = ?")
            params.append(self.document(doc).doc_id)
        if category is not None:
            where.append("c.category = ?")
            params.append(category)
        sql = f"SELECT {_CLAIM_SELECT} FROM claims c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.doc, c.start, c.claim_id"
        return self._iter_claims(sql, params)

    def _iter_claims(self, sql: str, params) -> Iterator[Claim]:
        with self._reading() as conn:
            for row in conn.execute(sql, params):
                yield Claim(*row)

    def count_claims(self) -> int:
        with self._reading() as conn:
            return conn.execute("SELECT count(*) FROM claims").fetchone()[0]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (or a unique prefix of it)."""
        ref = claim_id.strip()
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_CLAIM_SELECT} FROM claims c WHERE c.claim_id = ?", (ref,)
            ).fetchall() or conn.execute(
                f"SELECT {_CLAIM_SELECT} FROM claims c WHERE substr(c.claim_id, 1, ?) = ? LIMIT 2",
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
            f"SELECT {_CLAIM_SELECT} FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
            "WHERE claims_fts MATCH ? ORDER BY claims_fts.rank"
        )
        params: list = [match]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._iter_claims(sql, params)

    # -- groups -------------------------------------------------------------------

    def groups_stale(self) -> bool:
        """True when documents changed after the groups were last written (e.g. a killed run)."""
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM store_state WHERE key = 'groups_stale'").fetchone()
        return row is not None and row[0] == "1"

    def replace_groups(self, groups: Iterable[Group]) -> None:
        """Replace all groups and memberships in one transaction.

        Members whose claim no longer exists are dropped; a claim listed in two
        groups stays in the first.
        """
        with self.transaction() as conn:
            _write_groups(conn, groups, dict(conn.execute("SELECT claim_id, doc FROM claims")))

    def regroup(self, group: Callable[[list[Claim]], Iterable[Group]]) -> list[Group]:
        """Group all claims with ``group(claims)`` and store the groups, in one transaction:
        no document can change between reading the claims and writing their groups."""
        with self.transaction() as conn:
            rows = conn.execute(f"SELECT {_CLAIM_SELECT} FROM claims c ORDER BY c.doc, c.start, c.claim_id")
            claims = [Claim(*row) for row in rows]
            groups = list(group(claims))
            _write_groups(conn, groups, {c.claim_id: c.doc for c in claims})
        return groups

    def groups(
        self, category: str | None = None, status: str | None = None, group_id: str | None = None
    ) -> Iterator[Group]:
        """Groups with their claim ids, ordered by id, optionally filtered."""
        where, params = [], []
        for column, value in (("category", category), ("status", status), ("group_id", group_id)):
            if value is not None:
                where.append(f"g.{column} = ?")
                params.append(value)
        sql = (
            "SELECT g.group_id, g.category, g.label, g.scope, g.status, g.explanation, "
            "(SELECT group_concat(claim_id, ',') FROM group_members m WHERE m.group_id = g.group_id) "
            "FROM groups g"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY g.group_id"
        with self._reading() as conn:
            for gid, cat, label, scope, stat, explanation, members in conn.execute(sql, params):
                ids = sorted(members.split(",")) if members else []
                yield Group(gid, cat, label, scope, stat, ids, explanation)

    def group_sizes(self) -> dict[str, int]:
        """Number of distinct documents per group id."""
        with self._reading() as conn:
            return dict(conn.execute("SELECT group_id, n_docs FROM groups"))


def fts_query(text: str) -> str:
    """An FTS5 query that matches all words of ``text`` literally (no FTS syntax from users)."""
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))


_CLAIM_VALUES = attrgetter(*CLAIM_COLUMNS)  # one C call for the whole row
_ID_INDEX = CLAIM_COLUMNS.index("claim_id")
_DOC_INDEX = CLAIM_COLUMNS.index("doc")
_AS_OF_INDEX = CLAIM_COLUMNS.index("as_of")


def _claim_row(claim: Claim, doc: Document) -> tuple:
    """The claim as a row of its document: doc, claim id (from the span) and, if unset, as_of are the document's."""
    row = list(_CLAIM_VALUES(claim))
    row[_ID_INDEX] = claim_id_for(doc.doc_id, claim.start, claim.end)
    row[_DOC_INDEX] = doc.doc_id
    if row[_AS_OF_INDEX] is None:
        row[_AS_OF_INDEX] = doc.date
    return tuple(row)


def _stored_document(row) -> StoredDocument:
    *head, warnings = row
    try:
        parsed = tuple(json.loads(warnings or "[]"))
    except ValueError:
        parsed = ()
    return StoredDocument(*head, warnings=parsed)


def _write_groups(conn: sqlite3.Connection, groups: Iterable[Group], doc_of: dict[str, str]) -> None:
    """Replace the groups table with ``groups``; members not in ``doc_of`` (claim id -> doc) are dropped."""
    group_rows, member_rows = [], []
    placed: set[str] = set()  # a claim listed in two groups stays in the first
    for group in groups:
        members = [cid for cid in dict.fromkeys(group.claim_ids) if cid in doc_of and cid not in placed]
        placed.update(members)
        n_docs = len({doc_of[claim_id] for claim_id in members})
        group_rows.append(
            (group.group_id, group.category, group.label, group.scope, group.status, group.explanation, n_docs)
        )
        member_rows.extend((claim_id, group.group_id) for claim_id in members)
    _mark_groups_stale(conn, False)
    conn.execute("DELETE FROM group_members")
    conn.execute("DELETE FROM groups")
    conn.executemany(
        "INSERT INTO groups (group_id, category, label, scope, status, explanation, n_docs) VALUES (?, ?, ?, ?, ?, ?, ?)",
        group_rows,
    )
    conn.executemany("INSERT INTO group_members (claim_id, group_id) VALUES (?, ?)", member_rows)


def _mark_groups_stale(conn: sqlite3.Connection, stale: bool) -> None:
    conn.execute("UPDATE store_state SET value = ? WHERE key = 'groups_stale'", ("1" if stale else "0",))
