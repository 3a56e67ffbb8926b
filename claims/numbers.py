"""Numbers in German and English text -> values and the intervals they assert.

``find_numbers`` scans the text once with a compiled master regex (digits,
number words, vague amounts). Each hit is then read locally: qualifier,
currency symbol or sign in the few characters before it, scale word and unit
right after it; neighbouring hits joined by "bis"/"-"/"zwischen ... und"
become ranges. All language knowledge lives in lexicons/<lang>/numbers.yaml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import lexicon
from .errors import LexiconError
from .models import NumberMatch

_WORDS_SCHEMA = {
    "zero": {str: float}, "units": {str: float}, "teens": {str: float}, "tens_stems?": {str: float},
    "teen_stems?": {str: float}, "tens_suffixes?": [str], "tens?": {str: float}, "hundred": [str],
    "thousand": [str], "scales": {str: float}, "joiner": [str], "article": [str], "half": [str],
    "one_and_half?": [str], "endings?": [str], "ordinal_stems?": {str: float}, "ordinals?": {str: float},
    "decimal_word": [str], "negative_words": [str],
}
SCHEMA = {
    "digits": {str: Any}, "words": {str: Any}, "scale_abbreviations": {str: float},
    "glued_scales": {str: float}, "vague": {str: [float]}, "vague_links": [str], "approx_tolerance": float,
    "qualifiers": {str: str}, "range_links": [str], "range_links_after_open": [str], "percent": [str],
    "percent_adjective": [str], "currencies": {str: str}, "currency_prefixes": {str: str},
    "subunits": {str: str}, "capitalised_amounts": [str], "glued_units": [str], "time_words": [str],
    "months": [str], "ordinal_articles?": [str], "digit_ordinal_suffixes": [str],
}
QUALIFIER_KINDS = ("exact", "approx", "a_good", "at_least", "more_than", "more_than_far", "at_most", "nearly",
                   "less_than", "range_open")
ARTICLE = "<article>"  # morpheme for an inflected article: "eine", "einen", "a"
WINDOW = 28  # characters before a number searched for its qualifier ("deutlich mehr als US$ -")
_LETTER = "[^\\W\\d_]"
_SENTENCE_END = set(".!?:;\"„“”»«›‹()[]•*–—-|\n")
_DASHES = "-–—"
_SIGN_OR_SYMBOL = set("-−+$€£¥₽₹₩₸₺")


def _alternation(words, flexible_spaces: bool = True) -> str:
    """Words as a prefix tree, so the engine picks a branch by its first character."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch, child in sorted(node.items()):
            if ch:
                head = r"\s+" if ch == " " and flexible_spaces else re.escape(ch)
                branches.append(head + emit(child))
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if "" in node else alt

    return emit(trie) if words else "(?!)"


def _inflected(phrase: str) -> str:
    """Regex for a currency phrase: adjectives may inflect, the noun may take a plural ending."""
    words = phrase.split()
    parts = []
    for i, word in enumerate(words):
        rx = re.escape(word)
        if i < len(words) - 1 and word.endswith("e"):
            rx += "[nrsm]?"
        elif i == len(words) - 1 and word[-1:].isalpha() and len(word) > 3:
            rx += "(?:s|n|en|es)?"
        parts.append(rx)
    return r"\s+".join(parts)


@dataclass
class _Lang:
    lang: str
    data: dict
    master: re.Pattern
    head: re.Pattern  # the master regex for a number at the very start of the text
    master_i: re.Pattern  # both again, case-insensitive, for text whose lowercase changes length
    head_i: re.Pattern
    prefix_words: set  # last words of qualifiers, currency prefixes, negative words
    ordinal_articles: set  # words before "N." that make it an ordinal
    morpheme: re.Pattern
    prefix: re.Pattern
    follow: re.Pattern
    link: re.Pattern
    link_open: re.Pattern
    after_vague: re.Pattern
    cents_then: re.Pattern
    roles: dict
    currency_codes: dict


@lru_cache(maxsize=None)
def _compiled(lang: str) -> _Lang:
    data = lexicon.load("numbers", lang, schema=SCHEMA)
    words = lexicon.validate(data["words"], _WORDS_SCHEMA, f"{lang}/numbers.yaml: words")
    for phrase, kind in data["qualifiers"].items():
        if kind not in QUALIFIER_KINDS:
            raise LexiconError(f"lexicon {lang}/numbers.yaml: qualifier '{phrase}' has unknown kind '{kind}'; "
                               f"use one of {', '.join(QUALIFIER_KINDS)}")
    for phrase, bounds in data["vague"].items():
        if len(bounds) != 2 or bounds[0] > bounds[1]:
            raise LexiconError(f"lexicon {lang}/numbers.yaml: vague '{phrase}' needs [low, high] with low <= high")
    low = lambda xs: sorted({x.lower() for x in xs}, key=len, reverse=True)  # noqa: E731
    number_words = set(words["zero"]) | set(words["units"]) | set(words["teens"]) | set(words.get("tens", {}))
    number_words |= set(words.get("teen_stems", {})) | set(words.get("tens_stems", {}))
    number_words |= set(words["hundred"]) | set(words["thousand"]) | set(words["scales"]) | set(words["half"])
    number_words |= set(words.get("one_and_half", [])) | set(words.get("ordinal_stems", {}))
    number_words |= set(words.get("ordinals", {}))
    glue = set(words.get("tens_suffixes", [])) | set(words["joiner"]) | set(words["decimal_word"])
    english = "tens" in words
    first = _alternation(low(number_words))
    inner = _alternation(low(number_words | glue | set(words["half"])))
    endings = _alternation(low(words.get("endings", [])))
    token_end = r"(?:(?!\w)|(?=prozent))" if data["percent_adjective"] else r"(?!\w)"
    token = f"(?:{inner})++(?:{endings})?{token_end}"
    first_token = f"{first}(?:{inner})*+(?:{endings})?{token_end}"
    scale_after_article = _alternation(low(set(words["scales"]) | set(words["hundred"]) | set(words["thousand"])
                                           | set(words["half"])))
    currency_rx = "|".join(_inflected(c) for c in low(data["currencies"]))
    subunits = "|".join(_inflected(c) for c in low(data["subunits"]))
    articles = _alternation(low(words["article"]))
    if english:
        article_start = rf"(?:{articles})\s+(?={scale_after_article})"
        run_start = rf"(?:{article_start}{token}|{first_token})"
    else:
        # An article alone ("eine") only starts a run before a number word or a currency.
        # Checked after the first word, so the common case costs nothing (the Python side checks again).
        not_article = "".join(rf"(?<!\W{re.escape(a)}{e})" for a in low(words["article"])
                              for e in ("", "e", "er", "em", "en", "es"))
        joiner = _alternation(low(words["joiner"]))
        before_number = rf"(?=\s+(?:(?:{joiner}\s+)?{inner}|(?:{currency_rx}|{subunits})(?!\w)))"
        run_start = rf"{first_token}(?:{not_article}|{before_number})"
    joins = _alternation(low(words["joiner"] + words["decimal_word"]))
    run = rf"{run_start}(?:(?:\s+(?:(?:{joins})\s+)?|-){token})*+"
    vague = _alternation(low(data["vague"]))
    decimal = re.escape(data["digits"]["decimal"])
    spaced = rf"\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})++(?:{decimal}\d+)?(?![\d])|" if data["digits"]["space_groups"] else ""
    skip = r"\d{4}-\d{1,2}-\d{1,2}|\d{4}-(?:0[1-9]|1[0-2])(?!\d)|\d{1,2}:\d{2}(?::\d{2})?|\d+/\d+(?:/\d+)*"
    if not english:
        skip += r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}(?!\d))?"
    body = (
        rf"(?=[\d.,])(?:(?P<skip>{skip})(?![\w])"
        rf"|(?<![.,%=&#@/\\])(?P<num>{spaced}(?:[.,](?=\d))?\d+(?:[.,'’]\d+)*+))"
        rf"|(?P<vague>{vague})(?!\w)"
        rf"|(?P<words>{run})"
    )
    # Numbers start after a non-word character: the engine skips ahead to those quickly.
    # It runs case-sensitively over the lowercased text, which is faster than IGNORECASE.
    master = re.compile(rf"\W(?:{body})")
    head = re.compile(body)
    master_i = re.compile(rf"\W(?:{body})", re.IGNORECASE)
    head_i = re.compile(body, re.IGNORECASE)
    morpheme = re.compile(rf"({inner})|({endings})$", re.IGNORECASE)
    quals = _alternation(low(data["qualifiers"]))
    cur_prefix = _alternation(low(data["currency_prefixes"]))
    negative = _alternation(low(words["negative_words"]))
    prefix = re.compile(
        rf"(?:(?<!{_LETTER})(?P<q>{quals})\s+)?(?:(?<!{_LETTER})(?P<cur>{cur_prefix})\s?)?"
        rf"(?:(?<!{_LETTER})(?P<negword>{negative})\s+|(?<![\w.,)])(?P<sign>[-−+]))?\Z",
        re.IGNORECASE,
    )
    scales = {k.lower(): v for k, v in {**data["scale_abbreviations"], **words["scales"]}.items()}
    glued = "|".join(re.escape(g) for g in data["glued_scales"])
    percent = _alternation(low(data["percent"]))
    percent_adj = _alternation(low(data["percent_adjective"]))
    glued_units = "|".join(re.escape(u) for u in low(data["glued_units"]))
    # "6. Januar", "der 3. und 4. Tag": a dot after digits before a month or a lower-case word
    months = _alternation(low(data["months"]))
    dot_ordinal = rf"\.(?=\s+(?:{months}|(?-i:[^\W\d_A-ZÄÖÜ])))|" if data["digits"].get("dot_ordinals") else ""
    follow = re.compile(
        rf"(?P<scale>\s*(?:{_alternation(low(scales))})(?!\w)|(?<=\d)(?-i:{glued})(?!\w))?"
        rf"(?:(?P<pct>\s*(?:{percent})(?!\w)|(?:\s*|-)(?:{percent_adj})(?!\w))"
        rf"|(?:\s*|-)(?P<cur>{currency_rx})(?![\w])"
        rf"|\s*(?P<sub>{subunits})(?!\w)"
        rf"|(?P<time>\s*(?:{_alternation(low(data['time_words']))})(?!\w)|:\d)"
        rf"|(?<=\d)(?P<ord>{dot_ordinal}(?:{_alternation(low(data['digit_ordinal_suffixes']))})(?!\w))"
        rf"|(?<=\d)(?P<unitglue>(?-i:{glued_units}))(?!\w)"
        rf"|(?<=\d)(?P<glued>[^\W\d_])"
        rf")?",
        re.IGNORECASE,
    )
    links = "|".join(rf"\s+{re.escape(w)}\s+" for w in data["range_links"])
    link = re.compile(rf"(?:\s*[{_DASHES}]\s*|-?(?:{links}))\Z", re.IGNORECASE)
    open_links = "|".join(rf"\s+{re.escape(w)}\s+" for w in data["range_links_after_open"])
    link_open = re.compile(rf"-?(?:{open_links})\Z", re.IGNORECASE)
    after_vague = re.compile(rf"\s+(?:{_alternation(low(data['vague_links']))})(?!\w)", re.IGNORECASE)
    joiner = _alternation(low(words["joiner"]))
    cents_then = re.compile(rf"\s+(?:(?:{joiner})\s+)?\Z", re.IGNORECASE)
    roles = {"english": english, "number_words": {w.lower() for w in number_words}}
    for key in ("zero", "units", "teens", "tens", "teen_stems", "tens_stems", "scales", "ordinal_stems", "ordinals"):
        roles[key] = {k.lower(): float(v) for k, v in words.get(key, {}).items()}
    for key in ("hundred", "thousand", "joiner", "article", "half", "one_and_half", "tens_suffixes", "decimal_word"):
        roles[key] = {w.lower() for w in words.get(key, [])}
    roles["scales_all"] = scales
    codes = {_norm(k): v for k, v in data["currencies"].items()}
    codes.update({"sub:" + _norm(k): v for k, v in data["subunits"].items()})
    codes.update({"pre:" + _norm(k): v for k, v in data["currency_prefixes"].items()})
    prefix_words = {_norm(q).split()[-1] for q in data["qualifiers"]} | {w.lower() for w in words["negative_words"]}
    prefix_words |= {_norm(c) for c in data["currency_prefixes"]}
    ordinal_articles = {w.lower() for w in data.get("ordinal_articles", [])}
    return _Lang(lang, data, master, head, master_i, head_i, prefix_words, ordinal_articles, morpheme, prefix,
                 follow, link, link_open, after_vague, cents_then, roles, codes)


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# ---------------------------------------------------------------- number words


@lru_cache(maxsize=4096)
def _analyse_token(lang: str, token: str) -> tuple[tuple[str, ...], str] | None:
    """Split one word into number morphemes and an ending; None if it is not a number word."""
    rx = _compiled(lang).morpheme
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
                return (R["tens"][w] + unit, i + 2) if unit else (R["tens"][w], i + 1)
            return (R["units"][w], i + 1) if w in R["units"] else None
        if w in R["one_and_half"]:
            return 1.5, i + 1
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
            if nxt in R["half"] and w in R["article"]:
                return 0.5, i + 2  # einhalb
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


def _word_segments(L: _Lang, run: str, offset: int) -> list[tuple[int, int, float, bool, bool]]:
    """(start, end, value, is_ordinal, is_bare_article) for each number in a run of number words."""
    return [(offset + a, offset + b, v, o, art) for a, b, v, o, art in _run_segments(L.lang, run.lower())]


@lru_cache(maxsize=8192)
def _run_segments(lang: str, run: str) -> tuple[tuple[int, int, float, bool, bool], ...]:
    L = _compiled(lang)
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


# ---------------------------------------------------------------- digits


def _group_ok(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _digits_value(raw: str, L: _Lang) -> float | None:
    """The value of a digit string in the language's notation; None if malformed."""
    if raw.isdigit() and len(raw) < 300:
        return float(raw)
    raw = re.sub(r"[ \u00a0\u202f\u2009]", "", raw)
    dec = L.data["digits"]["decimal"]
    group = "." if dec == "," else ","
    intpart, _, frac = raw.partition(dec)
    if dec in frac or any(ch in frac for ch in ".,'’"):
        return None
    for sep in ("'", "’", group):
        if sep in intpart:
            groups = intpart.split(sep)
            if _group_ok(groups) and not any(s in "".join(groups) for s in ".,'’"):
                intpart = "".join(groups)
            elif sep == "." and len(groups) == 2 and not frac and groups[0]:
                if len(groups[1]) == 2 and int(groups[0]) <= 24 and int(groups[1]) < 60:
                    return None  # "20.15": a clock time in German
                intpart, frac = groups  # German text with an English decimal point: "6.1"
            else:
                return None
    if not intpart.isdigit() and intpart:
        return None
    number = (intpart or "0") + ("." + frac if frac else "")
    value = float(number) if len(number) < 400 else math.inf
    return value if math.isfinite(value) else None


# ---------------------------------------------------------------- candidates


@dataclass
class _Cand:
    start: int
    end: int
    nstart: int
    nend: int
    value: float
    kind: str = "cardinal"  # before the unit: cardinal | ordinal | vague
    unit: str | None = None
    scale: float | None = None
    qualifier: str | None = None
    qstart: int = -1  # where the qualifier starts, if any
    low: float | None = None
    high: float | None = None
    subunit: bool = False
    range_high: float | None = None


def _is_sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END or text[j] == "\r" or text[j] == "#"


def _currency(L: _Lang, surface: str, prefix: str = "") -> str | None:
    key = prefix + _norm(surface)
    if key in L.currency_codes:
        return L.currency_codes[key]
    table = L.data["subunits"] if prefix == "sub:" else L.data["currencies"]
    for name, code in table.items():
        if re.fullmatch(_inflected(name.lower()), _norm(surface), re.IGNORECASE):
            return code
    return None


def _apply_prefix(text: str, L: _Lang, c: _Cand, digits: bool, floor: int) -> bool:
    """Read qualifier, currency symbol and sign before the number; False if it is glued to an identifier."""
    s = c.nstart
    if digits and s >= 2 and text[s - 1] in "-‐" and text[s - 2].isalpha():
        return False  # COVID-19, T-34
    end = s
    while end > 0 and text[end - 1] in " \u00a0":
        end -= 1
    if end < s - 2 or end <= floor:
        return True
    # Without a space in reach, rfind gives -1: never slice back to the start of the text.
    begin = max(text.rfind(" ", max(0, end - 20), end) + 1, text.rfind("\n", max(0, end - 20), end) + 1, end - 20, 0)
    word = text[begin:end].lstrip("„\"'(«»“‚‘[").lower()
    if word not in L.prefix_words and word[-1:] not in _SIGN_OR_SYMBOL:
        return True
    m = L.prefix.search(text, max(floor, s - WINDOW), s)
    if not m or m.start() == s:
        return True
    if m.group("sign") and not digits:
        return True
    if m.group("sign") or m.group("negword"):
        if m.group("negword") or m.group("sign") in "-−":
            c.value = -c.value
        c.start = m.start("negword") if m.group("negword") else m.start("sign")
    if m.group("cur"):
        c.unit = _currency(L, m.group("cur"), "pre:")
        c.start = m.start("cur")
    if m.group("q"):
        c.qualifier = L.data["qualifiers"].get(_norm(m.group("q")))
        if c.qualifier is None:
            c.qualifier = next((k for w, k in L.data["qualifiers"].items() if _norm(w) == _norm(m.group("q"))), None)
        c.qstart = m.start("q")
        if c.qualifier != "range_open":
            c.start = c.qstart
    return True


def _ordinal_by_article(text: str, L: _Lang, c: _Cand) -> bool:
    """ "der 2. Weltkrieg": a dot after digits that follow an article is an ordinal, not a full stop."""
    e = c.nend
    if text[e:e + 1] != "." or not text[e + 1:e + 2].isspace() or not text[c.nstart:e].isdigit():
        return False
    end = c.nstart
    while end > 0 and text[end - 1] == " ":
        end -= 1
    begin = text.rfind(" ", max(0, end - 12), end) + 1
    return text[begin:end].lower() in L.ordinal_articles


def _apply_follow(text: str, L: _Lang, c: _Cand, digits: bool = True) -> bool:
    """Read scale word and unit after the number; False if the number is a time or an identifier."""
    m = L.follow.match(text, c.nend)
    if m.group("time") or m.group("glued"):
        return False
    if m.group("ord") or (m.end() == c.nend and _ordinal_by_article(text, L, c)):
        c.kind, c.end, c.start, c.qualifier = "ordinal", max(m.end(), c.nend + 1), c.nstart, None
        return True
    if m.group("unitglue"):
        return True  # "12km": the unit is not ours, the next stage may read it
    if m.group("scale") and not digits and m.group("scale").strip().lower() in L.roles["number_words"]:
        return True  # "zweiundzwanzig hundert": two numbers
    if m.group("scale"):
        word = m.group("scale").strip()
        c.scale = L.roles["scales_all"].get(word.lower()) or L.data["glued_scales"].get(word)
        if c.scale:
            c.value *= c.scale
    if m.group("pct"):
        c.unit = "%"
    elif m.group("cur"):
        c.unit = _currency(L, m.group("cur")) or c.unit
    elif m.group("sub") and c.unit is None:
        c.unit, c.subunit = _currency(L, m.group("sub"), "sub:"), True
    c.end = max(c.end, m.end())
    return True


def _candidates(text: str, L: _Lang):
    """Yield single numbers in text order, without ranges."""
    pos, n, last_end = 0, len(text), 0
    scan = text.lower()
    if len(scan) == n:
        search, m = L.master.search, L.head.match(scan)
    else:
        scan = text
        search, m = L.master_i.search, L.head_i.match(scan)
    while pos < n:
        if m is None:
            m = search(scan, pos)
            if not m:
                return
        hit, m = m, None
        pos = hit.end()
        group = hit.lastgroup
        if group == "num":
            value = _digits_value(hit.group("num"), L)
            if value is None:
                continue
            c = _Cand(hit.start("num"), hit.end(), hit.start("num"), hit.end(), value)
            if _apply_prefix(text, L, c, True, last_end) and _apply_follow(text, L, c):
                pos = last_end = max(pos, c.end)
                yield c
        elif group == "vague":
            low, high = L.data["vague"].get(_norm(hit.group("vague")), (None, None))
            if low is None:
                continue
            c = _Cand(hit.start("vague"), hit.end(), hit.start("vague"), hit.end(), float(low), kind="vague", low=float(low),
                      high=float(high))
            _apply_follow(text, L, c)
            c.low, c.high = c.value, float(high) * (c.scale or 1)
            link = L.after_vague.match(text, c.end)
            if link and c.unit is None:
                c.end = link.end()
            pos = last_end = max(pos, c.end)
            yield c
        elif group == "words":
            for start, end, value, ordinal, article in _word_segments(L, hit.group("words"), hit.start("words")):
                c = _Cand(start, end, start, end, value, kind="ordinal" if ordinal else "cardinal")
                if not _apply_prefix(text, L, c, False, last_end):
                    continue
                if not _capitalisation_ok(text, L, c):
                    continue
                if not ordinal and not _apply_follow(text, L, c, False):
                    continue
                if article and (c.unit is None or c.unit == "%"):
                    continue  # "ein", "eine": only a number as "einen Euro"
                pos = last_end = max(pos, c.end)
                yield c


def _capitalisation_ok(text: str, L: _Lang, c: _Cand) -> bool:
    """A capitalised German number word in mid-sentence is a noun ("außer Acht", "Claudia Tausend")."""
    if L.roles["english"]:
        return True
    word = text[c.nstart:c.end].split()[0]
    if not word[:1].isupper() or word.isupper() or _is_sentence_start(text, c.start):
        return True
    low = word.lower()
    if c.qualifier and any(low.startswith(a) for a in L.data["capitalised_amounts"]):
        return True
    return False


# ---------------------------------------------------------------- ranges, intervals


def _joinable(text: str, L: _Lang, a: _Cand, b: _Cand) -> bool:
    """True if b closes a range opened by a ("150 bis 200", "zwischen 150 und 200", "150-200")."""
    if a.kind != "cardinal" or b.kind != "cardinal" or b.qualifier or a.subunit or b.subunit:
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    gap = text[a.end:b.start]
    if a.qualifier == "range_open":
        if not L.link_open.match(gap):
            return False
    elif not L.link.match(gap):
        return False
    if gap.strip() in _DASHES:
        # phone numbers and codes: "1-222-2222"
        before = text[max(0, a.nstart - 2):a.nstart]
        after = text[b.end:b.end + 2]
        if re.search(r"\d[-/]\Z", before) or re.match(r"[-/]\d", after) or a.qualifier:
            return False
    return True


def _merge(text: str, L: _Lang, cands) -> list[_Cand]:
    out: list[_Cand] = []
    for c in cands:
        p = out[-1] if out else None
        if p and p.range_high is None and c.subunit and p.unit and not p.subunit and p.kind == "cardinal" \
                and L.cents_then.match(text, p.end, c.start):
            p.value += c.value / 100  # "2 Euro und 50 Cent"
            p.end = c.end
            continue
        if p and p.range_high is None and p.unit and p.unit != "%" and not p.subunit and c.kind == "cardinal" \
                and c.unit is None and c.scale is None and c.qualifier is None and c.value.is_integer() \
                and 0 < c.value < 100 and L.cents_then.match(text, p.end, c.start) \
                and (c.end == len(text) or text[c.end] in ".,;!?)"):
            p.value += c.value / 100  # "15 Dollar 50."
            p.end = c.end
            continue
        if p and p.range_high is None and _joinable(text, L, p, c):
            low = p.value
            if p.scale is None and c.scale and abs(low) * c.scale <= abs(c.value):
                low *= c.scale  # "1,5 bis 2 Millionen"
            if low <= c.value:
                p.value, p.range_high = low, c.value
                p.unit = p.unit or c.unit
                p.end, p.nend, p.qualifier = c.end, c.nend, "range"
                if p.qstart >= 0:
                    p.start = p.qstart
                continue
        out.append(c)
    return out


def _interval(L: _Lang, c: _Cand) -> tuple[float | None, float | None, str]:
    v, t = c.value, float(L.data["approx_tolerance"])
    q = c.qualifier
    floor = 0.0 if v >= 0 else None
    if c.kind == "vague":
        return c.low, c.high, "vague"
    if q == "range":
        return v, c.range_high, "range"
    if q == "approx":
        a, b = v * (1 - t), v * (1 + t)
        return min(a, b), max(a, b), "approx"
    if q == "a_good":
        return v, max(v, v * (1 + t)), "at_least"
    if q == "at_least":
        return v, None, "at_least"
    if q in ("more_than", "more_than_far"):
        return v, None, "more_than"
    if q == "at_most":
        return floor, v, "at_most"
    if q == "nearly":
        return min(v, v * (1 - t)), v, "at_most"
    if q == "less_than":
        return floor, v, "less_than"
    return v, v, "exact"


def _clean(x: float | None) -> float | None:
    """Drop float noise such as 19100000.000000004 from multiplying out scales."""
    if x is None or (x.is_integer() and abs(x) < 1e15):
        return x
    return float(f"{x:.12g}")


def _finish(text: str, L: _Lang, c: _Cand) -> NumberMatch:
    if c.subunit:
        c.value /= 100
        c.range_high = c.range_high / 100 if c.range_high is not None else None
    low, high, qualifier = _interval(L, c)
    if c.kind in ("vague", "ordinal"):
        kind = c.kind
    elif c.unit == "%":
        kind = "percent"
    elif c.unit:
        kind = "money"
    else:
        kind = "cardinal" if c.value.is_integer() else "decimal"  # "2,5 Mio." counts whole people
    return NumberMatch(
        start=c.start, end=c.end, text=text[c.start:c.end], value=_clean(c.value), low=_clean(low),
        high=_clean(high), qualifier=qualifier, unit=c.unit, kind=kind, number_start=c.nstart, number_end=c.nend,
    )


# ---------------------------------------------------------------- public API


def find_numbers(text: str, lang: str = "de") -> list[NumberMatch]:
    """Every numeric expression in ``text``: sorted, non-overlapping, ``text[m.start:m.end] == m.text``."""
    if not isinstance(text, str) or not text:
        return []
    L = _compiled(lang if lang in lexicon.LANGUAGES else "de")
    return [_finish(text, L, c) for c in _merge(text, L, _candidates(text, L))]


def parse_number(text: str, lang: str = "de") -> float | None:
    """Read a whole string as exactly one number; None if it is not exactly one number."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    found = find_numbers(stripped, lang)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        return None
    return found[0].value
