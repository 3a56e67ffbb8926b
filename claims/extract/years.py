"""Bare four-digit years: a count when they count something ("2000 Soldaten", "über 2000"),
else a date ("2011 wurde ..."); and no date inside a larger number ("1.2 million")."""

from __future__ import annotations

import bisect

from ..lexicon.vocabulary import Vocabulary
from ..models import DateMatch, NumberMatch
from .nouns import head_noun, is_counted_noun
from .numbers import bare_span


def resolve_years(text: str, numbers: list[NumberMatch], dates: list[DateMatch], vocab: Vocabulary):
    """A bare four-digit year is a count when it counts something ("2000 Soldaten",
    "über 2000"), else a date ("2011 wurde ...")."""
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
