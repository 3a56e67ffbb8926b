"""Compile the word patterns of the lexicons into fast matchers.

A pattern is a lower-case word or phrase; a trailing ``*`` allows up to four
more letters (inflection); ``...`` stands for up to eight words; a leading ``=`` makes it match in exactly the case
written (German verbs are lower case: ``=leben`` is not the noun "Leben"). Tokens are normalised first: lower-cased, and German
gender forms (``Demonstrant_innen``, ``Demonstrant*innen``, ``DemonstrantInnen``)
reduced to their stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LETTER = r"[^\W\d_]"
CACHE_LIMIT = 200_000  # bounds memory on endless streams of new words
_GAP = r"\S+(?:\s+\S+){0,7}?"
_GENDER = re.compile(r"(?:[_*:/]|(?<=[a-zäöüß])(?=I))[iI]nnen$|(?<=[a-zäöüß])In$")


def normalise_token(token: str) -> str:
    """Lower-case ``token`` and strip German gender suffixes."""
    return _GENDER.sub("", token).lower()


def _word_regex(word: str) -> str:
    if word == "...":
        # up to eight words in between ("nahm* ... fest"); \s and \S never overlap,
        # so the bounded repeat cannot backtrack badly.
        return _GAP
    if word.endswith("*"):
        return re.escape(word[:-1]) + LETTER + "{0,4}"
    return re.escape(word)


def _pattern_regex(pattern: str) -> str:
    body = r"\s+".join(_word_regex(word) for word in pattern.lstrip("=").split())
    return f"(?-i:{body})" if pattern.startswith("=") else body


class WordMatcher:
    """Matches single tokens or phrases in text against a list of patterns."""

    def __init__(self, patterns: Iterable[str]):
        self.patterns = [p if p.startswith("=") else p.lower() for p in patterns]
        alternation = "|".join(
            _pattern_regex(p) for p in sorted(self.patterns, key=len, reverse=True)
        ) or r"(?!x)x"
        self._token = re.compile(rf"(?:{alternation})")
        self._suffix = re.compile(rf"(?:{alternation})$")
        self._phrase = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)

        # Answers per token; news repeats its words, so most lookups are hits.
        self._exact_cache: dict[str, bool] = {}
        self._head_cache: dict[str, bool] = {}

    def matches(self, token: str) -> bool:
        """True if the normalised token is one of the patterns."""
        known = self._exact_cache.get(token)
        if known is None:
            known = self._token.fullmatch(normalise_token(token)) is not None
            if len(self._exact_cache) < CACHE_LIMIT:
                self._exact_cache[token] = known
        return known

    def matches_head(self, token: str) -> bool:
        """True if the token, or the last part of a compound noun, is one of the patterns."""
        known = self._head_cache.get(token)
        if known is None:
            known = self._matches_head(token)
            if len(self._head_cache) < CACHE_LIMIT:
                self._head_cache[token] = known
        return known

    def _matches_head(self, token: str) -> bool:
        return self.matches_head_normalised(normalise_token(token))

    def matches_normalised(self, word: str) -> bool:
        """``matches`` for a token already passed through ``normalise_token`` (no cache)."""
        return self._token.fullmatch(word) is not None

    def may_match_head(self, word: str) -> bool:
        """False only if no pattern can match the normalised ``word`` or any of its ends:
        a quick test before asking many matchers the same question."""
        return self._suffix.search(word) is not None

    def matches_head_normalised(self, word: str) -> bool:
        """``matches_head`` for a token already passed through ``normalise_token`` (no cache)."""
        if self._token.fullmatch(word):
            return True
        last = word.rsplit("-", 1)[-1]
        if last != word and self._token.fullmatch(last):
            return True
        found = self._suffix.search(word)
        # A compound head must leave a real first part ("Öl|arbeiter"), not a prefix letter.
        return found is not None and found.start() >= 2

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Phrase matches in ``text[start:end]`` as ``re.Match`` objects."""
        return self._phrase.finditer(text, start, len(text) if end is None else end)


class KeyedMatcher:
    """Maps tokens to a key: the first group whose patterns match wins."""

    def __init__(self, groups: dict[str, Iterable[str]]):
        self.groups = [(key, WordMatcher(patterns)) for key, patterns in groups.items()]

    def key_of_normalised(self, word: str) -> str | None:
        """``key_of`` (whole tokens) for a token already passed through ``normalise_token``."""
        for key, matcher in self.groups:
            if matcher.matches_normalised(word):
                return key
        return None

    def key_of(self, token: str, compound: bool = False) -> str | None:
        for key, matcher in self.groups:
            if (matcher.matches_head(token) if compound else matcher.matches(token)):
                return key
        return None


def alternation_tree(words: Iterable[str], flexible_spaces: bool = True) -> str:
    """A regex alternation of ``words`` as a prefix tree, which the engine rejects at the
    first letter instead of trying each word; a space in a phrase matches any white space
    unless ``flexible_spaces`` is false. Never matches when ``words`` is empty."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            (r"\s+" if ch == " " and flexible_spaces else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if "" in node else alt

    return emit(trie) if trie else "(?!)"
