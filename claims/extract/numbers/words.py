"""Runs of number words -> values: compounds, scales, halves and ordinal words.

A run found by the master regex ("zweihundertfünfzig", "eine halbe Million",
"twenty-one thousand") is split into morphemes per word, then read by a small
recursive descent (units < hundreds < thousands < scale words). One run may
hold several numbers; each comes back as a segment with its offsets.
"""

from __future__ import annotations

import math
import re

from ...lexicon import lexicon_cache
from .grammar import Grammar, grammar

ARTICLE = "<article>"  # morpheme for an inflected article: "eine", "einen", "a"


@lexicon_cache(maxsize=4096)
def _analyse_token(lang: str, token: str) -> tuple[tuple[str, ...], str] | None:
    """Split one word into number morphemes and an ending; None if it is not a number word."""
    rx = grammar(lang).morpheme
    morphemes: list[str] = []
    pos, low = 0, token.lower()
    while pos < len(low):
        m = rx.match(low, pos)
        if not m or m.end() == pos:
            return None
        if m.group(1):
            morphemes.append(m.group(1))
        else:
            return (tuple(morphemes), m.group(2)) if morphemes else None
        pos = m.end()
    return tuple(morphemes), ""


class _Words:
    """Recursive descent over the morphemes of a run of number words."""

    def __init__(self, R: dict, ms: list[str], toks: list[int]):
        self.R, self.ms, self.toks = R, ms, toks

    def get(self, i: int) -> str | None:
        return self.ms[i] if 0 <= i < len(self.ms) else None

    def same(self, i: int, j: int) -> bool:
        return j < len(self.ms) and self.toks[i] == self.toks[j]

    def tens(self, i: int) -> float | None:
        R, w = self.R, self.get(i)
        if R["english"]:
            return R["tens"].get(w) if w else None
        if w in R["tens_stems"] and self.same(i, i + 1) and self.get(i + 1) in R["tens_suffixes"]:
            return 10 * R["tens_stems"][w]
        return None

    def small(self, i: int) -> tuple[float, int] | None:
        R, w = self.R, self.get(i)
        if w is None:
            return None
        if w in R["zero"]:
            return 0.0, i + 1
        if w in R["teens"]:
            return R["teens"][w], i + 1
        if R["english"]:
            if w in R["tens"]:
                unit = R["units"].get(self.get(i + 1) or "")
                value, j = (R["tens"][w] + unit, i + 2) if unit else (R["tens"][w], i + 1)
            elif w in R["units"]:
                value, j = R["units"][w], i + 1
            else:
                return None
            if self.get(j) in R["joiner"] and self.get(j + 1) == ARTICLE and self.get(j + 2) in R["half"]:
                return value + 0.5, j + 3  # "two and a half"
            return value, j
        if w in R["one_and_half"]:
            return 1.5, i + 1
        if w in R["fractions"]:
            return R["fractions"][w], i + 1  # "dreiviertel"
        nxt = self.get(i + 1) if self.same(i, i + 1) else None
        if w in R["teen_stems"] and nxt == "zehn":
            return 10 + R["teen_stems"][w], i + 2
        tens = self.tens(i)
        if tens is not None:
            return tens, i + 2
        if w in R["units"]:
            unit = R["units"][w]
            if w != "eins" and self.get(i + 1) in R["joiner"]:
                tens = self.tens(i + 2)
                if tens is not None:
                    return unit + tens, i + 4
            if nxt in R["article"] and self.get(i + 2) in R["half"] and self.same(i, i + 2):
                return unit + 0.5, i + 3  # zweieinhalb
            if self.get(i + 1) in R["half"] and (w in R["article"] or not self.same(i, i + 1)):
                return unit * 0.5, i + 2  # einhalb, "ein halbes Jahr", "drei halbe Brötchen"
            return unit, i + 1
        return None

    def rest(self, j: int, below: float, parse) -> tuple[float, int] | None:
        if self.get(j) in self.R["joiner"]:
            j += 1
        r = parse(j)
        return r if r and 0 < r[0] < below else None

    def below_thousand(self, i: int, top: bool) -> tuple[float, int] | None:
        s = self.small(i)
        j = s[1] if s else i
        if self.get(j) not in self.R["hundred"]:
            return s
        if s:
            mult = s[0]
            glued_year = top and self.same(i, j) and (10 < mult < 20 or (mult > 20 and mult % 10))  # achtzehnhundert
            if not ((1 <= mult <= 9 and mult.is_integer() and self.ms[i] != "eins") or glued_year):
                return s
        else:
            mult = 1.0
        r = self.rest(j + 1, 100, self.small)
        return (mult * 100 + r[0], r[1]) if r else (mult * 100, j + 1)

    def below_million(self, i: int, top: bool) -> tuple[float, int] | None:
        h = self.below_thousand(i, top)
        j = h[1] if h else i
        if self.get(j) not in self.R["thousand"]:
            return h
        mult = h[0] if h else 1.0
        r = self.rest(j + 1, 1000, lambda k: self.below_thousand(k, False))
        return (mult * 1000 + r[0], r[1]) if r else (mult * 1000, j + 1)

    def full(self, i: int) -> tuple[float, int] | None:
        R, total, j, last, found = self.R, 0.0, i, math.inf, False
        while True:
            if self.get(j) in (ARTICLE, "ein") and self.get(j + 1) in R["half"] and self.get(j + 2) in R["scales"]:
                part = (0.5, j + 2)  # eine halbe Million
            elif self.get(j) in R["half"] and self.get(j + 1) == ARTICLE and self.get(j + 2) in R["scales"]:
                part = (0.5, j + 2)  # half a million
            elif self.get(j) == ARTICLE and self.get(j + 1) in R["scales"]:
                part = (1.0, j + 1)  # eine Million
            elif R["english"] and self.get(j) == ARTICLE and self.get(j + 1) in R["hundred"] | R["thousand"]:
                part = self.below_million(j + 1, False)  # a hundred
            else:
                part = self.below_million(j, j == i)
            k = part[1] if part else j
            scale = R["scales"].get(self.get(k) or "")
            if scale and scale < last and (part or not found):
                total += (part[0] if part else 1.0) * scale
                last, j, found = scale, k + 1, True
                continue
            if part:
                total, j, found = total + part[0], part[1], True
            return (total, j) if found else None

    def decimals(self, j: int) -> tuple[str, int]:
        """Digits after "Komma"/"point": single digit words, or one word below 100."""
        digits = ""
        while (w := self.get(j)) is not None and not self.same(j, j + 1):
            value = self.R["units"].get(w, self.R["zero"].get(w))
            if value is None or w in self.R["article"]:
                break
            digits, j = digits + str(int(value)), j + 1
        if not digits:
            s = self.small(j)
            if s and s[0].is_integer() and (s[1] >= len(self.ms) or not self.same(s[1] - 1, s[1])):
                digits, j = str(int(s[0])), s[1]
        return digits, j


# A number phrase has at most a dozen words; a longer run of number words (a list, a stutter, junk)
# is read in pieces of this many words, so that reading it stays linear in its length.
_RUN_PIECE = re.compile(r"(?:[^\s\-]+[\s\-]*){1,40}")


def word_segments(L: Grammar, run: str, offset: int) -> list[tuple[int, int, float, bool, bool]]:
    """(start, end, value, is_ordinal, is_bare_article) for each number in a run of number words."""
    out = []
    for piece in _RUN_PIECE.finditer(run):
        base = offset + piece.start()
        segments = _run_segments(L.lang, _lower_same_length(piece.group()))
        out.extend((base + a, base + b, v, o, art) for a, b, v, o, art in segments)
    return out


def _lower_same_length(text: str) -> str:
    """``text.lower()`` with one character for each character ('İ' -> 'i'), so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower()[0] for ch in text)


@lexicon_cache(maxsize=8192)
def _run_segments(lang: str, run: str) -> tuple[tuple[int, int, float, bool, bool], ...]:
    L = grammar(lang)
    R, offset = L.roles, 0
    ms: list[str] = []
    toks: list[int] = []
    spans: list[tuple[int, int]] = []
    ordinal_tokens: set[int] = set()
    for t, m in enumerate(re.finditer(r"[^\s\-]+", run)):
        spans.append((m.start() + offset, m.end() + offset))
        low = m.group().lower()
        if low in R["article"] and R["english"]:
            analysed = ((ARTICLE,), "")
        elif R["english"] and low in R["ordinals"]:
            analysed = ((_cardinal_word(R, R["ordinals"][low]),), "ord")
        else:
            analysed = _analyse_token(L.lang, m.group())
        if analysed is None:
            morphs, ending = ("?",), ""
        else:
            morphs, ending = analysed
        if ending:
            last = morphs[-1]
            if ending == "ord" or ending[0] in "ts" or last in R["ordinal_stems"]:
                if last in R["ordinal_stems"] and last != "acht" and ending[0] in "ts":
                    morphs = ("?",)  # "erstte"
                elif last in R["ordinal_stems"] or last == "sieb":
                    value = R["ordinal_stems"].get(last) or R["tens_stems"][last]
                    morphs = morphs[:-1] + (_cardinal_word(R, value),)
                ordinal_tokens.add(t)
            elif morphs[-1] in R["half"]:
                pass  # "eine halbe Million"
            elif morphs == ("ein",):
                morphs = (ARTICLE,)  # "eine", "einen": a number only before a scale word
            elif morphs[-1] == "ein":
                pass  # "tausendeines"
            else:
                morphs = ("?",)  # "Dreier", "Elfe"
        ms.extend(morphs)
        toks.extend([t] * len(morphs))
    out = []
    i = 0
    P = _Words(R, ms, toks)
    while i < len(ms):
        t0 = toks[i]
        if ms[i] == ARTICLE and i + 1 == len(ms):
            out.append((spans[t0][0], spans[t0][1], 1.0, False, True))  # "einen" (Euro)
            break
        if ms[i] in R["joiner"] or ms[i] in R["decimal_word"] or ms[i] == "?":
            i = _next_token(toks, i)
            continue
        limit = len(ms)
        for t in sorted(ordinal_tokens):
            if t >= t0:
                limit = _next_token(toks, toks.index(t))
                break
        P.ms = ms[:limit]
        parsed = P.full(i)
        while parsed and parsed[1] < len(P.ms) and toks[parsed[1]] == toks[parsed[1] - 1]:
            cut = toks.index(toks[parsed[1] - 1])  # stopped inside a word: end before that word
            P.ms = ms[:cut]
            parsed = P.full(i) if cut > i else None
        if not parsed:
            i = _next_token(toks, i)
            continue
        value, j = parsed
        t_last = toks[j - 1]
        if P.get(j) in R["decimal_word"] and value.is_integer():
            P.ms = ms
            digits, k = P.decimals(j + 1)
            if digits:
                value, j, t_last = float(f"{int(value)}.{digits}"), k, toks[k - 1]
        bare_article = ms[i:j] == [ms[i]] and ms[i] in R["article"]  # "Ein Sprecher"
        out.append((spans[t0][0], spans[t_last][1], value, t_last in ordinal_tokens, bare_article))
        i = j
    return tuple(out)


def _next_token(toks: list[int], i: int) -> int:
    t = toks[i]
    while i < len(toks) and toks[i] == t:
        i += 1
    return i


def _cardinal_word(R: dict, value: float) -> str:
    """The cardinal morpheme with this value ("dritt" -> "drei", "first" -> "one")."""
    for key in ("units", "teens", "tens", "scales"):
        for word, v in R[key].items():
            if v == value and word not in R["article"] and word != "ein":
                return word
    if value == 100:
        return min(R["hundred"])
    if value == 1000:
        return min(R["thousand"])
    return "?"
