"""Figures of none: "no one was missing", "niemand werde mehr vermisst", "verletzt wurde niemand".

A word for no one (``nobody.words`` of extract.yaml) right beside a verb of what befell people
(a category predicate: missing, injured, killed, arrested ...) counts zero of that category. Only
auxiliaries and the few adverbs of ``nobody.gap_words`` ("mehr", "still", "reported") may stand
between them, so "No one knows how many were killed" and "Niemand weiß, wie viele ..." count
nothing. Each one kept becomes a NumberMatch of 0 (kind "none") that the classifier reads like
any figure; the builder keeps it only in a category of ``nobody.categories``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import lexicon_cache
from ..lexicon.loader import load
from ..lexicon.vocabulary import Vocabulary
from ..models import NumberMatch
from .predicates import find_predicates
from .sentences import Sentences, clause_bounds

MAX_GAP_WORDS = 3  # "niemand werde mehr vermisst", "no one was reported missing"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def nobody_categories(lang: str) -> frozenset[str]:
    """The categories a figure of none may have ("missing", "injuries" ...)."""
    return frozenset(_settings(lang).get("categories", ()))


def find_nobody(text: str, numbers: list[NumberMatch], sentences: Sentences, vocab: Vocabulary) -> list[NumberMatch]:
    """Words for no one beside a casualty verb, as NumberMatches of value 0, in text order."""
    scan = _scan(vocab.lang)
    if scan is None:
        return []
    starts = [n.start for n in numbers]
    found = []
    for word in scan.finditer(text):
        if word.start() and text[word.start() - 1].isalnum():
            continue
        i = bisect_left(starts, word.start())
        if i < len(numbers) and numbers[i].start < word.start() or i and numbers[i - 1].end > word.start():
            continue  # inside a figure
        sentence = sentences.span(sentences.locate(word.start()))
        clause = clause_bounds(text, word.start(), word.end(), sentence)
        if any(_beside(text, word, hit, vocab) for hit in find_predicates(text, clause, vocab)):
            start, end = word.span()
            found.append(NumberMatch(start=start, end=end, text=word.group(), value=0.0, low=0.0, high=0.0,
                                     qualifier="exact", unit=None, kind="none", number_start=start, number_end=end))
    return found


def without_nobody(numbers: list[NumberMatch], nobody: list[NumberMatch]) -> list[NumberMatch]:
    """``numbers`` and ``nobody`` in text order, less the number words inside a word for no one
    (the "one" of "no one")."""
    inside = [n for n in numbers if any(z.start <= n.start and n.end <= z.end for z in nobody)]
    return sorted([n for n in numbers if n not in inside] + nobody, key=lambda n: n.start)


def _beside(text: str, word: re.Match, hit, vocab: Vocabulary) -> bool:
    """True if only auxiliaries and gap words stand between the word for no one and the verb."""
    if hit.end <= word.start():
        between = text[hit.end : word.start()]
    elif hit.start >= word.end():
        between = text[word.end() : hit.start]
    else:  # a split verb around the word: "nahm niemanden fest"
        return hit.start < word.start() and hit.end > word.end() and not text[hit.start : word.start()].count(" ") > 2
    if any(mark in between for mark in ",;:.()\"„“”"):
        return False
    words = [w.lower() for w in _WORD.findall(between)]
    allowed = vocab.auxiliaries | _gap_words(vocab.lang)
    return len(words) <= MAX_GAP_WORDS and all(w in allowed for w in words)


def _settings(lang: str) -> dict:
    return load("extract", lang).get("nobody", {})


@lexicon_cache()
def _gap_words(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _settings(lang).get("gap_words", ()))


@lexicon_cache()
def _scan(lang: str) -> re.Pattern | None:
    words = sorted(_settings(lang).get("words", ()), key=len, reverse=True)
    if not words:
        return None
    forms = {form for w in words for form in (w, w[:1].upper() + w[1:])}
    return re.compile("(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)")
