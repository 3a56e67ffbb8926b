"""A timeline of a casualty or arrest group: each source line as a series over report date.

Geometry only: this module turns a group's figures into marks in SVG coordinates, and
``templates/chart.svg.j2`` writes them (escaped like every other template). An exact figure is a
dot (hollow when approximate), a range a bar with caps, an open bound ("mindestens 2200") a bar that
runs to the edge with an arrow, a vague amount ("Hunderte") a band over the interval its lexicon
gives. A report dated to a month or a year is drawn at the middle of that span, with a whisker over it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..compare import claim_interval, day_span
from ..compare.intervals import format_amount
from ..lexicon import load
from .data import Figure, GroupReport, Source

WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 18, 40
LOG_RATIO = 50  # values spanning more than this factor are drawn on a log scale
SPREAD = 11  # px between marks of one report date
# Okabe-Ito: told apart also by readers with a colour vision deficiency.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
OTHER_COLOUR = "#7a828e"  # the series beyond the palette, drawn as one: "other sources"
NO_LINE = "no source named"
OTHER = "other sources"
CHAR_PX = 6.4  # the width of a character of a value label, for keeping labels apart


@dataclass(slots=True)
class Mark:
    x: float
    y: float  # where the series line passes
    y_low: float
    y_high: float
    shape: str  # dot | ring | bar | open | band
    colour: str
    label: str  # the value as read, next to the mark ("" when it would cover another label)
    tip: str  # who says it, where and how: the mark's tooltip
    x_low: float = 0.0  # the span of a report dated to a month or year
    x_high: float = 0.0
    open_up: bool = True
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "start"


@dataclass(slots=True)
class Series:
    name: str
    colour: str
    swatch: int  # the index of its colour in PALETTE (the legend's CSS class)
    points: str = ""  # "x,y x,y" for the polyline
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class Chart:
    title: str
    series: list[Series]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    log: bool
    undated: int  # figures of undated reports, not drawn
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def charted_categories() -> list[str]:
    """The categories that get a timeline: the fates of people (``categories.yaml``: arrests, injuries, deaths)."""
    return list(load("categories")["fates"])


def series_name(figure: Figure) -> str:
    return figure.source_line or figure.claim.attribution or NO_LINE


def _report_span(figure: Figure, source: Source) -> tuple[int, int] | None:
    date = figure.claim.as_of or source.date
    try:
        return day_span(date) if date else None
    except ValueError:
        return None


def timeline(group: GroupReport) -> Chart | None:
    """The chart of ``group``, or None when none of its figures is a number in a dated report."""
    by_doc = {s.doc_id: s for s in group.sources}
    drawn, undated = [], 0
    for doc, figures in group.figures.items():
        for figure in figures:
            if isinstance(figure.claim.value, str) or figure.claim.kind == "date":
                continue
            span = _report_span(figure, by_doc[doc])
            if span is None:
                undated += 1
            else:
                drawn.append((figure, by_doc[doc], span, claim_interval(figure.claim)))
    if not drawn:
        return None
    names = _series_names([series_name(f) for f, *_ in sorted(drawn, key=lambda d: (d[2], d[1].doc_id))])
    own = [n for n in dict.fromkeys(names.values()) if n != OTHER]
    series = {name: Series(name, PALETTE[i], i) for i, name in enumerate(own)}
    if OTHER in names.values():
        series[OTHER] = Series(OTHER, OTHER_COLOUR, len(PALETTE))
    y_of, y_ticks, log = _y_scale([v for *_, iv in drawn for v in iv] + [f.claim.value for f, *_ in drawn])
    x_of, x_ticks = _x_scale([s for _, _, s, _ in drawn])
    order = list(series)
    for figure, source, span, interval in sorted(drawn, key=lambda d: (d[2], order.index(names[series_name(d[0])]))):
        line = series[names[series_name(figure)]]
        centre = x_of((span[0] + span[1]) / 2)
        line.marks.append(_mark(figure, source, interval, y_of, line.colour, centre, x_of(span[0]), x_of(span[1])))
    _spread(list(series.values()))
    return Chart(f"{group.what} · {group.group.scope or 'time unknown'}", list(series.values()),
                 x_ticks, y_ticks, log, undated)


def _spread(lines: list[Series]) -> None:
    """Marks of one report date side by side (in series order), so no bar hides another; then each line."""
    at: dict[float, list[Mark]] = {}
    for line in lines:
        for mark in line.marks:
            at.setdefault(mark.x, []).append(mark)
    for marks in at.values():
        for k, mark in enumerate(marks):
            mark.x += (k - (len(marks) - 1) / 2) * SPREAD
    for line in lines:
        if line.name != OTHER:  # "other sources" are several lines: no one line joins them
            line.points = " ".join(f"{m.x:.1f},{m.y:.1f}" for m in line.marks)
    _place_labels([m for line in lines for m in line.marks])


def _series_names(names: list[str]) -> dict[str, str]:
    """Each name's series: the names given most often keep their own, the rest are OTHER."""
    counts = {name: names.count(name) for name in dict.fromkeys(names)}
    kept = sorted(counts, key=lambda n: -counts[n])[: len(PALETTE) - (len(counts) > len(PALETTE))]
    return {name: name if name in kept else OTHER for name in counts}


def _place_labels(marks: list[Mark]) -> None:
    """Each value label right of its mark, else left of it, else left out (its tooltip still says it)."""
    placed: list[tuple[float, float, float, float]] = []
    for mark in sorted(marks, key=lambda m: (m.x, m.y)):
        mark.label_y = (mark.y_low + mark.y_high) / 2 + 4 if mark.shape == "band" else mark.y + 4
        width = CHAR_PX * len(mark.label) + 2
        for anchor, x0 in (("start", mark.x + 8), ("end", mark.x - 8 - width)):
            box = (x0, mark.label_y - 11, x0 + width, mark.label_y + 2)
            if box[0] >= LEFT and box[2] <= WIDTH and not any(_overlap(box, other) for other in placed):
                placed.append(box)
                mark.label_x, mark.label_anchor = (mark.x + 8 if anchor == "start" else mark.x - 8), anchor
                break
        else:
            mark.label = ""


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _mark(figure: Figure, source: Source, interval: tuple[float, float], y_of, colour: str,
          x: float, x_low: float, x_high: float) -> Mark:
    claim = figure.claim
    low, high = interval
    value = claim.value if isinstance(claim.value, (int, float)) and math.isfinite(claim.value) else None
    finite = [v for v in (low, high, value) if v is not None and math.isfinite(v)]
    centre = value if value is not None else (finite[0] if finite else 0.0)
    if claim.qualifier == "vague":
        shape = "band"
    elif high == math.inf or low == -math.inf:
        shape = "open"
    elif low != high:
        shape = "bar"
    else:
        shape = "ring" if claim.qualifier == "approx" else "dot"
    who = source.name or source.doc_id
    said = claim.attribution or "no source named"
    tip = f"{who} ({source.doc_id}, {claim.as_of or source.date}): “{claim.text}” → {figure.reads_as}; {said}"
    return Mark(x, y_of(centre), y_of(low), y_of(high), shape, colour, figure.reads_as, tip, x_low, x_high,
                open_up=high == math.inf)


def _y_scale(values: list) -> tuple:
    finite = [float(v) for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    top_value = max(finite, default=1.0)
    positive = [v for v in finite if v > 0]
    low_value = min(positive, default=1.0)
    top_px, bottom_px = TOP, HEIGHT - BOTTOM
    if positive and top_value / low_value > LOG_RATIO:
        lo, hi = 10 ** math.floor(math.log10(low_value)), 10 ** math.ceil(math.log10(top_value))
        hi = hi * 10 if hi == top_value else hi

        def y_of(v: float) -> float:
            v = min(max(v, lo), hi) if math.isfinite(v) else (hi if v > 0 else lo)
            return bottom_px - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (bottom_px - top_px)

        ticks, t = [], lo
        while t <= hi:
            ticks.append((y_of(t), format_amount(t)))
            t *= 10
        return y_of, ticks, True
    step = _nice_step(max(top_value, 1.0) * 1.15 / 5)
    hi = step * math.ceil(max(top_value, 1.0) * 1.15 / step)

    def y_of(v: float) -> float:
        v = min(max(v, 0.0), hi) if math.isfinite(v) else (hi if v > 0 else 0.0)
        return bottom_px - v / hi * (bottom_px - top_px)

    ticks = [(y_of(i * step), format_amount(i * step)) for i in range(round(hi / step) + 1)]
    return y_of, ticks, False


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _x_scale(spans: list[tuple[int, int]]) -> tuple:
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    pad = max(2, (last - first) * 0.06)
    lo, hi = first - pad, last + pad
    left, right = LEFT + 10, WIDTH - RIGHT - 10

    def x_of(day: float) -> float:
        return left + (day - lo) / (hi - lo) * (right - left)

    days = hi - lo
    step = next((s for s in (1, 2, 7, 14, 28) if days / s <= 8), None)
    ticks = []
    if step is not None:
        day = math.ceil(lo)
        while day <= hi:
            ticks.append((x_of(day), dt.date.fromordinal(day).isoformat()))
            day += step
    else:
        months = days > 900
        for day in range(math.ceil(lo), math.floor(hi) + 1):
            date = dt.date.fromordinal(day)
            if date.day == 1 and (not months or date.month == 1):
                ticks.append((x_of(day), date.isoformat()[: 4 if months else 7]))
        stride = max(1, math.ceil(len(ticks) / 8))
        ticks = ticks[::stride]
    half_label = 34  # half the width of a date label: no label runs off the chart
    return x_of, [(x, label) for x, label in ticks if LEFT <= x <= WIDTH - half_label]
