"""Which dates and years found in a text are claims.

Datelines, bylines, tweet stamps and source citations date a report, not an
event; a bare four-digit year may be a count ("2000 Soldaten"); a date inside
a larger number ("1.2 million") is no date. Also the interval a date asserts.
"""

from __future__ import annotations

import bisect
import re

from ..models import DateMatch, NumberMatch
from .nouns import TOKEN, head_noun, is_counted_noun
from .sentences import NoiseChecker, SpanSet
from ..lexicon.vocabulary import Vocabulary

_AFTER_HANDLE = re.compile(r"@\w+\)\s*$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_SEPARATORS = " \t|-–—*#:,/"
DATELINE_REACH = 200  # a dateline is short: look no further each side
_WIRE_PLACE = re.compile(r"\s*[A-ZÄÖÜ][A-ZÄÖÜ .'/-]{1,40},\s*")  # "ALMATY, ", "NEW YORK, "


def is_metadata_date(text: str, found: DateMatch, noise: NoiseChecker, vocab: Vocabulary) -> bool:
    """Datelines, bylines, tweet stamps and citations date a source, not an event."""
    if noise.overlaps(found.start, found.end) and not _YEAR.fullmatch(found.text.strip()):
        return True
    if found.precision == "day" and _is_dateline(text, found):
        return True
    before = text[max(0, found.start - 90) : found.start]
    if _AFTER_HANDLE.search(before):
        return True
    after = text[found.end : found.end + 25]
    opened = before.rfind("(")
    if opened > before.rfind(")") and len(before) - opened <= 80 and ")" in after and "(" not in after.split(")")[0]:
        inner = before[opened + 1 :] + found.text + after.split(")")[0]
        if len(inner.split()) <= 8:
            return True  # "(7. Jänner 2022)", "(UZ-Online, 10.1.22)", "(hrw.org, 10.09.2012 und taz 18.12.2011)"
    words = [t.group() for t in TOKEN.finditer(before[-40:])]
    return any(vocab.citation_words.matches_head(w) for w in words[-3:])


def _is_dateline(text: str, found: DateMatch) -> bool:
    """A date opening a line with only separators after it ("10. Januar 2022 |"), closing a
    short line after a separator ("für Presse und Öffentlichkeit - 11.01.2022"), or in a
    wire dateline ("ALMATY, Jan 9 (Reuters) -")."""
    # A dateline is short: look no further than DATELINE_REACH each side (a page without
    # line breaks would otherwise cost its whole length per date).
    lo = max(0, found.start - DATELINE_REACH)
    line_start = text.rfind("\n", lo, found.start) + 1 or lo
    line_end = text.find("\n", found.end, found.end + DATELINE_REACH)
    before = text[line_start : found.start]
    after = text[found.end : line_end if line_end >= 0 else min(len(text), found.end + DATELINE_REACH + 1)]
    if not before.strip() and not after.strip(_SEPARATORS):
        return True
    if _WIRE_PLACE.fullmatch(before) and after.lstrip()[:1] in ("-", "–", "—", "("):
        return True
    return not after.strip(_SEPARATORS) and before.rstrip().endswith(tuple(_SEPARATORS)) and len(before.split()) <= 6


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


def date_bounds(found: DateMatch) -> tuple[str | None, str | None]:
    """The interval a date asserts: 'seit dem 2. Januar' has no end, 'bis zum 19. Januar' no start."""
    low = found.low or found.value
    high = found.high or found.value
    if found.qualifier == "at_least":
        return low, None
    if found.qualifier == "at_most":
        return None, high
    return low, high


def bare_span(number: NumberMatch) -> tuple[int, int]:
    """The span of the number itself, without qualifier or unit."""
    if number.number_start >= 0 and number.number_end > number.number_start:
        return number.number_start, number.number_end
    return number.start, number.end
