"""Claims as JSON lines: written by `claims extract` (here or on a cluster), stored by
`claims ingest --from-jsonl` without extracting again.

Each document is one line, then its claims, one per line::

    {"document": "002", "path": "/abs/002.txt", "content_hash": "…", "extractor_version": "…", "claims": 2}
    {"claim_id": "…", "doc": "002", "category": "deaths", …, "content_hash": "…", "extractor_version": "…"}
    {"claim_id": "…", "doc": "002", …}

A claim line is the claim record of ``export.claim_record`` (every field of ``models.Claim``)
with the document's hash and the extractor version; the document line also stands for a
document without claims and says how many lines follow, so a cut-off file is noticed.
Storing reads each document again from its path (its text, title and date are not in the
lines) and refuses it when its bytes changed since extraction or when another extractor
wrote the lines: claims of two extractors never meet in one store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from . import documents, export, version
from .batches import Batch, FileOutcome, IngestReport, ProgressCallback
from .errors import ClaimsError, DocumentError
from .models import Claim, Document
from .store import CLAIM_FIELDS, Store

DOCUMENT_KEY = "document"


def document_records(doc: Document, claims: list[Claim]) -> Iterator[dict]:
    """The lines of one extracted document: its document line, then one per claim."""
    extractor = version.extractor_version()
    yield {DOCUMENT_KEY: doc.doc_id, "path": doc.path, "content_hash": doc.content_hash,
           "extractor_version": extractor, "claims": len(claims)}
    for claim in claims:
        record = export.claim_record(claim)
        for name in CLAIM_FIELDS:  # a field no export column names yet
            record.setdefault(name, export.plain_number(getattr(claim, name)))
        record["content_hash"] = doc.content_hash
        record["extractor_version"] = extractor
        yield record


def document_lines(doc: Document, claims: list[Claim]) -> list[str]:
    """The JSON lines (without line ends) of one extracted document."""
    return [export.json_text(record) for record in document_records(doc, claims)]


def write_document(doc: Document, claims: list[Claim], out: TextIO) -> None:
    out.write("".join(line + "\n" for line in document_lines(doc, claims)))


def extract_lines(
    files: list[tuple[str, str]], lang: str | None = None
) -> tuple[list[str], list[str], list[str]]:
    """The JSON lines of these (absolute path, document id) files in order, the errors and the
    warnings (one line each): a pure function of the files, for a partition of them on a cluster
    (scripts/dask_extract.py; ingest.list_files gives the ids a listing of all of them chooses)."""
    from .ingest import extract_paths  # the extractor loads only here

    lines: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []
    for found in extract_paths([path for path, _ in files], jobs=1, lang=lang, ids=dict(files)):
        if isinstance(found, DocumentError):
            errors.append(str(found))
        else:
            warnings.extend(found.warnings)
            lines.extend(document_lines(found.doc, found.claims))
    return lines, errors, warnings


@dataclass(slots=True)
class ExtractedDocument:
    """A document line with its claims, as read back."""

    doc_id: str
    path: str
    content_hash: str
    extractor_version: str
    claims: list[Claim]
    line: int  # where its document line is, for messages


class BadClaimLines(ClaimsError):
    """The JSON lines are not what `claims extract` writes (stops the run: nothing after is trusted)."""


def read_documents(lines: Iterable[str], name: str) -> Iterator[ExtractedDocument]:
    """The documents of JSON lines in the form above, each with its claims; BadClaimLines otherwise."""
    current: ExtractedDocument | None = None
    expected = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise BadClaimLines(f"{name} line {number}: not JSON ({exc.msg}); give the output of `claims extract`")
        if not isinstance(record, dict):
            raise BadClaimLines(f"{name} line {number}: not a JSON object; give the output of `claims extract`")
        if DOCUMENT_KEY in record:
            if current is not None:
                yield _complete(current, expected, name)
            current, expected = _document(record, name, number), record.get("claims")
        elif current is None:
            raise BadClaimLines(f"{name} line {number}: a claim before any document line; "
                                "give the output of `claims extract`")
        else:
            current.claims.append(_claim(record, current, name, number))
    if current is None:
        raise BadClaimLines(f"{name}: no lines; give the output of `claims extract`")
    yield _complete(current, expected, name)


def _document(record: dict, name: str, number: int) -> ExtractedDocument:
    try:
        return ExtractedDocument(str(record[DOCUMENT_KEY]), str(record["path"]), str(record["content_hash"]),
                                 str(record["extractor_version"]), [], number)
    except KeyError as exc:
        raise BadClaimLines(f"{name} line {number}: a document line without {exc}") from None


def _claim(record: dict, doc: ExtractedDocument, name: str, number: int) -> Claim:
    if record.get("doc") != doc.doc_id or record.get("content_hash") != doc.content_hash:
        raise BadClaimLines(f"{name} line {number}: a claim of another document than line {doc.line}'s")
    try:
        values = {field: record[field] for field in CLAIM_FIELDS}
    except KeyError as exc:
        raise BadClaimLines(f"{name} line {number}: a claim without {exc}") from None
    for field in ("value", "value_low", "value_high"):  # written as plain numbers: 164.0 is 164
        if isinstance(values[field], int) and not isinstance(values[field], bool):
            values[field] = float(values[field])
    return Claim(**values)


def _complete(doc: ExtractedDocument, expected, name: str) -> ExtractedDocument:
    if expected != len(doc.claims):
        raise BadClaimLines(f"{name} line {doc.line}: document '{doc.doc_id}' announces {expected} claims, "
                            f"{len(doc.claims)} follow; is the file cut off?")
    return doc


def ingest_lines(
    store: Store,
    lines: Iterable[str],
    name: str,
    *,
    on_progress: ProgressCallback | None = None,
    after_ingest=None,
) -> IngestReport:
    """Store the documents of JSON lines (see above) with their claims, extracting nothing.

    Each document is read again from its path for its text and metadata; a document whose
    bytes changed since, or whose claims another extractor wrote, is an error (one line) and
    is not stored; the others are. Unchanged stored documents are skipped, as by ``ingest``.
    """
    import time

    began = time.monotonic()
    report = IngestReport()
    batch = Batch(store, report, on_progress, 0)
    if on_progress:
        on_progress(0, 0, None)
    seen: dict[str, str] = {}
    current = version.extractor_version()
    for extracted in read_documents(lines, name):
        try:
            outcome = _outcome(store, extracted, seen, current, name)
        except DocumentError as exc:
            outcome = FileOutcome(extracted.path, error=str(exc))
        batch.take(outcome)
        batch.flush_if_due()
    batch.flush()
    if after_ingest is not None and (report.changed or store.groups_stale()):
        after_ingest(store)
    report.seconds = time.monotonic() - began
    return report


def _outcome(store: Store, extracted: ExtractedDocument, seen: dict[str, str], current: str, name: str) -> FileOutcome:
    where = f"{name} line {extracted.line}"
    if extracted.extractor_version != current:
        raise DocumentError(
            f"{where}: the claims of '{extracted.doc_id}' are of extractor {extracted.extractor_version}, this "
            f"claims is extractor {current}; extract them again with this version (`claims extract`)"
        )
    path = Path(extracted.path)
    resolved = os.path.abspath(path)
    stored_id = store.document_ids_by_path([resolved]).get(resolved)
    if stored_id is not None and stored_id != extracted.doc_id:  # the file keeps the id it has in the store
        extracted = replace(extracted, doc_id=stored_id)
    if seen.setdefault(extracted.doc_id, resolved) != resolved:
        raise DocumentError(f"{where}: document id '{extracted.doc_id}' is already used by "
                            f"{seen[extracted.doc_id]} in this run; rename one of the files")
    data = documents.read_bytes(path)
    if documents.content_hash(data) != extracted.content_hash:
        raise DocumentError(f"{path}: changed since its claims were extracted ({where}); extract it again")
    state = store.document_states([extracted.doc_id]).get(extracted.doc_id)
    if state is not None and state.path != resolved and os.path.exists(state.path):
        raise DocumentError(f"{path}: document id '{extracted.doc_id}' is already used by {state.path}; "
                            "rename one of the files")
    if state is not None and state.content_hash == extracted.content_hash and state.extractor_version == current:
        return FileOutcome(str(path), unchanged=True)
    doc = replace(documents.parse_document(data, path, extracted.doc_id), path=resolved)
    return FileOutcome(str(path), doc, extracted.claims, is_new=state is None, warnings=doc.warnings)
