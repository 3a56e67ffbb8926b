"""Guess whether a text is German or English from its function words."""

from __future__ import annotations

from .loader import lexicon_cache, load

SAMPLE_CHARS = 5_000


@lexicon_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = load("languages")
    return {lang: frozenset(word.lower() for word in words) for lang, words in data["stopwords"].items()}


def detect_language(text: str, default: str = "de") -> str:
    """Return the language whose stopwords occur most often in the first part of ``text``."""
    # split() and set lookups through map() stay in C: a regex alternation or a Python
    # loop over the words cost more than extracting the claims of a short article.
    words = text[:SAMPLE_CHARS].lower().split()
    counts = {lang: sum(map(stopwords.__contains__, words)) for lang, stopwords in _stopwords().items()}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else default


def sentence_openers(lang: str) -> frozenset[str]:
    """Function words that, capitalised, usually open a sentence."""
    return _stopwords().get(lang, frozenset())
