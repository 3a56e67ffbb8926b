"""What an ingest run did, and the batches in which its documents are written.

Extracted documents are written in batches (one transaction per half second of work),
because a commit costs more than the rows of an article; the write lock is taken only for
the write, so a second ingest or a query never waits long. Ctrl-C loses at most the batch
not yet written, never part of a document.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Claim, Document
from .store import claim_rows

if TYPE_CHECKING:
    from .store import Store

# Documents are written together when this much time or text has gathered.
BATCH_SECONDS = 0.5
BATCH_MAX_CHARS = 8_000_000

ProgressCallback = Callable[[int, int, "str | None"], None]


@dataclass(slots=True)
class FileTask:
    """One file on its way to a worker: its bytes when they must be extracted, else its outcome."""

    path: str
    resolved: str
    doc_id: str
    data: bytes | None = None
    is_new: bool = True
    outcome: FileOutcome | None = None
    lang: str | None = None  # the language to read it in, when not guessed (`claims extract --lang`)
    for_store: bool = False  # compute its story terms and claim rows too (ingest: the writer then need not)


@dataclass(slots=True)
class FileOutcome:
    """What became of one file: unchanged, a document with its claims, or an error (one line)."""

    path: str
    doc: Document | None = None
    claims: list[Claim] = field(default_factory=list)
    is_new: bool = True
    unchanged: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()
    doc_id: str | None = None  # the id the file was given (its stem, or a tail of its path), checked in order
    resolved: str | None = None  # its absolute path
    story_terms: tuple[str, bytes] | None = None  # (key, terms) for the store's story_terms (stories/cache.py)
    rows: list[tuple] | None = None  # the claims as the store's rows (store.claim_rows), instead of ``claims``
    claim_values: list[tuple] | None = None  # or as the values of Claim's fields, ids set (``claims extract``)



@dataclass
class IngestReport:
    """What an ingest run did; errors and warnings are one line each."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # documents of an ingested folder whose files are gone
    pruned: list[str] = field(default_factory=list)  # those of them removed (``prune=True``)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.pruned)

    def summary(self) -> str:
        noun = "document" if self.documents == 1 else "documents"
        pruned = f"; removed {len(self.pruned)} whose files are gone ({', '.join(self.pruned)})" if self.pruned else ""
        return (
            f"Ingested {self.documents} {noun} ({self.added} new, {self.updated} updated, "
            f"{self.unchanged} unchanged), {self.claims} claims{pruned}; {len(self.errors)} errors in {self.seconds:.1f} s"
        )


class Batch:
    """Extracted documents waiting to be written together (see Store.replace_documents).

    Progress counts a file when it is stored: a document when its batch is committed, an
    unchanged or bad file when every file before it is stored.
    """

    def __init__(self, store: Store, report: IngestReport, on_progress: ProgressCallback | None, total: int):
        self.store = store
        self.report = report
        self.on_progress = on_progress
        self.total = total
        self.done = 0
        self.last_path: str | None = None
        self.items: list[tuple[Document, list[tuple], bool]] = []  # each document with its claim rows
        self.terms: list[tuple[str, str, str]] = []  # (doc id, key, terms) computed by the workers
        self.chars = 0
        self.since = time.monotonic()

    def take(self, outcome: FileOutcome) -> None:
        self.done += 1
        self.last_path = outcome.path
        self.report.warnings.extend(outcome.warnings)
        if outcome.error is not None:
            self.report.errors.append(outcome.error)
        elif outcome.unchanged:
            self.report.unchanged += 1
        else:
            rows = outcome.rows if outcome.rows is not None else claim_rows(outcome.doc, outcome.claims)
            self.items.append((outcome.doc, rows, outcome.is_new))
            if outcome.story_terms is not None:
                self.terms.append((outcome.doc.doc_id, *outcome.story_terms))
            self.chars += len(outcome.doc.text)
        if not self.items:
            self._progress()

    def _progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.done, self.total, self.last_path)

    def flush_if_due(self) -> None:
        if self.chars >= BATCH_MAX_CHARS or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            written = self.store.replace_document_rows([(doc, rows) for doc, rows, _ in self.items], self.terms)
            for (_, _, is_new), count in zip(self.items, written):
                self.report.claims += count
                if is_new:
                    self.report.added += 1
                else:
                    self.report.updated += 1
            self.items, self.terms = [], []
            self._progress()
        self.chars, self.since = 0, time.monotonic()
