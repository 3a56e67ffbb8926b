"""Compile the word patterns of the lexicons into fast matchers.

A pattern is a lower-case word or phrase; a trailing ``*`` allows up to four
more letters (inflection); ``...`` stands for up to eight words; ``~`` for an adverbial gap the
matcher is given (up to three phrases of time or place, "sprach am Mittwoch in Lyon von"), which
may be empty; a leading ``=`` makes it match in exactly the case
written (German verbs are lower case: ``=leben`` is not the noun "Leben"). Tokens are normalised first: lower-cased, and German
gender forms (``Demonstrant_innen``, ``Demonstrant*innen``, ``DemonstrantInnen``, and the
feminine plural ``Demonstrantinnen``) reduced to their stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from .gaps import ADVERBIAL
from .tokens import normalise_token

LETTER = r"[^\W\d_]"
CACHE_LIMIT = 200_000  # bounds memory on endless streams of new words
_GAP = r"\S+(?:\s+\S+){0,7}?"


# Letters that IGNORECASE matches to an ASCII letter but str.lower() keeps apart.
_CASE_ODDITIES = ("ı", "ſ")
LOWERED_MIN_CHARS = 256  # shorter texts are scanned directly
_LOWERED_SLOTS = 4  # documents being read at once (threads) before answers are recomputed
_lowered: tuple[tuple[str, str | None], ...] = ()


def lowered(text: str) -> str | None:
    """``text.lower()`` if it keeps every offset and case match, else None.

    The answers for the last few long texts are kept (found by identity), as every
    matcher scans the same document; short texts get None and are scanned directly.
    """
    global _lowered
    if len(text) < LOWERED_MIN_CHARS:
        return None
    for known, low in _lowered:
        if known is text:
            return low
    low = text.lower()
    if len(low) != len(text) or any(odd in text for odd in _CASE_ODDITIES):
        low = None
    _lowered = ((text, low), *_lowered[: _LOWERED_SLOTS - 1])
    return low


def fold_phrase(words: str | None) -> str:
    """``words`` case-folded, with single spaces: the key of a phrase in a lexicon table.

    casefold, not lower: the patterns match case-insensitively, so "jahreſ" (long s)
    matched "jahres" and must be looked up as "jahres"."""
    return " ".join(words.casefold().split()) if words else ""


def _word_regex(word: str, gap: str = "") -> str:
    if word == ADVERBIAL:
        return gap
    if word == "...":
        # up to eight words in between ("nahm* ... fest"); \s and \S never overlap,
        # so the bounded repeat cannot backtrack badly.
        return _GAP
    if word.endswith("*"):
        return re.escape(word[:-1]) + LETTER + "{0,4}"
    return re.escape(word)


def _pattern_regex(pattern: str, gap: str = "") -> str:
    body = ""
    for i, word in enumerate(pattern.lstrip("=").split()):
        # an adverbial gap holds the white space before it
        body += ("" if i == 0 or word == ADVERBIAL else r"\s+") + _word_regex(word, gap)
    return f"(?-i:{body})" if pattern.startswith("=") else body


def _pattern_atoms(pattern: str, gap: str = "") -> tuple[str, ...]:
    """``pattern`` as a sequence of regex atoms (one per letter, gap or word break), for a prefix tree."""
    atoms: list[str] = []
    for i, word in enumerate(pattern.split()):
        if word == ADVERBIAL:
            atoms.append(f"(?:{gap})" if gap else "(?:)")
            continue
        if i:
            atoms.append(r"\s+")
        if word == "...":
            atoms.append(_GAP)
        elif word.endswith("*"):
            atoms.extend(re.escape(ch) for ch in word[:-1])
            atoms.append(LETTER + "{0,4}")
        else:
            atoms.extend(re.escape(ch) for ch in word)
    return tuple(atoms)


def pattern_tree(patterns: Iterable[str], gap: str = "") -> str:
    """An alternation of word patterns (see the module doc) as a prefix tree of regex atoms.

    It matches the same strings as the plain alternation of the patterns, but the engine
    tries about one branch per letter instead of every pattern: several times faster on
    long word lists. The order of the branches is not the order of the patterns, so a
    match may be shorter than the longest pattern's: use it to find where matches start.
    """
    tree = _prefix_tree(_pattern_atoms(pattern, gap) for pattern in patterns)
    return r"(?!x)x" if tree is None else tree


def _prefix_tree(sequences: Iterable[Iterable[str]]) -> str | None:
    """The alternation of sequences of regex atoms as a prefix tree (None for no sequences): a
    shared start is written once, so the engine tries one branch per atom instead of each sequence."""
    trie: dict = {}
    for atoms in sequences:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if "" in node else alt

    return emit(trie) if trie else None


class WordMatcher:
    """Matches single tokens or phrases in text against a list of patterns."""

    def __init__(self, patterns: Iterable[str], gap: str = ""):
        """``gap``: the regex of an adverbial gap ``~`` (``adverbial_gap``); without one it is empty."""
        self.patterns = [p if p.startswith("=") else p.lower() for p in patterns]
        longest_first = sorted(self.patterns, key=len, reverse=True)
        self._alternation = "|".join(_pattern_regex(p, gap) for p in longest_first) or r"(?!x)x"
        self._lower_tree = pattern_tree((p.lstrip("=").lower() for p in self.patterns), gap)
        # Answers per token; news repeats its words, so most lookups are hits.
        self._exact_cache: dict[str, bool] = {}
        self._head_cache: dict[str, bool] = {}

    # The regexes are compiled on first use: most matchers need only one or two of them,
    # and compiling all of them is a third of the start-up.
    @cached_property
    def _token(self) -> re.Pattern:
        return re.compile(rf"(?:{self._alternation})")

    @cached_property
    def _suffix(self) -> re.Pattern:
        return re.compile(rf"(?:{self._alternation})$")

    @cached_property
    def _phrase(self) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{self._alternation})(?!\w)", re.IGNORECASE)

    @cached_property
    def _phrase_lower(self) -> re.Pattern:
        """The same patterns in lower case, without exact-case marks, as a prefix tree, to run
        case-sensitively on lower-cased text (see word_start_finder): they match wherever
        _phrase does, so they find the places where _phrase is then tried."""
        return word_start_finder(rf"(?:{self._lower_tree})(?!\w)")

    @cached_property
    def may_match_digits(self) -> bool:
        """False if no match can hold a digit (no pattern has one, nor a ``...`` gap)."""
        return any(ch.isdigit() for p in self.patterns for ch in p) or any("..." in p.split() for p in self.patterns)

    def matches(self, token: str) -> bool:
        """True if the normalised token is one of the patterns."""
        known = self._exact_cache.get(token)
        if known is None:
            known = self.matches_normalised(normalise_token(token))
            if len(self._exact_cache) < CACHE_LIMIT:
                self._exact_cache[token] = known
        return known

    def matches_head(self, token: str) -> bool:
        """True if the token, or the last part of a compound noun, is one of the patterns."""
        known = self._head_cache.get(token)
        if known is None:
            known = self.matches_head_normalised(normalise_token(token))
            if len(self._head_cache) < CACHE_LIMIT:
                self._head_cache[token] = known
        return known

    def matches_normalised(self, word: str) -> bool:
        """``matches`` for a token already passed through ``normalise_token`` (no cache)."""
        return self._token.fullmatch(word) is not None

    def may_match_head(self, word: str) -> bool:
        """False only if no pattern can match the normalised ``word`` or any of its ends:
        a quick test before asking many matchers the same question."""
        return self._suffix.search(word) is not None

    def matches_head_normalised(self, word: str, closed_compounds: bool = True) -> bool:
        """``matches_head`` for a token already passed through ``normalise_token`` (no cache);
        without ``closed_compounds`` only a hyphenated compound has a head of its own."""
        if self._token.fullmatch(word):
            return True
        last = word.rsplit("-", 1)[-1]
        if last != word and self._token.fullmatch(last):
            return True
        if not closed_compounds:
            return False
        found = self._suffix.search(word)
        # A compound head must leave a real first part ("Öl|arbeiter"), not a prefix letter.
        return found is not None and found.start() >= 2

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """Phrase matches in ``text[start:end]`` as ``re.Match`` objects."""
        return fast_finditer(self._phrase, self._phrase_lower, text, start, end)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        """The first phrase match in ``text[start:end]``, or None."""
        return next(iter(self.finditer(text, start, end)), None)


def word_start_finder(lower_body: str) -> re.Pattern:
    """A pattern finding where ``lower_body`` (lower case) can match at a word start, for
    ``fast_finditer``: it matches from the non-word character before the word.

    Case-sensitive on lower-cased text it runs about three times faster than IGNORECASE,
    and a leading character class lets the engine skip to candidates in C, which a
    leading look-behind does not.
    """
    return re.compile(rf"[^\w](?:{lower_body})")


def fast_finditer(exact: re.Pattern, lower: re.Pattern, text: str, start: int = 0, end: int | None = None):
    """What ``exact.finditer(text, start, end)`` yields, found faster where the text allows.

    ``exact`` matches only at word starts; ``lower``, made by ``word_start_finder``, matches
    in ``lowered(text)`` one character before every place where ``exact`` matches (and
    maybe elsewhere): each of its hits is re-matched with ``exact``, which decides. Texts
    ``lowered`` refuses are scanned with ``exact`` itself.
    """
    end = len(text) if end is None else end
    low = lowered(text)
    if low is None:
        return exact.finditer(text, start, end)
    return _confirmed(exact, lower, text, low, start, end)


def _confirmed(exact: re.Pattern, lower: re.Pattern, text: str, low: str, start: int, end: int):
    search, confirm = lower.search, exact.match
    if start == 0:  # no character before the text's first word
        found = confirm(text, 0, end)
        if found is not None:
            yield found
            start = max(found.end(), 1)
    pos = max(0, start - 1)
    while pos < end:
        candidate = search(low, pos, end)
        if candidate is None:
            return
        at = candidate.start() + 1
        found = confirm(text, at, end)
        if found is None:
            pos = at
            continue
        yield found
        # The next word may start right after a match that ends in punctuation ("Nr.5").
        pos = max(found.end() - 1, at)


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
    space = r"\s+" if flexible_spaces else re.escape(" ")
    tree = _prefix_tree([space if ch == " " else re.escape(ch) for ch in word] for word in words)
    return "(?!)" if tree is None else tree
