"""The timeline of a casualty group: which mark each kind of figure gets, where, and in which series."""

from __future__ import annotations

import pytest

from claims.models import Group
from claims.report.chart import CHAR_PX, OTHER, PALETTE, timeline
from claims.report.data import Figure, GroupReport, Source, anchor, reads_as
from tests.support.claimfactory import make_claim


def _source(doc: str, date: str | None) -> Source:
    return Source(doc, f"Outlet {doc}", None, date, None, "de", None, anchor("d", doc))


def _group(specs) -> GroupReport:
    """specs: (doc, report date, claim keywords, source line or None)."""
    sources, figures = {}, {}
    for doc, date, claim_kw, line in specs:
        sources[doc] = _source(doc, date)
        claim = make_claim(doc=doc, as_of=date, **claim_kw)
        figures.setdefault(doc, []).append(Figure(claim, reads_as(claim), line, anchor("c", claim.claim_id)))
    group = Group("g1", "deaths", "deaths: Tote · 2022-01", "2022-01", "conflict", [])
    return GroupReport(group, "deaths: Tote", list(sources.values()), figures, sum(map(len, figures.values())), None)


def _marks(chart):
    return {m.label: m for s in chart.series for m in s.marks}


def test_each_kind_of_figure_has_its_mark():
    chart = timeline(_group([
        ("a", "2022-01-05", {"value": 16.0}, None),
        ("b", "2022-01-06", {"value": 20.0, "qualifier": "approx"}, None),
        ("c", "2022-01-07", {"value": 150.0, "low": 150.0, "high": 200.0, "qualifier": "range"}, None),
        ("d", "2022-01-08", {"value": 160.0, "high": None, "qualifier": "at_least"}, None),
        ("e", "2022-01-09", {"value": 100.0, "low": 100.0, "high": 999.0, "qualifier": "vague", "text": "Hunderte"}, None),
    ]))
    marks = _marks(chart)
    shapes = {label: m.shape for label, m in marks.items()}
    assert shapes == {"16": "dot", "≈20": "ring", "150–200": "bar", "≥160": "open", '"Hunderte" (100–999)': "band"}
    assert marks["≥160"].open_up and marks["≥160"].y_high == chart.top  # runs to the top edge
    assert marks["150–200"].y_low > marks["150–200"].y_high  # a bar from 150 down to 200 up
    xs = [m.x for m in sorted(marks.values(), key=lambda m: m.tip)]
    assert xs == sorted(xs)  # later reports further right


def test_values_far_apart_are_drawn_on_a_log_scale():
    near = timeline(_group([("a", "2022-01-05", {"value": 14.0}, None), ("b", "2022-01-06", {"value": 16.0}, None)]))
    far = timeline(_group([("a", "2022-01-05", {"value": 14.0}, None), ("b", "2022-01-06", {"value": 2200.0}, None)]))
    assert not near.log and far.log
    assert [label for _, label in far.y_ticks] == ["10", "100", "1,000", "10,000"]
    assert near.y_ticks[0][1] == "0"


def test_series_follow_the_source_line_and_many_lines_share_other():
    specs = [(doc, f"2022-01-0{i + 1}", {"value": 10.0 + i, "start": i * 10}, f"line {i}")
             for i, doc in enumerate("abcdefgh")]
    specs += [("i", "2022-01-09", {"value": 30.0}, "line 0")]
    chart = timeline(_group(specs))
    names = [s.name for s in chart.series]
    assert len(names) == len(PALETTE) and names[-1] == OTHER and names[0] == "line 0"
    assert len(chart.series[0].marks) == 2 and chart.series[0].points.count(",") == 2  # a line through both
    assert chart.series[-1].points == ""  # other sources are not one line
    assert sum(len(s.marks) for s in chart.series) == 9  # no figure is dropped


def test_a_report_of_a_month_is_drawn_mid_month_with_its_span_and_undated_reports_are_counted():
    chart = timeline(_group([
        ("a", "2022-01", {"value": 14.0}, None), ("b", "2022-01-20", {"value": 16.0}, None),
        ("c", None, {"value": 15.0}, None),
    ]))
    marks = _marks(chart)
    assert marks["14"].x_high - marks["14"].x_low > 100 and marks["14"].x_low < marks["14"].x < marks["14"].x_high
    assert marks["16"].x_high == marks["16"].x_low
    assert chart.undated == 1 and "15" not in marks


def _box(mark):
    width = CHAR_PX * len(mark.label) + 2
    x0 = mark.label_x if mark.label_anchor == "start" else mark.label_x - width
    return x0, mark.label_y - 11, x0 + width, mark.label_y + 2


def test_marks_of_one_day_stand_side_by_side_and_labels_do_not_overlap():
    chart = timeline(_group([(d, "2022-01-05", {"value": 100.0 + i, "start": i}, f"line {d}")
                             for i, d in enumerate("abcd")]))
    marks = [m for s in chart.series for m in s.marks]
    assert len({round(m.x) for m in marks}) == 4
    boxes = [_box(m) for m in marks if m.label]
    assert len(boxes) >= 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


@pytest.mark.parametrize("spec", [
    ("a", "2022-01-05", {"value": "2022-01-05", "kind": "date", "category": "date"}, None),  # a date is no toll
    ("a", None, {"value": 12.0}, None),  # a figure of an undated report has no place on the time axis
])
def test_no_number_in_a_dated_report_no_chart(spec):
    assert timeline(_group([spec])) is None
