"""Split text into sentences, keeping character offsets, and find noise spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

# A candidate boundary: end punctuation, optional closing quotes/brackets, then
# white space; or a line break. Checked afterwards for abbreviations.
_BOUNDARY = re.compile(r"[.!?…]+[\"'“”»«)\]]*[ \t]*(?:\r?\n|[ \t](?=[ \t]*[\"'„“»«(\[]?[^\W_a-zäöüß]))|\n")
_WORD_BEFORE = re.compile(r"([^\W_]+)[.!?…]*[\"'“”»«)\]]*\s*$")
_ROMAN = re.compile(r"[IVXLC]+")
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "z.b bzw ca usw etc vgl ggf inkl evtl u.a d.h mio mrd tsd nr dr prof st abs art bzw jh jhd "
    "hrsg mr mrs ms jr sr vs no co inc ltd corp gen col lt sgt jan feb febr mär apr jun jul aug "
    "sep sept okt oct nov dez dec mill bn approx fig sog ehem max min".split()
)


@dataclass(frozen=True, slots=True)
class Sentences:
    """Sentence spans of one text; ``locate`` finds the sentence of an offset."""

    starts: list[int]
    ends: list[int]

    def locate(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def __len__(self) -> int:
        return len(self.starts)


def _ends_sentence(text: str, punct_at: int) -> bool:
    if text[punct_at] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, punct_at - 30), punct_at + 1)
    if not before:
        return True
    word = before.group(1)
    # "3. Januar", "XX. Parteitag": ordinal numbers end with a period.
    if word.isdigit() and len(word) <= 2:
        return False
    if _ROMAN.fullmatch(word) and len(word) <= 4:
        return False
    if len(word) == 1 and word.isalpha():  # initials: "J. Smith"
        return False
    return word.lower() not in _ABBREVIATIONS


def split_sentences(text: str) -> Sentences:
    """Return the sentence spans of ``text`` (stripped of surrounding white space)."""
    starts: list[int] = []
    ends: list[int] = []
    begin = 0
    for boundary in _BOUNDARY.finditer(text):
        cut = boundary.end()
        if text[boundary.start()] != "\n" and not _ends_sentence(text, boundary.start()):
            continue
        _append(text, begin, cut, starts, ends)
        begin = cut
    _append(text, begin, len(text), starts, ends)
    if not starts:
        starts, ends = [0], [len(text)]
    return Sentences(starts, ends)


def _append(text: str, begin: int, end: int, starts: list[int], ends: list[int]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        starts.append(begin)
        ends.append(end)


@lru_cache(maxsize=1)
def _noise_regex() -> re.Pattern:
    data = lexicon.load("noise", schema={"patterns": {str: str}})
    parts = []
    for name, pattern in data["patterns"].items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise lexicon.LexiconError(f"lexicon noise.yaml: pattern '{name}' is not a valid regex: {exc}") from exc
        parts.append(f"(?:{pattern})")
    return re.compile("|".join(parts), re.IGNORECASE | re.MULTILINE)


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Spans of links, handles, phone numbers, addresses, times and list numbers."""
    return [(m.start(), m.end()) for m in _noise_regex().finditer(text) if m.end() > m.start()]


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
