"""Ingest files and folders into a Store: read, skip unchanged, extract, replace.

Files are streamed one at a time. An unchanged file (same bytes, same
extractor version: see version.py) is recognised by its SHA-256 before it is decoded or
extracted, so re-ingesting a corpus costs little more than reading it. Each
document is written in one transaction; an error in one file is reported and
the others go on. KeyboardInterrupt propagates after the current transaction
is rolled back, so every document is fully present or absent.

Extracted documents are written in batches (one transaction per half second
of work), because a commit costs more than the rows of an article; the write
lock is taken only for the write, so a second ingest or a query never waits
long. Ctrl-C loses at most the batch not yet written, never part of a document.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import documents, version
from .errors import DocumentError, DuplicateDocumentId
from .models import MAX_CLAIMS, Claim, Document, claim_id_for
from .store import DocumentState, Store, StoredDocument

# Documents are written together when this much time or text has gathered.
BATCH_SECONDS = 0.5
BATCH_MAX_CHARS = 8_000_000
STATE_CHUNK = 500  # files whose stored state is looked up together

ProgressCallback = Callable[[int, int, "str | None"], None]


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
            f"{self.unchanged} unchanged), {self.claims} claims{pruned}; {len(self.errors)} errors"
        )


def _extractor() -> Callable[..., list[Claim]]:
    from .extract import extract_claims  # loaded on first use: the CLI starts faster without it

    return extract_claims


def extract_document(doc: Document) -> list[Claim]:
    """The claims of one document, with ``doc``, stable ids and ``as_of`` set; one claim per span."""
    return [
        replace(
            claim,
            doc=doc.doc_id,
            claim_id=claim_id_for(doc.doc_id, claim.start, claim.end),
            as_of=claim.as_of or doc.date,
        )
        for claim in _extract_unique(doc)
    ]


def _extract_unique(doc: Document) -> list[Claim]:
    """The extractor's claims of ``doc``, the first of any two on the same span (ids are per span)."""
    found = _extractor()(documents.extraction_text(doc), lang=doc.lang, doc_date=doc.date)
    claims, seen = [], set()
    for claim in found:
        span = (claim.start, claim.end)
        if span not in seen:
            seen.add(span)
            claims.append(claim)
    return claims


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    on_progress: ProgressCallback | None = None,
    after_ingest: Callable[[Store], None] | None = None,
    prune: bool = False,
) -> IngestReport:
    """Ingest ``paths`` (files and folders) into ``store``; never stops for one bad file.

    Documents once read from a file under one of the folders whose file is gone are listed in
    ``report.gone`` with a warning; ``prune=True`` removes them (``report.pruned``).

    ``on_progress(done, total, path)`` is called once with ``done == 0`` before
    the first file and after each file. ``after_ingest(store)`` runs once at
    the end when any document was added or updated (e.g. to recompute groups).
    StoreError (locked, not a store) stops the run: no later file could be written.
    """
    report = IngestReport()
    paths = list(paths)
    items = list(documents.iter_paths(paths))  # paths only; the files are read one at a time below
    files = [item for item in items if isinstance(item, Path)]
    report.errors.extend(str(item) for item in items if isinstance(item, DocumentError))
    seen: dict[str, str] = {}
    batch = _Batch(store, report)
    if on_progress:
        on_progress(0, len(files), None)
    ids = _document_ids(store, files)
    states: dict[str, DocumentState] = {}
    for done, path in enumerate(files, start=1):
        if (done - 1) % STATE_CHUNK == 0:  # what is stored of the next files, asked in one query
            states = store.document_states([ids[p] for p in files[done - 1 : done - 1 + STATE_CHUNK]])
        try:
            _ingest_file(path, ids[path], states.get(ids[path]), seen, report, batch)
        except DocumentError as exc:
            report.errors.append(str(exc))
        batch.flush_if_due()
        if on_progress:
            on_progress(done, len(files), str(path))
    batch.flush()
    _gone_files(store, paths, report, prune)
    # Also after a run that was killed between writing documents and writing groups.
    if after_ingest is not None and (report.changed or store.groups_stale()):
        try:
            after_ingest(store)
        except Exception as exc:  # the documents are stored; say what failed after them
            report.errors.append(f"after the ingest: {type(exc).__name__}: {exc} (the documents are stored)")
    return report


def _document_ids(store: Store, files: list[Path]) -> dict[Path, str]:
    """Each file's document id (documents.ids): its stored id, its stem, or the tail of its path that
    tells it from another file of the same stem."""
    resolved = {path: os.path.abspath(path) for path in files}
    stored = store.document_ids_by_path(list(resolved.values()))
    holders = {stem: state.path for stem, state in store.document_states(sorted({p.stem for p in files})).items()}
    by_path = documents.assign_ids(resolved.values(), stored, holders)
    return {path: by_path[resolved[path]] for path in files}


def _gone_files(store: Store, paths: list, report: IngestReport, prune: bool) -> None:
    """Find (and with ``prune`` remove) the stored documents of the folders in ``paths`` whose files are gone."""
    folders = [os.path.abspath(path) for path in paths if os.path.isdir(path)]
    gone = sorted({doc.doc_id: doc for folder in folders for doc in store.documents_under(folder)
                   if not os.path.exists(doc.path)}.items())
    report.gone = [doc_id for doc_id, _ in gone]
    if gone and prune:
        report.pruned = [doc.doc_id for doc in store.remove_documents(report.gone)]
    elif gone:
        names = ", ".join(report.gone[:5]) + (" ..." if len(gone) > 5 else "")
        report.warnings.append(
            f"{len(gone)} document{'s' * (len(gone) != 1)} ingested from {', '.join(map(str, paths))} "
            f"{'are' if len(gone) != 1 else 'is'} gone from disk ({names}); ingest again with --prune "
            "to remove them from the store")


def remove(
    store: Store, refs: Sequence[str], *, after_remove: Callable[[Store], None] | None = None
) -> list[StoredDocument]:
    """Remove the documents ``refs`` name (id, unique prefix or path) with their claims; return them.

    One name that matches no document, or several, raises UnknownDocument /
    AmbiguousDocument and nothing is removed. ``after_remove(store)`` runs once
    when any document was removed (e.g. to recompute groups).
    """
    removed = store.remove_documents(refs)
    if removed and after_remove is not None:
        after_remove(store)
    return removed


class _Batch:
    """Extracted documents waiting to be written together (see Store.replace_documents)."""

    def __init__(self, store: Store, report: IngestReport):
        self.store = store
        self.report = report
        self.items: list[tuple[Document, list[Claim], bool]] = []
        self.chars = 0
        self.since = time.monotonic()

    def add(self, doc: Document, claims: list[Claim], is_new: bool) -> None:
        self.items.append((doc, claims, is_new))
        self.chars += len(doc.text)

    def flush_if_due(self) -> None:
        if self.chars >= BATCH_MAX_CHARS or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            written = self.store.replace_documents((doc, claims) for doc, claims, _ in self.items)
            for (_, _, is_new), count in zip(self.items, written):
                self.report.claims += count
                if is_new:
                    self.report.added += 1
                else:
                    self.report.updated += 1
        self.items, self.chars, self.since = [], 0, time.monotonic()


def _ingest_file(
    path: Path, doc_id: str, state: DocumentState | None, seen: dict[str, str], report: IngestReport, batch: _Batch
) -> None:
    resolved = os.path.abspath(path)  # a string: this runs for every file, also unchanged ones
    if seen.setdefault(doc_id, resolved) != resolved:
        raise DuplicateDocumentId(
            f"{path}: document id '{doc_id}' is already used by {seen[doc_id]} in this run; rename one of the files"
        )
    data = documents.read_bytes(path)
    digest = documents.content_hash(data)
    if state is not None:
        if state.path != resolved and os.path.exists(state.path):
            raise DuplicateDocumentId(
                f"{path}: document id '{doc_id}' is already used by {state.path}; rename one of the files"
            )
        if state.content_hash == digest and state.extractor_version == version.extractor_version():
            report.unchanged += 1
            return
    try:
        doc = replace(documents.parse_document(data, path, doc_id), path=resolved)
    except DocumentError:
        raise
    except Exception as exc:  # a reader bug (e.g. in the publication-date guess) must not stop the other files
        raise DocumentError(f"{path}: reading failed ({type(exc).__name__}: {exc}); please report this") from exc
    if doc.doc_id != doc_id and seen.setdefault(doc.doc_id, resolved) != resolved:  # front matter `id:`
        raise DuplicateDocumentId(
            f"{path}: front matter id '{doc.doc_id}' is already used by {seen[doc.doc_id]} in this run; change one"
        )
    report.warnings.extend(doc.warnings)
    try:
        claims = _extract_unique(doc)  # the store sets doc, claim_id and as_of
    except Exception as exc:  # an extractor bug must not stop the other files
        raise DocumentError(f"{path}: extraction failed ({type(exc).__name__}: {exc}); please report this") from exc
    if len(claims) >= MAX_CLAIMS:
        report.warnings.append(f"{path}: more than {MAX_CLAIMS:,} claims; only the first {MAX_CLAIMS:,} were kept")
    batch.add(doc, claims, is_new=state is None)
