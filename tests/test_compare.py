"""Interval comparison: pairs of claims -> status, and group aggregation."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.compare import SEVERITY, claim_interval, compare_group, day_span, load_config
from tests.support.claimfactory import make_claim

INF = math.inf

# (left kwargs, right kwargs, expected status); docs 001 (2022-01-07) and 002 (2022-01-11).
PAIRS = [
    # same exact value
    (dict(value=14.0), dict(value=14.0), "agree"),
    # population 12 vs 19 million: disjoint, not cumulative
    (dict(category="population", concept="inhabitants", value=12e6),
     dict(category="population", concept="inhabitants", value=19e6), "conflict"),
    # "weit über 160" vs "hunderter" (vague 200-999): overlap, different precision
    (dict(value=160.0, low=160.0, high=None, qualifier="more_than"),
     dict(value=200.0, low=200.0, high=999.0, qualifier="vague"), "compatible"),
    # two vague "Tausende": same interval but neither pins a value
    (dict(category="arrests", concept="arrested", value=2000.0, low=2000.0, high=9999.0, qualifier="vague"),
     dict(category="arrests", concept="arrested", value=2000.0, low=2000.0, high=9999.0, qualifier="vague"),
     "compatible"),
    # injuries "Hunderte" (earlier) vs "mindestens 2200" (later): cumulative, higher later
    (dict(category="injuries", concept="injured", value=200.0, low=200.0, high=999.0, qualifier="vague",
          as_of="2022-01-07"),
     dict(category="injuries", concept="injured", value=2200.0, low=2200.0, high=None, qualifier="at_least",
          as_of="2022-01-11"), "update"),
    # ... but a LOWER count in the later report is a conflict
    (dict(value=300.0, as_of="2022-01-07"), dict(value=160.0, as_of="2022-01-11"), "conflict"),
    # same publication day: nothing is later, so disjoint counts conflict
    (dict(value=100.0, as_of="2022-01-10"), dict(value=160.0, as_of="2022-01-10"), "conflict"),
    # month-precision as_of overlaps the day: not strictly later
    (dict(value=100.0, as_of="2022-01"), dict(value=160.0, as_of="2022-01-20"), "conflict"),
    # the 2011 toll told in 2022 by two reports: too late to be an update
    (dict(value=14.0, scope="2011", as_of="2022-01"), dict(value=16.0, scope="2011", as_of="2022-01-10"),
     "conflict"),
    (dict(value=14.0, scope="2011", as_of="2022-01-02"), dict(value=16.0, scope="2011", as_of="2022-01-10"),
     "conflict"),
    # unknown publication dates never make an update
    (dict(value=14.0, as_of=None), dict(value=16.0, as_of="2022-01-10"), "conflict"),
    # categories that neither grow nor fall never update
    (dict(category="population", concept="inhabitants", value=2000.0, as_of="2022-01-07"),
     dict(category="population", concept="inhabitants", value=4000.0, as_of="2022-01-11"), "conflict"),
    # a deployment grows (or shrinks) from one report to the next: an update
    (dict(category="troops", concept="soldiers", value=2000.0, as_of="2022-01-07"),
     dict(category="troops", concept="soldiers", value=4000.0, as_of="2022-01-11"), "update"),
    # "über 160" excludes 160
    (dict(value=160.0, low=160.0, high=None, qualifier="more_than"), dict(value=160.0), "conflict"),
    (dict(value=160.0, low=160.0, high=None, qualifier="at_least"), dict(value=160.0), "compatible"),
    # "knapp 20" (18-20) vs 20
    (dict(value=20.0, low=18.0, high=20.0, qualifier="approx"), dict(value=20.0), "compatible"),
    (dict(value=20.0, low=18.0, high=20.0, qualifier="approx", category="population"),
     dict(value=25.0, category="population"), "conflict"),
    # percentages
    (dict(category="percentage", concept="wage_increase", value=100.0, unit="%"),
     dict(category="percentage", concept="wage_increase", value=100.0, unit="%"), "agree"),
    # dates: same day; month covers day; different days
    (dict(category="date", concept="general_strike", value="2022-01-03"),
     dict(category="date", concept="general_strike", value="2022-01-03"), "agree"),
    (dict(category="date", concept="general_strike", value="2022-01"),
     dict(category="date", concept="general_strike", value="2022-01-03"), "compatible"),
    (dict(category="date", concept="crackdown", value="2022-01-06"),
     dict(category="date", concept="crackdown", value="2022-01-07"), "conflict"),
    (dict(category="date", concept="crackdown", value="2022-01-05", low="2022-01-05", high="2022-01-08",
          qualifier="range"),
     dict(category="date", concept="crackdown", value="2022-01-06"), "compatible"),
    (dict(category="date", concept="emergency", value="2022-01-19", low=None, high="2022-01-19",
          qualifier="at_most"),
     dict(category="date", concept="emergency", value="2022-01-10"), "compatible"),
    # different actors are not compared
    (dict(category="troops", value=3000.0, actor="Russland"), dict(category="troops", value=500.0,
                                                                   actor="Belarus"), "single"),
    (dict(category="troops", value=3000.0, actor="Russland"), dict(category="troops", value=2500.0,
                                                                   actor="russland", as_of="2022-01-07"), "conflict"),
]


@pytest.mark.parametrize("left,right,expected", PAIRS)
def test_pair_status(left, right, expected):
    a = make_claim(doc="001", **{"as_of": "2022-01-07", **left})
    b = make_claim(doc="002", **{"as_of": "2022-01-11", **right})
    status, explanation = compare_group([a, b])
    assert status == expected, explanation
    assert compare_group([b, a])[0] == expected


def test_claims_of_one_document_are_never_compared():
    claims = [make_claim(doc="001", value=v) for v in (10.0, 20.0, 30.0)]
    assert compare_group(claims)[0] == "single"


def test_sum_of_parts_against_total():
    parts = [make_claim(doc="004", category="troops", concept="soldiers", value=v, actor=a)
             for v, a in ((3000.0, "Russland"), (500.0, "Weißrussland"), (200.0, "Tadschikistan"),
                          (70.0, "Armenien"))]
    total = make_claim(doc="002", category="troops", concept="soldiers", value=4000.0, actor="ODKB")
    status, explanation = compare_group(parts + [total])
    assert status == "sum_conflict"
    assert explanation == "3,000 + 500 + 200 + 70 = 3,770 vs 4,000 (troops, 004 vs 002)"
    near = make_claim(doc="003", category="troops", concept="soldiers", value=3770.0)
    assert compare_group(parts + [near])[0] == "sum_agree"
    about = make_claim(doc="003", category="troops", concept="soldiers", value=4000.0, low=3500.0,
                       high=4500.0, qualifier="approx")
    assert compare_group(parts + [about])[0] == "sum_agree"


def test_explanation_names_values_category_and_docs():
    a = make_claim(doc="003", category="population", concept="inhabitants", value=12e6)
    b = make_claim(doc="004", category="population", concept="inhabitants", value=19e6)
    assert compare_group([a, b]) == ("conflict", "12,000,000 vs 19,000,000 (population, 003 vs 004)")


def test_update_explanation_shows_both_dates():
    a = make_claim(doc="001", category="injuries", value=200.0, low=200.0, high=999.0, qualifier="vague",
                   text="Hunderte", as_of="2022-01-07")
    b = make_claim(doc="002", category="injuries", value=2200.0, low=2200.0, high=None,
                   qualifier="at_least", as_of="2022-01-11")
    status, explanation = compare_group([a, b])
    assert status == "update"
    assert "reported 7 January 2022" in explanation and "reported 11 January 2022" in explanation
    assert "≥2,200" in explanation


def test_worst_status_wins_and_others_are_named():
    claims = [make_claim(doc="001", value=14.0), make_claim(doc="002", value=14.0),
              make_claim(doc="003", value=16.0, as_of="2022-01-10")]
    status, explanation = compare_group(claims)
    assert status == "conflict"
    assert explanation.endswith("also agree")


def test_intervals():
    assert claim_interval(make_claim(value=2200.0, low=2200.0, high=None, qualifier="at_least")) == (2200, INF)
    assert claim_interval(make_claim(value="2022-01", category="date")) == day_span("2022-01")
    assert day_span("2022-02")[1] - day_span("2022-02")[0] == 27
    assert day_span("2022-12")[1] - day_span("2022-12")[0] == 30
    assert day_span("2024")[1] - day_span("2024")[0] == 365


# --- the sweep must give the worst pairwise status, checked against brute force ---

def _pair_status(a, b, cfg, listed=frozenset()):
    if a.doc == b.doc:
        return None
    if (a.actor or "").casefold() != (b.actor or "").casefold():
        return None
    (al, ah), (bl, bh) = claim_interval(a), claim_interval(b)
    if ah < bl or bh < al:
        lower, higher = (a, b) if ah < bl else (b, a)
        cumulative = a.category in load_config()["cumulative_categories"]
        ls, le = day_span(lower.as_of) if lower.as_of else (-INF, INF)
        hs = day_span(higher.as_of)[0] if higher.as_of else -INF
        in_window = ls <= day_span(lower.scope)[1] + cfg["update_window_days"]
        if cumulative and hs > le and in_window:
            return "update"
        return None if {a.doc, b.doc} & listed else "conflict"  # a report listing several figures is no rival
    if (al, ah) == (bl, bh) and "vague" not in (a.qualifier, b.qualifier):
        return "agree"
    return "compatible"


claim_strategy = st.builds(
    lambda doc, v, w, q, as_of, cat: make_claim(
        doc=doc, category=cat, value=float(v),
        low=float(v) if q != "at_most" else None,
        high=float(v + w) if q in ("range", "vague") else (None if q == "at_least" else float(v)),
        qualifier=q, as_of=as_of),
    st.sampled_from(["a", "b", "c", "d"]),
    st.integers(0, 20), st.integers(0, 5),
    st.sampled_from(["exact", "range", "vague", "at_least", "at_most"]),
    st.sampled_from([None, "2022-01", "2022-01-05", "2022-01-09", "2022-02-01", "2023-06-01"]),
    st.sampled_from(["deaths", "population"]),  # one category that grows, one that neither grows nor falls
)


@settings(max_examples=int(__import__("os").environ.get("CLAIMS_HYPOTHESIS_EXAMPLES", 400)), deadline=None)
@given(st.lists(claim_strategy, min_size=2, max_size=8))
def test_sweep_equals_worst_pairwise_status(claims):
    cat = claims[0].category
    claims = [make_claim(**{**_kw(c), "category": cat}) for c in claims]
    cfg = load_config()
    listed = set()
    if cat not in cfg["within_report_categories"]:  # a report giving two different figures lists things
        intervals: dict = {}
        listed = {c.doc for c in claims if intervals.setdefault(c.doc, claim_interval(c)) != claim_interval(c)}
    statuses = {_pair_status(a, b, cfg, listed) for a, b in itertools.combinations(claims, 2)} - {None}
    expected = min(statuses, key=SEVERITY.index) if statuses else "single"
    assert compare_group(claims)[0] == expected


def _kw(c):
    return dict(doc=c.doc, value=c.value, low=c.value_low, high=c.value_high, qualifier=c.qualifier,
                as_of=c.as_of)
