"""The metadata at the top of a document: YAML front matter or a "date" first line, the title, the
publication date (from front matter or a dateline in the text)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import MalformedFrontMatter

FRONT_MATTER_KEYS = ("date", "source", "title", "url", "lang", "story", "id")
FRONT_MATTER_MAX_CHARS = 64 * 1024
HEAD_CHARS = 2000  # where title and publication date are looked for
TITLE_MAX_CHARS = 150
_FRONT_MATTER_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
# " date 2022-01 Entgegen ..." -- a metadata prefix on the first line; the rest is article text.
_LINE_DATE = re.compile(r"\A\ufeff?[ \t]*date:?[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|\Z)", re.I)
_ISO_DATE = re.compile(r"\A(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_PLAIN_PAIR = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)\Z")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True, slots=True)
class Header:
    """Where the metadata at the top of a document is; ``end`` is where article text begins."""

    end: int = 0
    front_matter: str | None = None  # the YAML between the --- lines, unparsed
    line_date: str | None = None  # the ISO date of a " date 2022-01" first line


def read_header(text: str, path: Path) -> Header:
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening:
        close = _FRONT_MATTER_CLOSE.search(text, opening.end(), opening.end() + FRONT_MATTER_MAX_CHARS)
        if not close:
            raise MalformedFrontMatter(
                f"{path}: front matter opened with '---' on line 1 is never closed; add a '---' line after it"
            )
        return Header(end=close.end(), front_matter=text[opening.end() : close.start()])
    line_date = _LINE_DATE.match(text)
    if line_date:
        return Header(end=line_date.end(), line_date=line_date.group(1))
    return Header()


def parse_front_matter(block: str, path: Path, warnings: list[str] | None = None) -> dict:
    """The keys of a front matter block. A value with a colon in it that YAML rejects
    ("title: Lake Orsa ferry: what we know") is read as the rest of its line, with a warning."""
    # Only documents with front matter need yaml: a re-ingest of unchanged files starts without it.
    import yaml

    from ..lexicon import FAST_SAFE_LOADER

    try:
        meta = yaml.load(block, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError as exc:
        plain = plain_front_matter(block)
        if plain is not None:
            if warnings is not None:
                warnings.append(f"{path}: front matter value with a colon read as the rest of its line; quote it")
            return plain
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        raise MalformedFrontMatter(f"{path}: front matter is not valid YAML{line}; fix or remove the '---' block"
                                   " (quote a value that holds a colon)") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise MalformedFrontMatter(f"{path}: front matter must be 'key: value' lines ({', '.join(FRONT_MATTER_KEYS)})")
    return {str(k).lower(): v for k, v in meta.items()}


def plain_front_matter(block: str) -> dict | None:
    """``key: value`` lines read without YAML, each value the rest of its line, when some value
    holds a colon (which YAML rejects unquoted); None if a line is no such pair or a value
    opens a YAML structure ("[", "{") or a quote it does not close."""
    meta: dict = {}
    colon = False
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PLAIN_PAIR.match(line)
        if m is None:
            return None
        key, value = m.group(1).lower(), (m.group(2) or "").strip()
        if value and value[0] in "[{|>&*!":
            return None
        if value and value[0] in "\"'":
            if len(value) < 2 or value[-1] != value[0]:
                return None
            value = value[1:-1]
        colon = colon or ": " in value
        meta[key] = value
    return meta if colon else None


def front_matter_date(value, path: Path) -> tuple[str | None, str | None]:
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
    found = date_from_text(raw, None)
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


# A day in a file's name or its folders, as archives store reports: 2025-02-03.txt, 20250203-ap.txt,
# 2025/02/03/quake.txt. Four digits of a year, then month and day, each closed by a non-digit.
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_path(path: Path) -> str | None:
    """The last day written in the path's final three parts ("reuters/2025-02-03.txt"), or None."""
    tail = "/".join(Path(path).with_suffix("").parts[-4:])
    for match in reversed(list(_PATH_DATE.finditer(tail))):
        iso = f"{match.group(1)}-{match.group(3)}-{match.group(4)}"
        if parse_iso_date(iso):
            return iso
    return None


def date_from_text(head: str, lang: str | None) -> tuple[str | None, str | None]:
    try:
        from ..extract.dates import find_publication_date
    except ImportError:  # the date stage is optional for reading documents
        return None, None
    match = find_publication_date(head, lang)
    if match is None:
        return None, None
    return match.value, match.precision


def find_title(text: str, body_start: int = 0) -> str | None:
    """The first markdown heading near the top, else the first line if it is short; else None."""
    head = text[body_start : body_start + HEAD_CHARS]
    heading = _HEADING.search(head) if "#" in head else None  # most texts have no markdown
    if heading:
        return heading.group(1).strip() or None
    first = first_line(head)
    if first:
        line, line_end = first
        if len(line) <= TITLE_MAX_CHARS and line_end < len(head) and not line.endswith((".", ",", ";")):
            return line
    return None


def first_line(head: str) -> tuple[str, int] | None:
    """The first line that starts (after spaces and tabs) with a visible character, without
    its outer spaces and tabs, and where it ends. (A regex with a lazy repeat took longer on
    texts that are one long line.)"""
    pos = 0
    while True:
        newline = head.find("\n", pos)
        line_end = newline if newline >= 0 else len(head)
        content = head[pos:line_end].lstrip(" \t\ufeff")  # a byte order mark opens no title
        if content and not content[0].isspace():
            return content.rstrip(" \t\r"), line_end  # \r: the line of a CRLF file
        if newline < 0:
            return None
        pos = newline + 1


def blank_header(text: str, end: int) -> str:
    if end == 0:
        return text
    head = re.sub(r"[^\r\n]", " ", text[:end])  # keep line breaks so line-based rules still see lines
    return head + text[end:]


def str_or_none(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
