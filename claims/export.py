"""CSV and JSON export, streamed row by row.

Every shape claims writes lives here: claim records (``CLAIM_COLUMNS``), claims
with their group (``GROUP_COLUMNS``), documents, and the JSON of the query,
conflicts, diff and group commands. The writers take any iterable of mappings
and the columns to write; ``atomic_file`` puts an export file in place only
when it is complete. Values are plain: integers
without ``.0``, no thousands separators, dates as ISO strings, open bounds
empty (CSV) or null (JSON).

CSV injection (OWASP): a spreadsheet runs a cell that begins with ``=``,
``+``, ``-``, ``@``, tab or carriage return as a formula. Such text cells get a
leading single quote. Numbers are written as numbers and never quoted, so
numeric columns stay numeric (a negative value stays ``-5``).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .models import Claim, Group

if TYPE_CHECKING:  # the comparison stage loads only for the commands that compare
    from .compare import DiffResult, QueryResult, RegroupSummary
    from .store import GroupView, StoredDocument

CLAIM_COLUMNS = (
    "claim_id", "doc", "category", "value", "value_low", "value_high", "unit", "qualifier", "text",
    "start", "end", "sentence", "subject", "scope", "attribution",
    "actor", "concept", "detail", "aspect", "occasion", "place", "kind", "lang", "as_of", "sentence_start",
)
GROUP_COLUMNS = (
    "story", "group_id", "status", "category", "label", "scope", "claim_id", "doc", "source", "text", "start", "end",
    "value", "value_low", "value_high", "unit", "qualifier", "as_of", "attribution", "source_line", "place",
    "explanation",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "json", "jsonl")


def plain_number(value: object) -> object:
    """Floats that are whole numbers become ints; NaN and infinities become None; others unchanged."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer():
            return int(value)
    return value


def claim_record(claim: Claim, columns: Sequence[str] = CLAIM_COLUMNS) -> dict:
    """A claim as a plain dict of ``columns`` with plain numbers."""
    return {name: plain_number(getattr(claim, name)) for name in columns}


def claim_context_record(context) -> dict:
    """The JSON of `claims show`: the claim's fields, its source line as the views read it, and
    the group and story it is compared in (None before a regroup)."""
    from .compare.sources import source_line

    group, story = context.group, context.story
    record = claim_record(context.claim)
    record["source_line"] = source_line(context.claim.attribution, context.document.source).label
    record["group"] = None if group is None else {
        "group_id": group.group_id, "label": group.label, "scope": group.scope, "status": group.status,
        "explanation": group.explanation}
    record["story"] = None if story is None else {"story_id": story.story_id, "label": story.label}
    return record


def csv_cell(value: object) -> str | int | float:
    """One CSV cell: numbers as numbers, text guarded against formula injection, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(records: Iterable[Mapping], columns: Sequence[str], out: TextIO) -> int:
    """Write a header and one row per record; return the number of rows."""
    writer = csv.writer(out)  # RFC 4180 line ends, so a bare CR in a cell gets quoted
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([csv_cell(plain_number(record.get(name))) for name in columns])
        count += 1
    return count


def write_json(records: Iterable[Mapping], out: TextIO) -> int:
    """Write a JSON array, one record per line, without holding the records in memory."""
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(_json(record))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(records: Iterable[Mapping], out: TextIO) -> int:
    """Write one JSON object per line."""
    count = 0
    for record in records:
        out.write(_json(record))
        out.write("\n")
        count += 1
    return count


def write(records: Iterable[Mapping], columns: Sequence[str], out: TextIO, fmt: str) -> int:
    """Write ``records`` in ``fmt`` (csv, json or jsonl)."""
    if fmt == "csv":
        return write_csv(records, columns, out)
    rows = ({name: record.get(name) for name in columns} for record in records)
    if fmt == "json":
        return write_json(rows, out)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def claim_records(claims: Iterable[Claim], columns: Sequence[str] = CLAIM_COLUMNS) -> Iterator[dict]:
    return (claim_record(claim, columns) for claim in claims)


def export_claims(
    store, out: TextIO, fmt: str = "csv", *, doc: str | None = None, category: str | None = None,
    story: str | None = None, claim_filter=None,
) -> int:
    """Stream the claims of ``store`` (optionally one document / category / story, those that pass
    ``claim_filter``) to ``out``; return the count."""
    return write(claim_records(store.claims(doc=doc, category=category, story=story, claim_filter=claim_filter)),
                 CLAIM_COLUMNS, out, fmt)


def story_records(stories) -> list[dict]:
    """The JSON of `claims stories`: id, label, first and last date, span, documents."""
    return [{"story_id": s.story_id, "label": s.label, "first": s.first, "last": s.last, "span": s.span,
             "declared": s.declared, "documents": list(s.doc_ids)} for s in stories]


def group_record(group: Group, claim: Claim, outlet: str | None = None) -> dict:
    """A claim with its group, as ``GROUP_COLUMNS``: the group's story, category and scope, the
    claim's value, its document's source (``outlet``) and the source line it speaks for."""
    from .compare.sources import source_line

    record = {name: getattr(claim, name) for name in GROUP_COLUMNS if hasattr(claim, name)}
    record["source_line"] = source_line(claim.attribution, outlet).label
    record.update(story=group.story, group_id=group.group_id, status=group.status, category=group.category,
                  label=group.label, scope=group.scope, explanation=group.explanation, source=outlet)
    return record


def group_records(pairs: Iterable[tuple[Group, Claim]], outlets: dict[str, str] | None = None) -> Iterator[dict]:
    outlets = outlets or {}
    return (group_record(group, claim, outlets.get(claim.doc)) for group, claim in pairs)


def export_groups(store, out: TextIO, fmt: str = "csv", *, story: str | None = None, claim_filter=None) -> int:
    """Stream one row per claim (of ``story``, that passes ``claim_filter``) with its group
    (``GROUP_COLUMNS``) to ``out``; return the count.

    Claims ingested since the last regroup are grouped on the fly, so every claim appears.
    ``story`` (an id) keeps the groups of that story only.
    """
    from .compare import grouped_claims  # the comparison stage (rapidfuzz) loads for this export only

    pairs = grouped_claims(store, claim_filter)
    if story is not None:
        pairs = ((group, claim) for group, claim in pairs if group.story == story)
    return write(group_records(pairs, store.outlets()), GROUP_COLUMNS, out, fmt)


def document_records(docs: Iterable[StoredDocument]) -> Iterator[dict]:
    """Stored documents as plain dicts, every field (``claims docs --json``)."""
    return (dataclasses.asdict(doc) for doc in docs)


def group_view_record(view: GroupView) -> dict:
    """A group as ``claims conflicts`` and ``claims query`` show it: its fields, counts and shown claims."""
    g = view.group
    return {
        "group_id": g.group_id, "story": g.story, "category": g.category, "label": g.label, "scope": g.scope,
        "status": g.status, "explanation": g.explanation, "n_docs": view.n_docs, "n_claims": view.n_claims,
        "claims": [_with_line(claim_record(c), c) for c in view.claims],
    }


def _with_line(record: dict, claim: Claim) -> dict:
    from .compare.sources import source_line

    return {**record, "source_line": source_line(claim.attribution).label}


def query_record(result: QueryResult) -> dict:
    """``claims query --json``: how the text was read, how many groups matched, the groups shown."""
    return {
        "query": result.text, "mode": result.mode, "topics": result.topics,
        "categories": result.categories, "searched": result.searched, "total_groups": result.total_groups,
        "groups": [group_view_record(v) for v in result.groups],
    }


def diff_record(result: DiffResult) -> dict:
    """``claims diff --json``: the shared groups with their status between the two, and the rest."""
    def part(group: Group, claims: list[Claim]) -> dict:
        return {"group_id": group.group_id, "label": group.label, "category": group.category,
                "scope": group.scope, "claims": [_with_line(claim_record(c), c) for c in claims]}

    return {
        "doc_a": result.doc_a.doc_id, "doc_b": result.doc_b.doc_id, "summary": result.summary,
        "shared": [{**part(g, a + b), "status": g.status, "explanation": g.explanation}
                   for g, a, b in result.shared],
        "only_a": [part(g, c) for g, c in result.only_a],
        "only_b": [part(g, c) for g, c in result.only_b],
    }


def regroup_record(summary: RegroupSummary) -> dict:
    """``claims group --json``: how many groups and claims, and the groups of each status, worst first."""
    return {"groups": summary.groups, "claims": summary.claims, "status": summary.statuses}


class atomic_file:
    """A text file written next to ``path`` under a temporary name, moved into place only when complete."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> TextIO:
        import tempfile  # only an export to a file needs it

        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent or ".", prefix=f".{self.path.name}.", suffix=".tmp")
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, exc_type, exc, tb) -> None:
        self.file.close()
        try:
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


# Characters that are valid JSON but unsafe when JSON reaches a terminal: C1 controls
# (U+009B starts an escape sequence on some terminals), bidi marks and overrides, line
# separators. Written as \u escapes they are just as valid JSON and mean the same text.
UNSAFE_IN_JSON = {
    c: f"\\u{c:04x}"
    for c in (*range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x2028, 0x202F), *range(0x2066, 0x206A))
}


def json_text(data: object, indent: int | None = None) -> str:
    """JSON for people's terminals and for pipes: UTF-8 text, unsafe characters escaped."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(UNSAFE_IN_JSON)


def _json(record: Mapping) -> str:
    return json_text({key: plain_number(value) for key, value in record.items()})
