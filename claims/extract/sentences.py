"""Split text into sentences, keeping character offsets, and find noise spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .. import lexicon
from ..errors import LexiconError
from ..lexicon.language import sentence_openers

# A candidate boundary: end punctuation, optional closing quotes/brackets, then
# white space; or a line break. Checked afterwards for abbreviations.
# The run of end punctuation is possessive and starts only at its first mark, so a run
# of 40,000 dots is tried once instead of once per dot (which was quadratic).
# The pattern opens with a character class and looks behind only after it: the engine
# then jumps between candidate characters at C speed (four times faster on news).
_BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=\n)|(?<![.!?…][.!?…])[.!?…]*+[\"'“”»«)\]]*+[ \t]*+"
    r"(?:\r?\n|[ \t]?(?<=[ \t])(?=[\"'„“»«(\[]?[^\W_a-zäöüß])))"
)
_OPENING = "\"'„“”»«([*"
_ROMAN = re.compile(r"[IVXLC]+")
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "z.b bzw ca usw etc vgl ggf inkl evtl u.a d.h mio mrd tsd nr dr prof st abs art bzw jh jhd "
    "hrsg mr mrs ms jr sr vs no co inc ltd corp gen col lt sgt jan feb febr mär apr jun jul aug "
    "sep sept okt oct nov dez dec mill bn approx fig sog ehem max min".split()
)


MAX_SENTENCE = 1500  # characters; longer runs without an end are cut at white space
WRAP_MIN_LINE = 50  # a line at least this long that ends without punctuation may wrap prose
_LINE_MARKERS = tuple("-*•#>|\n\r\t ")  # list items, headings, quotes, tables, blank or indented lines
_LINE_ENDS = tuple(".!?…:;\"'“”»«)]|")


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


def _ends_sentence(text: str, punct_at: int, lang: str | None) -> bool:
    if text[punct_at] != ".":
        return True
    chunk = text[max(0, punct_at - 30) : punct_at].rsplit(None, 1)
    word = chunk[-1].strip(_OPENING).rsplit(".", 1)[-1] if chunk else ""
    if not word:
        return True
    # German "3. Januar", "XX. Parteitag": ordinal numbers end with a period. English has no
    # such ordinals ("more than 70. A decade later"), and a German ordinal is not followed
    # by a capitalised article or pronoun ("Es starben 16. Die Polizei ...").
    if word.isdigit() and len(word) <= 2:
        return lang == "en" or _opener_follows(text, punct_at + 1, lang)
    if _ROMAN.fullmatch(word) and len(word) <= 4:
        return False
    if len(word) == 1 and word.isalpha():  # initials: "J. Smith"
        return False
    return word.lower() not in _ABBREVIATIONS


def _opener_follows(text: str, at: int, lang: str | None) -> bool:
    """True if the word after ``at`` is a capitalised function word ("Die", "Es")."""
    words = text[at : at + 20].split(None, 1)
    word = words[0].strip(_OPENING + ",;:") if words else ""
    return word[:1].isupper() and word.lower() in sentence_openers(lang or "de")


def _line_break_ends_sentence(text: str, at: int) -> bool:
    """A line break without end punctuation ends a sentence unless it wraps prose.

    Headings, address lines and list items are short or marked; a hard-wrapped
    paragraph has long lines that go on in the next one ("2,200 people\nwere injured").
    """
    line_start = text.rfind("\n", max(0, at - WRAP_MIN_LINE * 4), at) + 1
    previous = text[line_start:at].rstrip()
    following = text[at + 1 : at + 3]
    if len(previous) < WRAP_MIN_LINE or not following.strip() or following[:1] in _LINE_MARKERS:
        return True
    return previous.endswith(_LINE_ENDS)


def split_sentences(text: str, lang: str | None = None) -> Sentences:
    """Return the sentence spans of ``text`` (stripped of surrounding white space); ``lang``
    ("de", "en") decides whether "70. A" can be an ordinal (German) or not (English)."""
    starts: list[int] = []
    ends: list[int] = []
    begin = 0
    for boundary in _BOUNDARY.finditer(text):
        cut = boundary.end()
        if text[boundary.start()] == "\n":
            if not _line_break_ends_sentence(text, boundary.start()):
                continue
        elif not _ends_sentence(text, boundary.start(), lang):
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
    # Text without full stops (lists, scraped pages, hostile input) would make one huge
    # "sentence", and every claim in it would carry and scan all of it. Cut it at white space.
    while end - begin > MAX_SENTENCE:
        cut = max(text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE), text.rfind("\n", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE))
        if cut <= begin:
            cut = begin + MAX_SENTENCE
        starts.append(begin)
        ends.append(cut)
        begin = cut
        while begin < end and text[begin].isspace():
            begin += 1
    if end > begin:
        starts.append(begin)
        ends.append(end)


def _compile(name: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise LexiconError(f"lexicon noise.yaml: '{name}' is not a valid regex: {exc}") from exc


@dataclass(frozen=True)
class _Trigger:
    """A cheap test for "might there be noise near here?"."""

    characters: frozenset[str]
    words: frozenset[str]
    suffixes: tuple[str, ...]
    regex: re.Pattern

    @cached_property
    def _near_word(self) -> re.Pattern:
        """One of the words, or a word with one of the endings, in a space-joined run of
        lower-cased tokens, punctuation around it ignored (as str.strip would)."""
        punct = "[" + re.escape(_PUNCTUATION) + "]*"
        words = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True)) or "(?!)"
        ends = "|".join(re.escape(w) for w in sorted(self.suffixes, key=len, reverse=True)) or "(?!)"
        return re.compile(rf"(?:^| ){punct}(?:{words}){punct}(?= |$)|(?:{ends}){punct}(?= |$)")

    def fires(self, text: str, start: int, end: int, reach: int) -> bool:
        """Look at the characters within ``reach`` of [start, end), the two words on each side,
        and the few characters glued to the span."""
        lo = max(0, start - reach)
        if not self.characters.isdisjoint(text[lo : end + reach]):
            return True
        if self.regex.search(text, max(0, start - 3), min(len(text), end + 3)) is not None:
            return True
        near = text[lo:start].rsplit(None, 2)[-2:] + text[end : end + reach].split(None, 2)[:2]
        return self._near_word.search(" ".join(near).lower()) is not None


_PUNCTUATION = ".,;:!?()[]{}\"'„“”»«*"


@lexicon.lexicon_cache(maxsize=1)
def _noise_rules() -> tuple[re.Pattern, _Trigger, int, int]:
    """(all noise patterns as one regex, the trigger, its reach, the line-edge distance)."""
    data = lexicon.load("noise")
    union = "|".join(f"(?:{p})" for p in data["patterns"].values())
    raw = data["trigger"]
    trigger = _Trigger(
        frozenset(raw["characters"]),
        frozenset(w.lower() for w in raw["words"]),
        tuple(w.lower() for w in raw["suffixes"]),
        _compile("trigger.regex", raw["regex"]),
    )
    return _compile("patterns", union), trigger, data["trigger_reach"], data["line_edge"]


def _word_start(text: str, i: int) -> int:
    """Move ``i`` back to the start of the white-space-free run it is in (at most 300 chars)."""
    stop = max(0, i - 300)
    while i > stop and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    stop = min(len(text), i + 300)
    while i < stop and not text[i].isspace():
        i += 1
    return i


class NoiseChecker:
    """Answers "is this span noise?" by scanning only the lines that are asked about.

    Scanning every line of a document with the noise patterns costs more than
    the rest of extraction; only spans holding numbers or dates are ever asked
    about, and noise never crosses a line, so each line is scanned once, lazily.
    """

    REACH = 40  # how far around a span the patterns look (widened to whole words)

    def __init__(self, text: str):
        self.text = text
        self._regex, self._trigger, self._reach, self._line_edge = _noise_rules()
        self._scanned: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def _suspicious(self, start: int, end: int) -> bool:
        edge = max(0, start - self._line_edge)
        if edge == 0 or "\n" in self.text[edge:start]:
            return True  # list numbers, postal lines and metadata start lines
        return self._trigger.fires(self.text, start, end, self._reach)

    def _window(self, start: int, end: int) -> tuple[int, int]:
        """The span plus REACH characters each side, cut at line breaks, widened to whole words."""
        text = self.text
        lo = max(0, start - self.REACH)
        lo = max(text.rfind("\n", lo, start) + 1, _word_start(text, lo))
        hi = min(len(text), end + self.REACH)
        line_end = text.find("\n", end, hi)
        hi = line_end if line_end >= 0 else _word_end(text, hi)
        return lo, hi

    def overlaps(self, start: int, end: int) -> bool:
        if not self._suspicious(start, end):
            return False
        window = self._window(start, end)
        spans = self._scanned.get(window)
        if spans is None:
            spans = [(m.start(), m.end()) for m in self._regex.finditer(self.text, *window) if m.end() > m.start()]
            self._scanned[window] = spans
        return any(a < end and b > start for a, b in spans)


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
