"""Resolution of date atoms against the publication date: the year of a year-less date, the
day of "gestern" or a weekday, and the dates they make (see the policy in __init__.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...lexicon.wordlists import fold_phrase
from ...models import DateMatch
from .atoms import Atom
from .grammar import Grammar

FUTURE_WINDOW_DAYS = 62


SCHEDULED_SLACK_DAYS = 31  # a planned date this long before publication is still this year's


CLAUSE_REACH = 160  # characters searched on each side of a date for the tense of its clause


# Ends of a clause: punctuation, or a full stop after a word ("statt. Die"), not after a day ("3. Januar").
_CLAUSE_BREAK = re.compile(r"[,;:!?\n]|(?<=[^\W\d_]{2})\.(?=\s)")


@dataclass(frozen=True)
class Reference:
    day: dt.date  # the latest day the publication date can be
    precision: str


def reference(doc_date) -> Reference | None:
    """The publication date as a day, or None when unknown or unreadable."""
    if isinstance(doc_date, dt.datetime):
        return Reference(doc_date.date(), "day")
    if isinstance(doc_date, dt.date):
        return Reference(doc_date, "day")
    if not isinstance(doc_date, str):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z ]*)?\s*", doc_date)
    try:
        if not m:
            return None
        year = int(m[1])
        if m[3]:
            return Reference(dt.date(year, int(m[2]), int(m[3])), "day")
        if m[2]:
            month = int(m[2])
            if not 1 <= month <= 12:
                return None
            return Reference(dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1), "month")
        return Reference(dt.date(year, 12, 31), "year")
    except ValueError:
        return None


def _date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m or 1, d or 1) if y else None
    except (ValueError, TypeError, OverflowError):
        return None


def _iso(y: int, m: int | None, d: int | None) -> str | None:
    """ISO text at the precision given, or None for an impossible date."""
    if _date(y, m, d) is None:
        return None
    return f"{y:04d}" if m is None else f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _precision(m: int | None, d: int | None) -> str:
    return "year" if m is None else "month" if d is None else "day"


def _year_for(m: int, d: int | None, ref: Reference, weekday: int | None = None, direction: int = 0) -> int:
    """Year of a year-less date: the publication year unless that lies too far ahead
    (or, after "vergangenen"/"kommenden", on the wrong side of the publication date)."""
    year = ref.day.year
    if direction:
        first = _date(year, m, d)
        if first is None:
            return year
        last = first if d else _date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        if direction < 0 and last >= ref.day:
            return year - 1
        return year + 1 if direction > 0 and first <= ref.day else year
    when = _date(year, m, d if d != 29 or m != 2 else 28)
    if when is None or when > ref.day + dt.timedelta(days=FUTURE_WINDOW_DAYS):
        year -= 1
    if weekday is not None and d:
        for candidate in (year, year - 1, year + 1):
            when = _date(candidate, m, d)
            if when and when.weekday() == weekday and when <= ref.day + dt.timedelta(days=FUTURE_WINDOW_DAYS):
                return candidate
    return year


def relative_year(text: str, g: Grammar, a: Atom, ref: Reference | None) -> tuple[int | None, int]:
    """Year and end of a year-less atom: from "letzten Jahres" after it, else by policy."""
    sm = g.suffix.match(text, a.end)
    if ref is None:
        return None, a.end
    offset = g.lex["relative_years"].get(fold_phrase(sm["rel"])) if sm else None
    if offset is not None:
        return ref.day.year + offset, sm.end()
    m, d = (a.end_date[1], a.end_date[2]) if a.end_date else (a.m, a.d)
    weekday = None if a.end_date else a.weekday
    if not a.direction and weekday is None and _scheduled(text, g, a):
        return _year_ahead(m, d, ref), a.end
    return _year_for(m, d, ref, weekday, a.direction), a.end


def _scheduled(text: str, g: Grammar, a: Atom) -> bool:
    """True if the clause around the date tells of something planned and of nothing past:
    "Die Wahl soll am 20. März stattfinden", "is scheduled for March 20"."""
    before = text[max(0, a.start - CLAUSE_REACH) : a.start]
    after = text[a.end : a.end + CLAUSE_REACH]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    stop = _CLAUSE_BREAK.search(after)
    clause = before[cut:] + " " + after[: stop.start() if stop else len(after)]
    return g.scheduled.search(clause) is not None and g.past_tense.search(clause) is None


def _year_ahead(m: int, d: int | None, ref: Reference) -> int:
    """Year of a planned date: the next such date, or one a little before the publication
    date (reported late)."""
    year = ref.day.year
    first = _date(year, m, d if d != 29 or m != 2 else 28)
    if first is None:
        return year
    last = first if d else _date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return year if last >= ref.day - dt.timedelta(days=SCHEDULED_SLACK_DAYS) else year + 1


def make_date(text: str, start: int, end: int, low: tuple, high: tuple | None, qualifier: str) -> DateMatch | None:
    value = _iso(*low)
    if value is None:
        return None
    if high is None:
        return DateMatch(start, end, text[start:end], value, None, None, _precision(low[1], low[2]), qualifier)
    top = _iso(*high)
    if top is None or _date(*high) < _date(*low) or top == value:
        return None
    return DateMatch(start, end, text[start:end], value, value, top, _precision(low[1], low[2]), "range")


def relative_day(a: Atom, ref: Reference) -> dt.date:
    """The day a relative word or a bare weekday names, seen from the publication day."""
    if a.kind == "rel":
        return ref.day + dt.timedelta(days=a.offset)
    back = (ref.day.weekday() - a.weekday) % 7
    if a.direction > 0:
        return ref.day + dt.timedelta(days=7 - back)
    return ref.day - dt.timedelta(days=back or (7 if a.direction < 0 else 0))
