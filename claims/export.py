"""CSV and JSON export, streamed row by row.

Every shape claims writes lives here: claim records (``CLAIM_COLUMNS``), claims
with their group (``GROUP_COLUMNS``). The writers take any iterable of mappings
and the columns to write. Values are plain: integers
without ``.0``, no thousands separators, dates as ISO strings, open bounds
empty (CSV) or null (JSON).

CSV injection (OWASP): a spreadsheet runs a cell that begins with ``=``,
``+``, ``-``, ``@``, tab or carriage return as a formula. Such text cells get a
leading single quote. Numbers are written as numbers and never quoted, so
numeric columns stay numeric (a negative value stays ``-5``).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TextIO

from .models import Claim, Group

CLAIM_COLUMNS = (
    "claim_id", "doc", "category", "value", "value_low", "value_high", "unit", "qualifier", "text",
    "start", "end", "sentence", "subject", "scope", "attribution",
    "actor", "concept", "kind", "lang", "as_of", "sentence_start",
)
GROUP_COLUMNS = (
    "group_id", "status", "category", "label", "scope", "claim_id", "doc", "text", "start", "end",
    "value", "value_low", "value_high", "unit", "qualifier", "as_of", "explanation",
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


def export_claims(store, out: TextIO, fmt: str = "csv", *, doc: str | None = None, category: str | None = None) -> int:
    """Stream the claims of ``store`` (optionally one document / category) to ``out``; return the count."""
    return write(claim_records(store.claims(doc=doc, category=category)), CLAIM_COLUMNS, out, fmt)


def group_record(group: Group, claim: Claim) -> dict:
    """A claim with its group, as ``GROUP_COLUMNS``: the group's category and scope, the claim's value."""
    record = {name: getattr(claim, name) for name in GROUP_COLUMNS if hasattr(claim, name)}
    record.update(group_id=group.group_id, status=group.status, category=group.category, label=group.label,
                  scope=group.scope, explanation=group.explanation)
    return record


def group_records(pairs: Iterable[tuple[Group, Claim]]) -> Iterator[dict]:
    return (group_record(group, claim) for group, claim in pairs)


def export_groups(store, out: TextIO, fmt: str = "csv") -> int:
    """Stream one row per claim with its group (``GROUP_COLUMNS``) to ``out``; return the count.

    Claims ingested since the last regroup are grouped on the fly, so every claim appears.
    """
    from .compare import grouped_claims  # the comparison stage (rapidfuzz) loads for this export only

    return write(group_records(grouped_claims(store)), GROUP_COLUMNS, out, fmt)


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
