"""Like with like: the figures of one comparison class, line by line, in report order.

A comparison class holds the claims of a group that count the same thing (one actor, one
place). Within it, each source line (sources.py: official, independent monitor, media, the
outlet's own voice ...) is a series in report order. A pair of disjoint figures (the lower
``a``, the higher ``b``) is

- within one named line: an ``update`` when ``b`` is not earlier than ``a`` (a rising toll, also two
  reports of one day) and the category only grows; a ``conflict`` when the series falls, unless
  the category may fall (``falling_categories``: the missing are found);
- across lines, and between outlets speaking in their own voice: a ``conflict`` when ``b`` is not later than ``a`` (the monitor's 71 against the
  ministry's 52 of the same day), an ``update`` when it is later and the category grows; for a
  category that may fall only figures of the same day conflict.

Outside the update window (``update_window_days`` after the scope) and for categories that
neither grow nor fall, every disjoint pair conflicts. Two claims of one document are compared
only when both name a source and the sources are of different lines (a report setting the
ministry's toll beside the monitor's); otherwise they are repeated mentions.

Each search is a sort and a sweep per line (a few lines per class), never a loop over pairs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from ..models import Claim


@dataclass(slots=True)
class Rec:
    """A claim as the comparison sees it: its interval, report time and source line."""

    claim: Claim
    low: float
    high: float
    vague: bool
    as_start: float
    as_end: float
    in_window: bool  # written while the event was unfolding (update possible)
    line: str  # the source line ("official", "outlet" ...)
    named: bool  # the text names the source
    part: str | None = None  # the place, subgroup or actor that makes it a part of a whole
    within: bool = False  # may be compared with a claim of its own report (another named source line)


def comparable(a: Rec, b: Rec) -> bool:
    """Two claims are compared when they come from two documents, or from one document that
    sets two named sources of different lines side by side about a dated event (a toll, a crowd:
    ``within_report_categories``; ``Rec.within`` says the claim's group allows it)."""
    if a.claim.doc != b.claim.doc:
        return True
    return a.within and b.within and a.named and b.named and a.line != b.line


# The two best entries (value, rec) of distinct documents, best first; "best" is the largest low.
Top2 = tuple


def push(entries: Top2, value: float, rec: Rec) -> Top2:
    """``entries`` with ``rec`` (value ``value``) taken in, keeping the two best of distinct docs."""
    if not entries:
        return ((value, rec),)
    doc = rec.claim.doc
    first = entries[0]
    if first[1].claim.doc == doc:
        return entries if value <= first[0] else ((value, rec),) + entries[1:]
    if len(entries) == 1:
        return (first, (value, rec)) if value <= first[0] else ((value, rec), first)
    second = entries[1]
    if value <= second[0]:
        return entries
    return (first, (value, rec)) if value <= first[0] else ((value, rec), first)


def best_for(entries: Top2, a: Rec) -> Rec | None:
    """The best entry comparable with ``a``."""
    for _value, rec in entries:
        if comparable(a, rec):
            return rec
    return None


class LineIndex:
    """The claims of one line, searchable by report time: the highest low before, after, on the
    same day. Each view is built on its first use: most groups need one or two of them."""

    def __init__(self, recs: list[Rec]):
        self.recs = recs
        self.named = any(r.named for r in recs)
        self._by_start = sorted(recs, key=lambda r: r.as_start)
        self.starts = [r.as_start for r in self._by_start]
        self.prefix_start = _prefix(self._by_start)
        self.top = self.prefix_start[-1] if recs else ()

    @cached_property
    def suffix_start(self) -> list[Top2]:
        return _suffix(self._by_start)

    @cached_property
    def _by_end(self) -> list[Rec]:
        return sorted(self.recs, key=lambda r: r.as_end)

    @cached_property
    def ends(self) -> list[float]:
        return [r.as_end for r in self._by_end]

    @cached_property
    def prefix_end(self) -> list[Top2]:
        return _prefix(self._by_end)

    @cached_property
    def suffix_end(self) -> list[Top2]:
        return _suffix(self._by_end)

    @cached_property
    def days(self) -> dict[float, Top2]:
        days: dict[float, Top2] = {}
        for r in self.recs:
            days[r.as_start] = push(days.get(r.as_start, ()), r.low, r)
        return days

    def not_later(self, a: Rec) -> Top2:  # b.as_start <= a.as_end
        i = bisect_right(self.starts, a.as_end)
        return self.prefix_start[i - 1] if i else ()

    def later(self, a: Rec) -> Top2:  # b.as_start > a.as_end
        return self.suffix_start[bisect_right(self.starts, a.as_end)]

    def earlier(self, a: Rec) -> Top2:  # b.as_end < a.as_start
        i = bisect_left(self.ends, a.as_start)
        return self.prefix_end[i - 1] if i else ()

    def not_earlier(self, a: Rec) -> Top2:  # b.as_end >= a.as_start
        return self.suffix_end[bisect_left(self.ends, a.as_start)]

    def same_day(self, a: Rec) -> Top2:
        return self.days.get(a.as_start, ())


def _prefix(recs: list[Rec]) -> list[Top2]:
    out, top = [], ()
    for r in recs:
        top = push(top, r.low, r)
        out.append(top)
    return out


def _suffix(recs: list[Rec]) -> list[Top2]:
    out: list[Top2] = [()] * (len(recs) + 1)
    for i in range(len(recs) - 1, -1, -1):
        out[i] = push(out[i + 1], recs[i].low, recs[i])
    return out


def _higher(a: Rec, entries: Top2) -> Rec | None:
    b = best_for(entries, a)
    return b if b is not None and a.high < b.low else None


def conflict_pair(lower: list[Rec], higher: LineIndex, same_line: bool, grows: bool, falls: bool) -> tuple | None:
    """The (a, b) with ``a`` of ``lower`` and ``b`` of ``higher`` higher than ``a`` that is a conflict;
    of several, two named sources first, then a pair of one day, then the latest reports."""
    best, weight = None, None
    # Between outlets' own voices the first conflict found decides, as before there were lines.
    first = not higher.named and not any(r.named for r in lower)
    for a in lower:
        if not a.in_window or not (grows or falls):
            candidates = higher.top
        elif same_line:
            if falls:
                continue
            candidates = higher.earlier(a)  # the series fell
        elif falls:
            candidates = higher.same_day(a)
        elif first:
            candidates = higher.not_later(a)
        else:
            candidates = higher.same_day(a) if _higher(a, higher.same_day(a)) else higher.not_later(a)
        b = _higher(a, candidates)
        if b is not None and first:
            return a, b
        if b is not None and (best is None or pair_weight(a, b) < weight):
            best, weight = (a, b), pair_weight(a, b)
    return best


def pair_weight(a: Rec, b: Rec) -> tuple[int, int, float]:
    """How well a pair decides a conflict: named sources first, then one day, then the latest reports."""
    return -(a.named + b.named), int(a.as_start != b.as_start), -max(a.as_start, b.as_start)


def update_pair(lower: list[Rec], higher: LineIndex, same_line: bool, grows: bool, falls: bool) -> tuple | None:
    """The first (a, b) that is an update: the count rose in a later report (or, in one line,
    a report of the same day), or fell where the category may fall."""
    if not (grows or falls):
        return None
    for a in lower:
        if not a.in_window:
            continue
        b = _higher(a, higher.not_earlier(a) if same_line else higher.later(a)) if grows or falls else None
        if b is None and falls:
            b = _higher(a, higher.earlier(a))
            if b is not None:
                return b, a  # earlier higher, later lower: the fall, in report order
        if b is not None:
            return a, b
    return None
