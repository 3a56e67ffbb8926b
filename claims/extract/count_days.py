"""The day a toll was counted, written before the figure it rose to: "Die Zahl der Todesopfer
stieg bis Mittwochabend auf 2.946", "The death toll rose on Tuesday to 2,862". Such a date dates
no event (scope.counted_on reads the same day written after the figure: "rose to 23 on
Tuesday"); before, "bis Mittwochabend" read as the end of the earthquake, and two reports
counting on two days disagreed on it."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import DateMatch
from .place_rules import rules
from .sentences import TextContext

TARGET_GAP = 16  # characters between the change target and its figure ("auf mehr als 2.946")
_TARGET = re.compile(r"\s+([^\W\d_]+)\s+")
_WORD = re.compile(r"[^\W\d_]+")


def counted_before(ctx: TextContext, date: DateMatch) -> bool:
    """True if ``date`` stands right before a change target and a figure ("bis Mittwochabend auf
    2.946") in a sentence that names a total ("Zahl", "toll": ``event_totals`` of places.yaml)."""
    target = _TARGET.match(ctx.text, date.end)
    if target is None or target.group(1).lower() not in ctx.vocab.change_targets:
        return False
    i = bisect_left(ctx.number_starts, target.end())
    if i >= len(ctx.number_starts) or ctx.number_starts[i] - target.end() > TARGET_GAP:
        return False
    lo, hi = ctx.span(ctx.locate(date.start))
    totals = rules(ctx.lang).event_totals
    return any(w.casefold() in totals for w in _WORD.findall(ctx.text, lo, date.start))
