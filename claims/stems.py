"""Snowball stems of German and English words, for matching queries against topics and claims.

"Verletzte", "Verletzten" and "verletzt" share the German stem ``verletzt``; "troop" and
"troops" the English ``troop``. PyStemmer (the Snowball stemmers compiled to C) stems a word
in about a microsecond; each stemmer is made once and its answers are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Snowball's names of the languages claims reads (those of claims.lexicon.LANGUAGES). This module
# loads no lexicon: the store imports it, and `claims ingest` of unchanged files loads no YAML.
SNOWBALL_NAMES = {"de": "german", "en": "english"}
LANGUAGES = tuple(SNOWBALL_NAMES)

WORD = re.compile(r"[^\W_]+")  # a run of letters or digits, as SQLite's unicode61 tokenizer splits text


@lru_cache(maxsize=len(SNOWBALL_NAMES))
def _stemmer(lang: str):
    import Stemmer  # PyStemmer; loaded on first use

    return Stemmer.Stemmer(SNOWBALL_NAMES.get(lang, "german"), 0)  # no cache of its own: _STEMS is faster


_STEMS: dict[str, dict[str, str]] = {}  # lang -> word -> stem; a news corpus has some 100,000 words
_MAX_CACHED = 500_000


def _stem_of(lang: str) -> tuple[dict[str, str], object]:
    cache = _STEMS.setdefault(lang, {})
    if len(cache) > _MAX_CACHED:
        cache.clear()
    return cache, _stemmer(lang).stemWord


def stem(word: str, lang: str) -> str:
    """The Snowball stem of ``word`` (case-folded) in ``lang`` (de or en)."""
    cache, stem_word = _stem_of(lang)
    word = word.casefold()
    found = cache.get(word)
    if found is None:
        found = cache[word] = stem_word(word)
    return found


def stems(word: str) -> dict[str, str]:
    """The stem of ``word`` in each language, by language."""
    return {lang: stem(word, lang) for lang in LANGUAGES}


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded, split as the full-text index splits them."""
    return WORD.findall(text.casefold())


@lru_cache(maxsize=64)  # the claims of one sentence come one after another
def stem_text(text: str, lang: str) -> str:
    """The stems of the words of ``text`` in ``lang`` that differ from the words, each once, in order.

    This is what the store indexes beside the words as written (column ``stems``): a query for
    "Verletzten" looks for the word and for its stem ``verletzt`` in every column, and so finds
    both "verletzt" (a word as written) and "Verletzte" (whose stem is indexed). A stem equal to
    its word is indexed already, as the word.
    """
    cache, stem_word = _stem_of(lang)
    found = {}
    for word in dict.fromkeys(words(text)):
        stemmed = cache.get(word)
        if stemmed is None:
            stemmed = cache[word] = stem_word(word)
        if stemmed != word:
            found[stemmed] = None
    return " ".join(found)


def match_expression(text: str) -> str:
    """An FTS5 query for ``text``: every word must occur, as written or by its stem in either language.

    No FTS syntax from users reaches SQLite: each word is a quoted string. A word of one
    letter run also matches its stems, as words or in the ``stems`` column (see stem_text); a
    token with inner punctuation ("2.200", "al-Bashir") is matched as written, as the phrase the
    index made of it.
    """
    terms = []
    for token in text.replace("\x00", " ").split():  # SQLite ends a string at NUL
        parts = words(token)
        if not parts:
            continue
        surface = _quoted(token)
        if len(parts) == 1:
            alternatives = {surface.casefold(): surface}  # the index folds case: one of each
            for lang in LANGUAGES:
                stemmed = _quoted(stem(parts[0], lang))
                alternatives.setdefault(stemmed, stemmed)
            terms.append(f"({' OR '.join(alternatives.values())})" if len(alternatives) > 1 else surface)
        else:
            terms.append(surface)
    return " AND ".join(terms)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
