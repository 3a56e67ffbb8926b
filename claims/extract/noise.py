"""Noise: what looks like a claim and is none.

Contact data, links, handles, times and list numbers (the patterns of noise.yaml, run only
near a number); datelines, bylines and citations, which date a source, not an event; and
figures that are names or ordinals ("Nr. 5", "die 4. Winterwelt", "Bündnis 90") or part of
an idiom ("eins zu eins").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .. import lexicon
from ..errors import LexiconError
from ..lexicon.vocabulary import Vocabulary
from ..models import DateMatch, NumberMatch
from .nouns import TOKEN
from .numbers import bare_span
from .numbers.grammar import VULGAR_FRACTIONS, grammar
from .sentences import TextContext

_AFTER_HANDLE = re.compile(r"@\w+\)\s*$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_SEPARATORS = " \t\r|-–—*#:,/"  # \r: a CRLF line ends there too
# A clock time right after a dateline's date, with a short word or two after it (a unit of the
# hour, a time zone): the line still dates the page.
_CLOCK_AFTER = re.compile(r"^[\s,|/–-]*\d{1,2}[:.]\d{2}(?:\s*[^\W\d_]{1,4}\.?){0,3}")
DATELINE_REACH = 200  # a dateline is short: look no further each side
_WIRE_PLACE = re.compile(r"\s*[A-ZÄÖÜ][A-ZÄÖÜ .'/-]{1,40},(?:\s*[A-ZÄÖÜ][^\W\d_][\w .'-]{0,30},)?\s*")  # "ALMATY, ", "BUKAVU, Congo, "


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
        """Look at the characters within ``reach`` of [start, end), three words before and two after,
        and the few characters glued to the span."""
        lo = max(0, start - reach)
        if not self.characters.isdisjoint(text[lo : end + reach]):
            return True
        if self.regex.search(text, max(0, start - 3), min(len(text), end + 3)) is not None:
            return True
        near = text[lo:start].rsplit(None, 3)[-3:] + text[end : end + reach].split(None, 2)[:2]
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
    after = _CLOCK_AFTER.sub("", after, count=1)  # "Stand: 05.03.2024 14:22 Uhr", "March 5, 2024, 2:22 p.m. ET"
    if not before.strip() and not after.strip(_SEPARATORS):
        return True
    if _WIRE_PLACE.fullmatch(before) and after.lstrip()[:1] in ("-", "–", "—", "("):
        return True
    return not after.strip(_SEPARATORS) and before.rstrip().endswith(tuple(_SEPARATORS)) and len(before.split()) <= 6


def is_identifier(ctx: TextContext, number: NumberMatch) -> bool:
    """'Nr. 5', 'Artikel 5', 'Platz 13', 'Artikel 49-3': the word before makes the number a name."""
    if number.kind == "money" or _written_percent(ctx, number):
        return False  # "fordert Airbus 5,3 Milliarden Euro", "u. a. 51 Prozent": an amount, not "Airbus 5"
    words = ctx.text[max(0, number.start - 20) : number.start].split()
    if len(words) > 1 and words[-1][:-1].isdigit() and words[-1][-1] in "-/":
        words.pop()  # "Artikel 49-3", "Zimmer 12/4": the second number of one name
    if not words or words[-1].endswith((",", ";")):
        return False  # "865.835 Artikel, 220 Millionen Wörter": a list, not "Artikel 220"
    return words[-1].strip(".:()").lower() in ctx.vocab.identifier_words or _ends_quoted_name(ctx, number)


_QUOTES = "„“”\"»«‚‘’"


def _ends_quoted_name(ctx: TextContext, number: NumberMatch) -> bool:
    """„Fokker 100“, „Christoph 27“, „Linke Gewalt in Berlin 2009-2013“: a number that closes a
    quoted name after a capitalised word names a thing (an aircraft, a helicopter, a study)."""
    text = ctx.text
    if number.end >= len(text) or text[number.end] not in _QUOTES:
        return False
    before = text[max(0, number.start - 80) : number.start]
    opening = max(before.rfind(quote) for quote in _QUOTES)
    if opening < 0:
        return False
    inside = before[opening + 1 :]
    words = inside.split()
    # a bare number inside is a quoted figure ("18 von 20"); "GY-80" is a name's
    return bool(words) and words[-1][:1].isupper() and not any(ch in ".!?" for ch in inside) \
        and not any(word.strip(",;:").replace(".", "").isdigit() for word in words)


def _written_percent(ctx: TextContext, number: NumberMatch) -> bool:
    """A percentage with its unit written after the figure ("51 Prozent"); not a share or a
    percentage borrowed from a neighbour ("Platz fünf von sechs", "Nummer eins")."""
    if number.unit != "%":
        return False
    tail = number.text.lower()
    return any(tail.endswith(word.lower()) for word in grammar(ctx.vocab.lang).data["percent"])


def is_ordinal(ctx: TextContext, number: NumberMatch) -> bool:
    """German "die 4. Winterwelt", "ein 13. Monatsgehalt": digits, a period, the phrase goes on;
    or digits, a period and a comma, a bracket or a plus: the minutes of goals "(7., 83., 90.+2)"
    with their added minutes (a cardinal at the end of a clause takes no period before its comma)."""
    if not ctx.vocab.dot_ordinals or number.kind != "cardinal" or not number.text.isdigit():
        return False
    after = ctx.text[number.end : number.end + 40]
    if after[:2] in (".,", ".)", ".;", ".+"):
        return True
    if number.start >= 3 and ctx.text[number.start - 2 : number.start] == ".+" and ctx.text[number.start - 3].isdigit():
        return True  # the added minutes of "90.+2"
    if not after.startswith(". "):
        return False
    word = TOKEN.match(after, 2)
    if word is None or not word.group()[0].isalpha():
        return False
    # A capitalised article or pronoun after the period starts a new sentence: "Es starben 16. Die ..."
    return not (word.group()[0].isupper() and word.group().lower() in ctx.vocab.sentence_openers)


def is_name_number(ctx: TextContext, number: NumberMatch) -> bool:
    """'Expedition 13', 'Bündnis 90/Die Grünen': a name with a number, counting nothing."""
    if number.kind != "cardinal" or number.qualifier != "exact" or number.start != bare_span(number)[0]:
        return False
    text = ctx.text
    before = TOKEN.findall(text, max(0, number.start - 30), number.start)
    if not before or not before[-1][0].isupper() or not before[-1].replace("-", "").isalpha():
        return False
    if not number.text[:1].isdigit() and len(before) > 1 and before[-2].lower() in ctx.vocab.phrase_articles:
        return False  # "bis zum Nachmittag fünf", not "ORF eins"
    sentence_start = ctx.span(ctx.locate(number.start))[0]
    return text.rfind(before[-1], sentence_start, number.start) > sentence_start


def is_bare_fraction(number: NumberMatch, category: str) -> bool:
    """ "1/2 Liter", "¾ der Strecke", "ein halbes Schwein": a fraction below one that has no unit
    (percent, money), no scale and no duration counts nothing; "1/2 Prozent", "½ Million Euro",
    "ein halbes Jahr" and "3/4 der Befragten" (a share) are claims."""
    if category != "count" or number.unit is not None or not 0 < abs(number.value) < 1:
        return False
    # "0,5 Liter" (a decimal) stays as it was; fractions are marked or written in words
    return any(ch in number.text for ch in _FRACTION_MARKS) or not any(ch.isdigit() for ch in number.text)


_FRACTION_MARKS = "/" + "".join(VULGAR_FRACTIONS)


def in_idiom(ctx: TextContext, number: NumberMatch) -> bool:
    """True if the number is part of a fixed phrase ("eins zu eins", "one by one")."""
    idioms = ctx.vocab.idioms
    if not idioms.may_match_digits and any(ch.isdigit() for ch in number.text):
        return False  # "eins zu eins", "one by one": idioms of number words, not of figures
    lo, hi = max(0, number.start - 20), min(len(ctx.text), number.end + 20)
    return any(m.start() <= number.start and m.end() >= number.end for m in idioms.finditer(ctx.text, lo, hi))
