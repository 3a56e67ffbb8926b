"""Guess whether a text is German or English from its function words."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 20_000


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = lexicon.load("languages", schema={"stopwords": {str: [str]}})
    return {lang: frozenset(words) for lang, words in data["stopwords"].items()}


def detect_language(text: str, default: str = "de") -> str:
    """Return the language whose stopwords occur most often in the first part of ``text``."""
    counts = dict.fromkeys(_stopwords(), 0)
    for match in _WORD.finditer(text[:SAMPLE_CHARS]):
        word = match.group().lower()
        for lang, words in _stopwords().items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else default


def sentence_openers(lang: str) -> frozenset[str]:
    """Function words that, capitalised, usually open a sentence."""
    return _stopwords().get(lang, frozenset())
