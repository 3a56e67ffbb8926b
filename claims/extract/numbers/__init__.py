"""Numbers in German and English text -> values and the intervals they assert.

``find_numbers`` scans the text once with a compiled master regex (digits,
number words, vague amounts). Each hit is then read locally: qualifier,
currency symbol or sign in the few characters before it, scale word and unit
right after it; neighbouring hits joined by "bis"/"-"/"zwischen ... und"
become ranges. All language knowledge lives in lexicons/<lang>/numbers.yaml;
the regexes built from it are in ``numgrammar``, number words are read in
``numwords``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from ...lexicon import lexicon_cache

from ... import lexicon
from ...models import NumberMatch
from .grammar import _DASHES, _compiled, _inflected, _Lang, _norm
from .words import _word_segments
from ...lexicon.wordlists import lowered

WINDOW = 28  # characters before a number searched for its qualifier ("deutlich mehr als US$ -")
_SENTENCE_END = set(".!?:;\"„“”»«›‹()[]•*–—-|\n")
_SIGN_OR_SYMBOL = set("-−+$€£¥₽₹₩₸₺")


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


@lexicon_cache(maxsize=4096)
def is_amount_word(word: str, lang: str) -> bool:
    """True if ``word`` is part of how an amount is written: a currency or its subunit ("Euro",
    "Cent") or a scale ("Millionen", "Mrd."), never what the amount is of."""
    if not word or not word[0].isalpha():
        return False
    scales = _compiled(lang).roles["scales_all"]
    low = word.lower().rstrip(".")
    if low in scales or low + "." in scales:  # "Millionen", "Mio."
        return True
    return _currency_words(lang).fullmatch(_norm(word)) is not None


@lexicon_cache(maxsize=8192)
def is_figure(token: str, lang: str) -> bool:
    """True if a token is a figure: digits ("350", "4.200") or a number word ("drei", "forty")."""
    if token[:1].isdigit():
        return token.replace(".", "").replace(",", "").isdigit()  # not "1980er-Jahren", "A380"
    return token.isalpha() and parse_number(token, lang) is not None


@lexicon_cache(maxsize=None)
def _currency_words(lang: str) -> re.Pattern:
    """Every currency and subunit name of ``lang`` with its inflections, as one pattern."""
    L = _compiled(lang)
    names = [*L.data["currencies"], *L.data["subunits"]]
    return re.compile("|".join(_inflected(name.lower()) for name in names) or "(?!)", re.IGNORECASE)


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
    if m.group("q") and not _governed(text, L, m.group("q"), m.start("q")):
        c.qualifier = L.data["qualifiers"].get(_norm(m.group("q")))
        if c.qualifier is None:
            c.qualifier = next((k for w, k in L.data["qualifiers"].items() if _norm(w) == _norm(m.group("q"))), None)
        c.qstart = m.start("q")
        if c.qualifier != "range_open":
            c.start = c.qstart
    return True


def _governed(text: str, L: _Lang, qualifier: str, start: int) -> bool:
    """True if the word before the qualifier governs it as a preposition: "verfügt über 304
    Hubschrauber" has 304, "control over 300 villages" is control of 300."""
    matcher = L.governed_qualifiers.get(_norm(qualifier))
    if matcher is None:
        return False
    before = text[max(0, start - 30) : start].split()
    return bool(before) and matcher.matches(before[-1].strip(".,;:!?()\"'„“”»«"))


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
    if m.group("scale") and not digits and _scale_word(m.group("scale")).lower() in L.roles["number_words"]:
        return True  # "zweiundzwanzig hundert": two numbers
    if m.group("scale"):
        c.scale = _scale_of(L, m.group("scale"))
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
    scan = lowered(text) or text.lower()  # shared with the phrase matchers when the text is long
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
            low, high = L.vague.get(_norm(hit.group("vague")), (None, None))
            if low is None:
                continue
            c = _Cand(hit.start("vague"), hit.end(), hit.start("vague"), hit.end(), float(low), kind="vague", low=float(low),
                      high=float(high))
            _apply_follow(text, L, c)
            c.low, c.high = c.value, float(high) * (c.scale or 1)
            link = L.after_vague.match(text, c.end)
            if link and c.unit is None:
                c.end = link.end()
                _vague_follow(text, L, c)
            pos = last_end = max(pos, c.end)
            yield c
        elif group == "share":
            c = _share(text, L, hit.start("share"), hit.end())
            if c is not None and _apply_prefix(text, L, c, False, last_end):
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


def _scale_word(matched: str) -> str:
    """The scale word of a ``follow`` match's scale group: " Millionen", "-Millionen" ("500-Millionen-Dollar")."""
    return matched.strip().lstrip("-")


def _scale_of(L: _Lang, matched: str) -> float | None:
    word = _scale_word(matched)
    return L.roles["scales_all"].get(word.lower()) or L.data["glued_scales"].get(word)


def _vague_follow(text: str, L: _Lang, c: _Cand) -> None:
    """A scale and a currency after "von"/"of" belong to a vague amount: "Hunderte von Millionen
    Dollar", "billions of dollars"."""
    after = L.follow.match(text, c.end)
    scale = after.group("scale") and _scale_of(L, after.group("scale"))
    if scale and c.scale is None:
        c.value, c.low, c.high, c.scale = c.value * scale, c.low * scale, c.high * scale, scale
        c.end = after.end("scale")
    if after.group("cur"):
        c.unit, c.end = _currency(L, after.group("cur")) or c.unit, after.end()


def _share(text: str, L: _Lang, start: int, end: int) -> _Cand | None:
    """ "die Hälfte", "a third", "half", "jeder dritte": one part in N, as a percentage."""
    part = text[start:end].split()[-1].lower()
    n = L.share_parts.get(part) or L.share_parts.get(part[:-1])  # "jeder dritter": the stem without -r
    if not n:
        return None
    return _Cand(start, end, start, end, 100.0 / n, unit="%")


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


RANGE_SPREAD = 10  # after "by", ends further apart than this are a change and a level, not a range


def _joinable(text: str, L: _Lang, a: _Cand, b: _Cand) -> bool:
    """True if b closes a range opened by a ("150 bis 200", "zwischen 150 und 200", "150-200")."""
    if a.kind != "cardinal" or b.kind != "cardinal" or b.qualifier or a.subunit or (b.subunit and a.unit):
        return False  # "20 bis 30 Cent" is a range of cents; "1 Euro bis 50 Cent" is none
    if a.unit and b.unit and a.unit != b.unit:
        return False
    gap = text[a.end:b.start]
    if a.qualifier == "range_open":
        if not L.link_open.match(gap):
            return False
        # "prices rose from 60 to 120": two values of a change, not a range
        if L.change_before.search(text, max(0, a.start - 40), a.start):
            return False
    elif not L.link.match(gap):
        return False
    elif word_before(text, a.start) in L.change_prepositions and (a.unit or abs(b.value) > RANGE_SPREAD * abs(a.value)):
        # "rose by 1.5 percent to 8.4 percent", "rose by 34,000 to 2.77 million": a change, then
        # the new level. "by 10 to 15 percent" is a range: its ends are close.
        return False
    elif a.unit and b.unit and L.change_before.search(text, max(0, a.start - 40), a.start):
        return False  # "fell 4.2 percentage points to 61 percent": each figure has its unit, a verb of change before
    if gap.strip() in _DASHES:
        # phone numbers and codes: "1-222-2222"
        before = text[max(0, a.nstart - 2):a.nstart]
        after = text[b.end:b.end + 2]
        if re.search(r"\d[-/]\Z", before) or re.match(r"[-/]\d", after) or a.qualifier:
            return False
    return True


def _is_ratio(text: str, L: _Lang, a: _Cand, b: _Cand) -> bool:
    """True if a and b are N and M of "two out of three", "zwei von drei Befragten", "1 in 10"."""
    if a.kind != "cardinal" or b.kind != "cardinal" or a.unit or b.unit or a.scale or b.scale:
        return False
    if b.qualifier and not (b.qualifier == "range_open" and b.qstart >= a.end):  # "von" may open a range
        return False
    if a.qualifier == "range_open" or not (0 < a.value < b.value <= L.ratio_max):
        return False
    if not (a.value.is_integer() and b.value.is_integer()) or not L.ratio_link.match(text, a.end, b.start):
        return False
    following = text[b.end : b.end + 30].split(None, 1)
    return not following or following[0].strip(".,;:!?)").lower() not in L.ratio_not_before


def word_before(text: str, i: int, lo: int = 0, reach: int = 12) -> str:
    """The lower-cased word just before offset ``i`` (within ``reach`` characters, not before
    ``lo``), or ''."""
    words = text[max(lo, i - reach) : i].split()
    return words[-1].lower() if words else ""


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
        if p and p.range_high is None and _is_ratio(text, L, p, c):
            p.value, p.unit = 100.0 * p.value / c.value, "%"  # "zwei von drei", "one in three"
            p.end, p.nend = c.end, c.nend
            continue
        if p and p.range_high is None and _joinable(text, L, p, c):
            low = p.value
            if p.scale is None and c.scale and abs(low) * c.scale <= abs(c.value):
                low *= c.scale  # "1,5 bis 2 Millionen"
            if low <= c.value:
                p.value, p.range_high = low, c.value
                p.unit, p.subunit = p.unit or c.unit, c.subunit
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
        if c.kind == "vague":  # "Hunderte Cent": the interval is in cents too
            c.low, c.high = c.low / 100, c.high / 100
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
