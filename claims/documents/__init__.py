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

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import DocumentError, EmptyDocument, MalformedFrontMatter
from ..models import Document
from .decoding import decode
from .files import MAX_BYTES, SUFFIXES, content_hash, iter_paths, read_bytes, read_stream
from .header import (
    HEAD_CHARS,
    blank_header,
    date_from_path,
    date_from_text,
    find_title,
    front_matter_date,
    parse_front_matter,
    parse_iso_date,
    read_header,
    str_or_none,
)
from .ids import assign_ids, unique_tail

__all__ = [
    "MAX_BYTES", "SUFFIXES", "assign_ids", "unique_tail", "content_hash", "decode", "doc_id_for", "extraction_text", "find_title", "iter_documents",
    "iter_paths", "lead", "parse_document", "parse_iso_date", "read_bytes", "read_document", "read_stream",
]
LANGUAGES = ("de", "en")
LEAD_CHARS = 80
LANGUAGE_SAMPLE_CHARS = 2000  # some 300 words tell German from English; more only costs time
_BOM = "\ufeff"


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


def doc_id_for(path: str | Path) -> str:
    return Path(path).stem


def parse_document(data: bytes, path: str | Path, doc_id: str | None = None) -> Document:
    """Turn the raw bytes of a file into a Document (decoding, metadata, title, date, language)."""
    path = Path(path)
    warnings: list[str] = []
    text = decode(data, path, warnings)
    if not text.strip(" \t\r\n\f\v" + _BOM):
        raise EmptyDocument(f"{path}: empty file (nothing but whitespace); remove it or add text")
    header = read_header(text, path)
    if not text[header.end :].strip():
        raise EmptyDocument(f"{path}: no article text after the metadata; remove it or add text")
    if header.front_matter is not None:
        meta = parse_front_matter(header.front_matter, path, warnings)
    else:
        meta = {"date": header.line_date} if header.line_date else {}
    lang = guess_language(meta.get("lang"), text, header.end, path, warnings)
    date, precision = front_matter_date(meta.get("date"), path)
    if precision != "day":
        # No date, or only a month or year: a dateline or byline in the text may name the day
        # ("date 2022-01" above "(7. Jänner 2022)"). It is taken when it falls within the given date.
        found, found_precision = date_from_text(blank_header(text, header.end)[: header.end + HEAD_CHARS], lang)
        if found is not None and (date is None or found.startswith(date)):
            date, precision = found, found_precision
    if precision != "day":
        # Nothing in the file names the day: archives name their files by it ("ap/2025-02-03.txt").
        in_path = date_from_path(path)
        if in_path is not None and (date is None or in_path.startswith(date)):
            date, precision = in_path, "day"
    declared_id = str_or_none(meta.get("id"))
    if declared_id is not None and (declared_id != declared_id.strip() or any(c.isspace() for c in declared_id)):
        raise MalformedFrontMatter(f"{path}: front matter id {declared_id!r} holds spaces; use letters, digits, - _ . /")
    return Document(
        doc_id=declared_id or (doc_id if doc_id is not None else doc_id_for(path)),
        path=str(path),
        text=text,
        content_hash=content_hash(data),
        title=str_or_none(meta.get("title")) or find_title(text, header.end),
        source=str_or_none(meta.get("source")),
        url=str_or_none(meta.get("url")),
        date=date,
        date_precision=precision,
        lang=lang,
        warnings=tuple(warnings),
        story=str_or_none(meta.get("story")),
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
    return blank_header(doc.text, read_header(doc.text, Path(doc.path)).end)


def guess_language(declared, text: str, body_start: int, path: Path, warnings: list[str]) -> str:
    if declared:
        code = str(declared).strip().lower()[:2]
        if code in LANGUAGES:
            return code
        warnings.append(f"{path}: front matter lang {declared!r} is not supported (de, en); guessed from the text")
    from ..lexicon.language import detect_language  # loads the lexicons (yaml): not needed for unchanged files

    return detect_language(text[body_start : body_start + LANGUAGE_SAMPLE_CHARS])
