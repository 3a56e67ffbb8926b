"""Single numbers in text, read where the master regex finds them: digits in the language's
notation, number words, vague amounts and shares, each with the qualifier, currency symbol
or sign in the few characters before it and the scale word and unit right after it.
"""

from __future__ import annotations

import math
import re

from ...lexicon.wordlists import fold_phrase, lowered
from .candidate import Candidate
from .forms import fraction, grouped_before_word, over, share
from .grammar import Grammar, inflected
from .words import word_segments

WINDOW = 28  # characters before a number searched for its qualifier ("deutlich mehr als US$ -")


_SENTENCE_END = set(".!?:;\"„“”»«›‹()[]•*–—-|\n")


_SIGN_OR_SYMBOL = set("-−+$€£¥₽₹₩₸₺")


# ---------------------------------------------------------------- digits


def _group_ok(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _digits_value(raw: str, L: Grammar) -> float | None:
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


def _is_sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END or text[j] == "\r" or text[j] == "#"


def _currency(L: Grammar, surface: str, prefix: str = "") -> str | None:
    key = prefix + fold_phrase(surface)
    if key in L.currency_codes:
        return L.currency_codes[key]
    table = L.data["subunits"] if prefix == "sub:" else L.data["currencies"]
    for name, code in table.items():
        if re.fullmatch(inflected(name.lower()), fold_phrase(surface), re.IGNORECASE):
            return code
    return None


def _apply_prefix(text: str, L: Grammar, c: Candidate, digits: bool, floor: int) -> bool:
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
        c.qualifier = L.data["qualifiers"].get(fold_phrase(m.group("q")))
        if c.qualifier is None:
            c.qualifier = next((k for w, k in L.data["qualifiers"].items() if fold_phrase(w) == fold_phrase(m.group("q"))), None)
        c.qstart = m.start("q")
        if c.qualifier != "range_open":
            c.start = c.qstart
    return True


def _governed(text: str, L: Grammar, qualifier: str, start: int) -> bool:
    """True if the word before the qualifier governs it as a preposition: "verfügt über 304
    Hubschrauber" has 304, "control over 300 villages" is control of 300."""
    matcher = L.governed_qualifiers.get(fold_phrase(qualifier))
    if matcher is None:
        return False
    before = text[max(0, start - 30) : start].split()
    return bool(before) and matcher.matches(before[-1].strip(".,;:!?()\"'„“”»«"))


def _ordinal_by_article(text: str, L: Grammar, c: Candidate) -> bool:
    """ "der 2. Weltkrieg": a dot after digits that follow an article is an ordinal, not a full stop."""
    e = c.nend
    if text[e:e + 1] != "." or not text[e + 1:e + 2].isspace() or not text[c.nstart:e].isdigit():
        return False
    end = c.nstart
    while end > 0 and text[end - 1] == " ":
        end -= 1
    begin = text.rfind(" ", max(0, end - 12), end) + 1
    return text[begin:end].lower() in L.ordinal_articles


def _apply_follow(text: str, L: Grammar, c: Candidate, digits: bool = True) -> bool:
    """Read scale word and unit after the number; False if the number is a time or an identifier."""
    m = L.follow.match(text, c.nend)
    if m.group("glued"):
        # "2,121pilgrims": a figure with a group mark glued to a word (lost spacing) ends at its
        # digits; other digits glued to letters are codes ("5G", "A380").
        return digits and grouped_before_word(text, L, c)
    if m.group("time"):
        return False
    if m.group("ord") or (m.end() == c.nend and _ordinal_by_article(text, L, c)):
        c.kind, c.end, c.start, c.qualifier = "ordinal", max(m.end(), c.nend + 1), c.nstart, None
        return True
    if m.group("unitglue"):
        scale = L.data.get("currency_glued_scales", {}).get(m.group("unitglue")) if c.unit not in (None, "%") else None
        if scale:  # "£450m": after a currency sign a million
            c.scale, c.value, c.end = scale, c.value * scale, max(c.end, m.end())
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


def candidates(text: str, L: Grammar):
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
        if group == "skip" and L.measure_words and _measured(text, L, hit):
            # "Stärke von 6.8.": a measure, not the date 6 August; the figure before the full stop
            group, end = "num", hit.start("skip") + len(hit.group("skip").rstrip("."))
            hit = L.master.match(scan, hit.start(), end) or L.head.match(scan, hit.start(), end)
            if hit is None or hit.lastgroup != "num":
                continue
        if group in ("frac", "vulgar"):
            c = fraction(text, hit, group)
            if c is not None and c.value < 1 and L.share_of.match(text, c.nend):
                c.value, c.unit = c.value * 100, "%"  # "3/4 der Befragten", "¾ of voters": a share
            if c is not None and _apply_prefix(text, L, c, True, last_end) and _apply_follow(text, L, c):
                pos = last_end = max(pos, c.end)
                yield c
        elif group == "num":
            value = _digits_value(hit.group("num"), L)
            if value is None:
                continue
            c = Candidate(hit.start("num"), hit.end(), hit.start("num"), hit.end(), value)
            spoken = L.digit_decimal.match(text, c.nend) if text[c.nend : c.nend + 1].isspace() else None
            if spoken and hit.group("num").isdigit():  # "1 komma 1": the decimal mark spoken
                c.value, c.end = float(f"{hit.group('num')}.{spoken.group(1)}"), spoken.end()
                c.nend = c.end
            if _apply_prefix(text, L, c, True, last_end) and _apply_follow(text, L, c):
                pos = last_end = max(pos, c.end)
                yield c
        elif group == "vague":
            low, high = L.vague.get(fold_phrase(hit.group("vague")), (None, None))
            if low is None:
                continue
            c = Candidate(hit.start("vague"), hit.end(), hit.start("vague"), hit.end(), float(low), kind="vague", low=float(low),
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
            c = share(text, L, hit.start("share"), hit.end())
            if c is not None and _apply_prefix(text, L, c, False, last_end):
                pos = last_end = max(pos, c.end)
                yield c
        elif group == "words":
            for start, end, value, ordinal, article in word_segments(L, hit.group("words"), hit.start("words")):
                c = Candidate(start, end, start, end, value, kind="ordinal" if ordinal else "cardinal")
                if not _apply_prefix(text, L, c, False, last_end):
                    continue
                if not _capitalisation_ok(text, L, c):
                    continue
                if not ordinal and not article:
                    over(text, L, c)  # "zwei drittel Brot"
                if not ordinal and not _apply_follow(text, L, c, False):
                    continue
                if article and (c.unit is None or c.unit == "%"):
                    continue  # "ein", "eine": only a number as "einen Euro"
                pos = last_end = max(pos, c.end)
                yield c


def _measured(text: str, L: Grammar, hit: re.Match) -> bool:
    """True for a day-month shape without a year ("6.8.") after a measure word ("Stärke von")."""
    raw = hit.group("skip")
    if raw.count(".") != 2 or not raw.endswith("."):
        return False
    before = text[max(0, hit.start("skip") - 20) : hit.start("skip")].lower().split()
    return bool(before) and (before[-1] in L.measure_words or " ".join(before[-2:]) in L.measure_words)


def _scale_word(matched: str) -> str:
    """The scale word of a ``follow`` match's scale group: " Millionen", "-Millionen" ("500-Millionen-Dollar")."""
    return matched.strip().lstrip("-")


def _scale_of(L: Grammar, matched: str) -> float | None:
    word = _scale_word(matched)
    return L.roles["scales_all"].get(word.lower()) or L.data["glued_scales"].get(word)


def _vague_follow(text: str, L: Grammar, c: Candidate) -> None:
    """A scale and a currency after "von"/"of" belong to a vague amount: "Hunderte von Millionen
    Dollar", "billions of dollars"."""
    after = L.follow.match(text, c.end)
    scale = after.group("scale") and _scale_of(L, after.group("scale"))
    if scale and c.scale is None:
        c.value, c.low, c.high, c.scale = c.value * scale, c.low * scale, c.high * scale, scale
        c.end = after.end("scale")
    if after.group("cur"):
        c.unit, c.end = _currency(L, after.group("cur")) or c.unit, after.end()


def _capitalisation_ok(text: str, L: Grammar, c: Candidate) -> bool:
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


def word_before(text: str, i: int, lo: int = 0, reach: int = 12) -> str:
    """The lower-cased word just before offset ``i`` (within ``reach`` characters, not before
    ``lo``), or ''."""
    words = text[max(lo, i - reach) : i].split()
    return words[-1].lower() if words else ""
