"""Neighbouring numbers joined into ranges, ratios and sums ("150 bis 200", "zwei von drei",
"2 Euro und 50 Cent"), and the interval each finished number asserts.
"""

from __future__ import annotations

import re

from ...models import NumberMatch
from .candidate import Candidate
from .grammar import DASHES, Grammar
from .scan import word_before

# ---------------------------------------------------------------- ranges, intervals


RANGE_SPREAD = 10  # after "by", ends further apart than this are a change and a level, not a range


def _joinable(text: str, L: Grammar, a: Candidate, b: Candidate) -> bool:
    """True if b closes a range opened by a ("150 bis 200", "zwischen 150 und 200", "150-200")."""
    if a.kind != "cardinal" or b.kind != "cardinal" or b.qualifier or a.subunit or (b.subunit and a.unit):
        return False  # "20 bis 30 Cent" is a range of cents; "1 Euro bis 50 Cent" is none
    if a.unit and b.unit and a.unit != b.unit:
        return False
    gap = text[a.end:b.start]
    if a.qualifier == "range_open":
        opener = text[a.qstart : a.nstart].strip().lower() if a.qstart >= 0 else ""
        closing = L.link if opener in L.data.get("openers_closed_by_links_only", ()) else L.link_open
        if not closing.match(gap):
            return False  # "im Alter von 19 und 23 Jahren": two ages, no range
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
    if gap.strip() in DASHES:
        # phone numbers and codes: "1-222-2222"
        before = text[max(0, a.nstart - 2):a.nstart]
        after = text[b.end:b.end + 2]
        if re.search(r"\d[-/]\Z", before) or re.match(r"[-/]\d", after) or a.qualifier:
            return False
    return True


def _is_ratio(text: str, L: Grammar, a: Candidate, b: Candidate) -> bool:
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


def merge(text: str, L: Grammar, cands) -> list[Candidate]:
    out: list[Candidate] = []
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


def _interval(L: Grammar, c: Candidate) -> tuple[float | None, float | None, str]:
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
    if q == "nearly":  # "knapp 3000", "nearly 2,800": just under, never the figure itself
        return min(v, v * (1 - t)), v, "less_than"
    if q == "less_than":
        return floor, v, "less_than"
    return v, v, "exact"


def _clean(x: float | None) -> float | None:
    """Drop float noise such as 19100000.000000004 from multiplying out scales."""
    if x is None or (x.is_integer() and abs(x) < 1e15):
        return x
    return float(f"{x:.12g}")


def finish(text: str, L: Grammar, c: Candidate) -> NumberMatch:
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
