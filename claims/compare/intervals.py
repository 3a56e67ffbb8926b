"""Claims as intervals: the values a claim allows, and how an explanation writes them.

``mindestens 2200`` is [2200, inf), ``Hunderte`` is the interval its lexicon
gives, ``über 160`` excludes 160, a month-precision date covers every day of
its month (dates are compared as day ordinals).
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

from ..models import Claim

INF = math.inf


@lru_cache(maxsize=4096)
def day_span(iso: str) -> tuple[int, int]:
    """First and last day (proleptic ordinals) covered by ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(p) for p in iso[:10].split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1).toordinal(), dt.date(parts[0], 12, 31).toordinal()
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first.toordinal(), following.toordinal() - 1
    day = dt.date(parts[0], parts[1], parts[2]).toordinal()
    return day, day


def span_or_open(iso: str | None) -> tuple[float, float]:
    """``day_span`` of ``iso``, or the open interval when it is missing or no date."""
    if not iso:
        return -INF, INF
    try:
        return day_span(iso)
    except ValueError:
        return -INF, INF


def claim_interval(claim: Claim) -> tuple[float, float]:
    """The values ``claim`` allows, as a closed interval (days for dates)."""
    q = claim.qualifier
    if claim.kind == "date" or isinstance(claim.value, str):
        low_iso = claim.value_low or claim.value
        high_iso = claim.value_high or claim.value
        low = span_or_open(low_iso)[0] if low_iso else -INF
        high = span_or_open(high_iso)[1] if high_iso else INF
        if q in ("at_most", "less_than") and claim.value_low is None:
            low = -INF
        if q == "at_least" and claim.value_high is None:
            high = INF
        return low, high
    value = claim.value
    low = claim.value_low
    high = claim.value_high
    if low is None:
        low = -INF if q in ("at_most", "less_than", "range", "vague") or value is None else value
    if high is None:
        high = INF if q in ("at_least", "more_than", "range", "vague") or value is None else value
    # "über 160" excludes 160 itself, so it conflicts with an exact 160.
    if q == "more_than" and low == value:
        low = math.nextafter(low, INF)
    if q == "less_than" and high == value:
        high = math.nextafter(high, -INF)
    return float(low), float(high)


def format_value(claim: Claim) -> str:
    """A claim's value for explanations: ``12,000,000``, ``≥2,200``, ``"Hunderte" (200–999)``."""
    if claim.kind == "date" or isinstance(claim.value, str):
        if claim.value_high and claim.value_high != claim.value:
            return f"{claim.value_low or claim.value}..{claim.value_high}"
        marks = {"at_most": "≤", "at_least": "≥"}
        return f"{marks.get(claim.qualifier, '')}{claim.value}"
    low, high = claim_interval(claim)
    unit = f" {claim.unit}" if claim.unit else ""
    q = claim.qualifier
    if q == "exact" or low == high:
        return format_amount(claim.value) + unit
    if q in ("at_least", "more_than") and high == INF:
        return ("≥" if q == "at_least" else ">") + format_amount(claim.value) + unit
    if q in ("at_most", "less_than") and low == -INF:
        return ("≤" if q == "at_most" else "<") + format_amount(claim.value) + unit
    if q == "approx":
        return "≈" + format_amount(claim.value) + unit
    span = f"{format_amount(low)}–{format_amount(high)}" if high != INF else f"≥{format_amount(low)}"
    if q == "vague":
        return f'"{claim.text}" ({span}{unit})'
    return span + unit


def format_amount(x: float | None) -> str:
    """``12,000``, ``4.25``; ``?`` for an open or missing bound."""
    if x is None or x in (INF, -INF):
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
