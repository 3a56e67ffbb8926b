"""Numbers in German and English text -> values and the intervals they assert.

``find_numbers`` scans the text once with a compiled master regex (digits, number words,
vague amounts; grammar.py). Each hit is then read locally (scan.py): qualifier, currency
symbol or sign in the few characters before it, scale word and unit right after it;
neighbouring hits joined by "bis"/"-"/"zwischen ... und" become ranges (ranges.py). All
language knowledge lives in lexicon/data/<lang>/numbers.yaml; number words are read in
words.py.
"""

from __future__ import annotations

from ... import lexicon
from ...lexicon.wordlists import fold_phrase
from ...models import NumberMatch
from .grammar import currency_words, grammar
from .ranges import finish, merge
from .scan import candidates, word_before

__all__ = ["bare_span", "find_numbers", "is_amount_word", "is_figure", "parse_number", "word_before"]


@lexicon.lexicon_cache(maxsize=4096)
def is_amount_word(word: str, lang: str) -> bool:
    """True if ``word`` is part of how an amount is written: a currency or its subunit ("Euro",
    "Cent") or a scale ("Millionen", "Mrd."), never what the amount is of."""
    if not word or not word[0].isalpha():
        return False
    scales = grammar(lang).roles["scales_all"]
    low = word.lower().rstrip(".")
    if low in scales or low + "." in scales:  # "Millionen", "Mio."
        return True
    return currency_words(lang).fullmatch(fold_phrase(word)) is not None


@lexicon.lexicon_cache(maxsize=8192)
def is_figure(token: str, lang: str) -> bool:
    """True if a token is a figure: digits ("350", "4.200") or a number word ("drei", "forty")."""
    if token[:1].isdigit():
        return token.replace(".", "").replace(",", "").isdigit()  # not "1980er-Jahren", "A380"
    return token.isalpha() and parse_number(token, lang) is not None


# ---------------------------------------------------------------- public API


def find_numbers(text: str, lang: str = "de") -> list[NumberMatch]:
    """Every numeric expression in ``text``: sorted, non-overlapping, ``text[m.start:m.end] == m.text``."""
    if not isinstance(text, str) or not text:
        return []
    L = grammar(lang if lang in lexicon.LANGUAGES else "de")
    return [finish(text, L, c) for c in merge(text, L, candidates(text, L))]


def parse_number(text: str, lang: str = "de") -> float | None:
    """Read a whole string as exactly one number; None if it is not exactly one number."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    found = find_numbers(stripped, lang)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return found[0].value


def bare_span(number: NumberMatch) -> tuple[int, int]:
    """The span of the number itself, without qualifier or unit."""
    if number.number_start >= 0 and number.number_end > number.number_start:
        return number.number_start, number.number_end
    return number.start, number.end
