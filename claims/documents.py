"""Read documents from disk: paths, encodings, front matter, title, date, language.

``Document.text`` is the decoded file text exactly as read, front matter and
all, so that claim offsets index the file: ``text[start:end] == claim.text``.
A UTF-8 byte order mark is kept as the character U+FEFF at offset 0 (it is what
``open(path, encoding="utf-8").read()`` returns), so offsets count it too.
Line ends are kept as they are (CRLF stays CRLF), so read a file with
``path.read_bytes().decode()`` or ``open(path, newline="")`` to check offsets.
``extraction_text()`` gives the same text with the metadata blanked out by
spaces of equal length, which is what the extractor reads.

Encodings: UTF-8 first; then cp1252 (the usual Windows export); then latin-1,
but only when the bytes that mean nothing in cp1252 are rare (one in a
thousand) -- otherwise the file is garbage and we say so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import (
    BinaryDocument,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    MalformedFrontMatter,
    MissingPath,
    NoDocumentsFound,
    UndecodableDocument,
)
from .models import Document

SUFFIXES = frozenset({".txt", ".md"})
MAX_BYTES = 50 * 1024 * 1024
LANGUAGES = ("de", "en")
FRONT_MATTER_KEYS = ("date", "source", "title", "url", "lang")
FRONT_MATTER_MAX_CHARS = 64 * 1024
HEAD_CHARS = 2000  # where title and publication date are looked for
TITLE_MAX_CHARS = 150
LEAD_CHARS = 80
LANGUAGE_SAMPLE_CHARS = 2000  # some 300 words tell German from English; more only costs time
BINARY_SAMPLE_BYTES = 8192
BINARY_CONTROL_RATIO = 0.10
BINARY_NUL_RATIO = 0.001
LATIN1_C1_RATIO = 0.001

_BOM = "\ufeff"
# C0 controls that do not occur in text files (tab, newlines, form feed and ESC excluded).
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
_C1 = re.compile("[\x80-\x9f]")
_FRONT_MATTER_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
# " date 2022-01 Entgegen ..." -- a metadata prefix on the first line; the rest is article text.
_LINE_DATE = re.compile(r"\A\ufeff?[ \t]*date:?[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|\Z)", re.I)
_ISO_DATE = re.compile(r"\A(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True, slots=True)
class _Header:
    """Where the metadata at the top of a document is; ``end`` is where article text begins."""

    end: int = 0
    front_matter: str | None = None  # the YAML between the --- lines, unparsed
    line_date: str | None = None  # the ISO date of a " date 2022-01" first line


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | DocumentError]:
    """Yield the document files under ``paths`` (folders recursively, sorted), or an error per bad path.

    Files named explicitly are taken whatever their suffix; in folders only
    ``.txt`` and ``.md`` files count and hidden files and folders are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield file
            if not found:
                yield NoDocumentsFound(f"{path}: no .txt or .md documents in this folder")
        elif path.is_file():
            yield path
        elif path.exists():
            yield DocumentError(f"{path}: not a regular file; give a .txt or .md file or a folder")
        else:
            yield MissingPath(f"{path}: no such file or folder; check the path")


def _walk(folder: Path, visited: set[str] | None = None) -> Iterator[Path]:
    visited = set() if visited is None else visited
    try:
        real = os.path.realpath(folder)
        if real in visited:  # a symlink loop
            return
        visited.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                yield from _walk(Path(entry.path), visited)
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
    """Yield each document under ``paths`` as read, or the error that stopped it; one at a time."""
    for item in iter_paths(paths):
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            yield read_document(item)
        except DocumentError as exc:
            yield exc


def read_document(path: str | Path) -> Document:
    """Read one file into a Document; raise a DocumentError subclass naming the file."""
    path = Path(path)
    return parse_document(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of ``path``, refusing missing and oversized files before reading them."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise DocumentTooLarge(
                    f"{path}: skipped, {size / 1024 / 1024:.0f} MB is over the {MAX_BYTES // 1024 // 1024} MB "
                    "limit; split the file"
                )
            return handle.read()
    except FileNotFoundError:
        raise MissingPath(f"{path}: no such file or folder; check the path") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from None


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """Up to MAX_BYTES from a binary stream (standard input), refusing more."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DocumentTooLarge(f"{name}: over the {MAX_BYTES // 1024 // 1024} MB limit; split the input")
    return data


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(path: str | Path) -> str:
    return Path(path).stem


def parse_document(data: bytes, path: str | Path, doc_id: str | None = None) -> Document:
    """Turn the raw bytes of a file into a Document (decoding, metadata, title, date, language)."""
    path = Path(path)
    warnings: list[str] = []
    text = decode(data, path, warnings)
    if not text.strip(" \t\r\n\f\v" + _BOM):
        raise EmptyDocument(f"{path}: empty file (nothing but whitespace); remove it or add text")
    header = _read_header(text, path)
    if not text[header.end :].strip():
        raise EmptyDocument(f"{path}: no article text after the metadata; remove it or add text")
    if header.front_matter is not None:
        meta = _parse_front_matter(header.front_matter, path)
    else:
        meta = {"date": header.line_date} if header.line_date else {}
    lang = _language(meta.get("lang"), text, header.end, path, warnings)
    date, precision = _front_matter_date(meta.get("date"), path)
    if precision != "day":
        # No date, or only a month or year: a dateline or byline in the text may name the day
        # ("date 2022-01" above "(7. Jänner 2022)"). It is taken when it falls within the given date.
        found, found_precision = _date_from_text(_blank(text, header.end)[: header.end + HEAD_CHARS], lang)
        if found is not None and (date is None or found.startswith(date)):
            date, precision = found, found_precision
    return Document(
        doc_id=doc_id if doc_id is not None else doc_id_for(path),
        path=str(path),
        text=text,
        content_hash=content_hash(data),
        title=_str_or_none(meta.get("title")) or find_title(text, header.end),
        source=_str_or_none(meta.get("source")),
        url=_str_or_none(meta.get("url")),
        date=date,
        date_precision=precision,
        lang=lang,
        warnings=tuple(warnings),
    )


def lead(doc: Document, max_chars: int = LEAD_CHARS) -> str | None:
    """The first words of the article text (after any metadata), whitespace collapsed and cut at a word."""
    words = " ".join(extraction_text(doc)[: max_chars * 4].replace("#", " ").split())
    if len(words) <= max_chars:
        return words or None
    cut = words.rfind(" ", 0, max_chars)
    return words[: cut if cut > 0 else max_chars] + " …"


def extraction_text(doc: Document) -> str:
    """The document text with front matter or a metadata prefix blanked out; offsets unchanged."""
    return _blank(doc.text, _read_header(doc.text, Path(doc.path)).end)


def decode(data: bytes, path: Path, warnings: list[str]) -> str:
    """Decode file bytes as UTF-8, else cp1252, else latin-1 (with a warning naming the file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UndecodableDocument(f"{path}: broken UTF-16 text; re-save the file as UTF-8") from None
    _refuse_binary(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    try:
        text = data.decode("cp1252")
        warnings.append(f"{path}: not UTF-8 (byte {bad_offset}); read as cp1252")
        return text
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    meaningless = len(_C1.findall(text))
    if meaningless > max(1, len(text) * LATIN1_C1_RATIO):
        raise UndecodableDocument(
            f"{path}: undecodable bytes (from byte {bad_offset}), not UTF-8, cp1252 or latin-1 text; "
            "re-save the file as UTF-8"
        )
    warnings.append(f"{path}: not UTF-8 (byte {bad_offset}) nor cp1252; read as latin-1")
    return text


def _refuse_binary(data: bytes, path: Path) -> None:
    # Judged on the first 8 KB: binary formats show themselves at once, while a
    # stray NUL or two in a scraped text does not make it binary.
    sample = data[:BINARY_SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls > max(1, len(sample) * BINARY_NUL_RATIO):
        raise BinaryDocument(f"{path}: binary file (NUL bytes), not text; give .txt or .md text files")
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if controls > len(sample) * BINARY_CONTROL_RATIO:
        raise BinaryDocument(f"{path}: binary file (control bytes), not text; give .txt or .md text files")


def _read_header(text: str, path: Path) -> _Header:
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening:
        close = _FRONT_MATTER_CLOSE.search(text, opening.end(), opening.end() + FRONT_MATTER_MAX_CHARS)
        if not close:
            raise MalformedFrontMatter(
                f"{path}: front matter opened with '---' on line 1 is never closed; add a '---' line after it"
            )
        return _Header(end=close.end(), front_matter=text[opening.end() : close.start()])
    line_date = _LINE_DATE.match(text)
    if line_date:
        return _Header(end=line_date.end(), line_date=line_date.group(1))
    return _Header()


def _parse_front_matter(block: str, path: Path) -> dict:
    # Only documents with front matter need yaml: a re-ingest of unchanged files starts without it.
    import yaml

    from .lexicon import FAST_SAFE_LOADER

    try:
        meta = yaml.load(block, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise MalformedFrontMatter(f"{path}: front matter is not valid YAML{line}; fix or remove the '---' block") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise MalformedFrontMatter(f"{path}: front matter must be 'key: value' lines ({', '.join(FRONT_MATTER_KEYS)})")
    return {str(k).lower(): v for k, v in meta.items()}


def _front_matter_date(value, path: Path) -> tuple[str | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    raw = str(value).strip()
    iso = parse_iso_date(raw)
    if iso:
        return iso
    found = _date_from_text(raw, None)
    if found[0]:
        return found
    raise MalformedFrontMatter(f"{path}: front matter date {raw!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


def parse_iso_date(raw: str) -> tuple[str, str] | None:
    """``("2022-01", "month")`` for an ISO date of day, month or year precision that exists; else None."""
    m = _ISO_DATE.match(raw)
    if not m:
        return None
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return raw, "day" if day else "month" if month else "year"


def _date_from_text(head: str, lang: str | None) -> tuple[str | None, str | None]:
    try:
        from .extract.dates import find_publication_date
    except ImportError:  # the date stage is optional for reading documents
        return None, None
    match = find_publication_date(head, lang)
    if match is None:
        return None, None
    return match.value, match.precision


def _language(declared, text: str, body_start: int, path: Path, warnings: list[str]) -> str:
    if declared:
        code = str(declared).strip().lower()[:2]
        if code in LANGUAGES:
            return code
        warnings.append(f"{path}: front matter lang {declared!r} is not supported (de, en); guessed from the text")
    from .lexicon.language import detect_language  # loads the lexicons (yaml): not needed for unchanged files

    return detect_language(text[body_start : body_start + LANGUAGE_SAMPLE_CHARS])


def find_title(text: str, body_start: int = 0) -> str | None:
    """The first markdown heading near the top, else the first line if it is short; else None."""
    head = text[body_start : body_start + HEAD_CHARS]
    heading = _HEADING.search(head) if "#" in head else None  # most texts have no markdown
    if heading:
        return heading.group(1).strip() or None
    first = _first_line(head)
    if first:
        line, line_end = first
        if len(line) <= TITLE_MAX_CHARS and line_end < len(head) and not line.endswith((".", ",", ";")):
            return line
    return None


def _first_line(head: str) -> tuple[str, int] | None:
    """The first line that starts (after spaces and tabs) with a visible character, without
    its outer spaces and tabs, and where it ends. (A regex with a lazy repeat took longer on
    texts that are one long line.)"""
    pos = 0
    while True:
        newline = head.find("\n", pos)
        line_end = newline if newline >= 0 else len(head)
        content = head[pos:line_end].lstrip(" \t")
        if content and not content[0].isspace():
            return content.rstrip(" \t"), line_end
        if newline < 0:
            return None
        pos = newline + 1


def _blank(text: str, end: int) -> str:
    if end == 0:
        return text
    head = re.sub(r"[^\r\n]", " ", text[:end])  # keep line breaks so line-based rules still see lines
    return head + text[end:]


def _str_or_none(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
