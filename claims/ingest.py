"""Ingest files and folders into a Store: read, skip unchanged, extract, replace.

Files are streamed one at a time. An unchanged file (same bytes, same
extractor version: see version.py) is recognised by its SHA-256 before it is decoded or
extracted, so re-ingesting a corpus costs little more than reading it. This process reads
and hashes the files in order; their decoding and extraction, a pure function of the bytes
(``extract_tasks``), runs in ``jobs`` worker processes (parallel.py), and the outcomes come
back in file order, so the store's content does not depend on ``jobs``. This process is
the one writer: documents go in batches, each one transaction (batches.py); an error in one
file is reported and the others go on. KeyboardInterrupt propagates after the current
transaction is rolled back (the workers are stopped), so every document is fully present
or absent.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from . import documents, version
from .batches import Batch, FileOutcome, FileTask, IngestReport, ProgressCallback
from .errors import DocumentError, DuplicateDocumentId
from .models import MAX_CLAIMS, Claim, Document, stamped_values, with_ids
from .parallel import ordered_map
from .store import DocumentState, Store, StoredDocument, claim_rows

STATE_CHUNK = 500  # files whose stored state is looked up together
# A pool pays for its start (a fork, and each worker compiles the extractor's patterns, about
# 0.3 s, as this process would) only when there is this much text to extract (about 50 ms of
# work); a smaller run, a one-file ingest, extracts in this process.
POOL_MIN_CHARS = 100_000

__all__ = [
    "FileOutcome", "IngestReport", "extract_document", "extract_paths", "extract_tasks", "ingest", "list_files", "remove",
    "warm_up",
    "with_ids",
]


def _extractor() -> Callable[..., list[Claim]]:
    from .extract import extract_claims  # loaded on first use: the CLI starts faster without it

    return extract_claims


def extract_document(doc: Document) -> list[Claim]:
    """The claims of one document, with ``doc``, stable ids and ``as_of`` set; one claim per span."""
    return with_ids(doc, _extract_unique(doc))


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
    jobs: int = 1,
    on_progress: ProgressCallback | None = None,
    after_ingest: Callable[[Store], None] | None = None,
    start_method: str | None = None,
    pool_min_chars: int = POOL_MIN_CHARS,
    prune: bool = False,
) -> IngestReport:
    """Ingest ``paths`` (files and folders) into ``store``; never stops for one bad file.

    Documents once read from a file under one of the folders whose file is gone are listed in
    ``report.gone`` with a warning; ``prune=True`` removes them (``report.pruned``).

    ``jobs`` processes extract (see parallel.py; a small run uses none); this process reads,
    hashes and writes, so the store is the same whatever ``jobs`` is. ``on_progress(done,
    total, path)`` is called once with ``done == 0`` before the first file, then as files are
    stored (or found unchanged or bad). ``after_ingest(store)`` runs once at the end when any
    document was added or updated (e.g. to recompute groups).
    StoreError (locked, not a store) stops the run: no later file could be written.
    """
    began = time.monotonic()
    paths = list(paths)
    report = IngestReport()
    items = list(documents.iter_paths(paths))  # paths only; the files are read one at a time below
    files = [item for item in items if isinstance(item, Path)]
    report.errors.extend(str(item) for item in items if isinstance(item, DocumentError))
    batch = Batch(store, report, on_progress, len(files))
    if on_progress:
        on_progress(0, len(files), None)
    tasks = _scan(store, files, _document_ids(store, files))
    seen: dict[str, str] = {}
    for outcome in ordered_map(extract_tasks, tasks, jobs=jobs, weight=_task_weight, min_weight=pool_min_chars,
                               initializer=warm_up, start_method=start_method):
        batch.take(_check_ids(outcome, seen))
        batch.flush_if_due()
    batch.flush()
    _gone_files(store, paths, report, prune)
    # Also after a run that was killed between writing documents and writing groups.
    if after_ingest is not None and (report.changed or store.groups_stale()):
        try:
            after_ingest(store)
        except Exception as exc:  # the documents are stored; say what failed after them
            report.errors.append(f"after the ingest: {type(exc).__name__}: {exc} (the documents are stored)")
    report.seconds = time.monotonic() - began
    return report


def extract_paths(
    paths: Iterable[str | Path], *, jobs: int = 1, lang: str | None = None, start_method: str | None = None,
    pool_min_chars: int = POOL_MIN_CHARS, ids: dict[str, str] | None = None,
) -> Iterator[FileOutcome | DocumentError]:
    """Every document under ``paths`` with its claims (ids and ``as_of`` set), in order, or the
    error that stopped it; extracted by ``jobs`` processes, no store touched (``claims extract``).
    ``ids`` (absolute path -> document id) gives the ids a listing of more files chose (list_files)."""
    files = []
    for item in documents.iter_paths(paths):
        if isinstance(item, DocumentError):
            yield item
        else:
            files.append(item)
    chosen = _document_ids(None, files) if ids is None else {path: ids[os.path.abspath(path)] for path in files}
    seen: dict[str, str] = {}
    for outcome in ordered_map(extract_tasks, _scan(None, files, chosen, lang), jobs=jobs,
                               weight=_task_weight, min_weight=pool_min_chars, initializer=warm_up,
                               start_method=start_method):
        outcome = _check_ids(outcome, seen)
        if outcome.error is not None:
            yield DocumentError(outcome.error)
        elif outcome.claim_values is not None:
            yield replace(outcome, claims=[Claim(*values) for values in outcome.claim_values], claim_values=None)
        else:
            yield replace(outcome, claims=with_ids(outcome.doc, outcome.claims))


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


def _document_ids(store: Store | None, files: list[Path]) -> dict[Path, str]:
    """Each file's document id (documents.ids): its stored id, its stem, or the tail of its path that
    tells it from another file of the same stem."""
    resolved = {path: os.path.abspath(path) for path in files}
    stored, holders = {}, {}
    if store is not None:
        stored = store.document_ids_by_path(list(resolved.values()))
        holders = {stem: state.path for stem, state in store.document_states(sorted({p.stem for p in files})).items()}
    by_path = documents.assign_ids(resolved.values(), stored, holders)
    return {path: by_path[resolved[path]] for path in files}


def list_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | DocumentError]:
    """The files under ``paths`` in order with their document ids (as `claims extract` gives them),
    or the error of each path that is missing."""
    items = list(documents.iter_paths(paths))
    ids = _document_ids(None, [item for item in items if isinstance(item, Path)])
    for item in items:
        yield item if isinstance(item, DocumentError) else (item, ids[item])


def _check_ids(outcome: FileOutcome, seen: dict[str, str]) -> FileOutcome:
    """``outcome``, or an error when its id (or its front matter's) is another file's in this run:
    checked here, in file order, as a run of one file after the other would."""
    if outcome.doc_id is None:  # a file that could not be listed or read before its id was known
        return outcome
    if seen.setdefault(outcome.doc_id, outcome.resolved) != outcome.resolved:
        return FileOutcome(outcome.path, error=(
            f"{outcome.path}: document id '{outcome.doc_id}' is already used by {seen[outcome.doc_id]} in this run; "
            "rename one of the files"))
    doc = outcome.doc
    if doc is not None and doc.doc_id != outcome.doc_id and seen.setdefault(doc.doc_id, outcome.resolved) != outcome.resolved:
        return FileOutcome(outcome.path, error=(
            f"{outcome.path}: front matter id '{doc.doc_id}' is already used by {seen[doc.doc_id]} in this run; "
            "change one"))
    return outcome


def _task_weight(task: FileTask) -> int:
    return len(task.data) if task.data is not None else 0


def _scan(store: Store | None, files: list[Path], ids: dict[Path, str], lang: str | None = None) -> Iterator[FileTask]:
    """Read and hash each file in order; decide here what needs no extraction (unchanged, bad)."""
    states: dict[str, DocumentState] = {}
    for done, path in enumerate(files):
        if store is not None and done % STATE_CHUNK == 0:  # what is stored of the next files, in one query
            states = store.document_states([ids[p] for p in files[done : done + STATE_CHUNK]])
        resolved = os.path.abspath(path)  # a string: this runs for every file, also unchanged ones
        doc_id = ids[path]
        try:
            task = _task(path, resolved, doc_id, states.get(doc_id))
        except DocumentError as exc:
            task = FileTask(str(path), resolved, doc_id, outcome=FileOutcome(str(path), error=str(exc)))
        task.lang, task.for_store = lang, store is not None
        if task.outcome is not None:
            task.outcome.doc_id, task.outcome.resolved = doc_id, resolved
        yield task


def _task(path: Path, resolved: str, doc_id: str, state: DocumentState | None) -> FileTask:
    data = documents.read_bytes(path)
    if state is not None:
        if state.path != resolved and os.path.exists(state.path):
            raise DuplicateDocumentId(
                f"{path}: document id '{doc_id}' is already used by {state.path}; rename one of the files"
            )
        if state.content_hash == documents.content_hash(data) and state.extractor_version == version.extractor_version():
            return FileTask(str(path), resolved, doc_id, outcome=FileOutcome(str(path), unchanged=True))
    return FileTask(str(path), resolved, doc_id, data, is_new=state is None)


_WARM_UP = (("de", "Am 6. Januar 2022 wurden 16 Menschen getötet."), ("en", "On 6 January 2022, 16 people were killed."))


def warm_up() -> None:
    """Load the lexicons and compile the patterns that reading, extracting, story terms and claim
    rows use, once (each worker runs this first, or the writer before forked workers inherit it)."""
    for lang, text in _WARM_UP:
        _extract_file(FileTask(f"warm-up.{lang}.txt", f"/warm-up.{lang}.txt", "warm-up",
                               f"---\ndate: 2022-01-10\n---\n{text}".encode(), lang=lang, for_store=True))


def extract_tasks(tasks: list[FileTask]) -> list[FileOutcome]:
    """The outcome of each task: a pure function of the files' bytes (run in a worker process)."""
    return [task.outcome if task.outcome is not None else _extract_file(task) for task in tasks]


def _extract_file(task: FileTask) -> FileOutcome:
    path = Path(task.path)
    try:
        try:
            doc = replace(documents.parse_document(task.data, path, task.doc_id), path=task.resolved)
            if task.lang is not None:
                doc = replace(doc, lang=task.lang)
        except DocumentError:
            raise
        except Exception as exc:  # a reader bug (e.g. in the publication-date guess) must not stop the other files
            raise DocumentError(f"{path}: reading failed ({type(exc).__name__}: {exc}); please report this") from exc
        try:
            claims = _extract_unique(doc)  # the store sets doc, claim_id and as_of
        except Exception as exc:  # an extractor bug must not stop the other files
            raise DocumentError(f"{path}: extraction failed ({type(exc).__name__}: {exc}); please report this") from exc
    except DocumentError as exc:
        return FileOutcome(task.path, error=str(exc), doc_id=task.doc_id, resolved=task.resolved)
    warnings = doc.warnings
    if len(claims) >= MAX_CLAIMS:
        warnings += (f"{path}: more than {MAX_CLAIMS:,} claims; only the first {MAX_CLAIMS:,} were kept",)
    if task.for_store:  # the writer only inserts: rows (plain tuples, cheap to send) and story terms come from here
        return FileOutcome(task.path, doc, is_new=task.is_new, warnings=warnings, doc_id=task.doc_id,
                           resolved=task.resolved, story_terms=_story_terms(doc), rows=claim_rows(doc, claims))
    # Tuples of the stamped claims' fields: pickled and read back several times faster than Claims.
    return FileOutcome(task.path, doc, is_new=task.is_new, warnings=warnings, doc_id=task.doc_id,
                       resolved=task.resolved, claim_values=stamped_values(doc, claims))



def _story_terms(doc: Document) -> tuple[str, str]:
    from . import stories  # only ingest needs it

    return stories.stored_terms(doc, stories.settings())


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
