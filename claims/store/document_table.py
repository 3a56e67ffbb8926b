"""The SQL of the ``documents`` table: writing a document with its claims, finding and removing documents."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import documents, version
from ..errors import AmbiguousDocument, UnknownDocument
from ..models import Claim, Document
from .block_table import mark_blocks, mark_blocks_of
from .claim_table import CLAIM_FIELDS, claim_rows, index_claims_after, insert_claims, last_claim_rowid
from .connection import chunks, marks
from .group_tables import mark_groups_stale
from .story_table import save_story_terms

_CATEGORY, _UNIT = CLAIM_FIELDS.index("category"), CLAIM_FIELDS.index("unit")  # in a claim row
DOCUMENT_COLUMNS = (
    "doc_id, path, title, source, url, date, date_precision, lang, content_hash, n_claims, ingested_at, lead, warnings, "
    "story"
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
    story: str | None = None  # the id of its story (claims.stories), set when the store is regrouped


@dataclass(frozen=True, slots=True)
class DocumentState:
    """What ingest needs to know to skip an unchanged file."""

    content_hash: str
    extractor_version: str
    path: str


def stored_document(row) -> StoredDocument:
    *head, warnings, story = row
    try:
        parsed = tuple(json.loads(warnings or "[]"))
    except ValueError:
        parsed = ()
    return StoredDocument(*head, warnings=parsed, story=story)


class DocumentTables:
    """Documents in and out of the store (a part of ``Store``)."""

    def has_document_hash(self, content_hash: str, doc_id: str | None = None) -> bool:
        """True when a document with these exact bytes (and this id, if given) is stored."""
        sql = "SELECT 1 FROM documents WHERE content_hash = ?"
        params: tuple = (content_hash,)
        if doc_id is not None:
            sql += " AND doc_id = ?"
            params += (doc_id,)
        with self.reading() as conn:
            return conn.execute(sql, params).fetchone() is not None

    def document_states(self, doc_ids: list[str]) -> dict[str, DocumentState]:
        """What is stored of each of these documents (hash, extractor, path); absent ids are left out."""
        states: dict[str, DocumentState] = {}
        with self.reading() as conn:
            for chunk in chunks(doc_ids):
                rows = conn.execute(
                    "SELECT doc_id, content_hash, extractor_version, path FROM documents "
                    f"WHERE doc_id IN ({marks(chunk)})",
                    chunk,
                )
                states.update((doc_id, DocumentState(*rest)) for doc_id, *rest in rows)
        return states

    def document_ids_by_path(self, paths: list[str]) -> dict[str, str]:
        """path -> the id of the document stored from that file, for those of ``paths`` that are stored."""
        found: dict[str, str] = {}
        with self.reading() as conn:
            for chunk in chunks(paths):
                found.update(conn.execute(f"SELECT path, doc_id FROM documents WHERE path IN ({marks(chunk)})", chunk))
        return found

    def replace_document(self, doc: Document, claims: Iterable[Claim]) -> int:
        """Store ``doc`` and exactly these claims in one transaction; return the number of claims written."""
        return self.replace_documents([(doc, claims)])[0]

    def replace_documents(
        self, items: Iterable[tuple[Document, Iterable[Claim]]], story_terms: Iterable[tuple[str, str, str]] = ()
    ) -> list[int]:
        """Store several documents, each with exactly its claims, in ONE transaction, and the
        (doc id, key, terms) rows of their story terms when given (``story_table.StoryInputs``).

        A commit and a full-text index segment cost more than the rows of a
        news article, so ingest hands over documents in batches. The write
        lock is held only while writing, not while extracting.
        """
        return self.replace_document_rows([(doc, claim_rows(doc, list(claims))) for doc, claims in items], story_terms)

    def replace_document_rows(
        self, items: Iterable[tuple[Document, list[tuple]]], story_terms: Iterable[tuple[str, str, str]] = ()
    ) -> list[int]:
        """``replace_documents`` with each document's claims as rows already (``claim_table.claim_rows``)."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        prepared = list(items)
        with self.transaction() as conn:
            mark_groups_stale(conn, True)
            mark_blocks_of(conn, [doc.doc_id for doc, _ in prepared])  # the blocks of the claims replaced ...
            mark_blocks(conn, {(row[_CATEGORY], row[_UNIT]) for _, rows in prepared for row in rows})  # ... and new
            conn.executemany("DELETE FROM claims WHERE doc = ?", [(doc.doc_id,) for doc, _ in prepared])
            last_kept = last_claim_rowid(conn)
            written = [self._write_document(conn, doc, rows, now) for doc, rows in prepared]
            # One full-text insert for the batch: per document it cost as much as the claims.
            index_claims_after(conn, last_kept)
            save_story_terms(conn, story_terms)
            return written

    @staticmethod
    def _write_document(conn: sqlite3.Connection, doc: Document, rows: list[tuple], now: str) -> int:
        """Insert or update ``doc`` and insert its claims (the old ones are already deleted)."""
        # A file whose front matter `id:` changed leaves its old id: one file, one document.
        conn.execute("DELETE FROM documents WHERE path = ? AND doc_id != ?", (doc.path, doc.doc_id))
        conn.execute(
            """
            INSERT INTO documents (doc_id, path, content_hash, extractor_version, title, source, url,
                                   date, date_precision, lang, warnings, n_claims, ingested_at, text, lead,
                                   story_declared)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(doc_id) DO UPDATE SET
                path = excluded.path, content_hash = excluded.content_hash,
                extractor_version = excluded.extractor_version, title = excluded.title,
                source = excluded.source, url = excluded.url, date = excluded.date,
                date_precision = excluded.date_precision, lang = excluded.lang,
                warnings = excluded.warnings, ingested_at = excluded.ingested_at, text = excluded.text,
                lead = excluded.lead, n_claims = excluded.n_claims, story_declared = excluded.story_declared
            """,
            (
                doc.doc_id, doc.path, doc.content_hash, version.extractor_version(), doc.title, doc.source, doc.url,
                doc.date, doc.date_precision, doc.lang, json.dumps(list(doc.warnings), ensure_ascii=False),
                len(rows), now, doc.text, documents.lead(doc), doc.story,
            ),
        )
        written = insert_claims(conn, rows)
        if written != len(rows):  # two claims on one span: the first was kept
            conn.execute("UPDATE documents SET n_claims = ? WHERE doc_id = ?", (written, doc.doc_id))
        return written

    def remove_documents(self, refs: Sequence[str]) -> list[StoredDocument]:
        """Remove the documents named by ``refs`` (id, unique prefix or path) with their claims and
        group memberships, in one transaction; return them. A name that matches no document, or
        several, raises before anything is removed. The groups are stale afterwards (``groups_stale``)."""
        with self.transaction() as conn:
            found = {doc.doc_id: doc for doc in map(self.document, refs)}  # a document named twice goes once
            mark_groups_stale(conn, True)
            mark_blocks_of(conn, list(found))
            conn.executemany("DELETE FROM documents WHERE doc_id = ?", [(doc_id,) for doc_id in found])
        return list(found.values())

    def document_ids(self) -> list[str]:
        """Every document's id, ordered."""
        with self.reading() as conn:
            return [row[0] for row in conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]

    def documents(self) -> list[StoredDocument]:
        """All documents, ordered by id."""
        with self.reading() as conn:
            rows = conn.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
        return [stored_document(row) for row in rows]

    def outlets(self) -> dict[str, str]:
        """doc id -> the source its front matter names, of the documents that name one."""
        with self.reading() as conn:
            return dict(conn.execute("SELECT doc_id, source FROM documents WHERE source IS NOT NULL AND source != ''"))

    def documents_under(self, folder: str) -> list[StoredDocument]:
        """The documents read from files under the absolute path ``folder``, ordered by id."""
        prefix = folder.rstrip("/\\") + os.sep
        with self.reading() as conn:
            rows = conn.execute(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE substr(path, 1, ?) = ? ORDER BY doc_id",
                (len(prefix), prefix),
            ).fetchall()
        return [stored_document(row) for row in rows]

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, StoredDocument]:
        """The stored documents with these ids, by id; absent ids are left out."""
        ids = sorted(set(doc_ids))
        found = {}
        with self.reading() as conn:
            for chunk in chunks(ids):
                sql = f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE doc_id IN ({marks(chunk)})"
                found.update((row[0], stored_document(row)) for row in conn.execute(sql, chunk))
        return found

    def document(self, ref: str) -> StoredDocument:
        """The document named by its id, a unique id prefix, or its file path."""
        select = f"SELECT {DOCUMENT_COLUMNS} FROM documents"
        with self.reading() as conn:
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
        return stored_document(row)

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
        with self.reading() as conn:
            row = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise UnknownDocument(f"no document '{doc_id}' in {self.name}; see `claims docs`")
        return row[0]
