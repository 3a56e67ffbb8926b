"""Bare four-digit years: a count when they count something ("2000 Soldaten", "über 2000"),
else a date ("2011 wurde ..."); and no date inside a larger number ("1.2 million")."""

from __future__ import annotations

import bisect
import re

from ..lexicon import load
from ..lexicon.loader import lexicon_cache
from ..lexicon.vocabulary import Vocabulary
from ..models import DateMatch, NumberMatch
from .nouns import head_noun, is_counted_noun
from .numbers import bare_span


@lexicon_cache()
def _year_openers(lang: str) -> tuple[str, ...]:
    return tuple(" " + " ".join(w.lower().split()) for w in load("dates", lang).get("year_openers", []))


def _older_years(text: str, numbers: list[NumberMatch], vocab: Vocabulary) -> list[DateMatch]:
    """Years before 1900 after a year noun and its article ("Im Jahr 1863 ertranken 189 der 259
    Personen", "in the year 1755"): dates, not counts (the date patterns read 1900-2099 only)."""
    openers = _year_openers(vocab.lang)
    found = []
    for n in numbers:
        if openers and n.kind == "cardinal" and n.qualifier == "exact" and re.fullmatch(r"1[0-8]\d\d", n.text):
            before = " " + " ".join(text[max(0, n.start - 20) : n.start].lower().split())
            if before.endswith(openers):
                found.append(DateMatch(n.start, n.end, n.text, n.text, precision="year"))
    return found


def resolve_years(text: str, numbers: list[NumberMatch], dates: list[DateMatch], vocab: Vocabulary):
    """A bare four-digit year is a count when it counts something ("2000 Soldaten",
    "über 2000"), else a date ("2011 wurde ..."); one before 1900 is a date after "im Jahr"."""
    older = _older_years(text, numbers, vocab)
    if older:
        dates = sorted(dates + older, key=lambda d: d.start)
    by_bare_span = {bare_span(n): n for n in numbers}
    kept_dates = []
    counts = set()
    number_spans = sorted((n.start, n.end) for n in numbers)
    for found in dates:
        if _inside_larger_number(found, number_spans):
            continue  # "a city of 1.2 million" is no 1 February
        number = by_bare_span.get((found.start, found.end))
        if found.precision == "year" and number is not None:
            noun = head_noun(text, number.end, min(len(text), number.end + 60), vocab, strict=True)
            if number.qualifier != "exact" or number.kind != "cardinal" or is_counted_noun(noun, vocab):
                counts.add(bare_span(number))
                continue
        kept_dates.append(found)
    date_spans = SpanSet([(d.start, d.end) for d in kept_dates])
    kept_numbers = [n for n in numbers if bare_span(n) in counts or not date_spans.overlaps(*bare_span(n))]
    return kept_numbers, kept_dates


def _inside_larger_number(found: DateMatch, number_spans: list[tuple[int, int]]) -> bool:
    """True if a number with a scale or unit runs past the end of the date ('1.2 million')."""
    i = bisect.bisect_right(number_spans, (found.end, found.end)) - 1
    while i >= 0 and number_spans[i][1] > found.start:
        start, end = number_spans[i]
        if end > found.end and not found.text[-1:].isalpha():
            return True
        i -= 1
    return False


class SpanSet:
    """Sorted, possibly overlapping spans with a fast overlap test."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        # Running maximum of ends lets one bisect answer "does anything overlap?".
        self.max_end: list[int] = []
        running = -1
        for e in self.ends:
            running = max(running, e)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start


# Any day serves: only the spans of the dates it lets the grammar place are used.
_STAND_IN_REFERENCE = "2000-06-15"


def without_yearless_dates(text: str, lang: str, numbers: list[NumberMatch], find_dates) -> list[NumberMatch]:
    """Without a publication date a year-less date ("on Feb. 3", "am 3. Jänner") cannot be placed
    in a year, so it gives no date claim; its day is still no count of 3."""
    spans = SpanSet([(d.start, d.end) for d in find_dates(text, lang, _STAND_IN_REFERENCE) if d.precision != "year"])
    return [n for n in numbers if not spans.overlaps(*bare_span(n))]
