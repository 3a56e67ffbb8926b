"""Sentences of a text with their offsets, and the per-text context the extraction rules share.

``split_sentences`` finds the sentence spans; ``TextContext`` holds what every rule of one
text needs (the text, its vocabulary, its sentences, where its numbers stand, the dates of
each sentence) and what is read once per sentence and shared by its claims.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..lexicon.vocabulary import Vocabulary
from ..models import DateMatch, NumberMatch

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


def _ends_sentence(text: str, punct_at: int, vocab: Vocabulary) -> bool:
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
        return not vocab.dot_ordinals or _opener_follows(text, punct_at + 1, vocab)
    if _ROMAN.fullmatch(word) and len(word) <= 4:
        return False
    if len(word) == 1 and word.isalpha():  # initials: "J. Smith"
        return False
    return word.lower() not in _ABBREVIATIONS


def _opener_follows(text: str, at: int, vocab: Vocabulary) -> bool:
    """True if the word after ``at`` is a capitalised function word ("Die", "Es")."""
    words = text[at : at + 20].split(None, 1)
    word = words[0].strip(_OPENING + ",;:") if words else ""
    return word[:1].isupper() and word.lower() in vocab.sentence_openers


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


def split_sentences(text: str, vocab: Vocabulary) -> Sentences:
    """Return the sentence spans of ``text`` (stripped of surrounding white space); the
    language's ``dot_ordinals`` decide whether "70. A" can be an ordinal (German) or not."""
    starts: list[int] = []
    ends: list[int] = []
    begin = 0
    for boundary in _BOUNDARY.finditer(text):
        cut = boundary.end()
        if text[boundary.start()] == "\n":
            if not _line_break_ends_sentence(text, boundary.start()):
                continue
        elif not _ends_sentence(text, boundary.start(), vocab):
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


# Between a claim and a break of its clause: semicolons, colons and dashes.
_CLAUSE_BREAK = re.compile(r"[;:–—]|\s-\s")
CLAUSE_REACH = 300  # characters searched for a clause break on each side of a claim


def clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence around [start, end) between semicolons, colons and dashes."""
    lo, hi = sentence
    for found in _CLAUSE_BREAK.finditer(text, max(lo, start - CLAUSE_REACH), start):
        lo = found.end()
    after = _CLAUSE_BREAK.search(text, end, min(hi, end + CLAUSE_REACH))
    if after:
        hi = after.start()
    return lo, hi


class TextContext:
    """What the rules share while one text is read: rule modules take it instead of a builder.

    ``number_starts`` and ``number_ends`` are where the figures stand once they are known;
    ``dates_by_sentence`` the dates found, by sentence index; ``scope_dates`` those that may
    give a claim its time (set by the scope stage). ``per_sentence`` reads a thing once per
    sentence, ``cache`` holds what a rule reads once per number.
    """

    def __init__(self, text: str, vocab: Vocabulary, sentences: Sentences, dates: list[DateMatch], as_of: str | None):
        self.text, self.vocab, self.lang, self.sentences, self.as_of = text, vocab, vocab.lang, sentences, as_of
        self.default_scope = as_of[:7] if as_of else None
        self.dates_by_sentence: dict[int, list[DateMatch]] = {}
        for found in dates:
            self.dates_by_sentence.setdefault(sentences.locate(found.start), []).append(found)
        self.scope_dates: dict[int, list[DateMatch]] = {}
        self.number_starts: list[int] = []
        self.number_ends: set[int] = set()
        self.cache: dict = {}
        self._per_sentence: dict[tuple[str, int], object] = {}
        self._sentence_texts: dict[tuple[int, int], str] = {}
        self._clauses: dict[tuple[int, int], tuple[int, tuple[int, int]]] = {}

    def set_numbers(self, numbers: list[NumberMatch]) -> None:
        self.number_starts = [n.start for n in numbers]
        self.number_ends = {n.end for n in numbers}

    def locate(self, offset: int) -> int:
        """The index of the sentence holding ``offset``."""
        return self.sentences.locate(offset)

    def span(self, index: int) -> tuple[int, int]:
        return self.sentences.span(index)

    def clause(self, number: NumberMatch) -> tuple[int, tuple[int, int]]:
        """The index of the number's sentence and the bounds of its clause (read once per span:
        every stage asks it of the same numbers)."""
        key = (number.start, number.end)
        found = self._clauses.get(key)
        if found is None:
            index = self.sentences.locate(number.start)
            found = self._clauses[key] = index, clause_bounds(self.text, *key, self.sentences.span(index))
        return found

    def per_sentence(self, what: str, index: int, read):
        """``read(text, sentence span, vocabulary)`` for sentence ``index``, computed once."""
        key = (what, index)
        if key not in self._per_sentence:
            self._per_sentence[key] = read(self.text, self.sentences.span(index), self.vocab)
        return self._per_sentence[key]

    def sentence_text(self, start: int, end: int) -> str:
        """``text[start:end]``, one string for all claims of a sentence: dense text has thousands."""
        sentence = self._sentence_texts.get((start, end))
        if sentence is None:
            sentence = self._sentence_texts[(start, end)] = self.text[start:end]
        return sentence

    def new_paragraph(self, index: int) -> bool:
        """True if sentence ``index`` starts a paragraph (a line break before it)."""
        previous_end = self.sentences.ends[index - 1] if index > 0 else 0
        return "\n" in self.text[previous_end : self.sentences.starts[index]]
